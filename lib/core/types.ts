/** Domain types shared by every layer. No browser APIs here. */

export type ProviderId = 'tempmailg' | 'selfhosted' | 'tempmail-lol' | 'mailtm' | 'mailgw';
export const PROVIDER_IDS: readonly ProviderId[] = [
  'tempmail-lol',
  'mailtm',
  'mailgw',
  'tempmailg',
  'selfhosted',
];
/** The providers that need neither a key nor a server of one's own: where "Try another provider" leads. */
export const KEYLESS_PROVIDER_IDS: readonly ProviderId[] = ['tempmail-lol', 'mailtm', 'mailgw'];
/** Product names, not translated. */
export const PROVIDER_NAMES: Record<ProviderId, string> = {
  tempmailg: 'tempmailg',
  'tempmail-lol': 'TempMail.lol',
  mailtm: 'Mail.tm',
  mailgw: 'Mail.gw',
  selfhosted: 'self-hosted TempMail API',
};

/**
 * "Try another provider": the keyless provider to offer when a site refuses this one's domains or the
 * network blocks it (TempMail.lol and Mail.tm for each other), or undefined for providers with a key or a
 * server of one's own, whose person chose them on purpose.
 */
export function otherKeylessProvider(provider: ProviderId): ProviderId | undefined {
  if (provider === 'tempmail-lol') return 'mailtm';
  if (provider === 'mailtm' || provider === 'mailgw') return 'tempmail-lol';
  return undefined;
}

/** Secret per-mailbox credentials. Kept in lib/storage/secrets, never in storage.local, never logged. */
export type MailboxCredentials =
  | { kind: 'tempmailg'; id: number; emailToken: string }
  | { kind: 'selfhosted' }
  /**
   * TempMail.lol: the inbox token; for a custom domain read through the legacy flows (`customDomain`), the
   * domain's password instead, and the mailbox is the domain's catch-all.
   */
  | { kind: 'tempmail-lol'; token: string; api: 'v2' | 'v1'; customDomain?: true }
  /** Mail.tm / Mail.gw: the account's password (to log in again) and its current JWT. */
  | { kind: 'mailtm' | 'mailgw'; accountId: string; password: string; token: string };

/** What a provider returns when it creates (or renames) a mailbox. */
export interface CreatedMailbox {
  provider: ProviderId;
  address: string;
  domain: string;
  /** Epoch ms. The server's value when it reports one, else the local time of creation. */
  createdAt: number;
  /** Epoch ms, or null when unknown. */
  expiresAt: number | null;
  credentials: MailboxCredentials;
  /** The name the person asked for, when the service made the address without it (TempMail.lol). */
  ignoredName?: string;
  /** TempMail.lol: the catch-all of the person's own domain (address `*@domain`), read with its password. */
  customDomain?: true;
}

/** A mailbox as stored (without its credentials) and shown. */
export interface Mailbox {
  /** Local id, stable for the life of the record: `${provider}:${address}` at creation. */
  id: string;
  provider: ProviderId;
  address: string;
  domain: string;
  createdAt: number;
  expiresAt: number | null;
  /** Set when the provider says the mailbox is gone, or the deadline passed. */
  expired: boolean;
  /** Epoch ms when Mayfly found it gone (retention counts from here when no expiry was announced). */
  expiredAt?: number;
  label?: string;
  /** The site (hostname) the address was made for, if any. */
  site?: string;
  /** The name the person asked for, when the service silently made the address without it. */
  ignoredName?: string;
  /** TempMail.lol: the catch-all of the person's own domain (`*@domain`): never expires locally. */
  customDomain?: true;
  /** Pinned by the person: listed first in the popup. */
  pinned?: boolean;
}

export interface EmailAddress {
  name?: string;
  address?: string;
}

export interface AttachmentRef {
  filename: string;
  size?: number;
  contentType?: string;
  /** Absolute URL. */
  url: string;
  /**
   * How to fetch it: with the API key (same origin only), with the mailbox's own token (Mail.tm, same
   * origin only), or as a public URL.
   */
  auth: 'bearer-api-key' | 'bearer-mailbox' | 'none';
}

/** A message as a provider hands it out (normalised). */
export interface ProviderMessage {
  /** Provider id, or a synthesized stable hash where the provider has none (TempMail.lol). */
  id: string;
  from: EmailAddress;
  to?: string;
  subject: string;
  /** Epoch ms, best effort. */
  receivedAt: number;
  seen?: boolean;
  /** False when the list carries only a summary and the body needs a getMessage call. */
  hasBody: boolean;
  text?: string;
  html?: string;
  attachments: AttachmentRef[];
  /**
   * The provider handed this email out but Mayfly could not understand all of it (a field of an unknown
   * type, or not an object at all). It is kept rather than dropped, because a destructive read cannot
   * ask again: `text` then holds the raw JSON as it arrived, and the UI says the mail could not be read.
   */
  malformed?: boolean;
}

/**
 * What an inbox list shows of one message: kept per mailbox in storage.local, apart from its body, so the
 * popup reads one mailbox's summaries and never a body it does not show.
 */
export interface MessageSummary {
  id: string;
  mailboxId: string;
  from: EmailAddress;
  to?: string;
  subject: string;
  receivedAt: number;
  /** Epoch ms when Mayfly first stored it. */
  fetchedAt: number;
  seen: boolean;
  /** False while only the provider's summary is known (the body is fetched when the message is opened). */
  hasBody: boolean;
  code?: string;
  link?: string;
  attachmentCount: number;
  /** Characters of body kept (text + HTML), for the storage figures in Options. */
  size: number;
  truncated?: boolean;
  /** The provider's answer for this mail could not be fully understood; its raw form is the body. */
  malformed?: boolean;
}

/** The part of a message kept in IndexedDB, one record per message, read only when it is opened. */
export interface MessageBody {
  mailboxId: string;
  id: string;
  text?: string;
  html?: string;
  attachments: AttachmentRef[];
}

/** A message as stored locally: its summary and its body together (what the reader shows). */
export interface StoredMessage extends ProviderMessage {
  mailboxId: string;
  /** Epoch ms when Mayfly first stored it. */
  fetchedAt: number;
  seen: boolean;
  /** True when a body was cut to the storage cap. */
  truncated?: boolean;
  /** Verification code found in the mail, if any. */
  code?: string;
  /** Verification link found in the mail, if any. */
  link?: string;
}

export interface DomainInfo {
  domain: string;
  tier?: 'free' | 'premium' | 'custom' | 'community';
}

export interface RateLimitInfo {
  limit?: number;
  used?: number;
  remaining?: number;
  /** Epoch ms. */
  resetAt?: number;
  /** Epoch ms when these figures were read. */
  observedAt: number;
}
