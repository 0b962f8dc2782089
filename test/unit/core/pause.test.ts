import { describe, expect, it } from 'vitest';
import {
  dueUnderPause,
  isPaused,
  pauseEnd,
  PAUSE_HOUR_MS,
  TOMORROW_HOUR,
  type PauseState,
} from '../../../lib/core/pause';

/** 2026-12-03 23:40 local time: "tomorrow" must mean the next morning, not twenty minutes from now. */
const LATE = new Date(2026, 11, 3, 23, 40).getTime();
const NOON = new Date(2026, 11, 3, 12, 0).getTime();

describe('pauseEnd', () => {
  it.each([
    ['hour', NOON, NOON + PAUSE_HOUR_MS],
    ['tomorrow', NOON, new Date(2026, 11, 4, TOMORROW_HOUR).getTime()],
    ['tomorrow', LATE, new Date(2026, 11, 4, TOMORROW_HOUR).getTime()],
    // The last day of a month rolls into the next month.
    ['tomorrow', new Date(2026, 11, 31, 9).getTime(), new Date(2027, 0, 1, TOMORROW_HOUR).getTime()],
    ['indefinite', NOON, null],
  ] as const)('%s from %d ends at %s', (choice, now, end) => {
    expect(pauseEnd(choice, now)).toBe(end);
  });
});

describe('isPaused and dueUnderPause', () => {
  const timed: PauseState = { since: NOON, until: NOON + PAUSE_HOUR_MS };
  const open: PauseState = { since: NOON, until: null };

  it.each([
    ['no pause', null, NOON + 1, false],
    ['inside a timed pause', timed, NOON + 1, true],
    ['at its end', timed, NOON + PAUSE_HOUR_MS, false],
    ['after its end', timed, NOON + 2 * PAUSE_HOUR_MS, false],
    ['an open-ended pause, much later', open, NOON + 30 * 86_400_000, true],
  ] as const)('%s: paused %s', (_name, pause, now, paused) => {
    expect(isPaused(pause, now)).toBe(paused);
  });

  it('moves a due poll to the end of a timed pause, drops it under an open pause, leaves it otherwise', () => {
    const now = NOON + 60_000;
    expect(dueUnderPause(now + 5_000, timed, now)).toBe(timed.until);
    expect(dueUnderPause(timed.until! + 5_000, timed, now)).toBe(timed.until! + 5_000);
    expect(dueUnderPause(now + 5_000, open, now)).toBeNull();
    expect(dueUnderPause(now + 5_000, null, now)).toBe(now + 5_000);
    // A mailbox that must not be polled at all (expired) stays so, paused or not.
    expect(dueUnderPause(null, timed, now)).toBeNull();
    // After the pause, the schedule is its own again.
    expect(dueUnderPause(now + 5_000, timed, timed.until! + 1)).toBe(now + 5_000);
  });
});
