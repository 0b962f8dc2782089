import { defineContentScript } from 'wxt/utils/define-content-script';
import { createAutofillController } from '../lib/content/autofill-controller';
import { startOnce } from '../lib/content/once';
import { answerBackground } from '../lib/content/runtime-channel';

/**
 * On-demand autofill. Not in the manifest: the background injects it into one frame after a context-menu
 * click or the keyboard command (activeTab + scripting), then sends `fillAddress`. Injecting it
 * twice is harmless: the second run finds the marker and does nothing.
 *
 * `world: 'MAIN'` only picks WXT's lighter build wrapper: the isolated-world wrapper builds a
 * ContentScriptContext, which pulls in webextension-polyfill (about 3 KB gzip) this script never uses.
 * The script still runs in the isolated world, because the background injects it with
 * `scripting.executeScript`, whose default world is ISOLATED; it is never registered from these options.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    startOnce('mayfly.autofill.installed', () => {
      const controller = createAutofillController(document);
      answerBackground({ fillAddress: (data) => controller.fillAddress(data) });
    });
  },
});
