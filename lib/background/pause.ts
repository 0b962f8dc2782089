import type { browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { isPauseChoice, isPaused, pauseEnd, type PauseState } from '../core/pause';
import { pauseItem } from '../storage/items';

/** Wakes the worker when a timed pause runs out, so the badge and menus turn back without a poll. */
export const PAUSE_ALARM = 'mayfly-pause-end';

/** Pauses polling and mail notifications for the chosen while (the popup switch, the toolbar-icon menu). */
export async function pauseFor(choice: unknown, now: number): Promise<PauseState> {
  if (!isPauseChoice(choice)) throw new AppError('validation', 'That is not a pause choice.');
  const state: PauseState = { since: now, until: pauseEnd(choice, now) };
  await pauseItem.setValue(state);
  return state;
}

/** Resumes at once: the scheduler follows the item and polls every mailbox that came due meanwhile. */
export async function resume(): Promise<void> {
  await pauseItem.setValue(null);
}

/** Clears a stored pause whose end has come (the alarm, or a worker that was asleep at the time). */
export async function endPauseIfOver(now: number): Promise<void> {
  const pause = await pauseItem.getValue();
  if (pause !== null && !isPaused(pause, now)) await pauseItem.setValue(null);
}

/**
 * Keeps the pause-end alarm in step with the stored pause, now and on every change. The schedule needs no
 * alarm of its own for this (it derives the pause's end as the earliest poll): this one is for the badge,
 * the menus and the popup, which show "paused" until the item is cleared.
 */
export function followPause(deps: {
  alarms: Pick<typeof browser.alarms, 'create' | 'clear'>;
  now: () => number;
}): () => void {
  const plan = async (pause: PauseState | null) => {
    if (pause?.until != null && pause.until > deps.now()) {
      await deps.alarms.create(PAUSE_ALARM, { when: pause.until });
    } else {
      await deps.alarms.clear(PAUSE_ALARM);
      if (pause !== null && !isPaused(pause, deps.now())) await pauseItem.setValue(null);
    }
  };
  let changed = false;
  const unwatch = pauseItem.watch((pause) => {
    changed = true;
    void plan(pause);
  });
  // A change that came in while this was read is newer: the read is dropped then.
  void pauseItem.getValue().then((pause) => (changed ? undefined : plan(pause)));
  return unwatch;
}
