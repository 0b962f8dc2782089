import { storage } from 'wxt/utils/storage';
import type { Mailbox, ProviderId, RateLimitInfo } from '../core/types';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { SerializedAppError } from '../core/errors';
import { STORAGE_KEYS } from './keys';
import type { PauseState } from '../core/pause';

/**
 * Every storage item of Mayfly, typed and versioned. The background is the single writer of mail state;
 * extension pages read and watch these items. Secrets (API keys, mailbox tokens) are NOT here: see
 * ./secrets.ts. Migrations are pure functions of the old value (they may run in popup and background at
 * once); a test per migration lives in test/unit/storage.
 */

/**
 * Options for an item at version 1. The fallback is a getter returning a fresh copy: WXT hands out the
 * fallback object itself when nothing is stored, and the background edits values it reads before writing
 * them back, so a shared fallback would leak one caller's edits into the next read.
 */
function v1<T>(fallback: T) {
  return {
    get fallback(): T {
      return structuredClone(fallback);
    },
    version: 1,
  };
}

export { DEFAULT_BASE_URLS, DEFAULT_SETTINGS, RETENTION_DAYS, type Settings } from '../core/settings';

export const settingsItem = storage.defineItem<Settings>(STORAGE_KEYS.settings, v1(DEFAULT_SETTINGS));

/** Mailboxes, newest first. Credentials live in secrets, keyed by mailbox id. */
export const mailboxesItem = storage.defineItem<Mailbox[]>(STORAGE_KEYS.mailboxes, v1([]));

/** The mailbox the popup shows. */
export const activeMailboxItem = storage.defineItem<string | null>(STORAGE_KEYS.activeMailbox, v1(null));

/**
 * Mail itself lives in ./mail-store.ts (storage v2: summaries per mailbox, bodies in IndexedDB, counts).
 * `local:messages` is the v1 layout, read once by the migration and then removed.
 */
export const LEGACY_MESSAGES_KEY = 'local:messages';

/** Per-mailbox poll state: everything the scheduler must remember across service-worker restarts. */
export interface PollState {
  /** Epoch ms of the last poll attempt / success. */
  lastPollAt?: number;
  lastSuccessAt?: number;
  /** Hot mode lasts until this epoch ms. */
  hotUntil?: number;
  /** Consecutive failures, for exponential backoff. */
  failures: number;
  /** No poll before this epoch ms (backoff, 429, quota). */
  nextAllowedAt?: number;
  /** A poll holds this lease (epoch ms expiry) so two wake-ups never poll one mailbox at once. */
  leaseUntil?: number;
  /** The worker instance that holds the lease; a lease of an earlier instance is stale. */
  leaseOwner?: string;
  lastError?: SerializedAppError;
  /** First successful sync done: messages seen then are not notified (no storm on first sync). */
  primed: boolean;
  /** The last poll that had to drop unread mail past the per-mailbox ceiling: how many, and when. */
  dropped?: { count: number; at: number };
}

export const pollStateItem = storage.defineItem<Record<string, PollState>>(STORAGE_KEYS.pollState, v1({}));

/** Quota figures per provider (tempmailg sends X-RateLimit-*). */
export const quotaItem = storage.defineItem<Partial<Record<ProviderId, RateLimitInfo>>>(
  STORAGE_KEYS.quota,
  v1({}),
);

/** Providers paused because their key was refused; the person is told once. */
export interface AccountState {
  /** The key was refused: no requests for this provider until a new key is saved. */
  authPaused: boolean;
  /** The person was told once. */
  authNotified: boolean;
  /** No requests for this provider before this epoch ms (quota exhausted, 429 on the account). */
  pausedUntil?: number;
}
export const accountStateItem = storage.defineItem<Partial<Record<ProviderId, AccountState>>>(
  STORAGE_KEYS.accountState,
  v1({}),
);

/**
 * Message ids already notified (or deliberately not), so a restart never notifies twice: one key per
 * mailbox, so a claim reads one mailbox's ids. `local:notified` (all mailboxes in one key) is the v1 layout.
 */
export const notifiedKey = (mailboxId: string) => `local:notified:${mailboxId}` as const;
export const LEGACY_NOTIFIED_KEY = 'local:notified';

/** Which address was used on which site (hostname -> mailbox id). */
export const siteMemoryItem = storage.defineItem<Record<string, string>>(STORAGE_KEYS.siteMemory, v1({}));

/**
 * Whether "Try another domain" may use TempMail.lol's community domains: their owners are volunteers who can
 * read mail that reaches expired addresses there, so the person is asked once ('ask') and the answer kept.
 */
export type CommunityDomains = 'ask' | 'yes' | 'no';
export const communityDomainsItem = storage.defineItem<CommunityDomains>('local:communityDomains', v1('ask'));

/** Domains a site refused ("disposable addresses not allowed"): hostname -> domains, avoided there from then on. */
export const refusedDomainsItem = storage.defineItem<Record<string, string[]>>(
  'local:refusedDomains',
  v1({}),
);

/** Sites where the person dismissed the inline button. */
export const dismissedSitesItem = storage.defineItem<string[]>('local:dismissedSites', v1([]));

/**
 * Mayfly paused by the person (popup switch or toolbar-icon menu): null when running. The scheduler, the
 * poller, the badge and the menus derive from it (lib/core/pause.ts); a timed pause simply runs out.
 */
/** Mailboxes the background has warned about before they expire (ids), so it warns once per mailbox. */
export const expiryWarnedItem = storage.defineItem<string[]>(STORAGE_KEYS.expiryWarned, v1([]));

export const pauseItem = storage.defineItem<PauseState | null>(STORAGE_KEYS.pause, v1(null));
