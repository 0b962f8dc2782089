import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS, RECONNECT_BASE_MS, createRealtime } from '../../../lib/background/realtime';
import type { Mailbox } from '../../../lib/core/types';
import type { MailboxHandle, TempMailProvider, WatchCallbacks } from '../../../lib/providers/types';
import type { PollState } from '../../../lib/storage/items';

const NOW = 1_000_000;

function mailbox(id: string, provider: Mailbox['provider'] = 'mailtm'): Mailbox {
  return {
    id,
    provider,
    address: `${id}@mailtm.test`,
    domain: 'mailtm.test',
    createdAt: 0,
    expiresAt: null,
    expired: false,
  };
}

const hot = (until = NOW + 60_000): PollState => ({ failures: 0, primed: true, hotUntil: until });

/** A world where timers run only when the test says, and each watch call is a stream the test drives. */
function world() {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const watches: { id: string; callbacks: WatchCallbacks; end: () => void; fail: () => void }[] = [];
  const lists: string[] = [];
  const pendingLists: (() => void)[] = [];
  let changes = 0;
  let keepAlives = 0;
  const provider = {
    watch: (mb: MailboxHandle, callbacks: WatchCallbacks) =>
      new Promise<void>((resolve, reject) => {
        callbacks.signal.addEventListener('abort', () => resolve());
        watches.push({
          id: mb.address.split('@')[0]!,
          callbacks,
          end: resolve,
          fail: () => reject(new Error('x')),
        });
      }),
  } as unknown as TempMailProvider;
  const realtime = createRealtime({
    now: () => NOW,
    providerFor: async () => provider,
    handleFor: async (mb) => ({ address: mb.address, credentials: { kind: 'selfhosted' }, expiresAt: null }),
    listNow: (id) => {
      lists.push(id);
      return new Promise<void>((resolve) => pendingLists.push(resolve));
    },
    keepAlive: () => keepAlives++,
    onChange: () => changes++,
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => ((t as { cancelled: boolean }).cancelled = true),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const runTimers = (ms: number) => {
    for (const t of timers.splice(0)) {
      if (t.cancelled) continue;
      if (t.ms === ms) t.fn();
      else timers.push(t);
    }
  };
  return {
    realtime,
    watches,
    lists,
    pendingLists,
    timers,
    settle,
    runTimers,
    get changes() {
      return changes;
    },
    get keepAlives() {
      return keepAlives;
    },
  };
}

describe('realtime streams', () => {
  it('streams only hot, live mailboxes of a provider that pushes', async () => {
    const w = world();
    w.realtime.sync(
      [
        mailbox('idle'),
        mailbox('hot'),
        mailbox('lol', 'tempmail-lol'),
        { ...mailbox('gone'), expired: true },
      ],
      { idle: { failures: 0, primed: true, hotUntil: NOW - 1 }, hot: hot(), lol: hot(), gone: hot() },
    );
    await w.settle();
    expect(w.watches.map((x) => x.id)).toEqual(['hot']);
  });

  it('lists at once when the stream opens and on every event, one list at a time', async () => {
    const w = world();
    w.realtime.sync([mailbox('a')], { a: hot() });
    await w.settle();
    expect(w.realtime.streaming().has('a')).toBe(false);
    w.watches[0]!.callbacks.onOpen!();
    expect(w.realtime.streaming().has('a')).toBe(true);
    expect(w.changes).toBe(1);
    expect(w.lists).toEqual(['a']);
    // Three events while that list runs make exactly one more list after it.
    w.watches[0]!.callbacks.onEvent();
    w.watches[0]!.callbacks.onEvent();
    w.watches[0]!.callbacks.onEvent();
    expect(w.lists).toEqual(['a']);
    w.pendingLists.shift()!();
    await w.settle();
    expect(w.lists).toEqual(['a', 'a']);
    w.pendingLists.shift()!();
    await w.settle();
    expect(w.lists).toEqual(['a', 'a']);
  });

  it('falls back to polling when the stream drops, and opens it again later', async () => {
    const w = world();
    w.realtime.sync([mailbox('a')], { a: hot() });
    await w.settle();
    w.watches[0]!.callbacks.onOpen!();
    w.watches[0]!.fail();
    await w.settle();
    expect(w.realtime.streaming().has('a')).toBe(false);
    expect(w.changes).toBe(2);
    expect(w.watches).toHaveLength(1);
    w.runTimers(RECONNECT_BASE_MS);
    await w.settle();
    expect(w.watches).toHaveLength(2);
  });

  it('keeps the worker awake only while a stream is open', async () => {
    const w = world();
    w.realtime.sync([mailbox('a')], { a: hot() });
    await w.settle();
    expect(w.timers.filter((t) => t.ms === KEEP_ALIVE_MS && !t.cancelled)).toHaveLength(0);
    w.watches[0]!.callbacks.onOpen!();
    w.runTimers(KEEP_ALIVE_MS);
    expect(w.keepAlives).toBe(1);
    w.realtime.sync([mailbox('a')], { a: hot(NOW - 1) });
    expect(w.timers.filter((t) => t.ms === KEEP_ALIVE_MS && !t.cancelled)).toHaveLength(0);
  });

  it('streams nothing while Mayfly is paused, and again when the pause ends', async () => {
    const w = world();
    w.realtime.sync([mailbox('a')], { a: hot() }, { since: NOW - 1, until: NOW + 30_000 });
    await w.settle();
    expect(w.watches).toHaveLength(0);
    w.realtime.sync([mailbox('a')], { a: hot() }, { since: NOW - 1, until: NOW - 1 });
    await w.settle();
    expect(w.watches).toHaveLength(1);
    w.realtime.sync([mailbox('a')], { a: hot() }, { since: NOW, until: null });
    expect(w.watches[0]!.callbacks.signal.aborted).toBe(true);
  });

  it('stops the stream when hot mode ends or the mailbox goes', async () => {
    const w = world();
    w.realtime.sync([mailbox('a'), mailbox('b')], { a: hot(), b: hot() });
    await w.settle();
    w.watches.forEach((x) => x.callbacks.onOpen!());
    w.realtime.sync([mailbox('a'), mailbox('b')], { a: hot(NOW - 1), b: hot() });
    expect(w.watches[0]!.callbacks.signal.aborted).toBe(true);
    expect(w.watches[1]!.callbacks.signal.aborted).toBe(false);
    w.realtime.sync([], {});
    expect(w.watches[1]!.callbacks.signal.aborted).toBe(true);
    expect(w.realtime.streaming().size).toBe(0);
    await w.settle();
    // No reconnect is planned for a stream that was stopped on purpose.
    expect(w.timers.filter((t) => t.ms === RECONNECT_BASE_MS && !t.cancelled)).toHaveLength(0);
  });
});

describe('polling beside a stream', () => {
  it('polls a streaming hot mailbox at the idle pace, and at the hot pace again once the stream is gone', async () => {
    const { dueAt } = await import('../../../lib/background/schedule-input');
    const { DEFAULT_SETTINGS } = await import('../../../lib/core/settings');
    const mb = mailbox('a');
    const snap = {
      settings: DEFAULT_SETTINGS,
      mailboxes: [mb],
      states: { a: { ...hot(), lastPollAt: NOW } },
      accounts: {},
      quota: {},
    };
    expect(dueAt(mb, { ...snap, streaming: new Set(['a']) }, NOW)).toBe(
      NOW + DEFAULT_SETTINGS.idlePollSeconds * 1000,
    );
    expect(dueAt(mb, snap, NOW)).toBe(NOW + DEFAULT_SETTINGS.hotPollSeconds * 1000);
  });
});
