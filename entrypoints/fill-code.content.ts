import { defineContentScript } from 'wxt/utils/define-content-script';
import { answerFillCode } from '../lib/content/one-time-code';
import { startOnce } from '../lib/content/once';
import { answerBackground } from '../lib/content/runtime-channel';

/**
 * On-demand "Fill into page" for a verification code. Not in the manifest: the background injects it into
 * the active tab when the person presses the button in the popup (activeTab + scripting), then sends
 * `fillCode`. Kept apart from the autofill script so each stays small; injecting it twice is harmless.
 *
 * `world: 'MAIN'` only picks WXT's lighter build wrapper, as in autofill.content.ts: the background injects
 * it with `world: 'ISOLATED'`.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    startOnce('mayfly.fill-code.installed', () =>
      answerBackground({ fillCode: (data) => answerFillCode(document, data) }),
    );
  },
});
