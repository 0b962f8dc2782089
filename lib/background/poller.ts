import { AppError, toAppError } from '../core/errors';
import { mergeInbox, toBody, toStored } from '../core/mail-merge';
import { planAfterFailure } from '../core/schedule';
import type { Mailbox, ProviderMessage, StoredMessage } from '../core/types';
import { extractVerification } from '../core/verification';
import type { TempMailProvider } from '../providers/types';
import { isPaused } from '../core/pause';
import {
  accountStateItem,
  mailboxesItem,
  pauseItem,
  pollStateItem,
  quotaItem,
  settingsItem,
  type Settings,
} from '../storage/items';
import { clearJournal, commitInbox, deleteBodies, readInbox, writeBodies } from '../storage/mail-store';
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
  /** Identifies this worker's leases (a fresh one per start by default). */
  instanceId?: string;
  /** Waits (a forced poll waiting out the API's floor); tests pass one that does not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Resolves when stored mail is ready to be merged into (the storage migration has run). */
  ready?: () => Promise<void>;
  random: () => number;
  providerFor: (mb: Mailbox, settings: Settings) => Promise<TempMailProvider>;
  /** Called after the new mail is stored (persist before notify). */
  onNewMail: (mail: NewMail[]) => Promise<void>;
  /** The provider refused the key: called once until a new key is saved. */
  onAuthRefused: (provider: Mailbox['provider']) => Promise<void>;
}

export type PollResult =
  | { status: 'skipped'; reason: 'not-due' | 'leased' | 'expired' | 'paused' | 'unknown' }
  | { status: 'skipped'; reason: 'too-soon'; retryInMs: number }
  | { status: 'ok'; added: number }
  | { status: 'failed'; error: AppError };

/** The stored form of a message with its verification code and link found (pure, and slow on big HTML). */
export function prepareMessage(m: ProviderMessage, mailboxId: string, now: number): StoredMessage {
  const stored = toStored(m, mailboxId, now);
  if (!stored.hasBody && !stored.subject) return stored;
  const found = extractVerification({
    subject: stored.subject,
    ...(stored.text !== undefined ? { text: stored.text } : {}),
    ...(stored.html !== undefined ? { html: stored.html } : {}),
    ...(stored.from.address !== undefined ? { from: stored.from.address } : {}),
  });
  return {
    ...stored,
    ...(found.code ? { code: found.code } : {}),
    ...(found.link ? { link: found.link } : {}),
  };
}

/**
 * Polls mailboxes. State lives in storage (cursor, backoff, lease, seen-set), never only in memory, so the
 * service worker may stop between any two steps. Mail is persisted before anyone is told about it:
 * TempMail.lol hands each message out once, so fetched and not stored would be lost.
 */
export function createPoller(deps: PollerDeps) {
  const inFlight = new Map<string, Promise<PollResult>>();
  /** This worker's own mark on the leases it takes. */
  const instance = deps.instanceId ?? crypto.randomUUID();

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
      // Paused by the person: not even "check now" reads mail (it stays on the server until the pause ends).
      if (isPaused(await pauseItem.getValue(), now)) return { status: 'skipped', reason: 'paused' } as const;
      if (mb.expiresAt !== null && mb.expiresAt <= now) {
        await markExpired(id);
        return { status: 'skipped', reason: 'expired' } as const;
      }
      // A lease of an earlier worker is stale: the browser runs one worker at a time, so the one that took
      // it is gone and its poll with it. Waiting it out would leave mail unread for up to LEASE_MS.
      if (st.leaseUntil !== undefined && st.leaseUntil > now && st.leaseOwner === instance)
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
      states[id] = { ...st, leaseUntil: now + LEASE_MS, leaseOwner: instance, lastPollAt: now };
      await pollStateItem.setValue(states);
      return { mb, settings };
    });
  }

  async function markExpired(id: string): Promise<void> {
    const list = await mailboxesItem.getValue();
    const i = list.findIndex((m) => m.id === id);
    if (i >= 0 && !list[i]!.expired) {
      list[i] = { ...list[i]!, expired: true, expiredAt: deps.now() };
      await mailboxesItem.setValue(list);
    }
  }

  async function fetchBodies(
    provider: TempMailProvider,
    mb: Mailbox,
    incoming: ProviderMessage[],
    stored: ReadonlyMap<string, boolean>,
  ): Promise<ProviderMessage[]> {
    if (provider.capabilities.messageListIncludesBody) return incoming;
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
    await deps.ready?.();
    let lease = await acquire(id, force);
    // A forced poll (the person pressed "Check now") waits out the API's floor rather than being dropped.
    if (force && 'reason' in lease && lease.reason === 'too-soon') {
      const wait = lease.retryInMs;
      await (deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))))(wait);
      lease = await acquire(id, force);
    }
    if ('status' in lease) return lease;
    const { mb, settings } = lease;
    let provider: TempMailProvider | undefined;
    try {
      provider = await deps.providerFor(mb, settings);
      const result = await provider.listMessages(await handleFor(mb));
      // What this mailbox holds (id -> has its body), read once before the lock.
      const known = new Map((await readInbox(mb.id)).map((m) => [m.id, m.hasBody]));
      const incoming = await fetchBodies(provider, mb, result.messages, known);
      // Codes and links are found before the lock is taken, for the messages that are new (or whose body
      // arrived): the lock then only merges one mailbox's summaries and writes what changed.
      const fetchedAt = deps.now();
      const prepared = incoming
        .filter((m) => !known.has(m.id) || (known.get(m.id) === false && m.hasBody))
        .map((m) => prepareMessage(m, mb.id, fetchedAt));
      const newMail = await withStateLock(async () => {
        const now = deps.now();
        const merged = mergeInbox(await readInbox(mb.id), prepared);
        const states = await pollStateItem.getValue();
        const prev = pollStateOf(states, mb.id);
        const { leaseUntil: _l, leaseOwner: _o, lastError: _e, nextAllowedAt: _n, ...rest } = prev;
        states[mb.id] = {
          ...rest,
          failures: 0,
          lastSuccessAt: now,
          primed: true,
          ...(merged.dropped > 0 ? { dropped: { count: merged.dropped, at: now } } : {}),
        };
        const bodies = [...merged.added, ...merged.filled].map(toBody);
        const changed = bodies.length > 0 || merged.evicted.length > 0;
        // Bodies first, journalled with their summaries; then summaries, counts and poll state in one write.
        // A poll that found nothing writes only its poll state.
        if (changed) {
          await writeBodies(bodies, { mailboxId: mb.id, summaries: merged.summaries });
          await commitInbox(mb.id, merged.summaries, [{ item: pollStateItem, value: states }]);
          await clearJournal(mb.id);
          await deleteBodies(mb.id, merged.evicted);
        } else {
          await pollStateItem.setValue(states);
        }
        if (result.expired) await markExpired(mb.id);
        await saveQuota(provider!, mb);
        // Mail found on the very first sync (an imported mailbox) is history, not news.
        return prev.primed ? merged.added : [];
      });
      if (newMail.length > 0) await deps.onNewMail(newMail.map((message) => ({ mailbox: mb, message })));
      return { status: 'ok', added: newMail.length };
    } catch (e) {
      const error = toAppError(e);
      const tellAuth = await withStateLock(async () => {
        const now = deps.now();
        const states = await pollStateItem.getValue();
        const prev = pollStateOf(states, mb.id);
        const failures = prev.failures + 1;
        const plan = planAfterFailure(error.kind, error.details, failures, now, deps.random);
        const { leaseUntil: _l, leaseOwner: _o, nextAllowedAt: _n, ...rest } = prev;
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
