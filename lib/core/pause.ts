/**
 * Pausing Mayfly: no polling and no mail notifications until a time, or until the person resumes. Pure, so
 * the scheduler, the poller, the badge, the context menu and the popup all derive from one stored value
 * (`local:pause`, lib/storage/items.ts) with an injected clock. Mail is not read while paused, so nothing is
 * fetched and dropped: it is all fetched on the first poll after the pause ends.
 */

/** What the person chose: an hour, until tomorrow morning, or until they resume. */
export const PAUSE_CHOICES = ['hour', 'tomorrow', 'indefinite'] as const;
export type PauseChoice = (typeof PAUSE_CHOICES)[number];

export interface PauseState {
  /** Epoch ms when the pause was set. */
  since: number;
  /** Epoch ms when it ends by itself; null: until the person resumes. */
  until: number | null;
}

export const PAUSE_HOUR_MS = 60 * 60_000;
/** "Until tomorrow" ends at this local hour of the next day: mail is checked again when the day starts. */
export const TOMORROW_HOUR = 8;

export function isPauseChoice(value: unknown): value is PauseChoice {
  return PAUSE_CHOICES.includes(value as PauseChoice);
}

/** When a pause chosen at `now` ends (local time for "tomorrow"); null for "until resumed". */
export function pauseEnd(choice: PauseChoice, now: number): number | null {
  if (choice === 'indefinite') return null;
  if (choice === 'hour') return now + PAUSE_HOUR_MS;
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(TOMORROW_HOUR, 0, 0, 0);
  return d.getTime();
}

/** Whether Mayfly is paused at `now`: a stored pause whose end has not come. */
export function isPaused(pause: PauseState | null | undefined, now: number): pause is PauseState {
  return pause != null && (pause.until === null || pause.until > now);
}

/**
 * The earliest a poll may happen under the pause: `due` itself when not paused, the pause's end when timed,
 * null (never, until resumed) when open-ended.
 */
export function dueUnderPause(
  due: number | null,
  pause: PauseState | null | undefined,
  now: number,
): number | null {
  if (due === null || !isPaused(pause, now)) return due;
  return pause.until === null ? null : Math.max(due, pause.until);
}
