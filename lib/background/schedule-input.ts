import { isExpired } from '../core/expiry';
import { dueUnderPause, type PauseState } from '../core/pause';
import { nextPollAt } from '../core/schedule';
import type { Mailbox, ProviderId, RateLimitInfo } from '../core/types';
import { capabilitiesOf } from '../providers/registry';
import type { AccountState, PollState, Settings } from '../storage/items';

export interface ScheduleSnapshot {
  settings: Settings;
  mailboxes: Mailbox[];
  states: Record<string, PollState>;
  accounts: Partial<Record<ProviderId, AccountState>>;
  quota: Partial<Record<ProviderId, RateLimitInfo>>;
  /** Mayfly paused by the person: no poll before its end (none at all when open-ended). */
  pause?: PauseState | null;
  /** Mailboxes whose realtime stream is open now (lib/background/realtime): polled at the idle pace. */
  streaming?: ReadonlySet<string>;
}

/** Timers may fire a little early; a mailbox due within this is polled. */
export const DUE_SLACK_MS = 250;

/** The stored poll state of a mailbox; none yet means no sync yet, so unprimed (old mail is not news). */
export function pollStateOf(states: Record<string, PollState>, id: string): PollState {
  return states[id] ?? { failures: 0, primed: false };
}

/** Whether `mb` is due now, allowing DUE_SLACK_MS for a timer that fires a few ms early. */
export function isDue(mb: Mailbox, snap: ScheduleSnapshot, now: number): boolean {
  const at = dueAt(mb, snap, now);
  return at !== null && at <= now + DUE_SLACK_MS;
}

/** Epoch ms when `mb` is next due, or null when it must not be polled (expired, key refused, paused). */
export function dueAt(mb: Mailbox, snap: ScheduleSnapshot, now: number): number | null {
  const st = snap.states[mb.id];
  const account = snap.accounts[mb.provider];
  const caps = capabilitiesOf(mb.provider);
  const quota = snap.quota[mb.provider];
  const live = snap.mailboxes.filter((m) => m.provider === mb.provider && !isExpired(m, now)).length;
  const due = nextPollAt({
    now,
    expiresAt: mb.expiresAt,
    expired: mb.expired,
    ...(st?.lastPollAt !== undefined ? { lastPollAt: st.lastPollAt } : {}),
    ...(st?.hotUntil !== undefined ? { hotUntil: st.hotUntil } : {}),
    ...(st?.nextAllowedAt !== undefined ? { nextAllowedAt: st.nextAllowedAt } : {}),
    ...(account?.pausedUntil !== undefined ? { accountPausedUntil: account.pausedUntil } : {}),
    authPaused: account?.authPaused ?? false,
    idleIntervalMs: snap.settings.idlePollSeconds * 1000,
    // An open stream announces new mail at once: polling is then only the safety net, at the idle pace.
    hotIntervalMs:
      (snap.streaming?.has(mb.id) ? snap.settings.idlePollSeconds : snap.settings.hotPollSeconds) * 1000,
    minIntervalMs: caps.minPollIntervalMs,
    ...(quota ? { quota } : {}),
    liveMailboxesOnAccount: live,
  });
  return dueUnderPause(due, snap.pause, now);
}
