import type { ProviderId } from './types';

/**
 * The person's settings and their defaults: pure, so Node code (the e2e harness, benches) seeds exactly
 * what the extension would hold. Stored by lib/storage/items.ts (`local:settings`).
 */

/** The choices Options offers for forgetting expired mailboxes (0: never, the default). */
export const RETENTION_DAYS = [0, 7, 30, 90] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];
/** How long Options offers "Undo" after a retention choice that forgets mailboxes now. */
export const RETENTION_UNDO_MS = 10_000;
/** The choices Options offers for "warn before a site's address expires", in minutes (0: off). */
export const EXPIRY_WARNING_MINUTES = [0, 10, 30, 60] as const;
export type ExpiryWarningMinutes = (typeof EXPIRY_WARNING_MINUTES)[number];

export interface Settings {
  /** The provider new mailboxes are made with. TempMail.lol needs no key, so it is the default. */
  provider: ProviderId;
  /** API base URL per provider. The self-hosted one has no default. */
  baseUrls: Record<ProviderId, string>;
  tempmailLolApi: 'v2' | 'v1';
  notifications: boolean;
  /** Baseline poll interval of a live mailbox when nobody is waiting. */
  idlePollSeconds: number;
  /** Poll interval while someone is waiting (new mailbox, filled address, popup open). */
  hotPollSeconds: number;
  /** How long hot mode lasts after its trigger. */
  hotMinutes: number;
  /** Sites (hostnames) where the inline button is enabled. */
  inlineButtonSites: string[];
  theme: 'system' | 'light' | 'dark';
  /** Expired mailboxes and their mail are forgotten this many days after they expired; 0 keeps them. */
  forgetExpiredAfterDays: RetentionDays;
  /** The popup says a site's address expires soon this many minutes before it goes; 0: only once gone. */
  expiryWarningMinutes: ExpiryWarningMinutes;
  /** A notification warns once per mailbox before it expires (within expiryWarningMinutes). */
  expiryNotify: boolean;
}

export const DEFAULT_BASE_URLS: Record<ProviderId, string> = {
  tempmailg: 'https://v1.tempmailg.com/api',
  'tempmail-lol': 'https://api.tempmail.lol',
  mailtm: 'https://api.mail.tm',
  mailgw: 'https://api.mail.gw',
  selfhosted: '',
};

export const DEFAULT_SETTINGS: Settings = {
  provider: 'tempmail-lol',
  baseUrls: { ...DEFAULT_BASE_URLS },
  tempmailLolApi: 'v2',
  notifications: true,
  idlePollSeconds: 60,
  hotPollSeconds: 3,
  hotMinutes: 5,
  inlineButtonSites: [],
  theme: 'system',
  forgetExpiredAfterDays: 0,
  expiryWarningMinutes: 10,
  expiryNotify: false,
};
