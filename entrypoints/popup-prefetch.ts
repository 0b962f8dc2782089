import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prefetchPopupState, type RawStorage } from '../lib/ui/models/storage-prefetch';

/**
 * A classic script in popup.html's <head>: starts the storage reads of the popup's first paint before its
 * module scripts have loaded (see lib/ui/models/storage-prefetch.ts). It uses the browser's own promise API
 * (`browser` in Firefox, `chrome` in Chrome MV3) because the polyfill is not loaded yet.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as { browser?: { storage: RawStorage }; chrome?: { storage: RawStorage } };
  const api = scope.browser ?? scope.chrome;
  if (api?.storage)
    (globalThis as { mayflyPrefetch?: unknown }).mayflyPrefetch = prefetchPopupState(api.storage);
});
