import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOnce } from '../lib/content/once';
import { createRefusalWatch } from '../lib/content/refusal';
import { answerBackground, askBackground } from '../lib/content/runtime-channel';

/**
 * On-demand, right after Mayfly filled an address into a frame: watches that form for the site's answer
 * ("disposable addresses are not allowed") and tells the background, which offers another domain. Injected
 * into the same frame as the fill (activeTab + scripting), never registered; a separate script so the autofill
 * script stays small.
 *
 * `world: 'MAIN'` only picks WXT's lighter build wrapper, as in autofill.content.ts: the background injects
 * it with `world: 'ISOLATED'`.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    startOnce('mayfly.refusal-watch.installed', () => {
      const watch = createRefusalWatch(document, (address) => {
        askBackground('addressRefused', { address }).catch(() => undefined);
      });
      answerBackground({ watchRefusal: watch });
    });
  },
});
