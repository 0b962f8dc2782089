import { AppError, toAppError } from '../core/errors';
import { mergeMessages } from '../core/mail-merge';
import { planAfterFailure } from '../core/schedule';
import type { Mailbox, ProviderMessage, StoredMessage } from '../core/types';
import { extractVerification } from '../core/verification';
import type { TempMailProvider } from '../providers/types';
import {
  accountStateItem,
  mailboxesItem,
  messagesItem,
  pollStateItem,
  quotaItem,
  saveMailAndPollState,
  settingsItem,
  type Settings,
} from '../storage/items';
import { capabilitiesOf } from '../providers/registry';
import { handleFor } from './mailboxes';
import { isDue, pollStateOf, type ScheduleSnapshot } from './schedule-input';
import { withStateLock } from './state-lock';

/** A poll holds its mailbox this long at most; longer than any request timeout plus retries. */
export const LEASE_MS = 60_000;
/** Bodies fetched per poll for providers whose list carries only summaries (self-hosted). */
export const MAX_DETAIL_FETCHES_PER_POLL = 5;

export interface NewMail {
  mailbox: Mailbox;
  message: StoredMessage;
}

export interface PollerDeps {
  now: () => number;
  random: () => number;
  providerFor: (mb: Mailbox, settings: Settings) => Promise<TempMailProvider>;
  /** Called after the new mail is stored (persist before notify). */
  onNewMail: (mail: NewMail[]) => Promise<void>;
  /** Called after every poll that changed stored state. */
  onStateChanged: () => Promise<void>;
  /** The provider refused the key: called once until a new key is saved. */
  onAuthRefused: (provider: Mailbox['provider']) => Promise<void>;
}

export type PollResult =
  | { status: 'skipped'; reason: 'not-due' | 'leased' | 'expired' | 'paused' | 'unknown' }
  | { status: 'skipped'; reason: 'too-soon'; retryInMs: number }
  | { status: 'ok'; added: number }
  | { status: 'failed'; error: AppError };

function withVerification(m: StoredMessage): StoredMessage {
  if (!m.hasBody && !m.subject) return m;
  const found = extractVerification({
    subject: m.subject,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.from.address !== undefined ? { from: m.from.address } : {}),
  });
  return { ...m, ...(found.code ? { code: found.code } : {}), ...(found.link ? { link: found.link } : {}) };
}

/**
 * Polls mailboxes. State lives in storage (cursor, backoff, lease, seen-set), never only in memory, so the
 * service worker may stop between any two steps. Mail is persisted before anyone is told about it:
 * TempMail.lol hands each message out once, so fetched and not stored would be lost.
 */
