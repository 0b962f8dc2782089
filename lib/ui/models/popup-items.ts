import { browser } from 'wxt/browser';
import type { PauseState } from '../../core/pause';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { inboxKey, STORAGE_KEYS } from '../../storage/keys';
import type { PopupItems } from './popup-model';
import { popupPrefetch } from './storage-prefetch';
import { browserStorageReader, createStorageView } from './storage-view';

const view = createStorageView(browserStorageReader(browser.storage), popupPrefetch());

/**
 * The storage behind the popup model, read through a batching view (see ./storage-view.ts): the popup
 * imports no item definitions, so opening it reads only what it shows. Tests pass the same shape over
 * fakeBrowser.
 */
export const popupStorageItems: PopupItems = {
  settings: view.item(STORAGE_KEYS.settings, () => structuredClone(DEFAULT_SETTINGS)),
  mailboxes: view.item(STORAGE_KEYS.mailboxes, () => []),
  activeMailbox: view.item<string | null>(STORAGE_KEYS.activeMailbox, () => null),
  inbox: (mailboxId) => view.item(inboxKey(mailboxId), () => []),
  counts: view.item(STORAGE_KEYS.mailCounts, () => ({})),
  pollState: view.item(STORAGE_KEYS.pollState, () => ({})),
  quota: view.item(STORAGE_KEYS.quota, () => ({})),
  accountState: view.item(STORAGE_KEYS.accountState, () => ({})),
  pause: view.item<PauseState | null>(STORAGE_KEYS.pause, () => null),
  siteMemory: view.item(STORAGE_KEYS.siteMemory, () => ({})),
};
