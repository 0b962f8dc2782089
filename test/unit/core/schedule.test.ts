import { describe, expect, it } from 'vitest';
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  nextPollAt,
  planAfterFailure,
  quotaPacedInterval,
  type ScheduleInput,
} from '../../../lib/core/schedule';

const NOW = 1_800_000_000_000;
const base: ScheduleInput = {
  now: NOW,
  expiresAt: NOW + 3_600_000,
  expired: false,
  authPaused: false,
  idleIntervalMs: 60_000,
  hotIntervalMs: 3_000,
  minIntervalMs: 1_000,
  liveMailboxesOnAccount: 1,
};

describe('nextPollAt', () => {
  it.each([
    ['never polled: now', {}, NOW],
    ['idle: last poll + idle interval', { lastPollAt: NOW - 10_000 }, NOW + 50_000],
    ['hot: last poll + hot interval', { lastPollAt: NOW - 1_000, hotUntil: NOW + 60_000 }, NOW + 2_000],
    ['hot ended: back to idle', { lastPollAt: NOW - 1_000, hotUntil: NOW - 1 }, NOW + 59_000],
    ['backoff wins over interval', { lastPollAt: NOW, nextAllowedAt: NOW + 120_000 }, NOW + 120_000],
    ['account pause wins', { lastPollAt: NOW, accountPausedUntil: NOW + 500_000 }, NOW + 500_000],
    [
      'provider floor beats a faster hot interval',
      { lastPollAt: NOW, hotUntil: NOW + 60_000, hotIntervalMs: 200, minIntervalMs: 1_000 },
      NOW + 1_000,
    ],
  ] as const)('%s', (_name, patch, expected) => {
    expect(nextPollAt({ ...base, ...patch })).toBe(expected);
  });

  it.each([
    ['expired flag', { expired: true }],
    ['past its deadline', { expiresAt: NOW - 1 }],
    ['key refused', { authPaused: true }],
  ] as const)('never polls a mailbox that is %s', (_name, patch) => {
    expect(nextPollAt({ ...base, ...patch })).toBeNull();
  });
});

describe('quota pacing', () => {
  it('does nothing while the quota is healthy', () => {
    const quota = { limit: 50_000, remaining: 40_000, resetAt: NOW + 86_400_000, observedAt: NOW };
    expect(quotaPacedInterval({ quota, now: NOW, liveMailboxesOnAccount: 3 })).toBe(0);
  });
  it('spreads a low quota over the time to reset, per live mailbox', () => {
    const quota = { limit: 50_000, remaining: 100, resetAt: NOW + 100 * 60_000, observedAt: NOW };
    expect(quotaPacedInterval({ quota, now: NOW, liveMailboxesOnAccount: 2 })).toBe(120_000);
    expect(nextPollAt({ ...base, lastPollAt: NOW, quota, liveMailboxesOnAccount: 2 })).toBe(NOW + 120_000);
  });
  it('waits for the reset when nothing is left', () => {
    const quota = { limit: 50_000, remaining: 0, resetAt: NOW + 3_600_000, observedAt: NOW };
    expect(nextPollAt({ ...base, lastPollAt: NOW, quota })).toBe(NOW + 3_600_000);
  });
});

describe('backoff', () => {
  it('doubles per failure, with equal jitter, up to the cap', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 0)).toBe(4_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it('plans by error kind', () => {
    expect(planAfterFailure('auth', {}, 1, NOW)).toEqual({ pauseAuth: true });
    expect(planAfterFailure('expired', {}, 1, NOW)).toEqual({ markExpired: true });
    expect(planAfterFailure('quota-exhausted', { resetAt: NOW + 5_000 }, 1, NOW)).toEqual({
      accountPausedUntil: NOW + 5_000,
    });
    expect(planAfterFailure('rate-limited', { retryAfterMs: 30_000 }, 1, NOW)).toEqual({
      nextAllowedAt: NOW + 30_000,
    });
    expect(planAfterFailure('server', {}, 2, NOW, () => 1)).toEqual({ nextAllowedAt: NOW + 4_000 });
  });
});
