import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PauseChoice, PauseState } from '../core/pause';
import type { MailboxTransfer } from '../core/mailbox-qr';
import type { DomainInfo, Mailbox, ProviderId, StoredMessage } from '../core/types';
import type { Settings } from '../storage/items';

/**
 * The privileged protocol: extension pages (popup, options) -> background. The background accepts these
 * only from extension pages (see lib/background/trust.ts): a content script or web page sending one is
 * refused. Errors arrive in the caller as plain objects with `name: 'AppError'` and a `kind`.
 */
export interface ExtensionProtocol {
  createMailbox(data: {
    provider?: ProviderId;
    username?: string;
    domain?: string;
    label?: string;
    site?: string;
  }): Mailbox;
  renameMailbox(data: { mailboxId: string; username: string; domain: string }): Mailbox;
  updateMailbox(data: { mailboxId: string; label?: string; pinned?: boolean }): Mailbox;
  /** Deletes on the server where the provider can, then forgets locally. */
  deleteMailbox(data: { mailboxId: string }): void;
  /** Shows this mailbox in the popup (the background is the one writer of the active mailbox). */
  selectMailbox(data: { mailboxId: string | null }): void;
  /** Poll now (one mailbox or all live ones); resolves when done. */
  refresh(data: { mailboxId?: string }): void;
  /** The popup is showing this mailbox: poll it hot for a while. Sent on open and as a heartbeat. */
  watchMailbox(data: { mailboxId: string }): void;
  /** Returns the message with its body, fetching it from the API if only a summary is stored. */
  getMessage(data: { mailboxId: string; messageId: string }): StoredMessage;
  markRead(data: { mailboxId: string; messageId: string; read: boolean }): void;
  deleteMessage(data: { mailboxId: string; messageId: string }): void;
  downloadAttachment(data: { mailboxId: string; messageId: string; filename: string }): void;
  listDomains(data: { provider: ProviderId }): DomainInfo[];
  /** Probes an API with the given settings (not yet saved) and returns a diagnosis. */
  testConnection(data: { provider: ProviderId; baseUrl: string; apiKey?: string }): { detail?: string };
  /** Saves the options page's settings (checked; the inline-button site list stays as stored) and returns them. */
  saveSettings(data: { settings: Settings }): Settings;
  /** Lists or unlists one site (hostname) for the inline button. */
  setSiteButton(data: { hostname: string; on: boolean }): void;
  /**
   * The popup's "Try another domain" for a mailbox made for a site: a new address on a domain the site has
   * not refused, filled into the active tab when it shows that site (in place of the refused address).
   */
  tryOtherDomain(data: { mailboxId: string; otherProvider?: boolean }): { mailbox: Mailbox; filled: boolean };
  /** Adds the person's own TempMail.lol domain (legacy flows): its catch-all, read with the password. */
  addCustomDomain(data: { domain: string; password: string }): Mailbox;
  /** The person's answer to "may Try another domain use TempMail.lol's community domains?", kept. */
  setCommunityDomains(data: { allow: boolean }): void;
  /** Lets a site have every domain again ("Try another domain" had marked some refused there). */
  forgetRefusedDomains(data: { site: string }): void;
  /** Saves the key for the API at `baseUrl` (sent to that origin only); an empty key forgets the saved one. */
  saveApiKey(data: { provider: ProviderId; apiKey: string; baseUrl?: string }): void;
  hasApiKey(data: { provider: ProviderId }): boolean;
  /** The origin the saved key belongs to (never the key), or null. */
  apiKeyOrigin(data: { provider: ProviderId }): string | null;
  /** "Use my saved key with this address": the person moves the saved key to the origin of `baseUrl`. */
  useSavedApiKey(data: { provider: ProviderId; baseUrl: string }): void;
  /**
   * Fills a verification code into the active tab's one-time-code field. Works from the popup: opening it
   * is the click that grants activeTab for that tab. With `mailboxId`, a code of a mailbox made for one site
   * is not filled into a page of another: the answer names both sites instead, and the person may confirm
   * by sending again with `otherSite` set to the page's site.
   */
  fillCodeInPage(data: { code: string; mailboxId?: string; otherSite?: string }): {
    filled: boolean;
    siteMismatch?: { page: string; mailbox: string };
  };
  /** JSON a person can move to another browser; includes mailbox credentials (never API keys). */
  /** Stops polling and mail notifications for the chosen while (issue 15). */
  pause(data: { choice: PauseChoice }): PauseState;
  resume(): void;
  exportMailboxes(): string;
  /**
   * "Move a mailbox to a phone": the mailbox's address, provider, API base URL and its own secret (token or
   * password; null when it has none to give), never an account's API key. Asked only after the person
   * confirmed that the code gives access to the mail.
   */
  mailboxTransfer(data: { mailboxId: string }): MailboxTransfer;
  importMailboxes(data: { json: string }): { imported: number; skipped: number };
}

export const extensionMessenger = defineExtensionMessaging<ExtensionProtocol>({ logger: undefined });