export function createPoller(deps: PollerDeps) {
  const inFlight = new Map<string, Promise<PollResult>>();

  /** Takes the lease if the mailbox may be polled now; returns why not otherwise. */
  async function acquire(
    id: string,
    force: boolean,
  ): Promise<{ mb: Mailbox; settings: Settings } | PollResult> {
    return withStateLock(async () => {
      const now = deps.now();
      const mailboxes = await mailboxesItem.getValue();
      const mb = mailboxes.find((m) => m.id === id);
      if (!mb) return { status: 'skipped', reason: 'unknown' } as const;
      const settings = await settingsItem.getValue();
      const states = await pollStateItem.getValue();
      const st = pollStateOf(states, id);
      if (mb.expired) return { status: 'skipped', reason: 'expired' } as const;
      if (mb.expiresAt !== null && mb.expiresAt <= now) {
        await markExpired(id);
        return { status: 'skipped', reason: 'expired' } as const;
      }
      if (st.leaseUntil !== undefined && st.leaseUntil > now)
        return { status: 'skipped', reason: 'leased' } as const;
      const accounts = await accountStateItem.getValue();
      const account = accounts[mb.provider];
      if (account?.authPaused) return { status: 'skipped', reason: 'paused' } as const;
      const blockedUntil = Math.max(st.nextAllowedAt ?? 0, account?.pausedUntil ?? 0);
      if (blockedUntil > now) return { status: 'skipped', reason: 'paused' } as const;
      // Even "check now" keeps the API's floor between two reads (TempMail.lol answers 429 otherwise).
      const floor = capabilitiesOf(mb.provider).minPollIntervalMs;
      if (st.lastPollAt !== undefined && now < st.lastPollAt + floor) {
        return { status: 'skipped', reason: 'too-soon', retryInMs: st.lastPollAt + floor - now } as const;
      }
      if (!force) {
        const snap: ScheduleSnapshot = {
          settings,
          mailboxes,
          states,
          accounts,
          quota: await quotaItem.getValue(),
        };
        if (!isDue(mb, snap, now)) return { status: 'skipped', reason: 'not-due' } as const;
      }
      states[id] = { ...st, leaseUntil: now + LEASE_MS, lastPollAt: now };
      await pollStateItem.setValue(states);
      return { mb, settings };
    });
  }

  async function markExpired(id: string): Promise<void> {
    const list = await mailboxesItem.getValue();
    const i = list.findIndex((m) => m.id === id);
    if (i >= 0 && !list[i]!.expired) {
      list[i] = { ...list[i]!, expired: true };
      await mailboxesItem.setValue(list);
    }
  }

  async function fetchBodies(
    provider: TempMailProvider,
    mb: Mailbox,
    incoming: ProviderMessage[],
  ): Promise<ProviderMessage[]> {
    if (provider.capabilities.messageListIncludesBody) return incoming;
    const stored = new Set(((await messagesItem.getValue())[mb.id] ?? []).map((m) => m.id));
    const handle = await handleFor(mb);
    let budget = MAX_DETAIL_FETCHES_PER_POLL;
    const out: ProviderMessage[] = [];
    for (const m of incoming) {
      if (!m.hasBody && !stored.has(m.id) && budget > 0) {
        budget--;
        try {
          out.push(await provider.getMessage(handle, m.id));
          continue;
        } catch {
          // Keep the summary; the body is fetched when the person opens the message.
        }
      }
      out.push(m);
    }
    return out;
  }

  async function run(id: string, force: boolean): Promise<PollResult> {
    let lease = await acquire(id, force);
    // A forced poll (the person pressed "Check now") waits out the API's floor rather than being dropped.
    if (force && 'reason' in lease && lease.reason === 'too-soon') {
      const wait = lease.retryInMs;
      await new Promise((r) => setTimeout(r, wait));
      lease = await acquire(id, force);
    }
    if ('status' in lease) return lease;
    const { mb, settings } = lease;
    let provider: TempMailProvider | undefined;
    try {
      provider = await deps.providerFor(mb, settings);
      const result = await provider.listMessages(await handleFor(mb));
      const incoming = await fetchBodies(provider, mb, result.messages);
      const newMail = await withStateLock(async () => {
        const now = deps.now();
        const all = await messagesItem.getValue();
        const merged = mergeMessages(all[mb.id] ?? [], incoming, mb.id, now);
        const added = merged.added.map(withVerification);
        const addedIds = new Map(added.map((m) => [m.id, m]));
        all[mb.id] = merged.messages.map((m) => addedIds.get(m.id) ?? m);
        const states = await pollStateItem.getValue();
        const prev = pollStateOf(states, mb.id);
        const { leaseUntil: _l, lastError: _e, nextAllowedAt: _n, ...rest } = prev;
        states[mb.id] = { ...rest, failures: 0, lastSuccessAt: now, primed: true };
        await saveMailAndPollState(all, states);
        if (result.expired) await markExpired(mb.id);
        await saveQuota(provider!, mb);
        // Mail found on the very first sync (an imported mailbox) is history, not news.
        return prev.primed ? added : [];
      });
      if (newMail.length > 0) await deps.onNewMail(newMail.map((message) => ({ mailbox: mb, message })));
      await deps.onStateChanged();
      return { status: 'ok', added: newMail.length };
    } catch (e) {
      const error = toAppError(e);
      const tellAuth = await withStateLock(async () => {
        const now = deps.now();
        const states = await pollStateItem.getValue();
        const prev = pollStateOf(states, mb.id);
        const failures = prev.failures + 1;
        const plan = planAfterFailure(error.kind, error.details, failures, now, deps.random);
        const { leaseUntil: _l, nextAllowedAt: _n, ...rest } = prev;
        states[mb.id] = {
          ...rest,
          failures,
          lastError: error.toJSON(),
          ...(plan.nextAllowedAt !== undefined ? { nextAllowedAt: plan.nextAllowedAt } : {}),
        };
        await pollStateItem.setValue(states);
        if (plan.markExpired) await markExpired(mb.id);
        let tell = false;
        if (plan.pauseAuth || plan.accountPausedUntil !== undefined) {
          const accounts = await accountStateItem.getValue();
          const acc = accounts[mb.provider] ?? { authPaused: false, authNotified: false };
          tell = plan.pauseAuth === true && !acc.authNotified;
          accounts[mb.provider] = {
            ...acc,
            ...(plan.pauseAuth ? { authPaused: true, authNotified: true } : {}),
            ...(plan.accountPausedUntil !== undefined ? { pausedUntil: plan.accountPausedUntil } : {}),
          };
          await accountStateItem.setValue(accounts);
        }
        if (provider) await saveQuota(provider, mb);
        return tell;
      });
      if (tellAuth) await deps.onAuthRefused(mb.provider);
      await deps.onStateChanged();
      return { status: 'failed', error };
    }
  }

  async function saveQuota(provider: TempMailProvider, mb: Mailbox): Promise<void> {
    const rl = provider.lastRateLimit();
    if (!rl) return;
    const q = await quotaItem.getValue();
    q[mb.provider] = rl;
    await quotaItem.setValue(q);
  }

  return {
    /**
     * Polls one mailbox unless it is not due (force skips only the interval; backoff, leases, pauses and
     * expiry always hold). Concurrent calls for one mailbox share one poll.
     */
    poll(id: string, opts: { force?: boolean } = {}): Promise<PollResult> {
      const existing = inFlight.get(id);
      if (existing) return existing;
      const p = run(id, opts.force ?? false).finally(() => inFlight.delete(id));
      inFlight.set(id, p);
      return p;
    },
  };
}

export type Poller = ReturnType<typeof createPoller>;
