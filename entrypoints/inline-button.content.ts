import { defineContentScript } from 'wxt/utils/define-content-script';
import { startInlineButton, type AddressReply } from '../lib/content/inline-button';
import { askBackground, runtimeApi } from '../lib/content/runtime-channel';

/**
 * The inline button, off by default. Not in the manifest: lib/background/inline-button.ts registers it
 * (scripting.registerContentScripts, isolated world) only for the sites the person enabled and granted.
 *
 * `world: 'MAIN'` only picks WXT's lighter build wrapper (no webextension-polyfill, which this script never
 * uses); the registration above decides where it runs, and it runs in the isolated world.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  main() {
    const api = runtimeApi();
    startInlineButton(document, {
      requestAddress: (mode) => askBackground<AddressReply>('requestAddress', { mode }),
      dismiss: () => askBackground<void>('dismissInlineButton'),
      message: (key) => api.i18n.getMessage(key),
    });
  },
});
