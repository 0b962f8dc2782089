import type { ErrorKind } from './errors';
import type { RateLimitInfo } from './types';

/**
 * When to poll a mailbox next, and how long to back off after a failure. Pure functions of stored state,
 * so the service worker can be stopped at any moment and pick up where it was.
 */

export interface ScheduleInput {
  now: number;
  expiresAt: number | null;
  expired: boolean;
  lastPollAt?: number;
  hotUntil?: number;
  nextAllowedAt?: number;
  /** Account-wide pause (quota, 429) for the provider. */
  accountPausedUntil?: number;
  authPaused: boolean;
  idleIntervalMs: number;
  hotIntervalMs: number;
  /** The API's floor between two reads of one mailbox (TempMail.lol: 1 s per token). */
  minIntervalMs: number;
  /** Quota figures (tempmailg) and how many live mailboxes share them. */
  quota?: RateLimitInfo;
  liveMailboxesOnAccount: number;
}

/** The settings' poll bounds: faster than 2 s hammers the APIs; slower than an hour is no longer "polling". */
export const POLL_LIMITS = {
  idlePollSeconds: { min: 15, max: 3600 },
  hotPollSeconds: { min: 2, max: 60 },
  hotMinutes: { min: 1, max: 60 },
} as const;

/** A poll setting held to its bounds, as a whole number; undefined for anything that is not a finite number. */
export function clampPollSetting(key: keyof typeof POLL_LIMITS, value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const { min, max } = POLL_LIMITS[key];
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Quota below this fraction of the limit makes polling pace itself to last until the reset. */
export const QUOTA_PACING_FRACTION = 0.2;

/** Epoch ms of the next poll, or null when the mailbox must not be polled at all. */
export function nextPollAt(i: ScheduleInput): number | null {
  if (i.expired || i.authPaused) return null;
  if (i.expiresAt !== null && i.expiresAt <= i.now) return null;
  const hot = i.hotUntil !== undefined && i.hotUntil > i.now;
  let interval = Math.max(hot ? i.hotIntervalMs : i.idleIntervalMs, i.minIntervalMs);
  interval = Math.max(interval, quotaPacedInterval(i));
  const base = i.lastPollAt === undefined ? i.now : i.lastPollAt + interval;
  return Math.max(base, i.nextAllowedAt ?? 0, i.accountPausedUntil ?? 0);
}

/**
 * Spreads what is left of a quota over the time to its reset, shared by the live mailboxes. Applies only
 * when the quota runs low, so a healthy quota never slows hot mode down.
 */
export function quotaPacedInterval(
  i: Pick<ScheduleInput, 'quota' | 'now' | 'liveMailboxesOnAccount'>,
): number {
  const q = i.quota;
  if (!q || q.remaining === undefined || q.limit === undefined || q.resetAt === undefined) return 0;
  if (q.remaining > q.limit * QUOTA_PACING_FRACTION) return 0;
  const untilReset = Math.max(0, q.resetAt - i.now);
  if (q.remaining <= 0) return untilReset;
  return Math.ceil((untilReset / q.remaining) * Math.max(1, i.liveMailboxesOnAccount));
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Exponential backoff with jitter ("equal jitter": half fixed, half random) after `failures` consecutive
 * failures. random is injectable for tests.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export interface FailurePlan {
  /** No poll of this mailbox before. */
  nextAllowedAt?: number;
  /** No request for the whole provider account before. */
  accountPausedUntil?: number;
  /** Stop polling the account until a new key is saved. */
  pauseAuth?: boolean;
  /** The mailbox is gone. */
  markExpired?: boolean;
}

/** What a failed poll means for the schedule. */
export function planAfterFailure(
  kind: ErrorKind,
  details: { retryAfterMs?: number; resetAt?: number },
  failures: number,
  now: number,
  random: () => number = Math.random,
): FailurePlan {
  switch (kind) {
    case 'auth':
      return { pauseAuth: true };
    case 'expired':
      return { markExpired: true };
    case 'quota-exhausted':
      return { accountPausedUntil: details.resetAt ?? now + 60 * 60_000 };
    case 'rate-limited': {
      const wait = details.retryAfterMs ?? (details.resetAt ? details.resetAt - now : undefined);
      return { nextAllowedAt: now + Math.max(wait ?? backoffDelay(failures, random), 1_000) };
    }
    default:
      return { nextAllowedAt: now + backoffDelay(failures, random) };
  }
}
