import type { browser } from 'wxt/browser';
import {
  accountStateItem,
  mailboxesItem,
  pauseItem,
  pollStateItem,
  quotaItem,
  settingsItem,
} from '../storage/items';
import type { Poller } from './poller';
import { dueAt, isDue, type ScheduleSnapshot } from './schedule-input';

export const POLL_ALARM = 'mayfly-poll';
/**
 * Below this, a timer in the worker drives polling (hot mode: every few seconds). Chrome clamps alarms of
 * packed extensions to 30 s, so the alarm is only the backstop that wakes a stopped worker. Each poll calls
 * extension APIs, which keeps the worker alive while hot (Chrome 110+).
 */
export const TIMER_HORIZON_MS = 30_000;

export interface SchedulerDeps {
  poller: Poller;
  alarms: Pick<typeof browser.alarms, 'create' | 'clear'>;
  now: () => number;
  /** Mailboxes with an open realtime stream (lib/background/realtime). */
  streaming?: () => ReadonlySet<string>;
}

async function snapshot(streaming?: () => ReadonlySet<string>): Promise<ScheduleSnapshot> {
  const [settings, mailboxes, states, accounts, quota, pause] = await Promise.all([
    settingsItem.getValue(),
    mailboxesItem.getValue(),
    pollStateItem.getValue(),
    accountStateItem.getValue(),
    quotaItem.getValue(),
    pauseItem.getValue(),
  ]);
  return {
    settings,
    mailboxes,
    states,
    accounts,
    quota,
    pause,
    ...(streaming ? { streaming: streaming() } : {}),
  };
}

/**
 * Decides when the next poll happens: the earliest due time over all live mailboxes. No live mailbox means
 * no alarm and no timer, so an idle browser with nothing to watch makes no request at all.
 */
export function createScheduler(deps: SchedulerDeps) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticking: Promise<void> | undefined;

  async function reschedule(): Promise<number | null> {
    const now = deps.now();
    const snap = await snapshot(deps.streaming);
    let next: number | null = null;
    for (const mb of snap.mailboxes) {
      const due = dueAt(mb, snap, now);
      if (due !== null && (next === null || due < next)) next = due;
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (next === null) {
      await deps.alarms.clear(POLL_ALARM);
      return null;
    }
    const delay = Math.max(0, next - now);
    await deps.alarms.create(POLL_ALARM, { when: Math.max(next, now + 1_000) });
    if (delay < TIMER_HORIZON_MS) timer = setTimeout(() => void tick(), delay);
    return next;
  }

  /** Polls every mailbox that is due, then plans the next wake-up. Overlapping ticks share one run. */
  function tick(): Promise<void> {
    ticking ??= (async () => {
      try {
        const now = deps.now();
        const snap = await snapshot(deps.streaming);
        const due = snap.mailboxes.filter((mb) => isDue(mb, snap, now));
        await Promise.all(due.map((mb) => deps.poller.poll(mb.id)));
      } finally {
        ticking = undefined;
      }
      await reschedule();
    })();
    return ticking;
  }

  let soon: ReturnType<typeof setTimeout> | undefined;
  /** One reschedule for a burst of changes (a poll writes poll state, counts and mail together). */
  function rescheduleSoon(): void {
    if (soon !== undefined) return;
    soon = setTimeout(() => {
      soon = undefined;
      void reschedule();
    }, 0);
  }

  /**
   * Plans from storage whenever what planning reads changes: a mailbox made, renamed or forgotten, a poll
   * finished, hot mode started, a key saved, settings or quota changed, paused or resumed. No caller
   * reschedules by hand.
   */
  function follow(): () => void {
    const followed = [settingsItem, mailboxesItem, pollStateItem, accountStateItem, quotaItem, pauseItem];
    const unwatch = followed.map((item) =>
      (item as { watch(cb: () => void): () => void }).watch(rescheduleSoon),
    );
    return () => unwatch.forEach((stop) => stop());
  }

  return { reschedule, tick, follow };
}

export type Scheduler = ReturnType<typeof createScheduler>;
