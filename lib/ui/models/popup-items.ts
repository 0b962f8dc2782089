import {
  accountStateItem,
  activeMailboxItem,
  mailboxesItem,
  messagesItem,
  pollStateItem,
  quotaItem,
  settingsItem,
} from '../../storage/items';
import type { PopupItems } from './popup-model';

/** The real storage items behind the popup model (tests pass the same ones over fakeBrowser). */
export const popupStorageItems: PopupItems = {
  settings: settingsItem,
  mailboxes: mailboxesItem,
  activeMailbox: activeMailboxItem,
  messages: messagesItem,
  pollState: pollStateItem,
  quota: quotaItem,
  accountState: accountStateItem,
};
