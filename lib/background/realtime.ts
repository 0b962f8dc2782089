import { isPaused, type PauseState } from '../core/pause';
import type { Mailbox } from '../core/types';
import { capabilitiesOf } from '../providers/registry';
import type { MailboxHandle, TempMailProvider } from '../providers/types';
import type { PollState } from '../storage/items';

/**
 * Realtime delivery while a mailbox is hot: the one owner of every event stream (Mail.tm's Mercure hub).
 * A hot mailbox whose provider can push gets one stream; any event on it means "list now". Nothing streams
 * for an idle mailbox. Polling stays the baseline: the scheduler polls a streaming mailbox only at the idle
 * interval, and at the hot one again as soon as its stream drops, fails to open, or the worker stops
 * (streams live in memory only, so a restarted worker starts from "not streaming").
 */

/** Waits before opening a dropped stream again: 1 s, 2 s, 4 s ... up to 30 s. */
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
/**
 * While a stream is open, an extension API call this often keeps Chrome's worker from being stopped for
 * idleness (30 s) between heartbeats: the stream is only held while someone waits for mail.
 */
export const KEEP_ALIVE_MS = 20_000;

export interface RealtimeDeps {
  now: () => number;
  providerFor: (mb: Mailbox) => Promise<TempMailProvider>;
  handleFor: (mb: Mailbox) => Promise<MailboxHandle>;
  /** Lists the mailbox now (a forced poll); resolves when that poll is over. */
  listNow: (mailboxId: string) => Promise<unknown>;
  /** A cheap extension API call that tells the browser the worker is busy. */
  keepAlive: () => void;
  /** The set of streaming mailboxes changed: the schedule depends on it. */
  onChange: () => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

interface Stream {
  controller: AbortController;
  open: boolean;
  failures: number;
  retry?: unknown;
}

export function createRealtime(deps: RealtimeDeps) {
  const set = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clear = deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const streams = new Map<string, Stream>();
  /** Mailboxes with a forced list running, and whether another event arrived meanwhile. */
  const listing = new Map<string, boolean>();
  let keepAliveTimer: unknown;
  let hotEndTimer: unknown;
  let last:
    | { mailboxes: Mailbox[]; states: Record<string, PollState>; pause: PauseState | null | undefined }
    | undefined;

  function streaming(): ReadonlySet<string> {
    return new Set([...streams].filter(([, s]) => s.open).map(([id]) => id));
  }

  /** "List now", coalesced: an event during a running list makes one more list after it, never a pile. */
  function list(id: string): void {
    if (listing.has(id)) {
      listing.set(id, true);
      return;
    }
    listing.set(id, false);
    void deps
      .listNow(id)
      .catch(() => undefined)
      .finally(() => {
        const again = listing.get(id) === true;
        listing.delete(id);
        if (again && streams.has(id)) list(id);
      });
  }

  function updateKeepAlive(): void {
    const anyOpen = [...streams.values()].some((s) => s.open);
    if (anyOpen && keepAliveTimer === undefined) {
      const tick = () => {
        deps.keepAlive();
        keepAliveTimer = set(tick, KEEP_ALIVE_MS);
      };
      keepAliveTimer = set(tick, KEEP_ALIVE_MS);
    } else if (!anyOpen && keepAliveTimer !== undefined) {
      clear(keepAliveTimer);
      keepAliveTimer = undefined;
    }
  }

  function setOpen(id: string, stream: Stream, open: boolean): void {
    if (stream.open === open) return;
    stream.open = open;
    updateKeepAlive();
    deps.onChange();
  }

  async function run(mb: Mailbox, stream: Stream): Promise<void> {
    const { signal } = stream.controller;
    try {
      const provider = await deps.providerFor(mb);
      if (!provider.watch || signal.aborted) return;
      await provider.watch(await deps.handleFor(mb), {
        signal,
        onOpen: () => {
          stream.failures = 0;
          setOpen(mb.id, stream, true);
          // Mail that arrived before the stream was open is listed once now.
          list(mb.id);
        },
        onEvent: () => list(mb.id),
        onActivity: () => deps.keepAlive(),
      });
    } catch {
      stream.failures++;
    } finally {
      setOpen(mb.id, stream, false);
    }
    if (signal.aborted || streams.get(mb.id) !== stream) return;
    // The stream dropped while the mailbox is still hot: polling covers the gap; open it again later.
    const wait = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, stream.failures - 1));
    stream.failures = Math.max(stream.failures, 1);
    stream.retry = set(() => {
      stream.retry = undefined;
      if (streams.get(mb.id) === stream && !signal.aborted) void run(mb, stream);
    }, wait);
  }

  function stop(id: string): void {
    const stream = streams.get(id);
    if (!stream) return;
    streams.delete(id);
    if (stream.retry !== undefined) clear(stream.retry);
    stream.controller.abort();
    setOpen(id, stream, false);
  }

  /**
   * Streams exactly the mailboxes that are hot, live and on a provider that pushes, and none while Mayfly is
   * paused. Called with stored state whenever mailboxes, poll state or the pause change, and again when the
   * earliest hot period (or the pause) ends.
   */
  function sync(mailboxes: Mailbox[], states: Record<string, PollState>, pause?: PauseState | null): void {
    last = { mailboxes, states, pause };
    const now = deps.now();
    const wanted = new Map<string, Mailbox>();
    let nextEnd: number | undefined;
    const paused = isPaused(pause, now);
    if (paused && pause.until !== null) nextEnd = pause.until;
    for (const mb of paused ? [] : mailboxes) {
      const hotUntil = states[mb.id]?.hotUntil;
      if (mb.expired || (mb.expiresAt !== null && mb.expiresAt <= now)) continue;
      if (hotUntil === undefined || hotUntil <= now) continue;
      if (!capabilitiesOf(mb.provider).realtime) continue;
      wanted.set(mb.id, mb);
      nextEnd = nextEnd === undefined ? hotUntil : Math.min(nextEnd, hotUntil);
    }
    for (const id of [...streams.keys()]) if (!wanted.has(id)) stop(id);
    for (const [id, mb] of wanted) {
      if (streams.has(id)) continue;
      const stream: Stream = { controller: new AbortController(), open: false, failures: 0 };
      streams.set(id, stream);
      void run(mb, stream);
    }
    if (hotEndTimer !== undefined) clear(hotEndTimer);
    hotEndTimer = undefined;
    if (nextEnd !== undefined) {
      hotEndTimer = set(
        () => {
          hotEndTimer = undefined;
          if (last) sync(last.mailboxes, last.states, last.pause);
        },
        Math.max(0, nextEnd - now) + 10,
      );
    }
  }

  function stopAll(): void {
    for (const id of [...streams.keys()]) stop(id);
    if (hotEndTimer !== undefined) clear(hotEndTimer);
    hotEndTimer = undefined;
  }

  return { sync, streaming, stopAll };
}

export type Realtime = ReturnType<typeof createRealtime>;
