import { browser } from 'wxt/browser';
import { mailboxesPastRetention } from '../core/expiry';
import { RETENTION_UNDO_MS } from '../core/settings';
import { mailboxesItem, settingsItem } from '../storage/items';
import { forgetLocally } from './mailboxes';

/**
 * "Forget expired mailboxes after 7 / 30 / 90 days" (Options; never by default). A daily alarm lets go of
 * the mailboxes expired that long, with their mail. A new choice is applied after UNDO_WINDOW_MS, so the
 * "Undo" Options offers after confirming really undoes it.
 */
export const RETENTION_ALARM = 'mayfly-retention';
/** The background waits a little longer than Options offers "Undo", so an undo always comes first. */
export const UNDO_WINDOW_MS = RETENTION_UNDO_MS + 5_000;
const DAY_MINUTES = 24 * 60;

export async function forgetExpiredMail(now = Date.now()): Promise<string[]> {
  const days = (await settingsItem.getValue()).forgetExpiredAfterDays ?? 0;
  const gone = mailboxesPastRetention(await mailboxesItem.getValue(), days, now);
  for (const mb of gone) await forgetLocally(mb.id);
  return gone.map((mb) => mb.id);
}

export function startRetention(): void {
  const plan = (when: number) =>
    void browser.alarms.create(RETENTION_ALARM, { when, periodInMinutes: DAY_MINUTES });
  void browser.alarms.get(RETENTION_ALARM).then((alarm) => {
    if (!alarm) plan(Date.now() + 60_000);
  });
  settingsItem.watch((next, previous) => {
    const days = next?.forgetExpiredAfterDays ?? 0;
    if (days !== (previous?.forgetExpiredAfterDays ?? 0) && days > 0) plan(Date.now() + UNDO_WINDOW_MS);
  });
}
