import { defineContentScript } from 'wxt/utils/define-content-script';
import { createAutofillController } from '../lib/content/autofill-controller';
import { contentMessenger } from '../lib/messaging/content-protocol';

/** Set on the page's window (in this extension's isolated world) once the script has started. */
const INSTALLED = Symbol.for('mayfly.autofill.installed');

/**
 * On-demand autofill. Not in the manifest: the background injects it into one frame after a context-menu
 * click or the keyboard command (activeTab + scripting), then sends `fillAddress` / `fillCode`. Injecting it
 * twice is harmless: the second run finds the marker and does nothing.
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    const marked = window as unknown as Record<symbol, boolean>;
    if (marked[INSTALLED]) return;
    marked[INSTALLED] = true;
    const controller = createAutofillController(document);
    contentMessenger.onMessage('fillAddress', ({ data }) => controller.fillAddress(data));
    contentMessenger.onMessage('fillCode', ({ data }) => controller.fillCode(data));
  },
});
