import {
  accountStateItem,
  activeMailboxItem,
  mailboxesItem,
  pauseItem,
  pollStateItem,
  quotaItem,
  settingsItem,
  siteMemoryItem,
} from '../../storage/items';
import { inboxItem, mailCountsItem } from '../../storage/mail-store';
import type { PopupItems } from './popup-model';

/** The real storage items behind the popup model (tests pass the same ones over fakeBrowser). */
export const popupStorageItems: PopupItems = {
  settings: settingsItem,
  mailboxes: mailboxesItem,
  activeMailbox: activeMailboxItem,
  inbox: inboxItem,
  counts: mailCountsItem,
  pollState: pollStateItem,
  quota: quotaItem,
  accountState: accountStateItem,
  pause: pauseItem,
  siteMemory: siteMemoryItem,
};
