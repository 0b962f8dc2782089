import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ErrorKind } from '../../lib/core/errors';
import type { Mailbox } from '../../lib/core/types';
import type { AccountState, PollState } from '../../lib/storage/items';
import { sendMail, startLocalServer, type FaultSpec, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  launchExtension,
  notifications,
  readStorage,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';

/**
 * Fault injection against the built extension in Chromium: for each failure the stored error says what
 * happened, stored mailboxes and mail stay intact, requests during the fault stay within the backoff, and
 * polling recovers by itself when the fault clears.
 */
const FAULT_WINDOW_MS = 6_000;
/**
 * Backoff delays are at least 1 s, 2 s, 4 s ... (lib/core/schedule.ts), so within the window at most
 * 1 + log2(window/1 s + 1) polls start; one more may already be in flight when the fault begins.
 * Without backoff, hot mode (1 s here) would poll 6 times or more: the bound (4) is below that, so the
 * check on it fails when backoff does not space the polls.
 */
const MAX_POLLS_IN_WINDOW = 1 + Math.floor(Math.log2(FAULT_WINDOW_MS / 1000 + 1)) + 1;
/**
 * Requests of one poll are its first try and its retries (300 ms, 600 ms apart, lib/providers/http.ts);
 * polls are at least a 1 s backoff apart. A gap above this starts a new poll.
 */
const SAME_POLL_GAP_MS = 900;

/** The person's language here: what the popup says must be in it, not in the English of the stored error. */
const LANG = 'nb';
const STRINGS = Object.assign(
  {},
  ...['errors', 'popup'].map(
    (area) =>
      JSON.parse(readFileSync(`lib/i18n/strings/${area}.json`, 'utf8')) as Record<
        string,
        Record<string, string>
      >,
  ),
) as Record<string, Record<string, string>>;
/** The sentence under `key` in LANG as a pattern; a `$n` placeholder matches `args[n-1]`, or anything. */
function sentence(key: string, ...args: string[]): RegExp {
  const text = STRINGS[key]?.[LANG];
  if (!text) throw new Error(`no ${LANG} string ${key}`);
  const parts = text.split(/\$(\d)/);
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const arg = args[Number(part) - 1];
      return arg === undefined ? '.+' : arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

describe('faults (Chromium, local server)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  let page: Page;

  beforeAll(async () => {
    // The 1-poll-per-second throttle is exercised elsewhere; here hot mode polls every second and the
    // throttle's own 429s would blur what each fault does.
    server = await startLocalServer({ lolPollThrottle: false });
    session = await launchExtension({ lang: LANG });
    page = await session.openPage('popup.html');
  });

  // Each test starts on TempMail.lol at the local server, whatever provider or address the last one left.
  beforeEach(async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 1 },
    });
  });

  // Faults match by path, so only the mailbox under test may be live: forget the others after each test.
  afterEach(async () => {
    server.clearFaults();
    for (const mb of (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? []) {
      await callBackground(page, 'deleteMailbox', { mailboxId: mb.id });
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const pollState = async (id: string) =>
    (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[id];
  const messagesOf = async (id: string) => await storedMail(session, id);
  /** Waits until the mailbox's poll state holds an error of `kind`, and returns that state. */
  const stateWithError = (id: string, kind: ErrorKind, timeoutMs?: number) =>
    waitFor(
      async () => {
        const s = await pollState(id);
        return s?.lastError?.kind === kind ? s : undefined;
      },
      timeoutMs === undefined ? {} : { timeoutMs },
    );
  const tokenOf = (address: string) => server.mailboxes().find((m) => m.address === address)?.token;

  /** A fresh mailbox with one mail already stored: what must survive the fault. */
  async function mailboxWithMail(): Promise<Mailbox> {
    const { res: mb, err } = await callBackground<Mailbox>(page, 'createMailbox', {});
    expect(err).toBeUndefined();
    await sendMail({ smtpPort: server.smtpPort, to: mb!.address, subject: 'Before the fault', text: 'kept' });
    await waitFor(async () => (await messagesOf(mb!.id)).length === 1);
    return mb!;
  }

  /** Inbox reads for one token. Faulted requests are logged before the API reads the token: take it from the URL. */
  const readsOf = (token: string) =>
    server
      .log()
      .filter(
        (e) =>
          e.path.startsWith('/v2/inbox?') && new URL(e.path, 'http://x').searchParams.get('token') === token,
      );

  async function pollsDuring(token: string, from: number, to: number): Promise<number> {
    return readsOf(token).filter((e) => e.t >= from && e.t < to).length;
  }

  /** Polls (a first try with its retries counts once) for one token in [from, to). */
  function pollStartsDuring(token: string, from: number, to: number): number[] {
    const times = readsOf(token)
      .map((e) => e.t)
      .filter((t) => t >= from && t < to)
      .sort((a, b) => a - b);
    return times.filter((t, i) => i === 0 || t - times[i - 1]! > SAME_POLL_GAP_MS);
  }

  /**
   * The notice a person sees in a popup opened now: its sentence, in LANG. A fresh popup shows the only
   * mailbox (afterEach forgets the others).
   */
  async function popupNotice(): Promise<string> {
    const popup = await session.openPage('popup.html');
    try {
      const notice = popup.locator('.notice-error > p').first();
      await notice.waitFor({ timeout: 10_000 });
      return (await notice.textContent()) ?? '';
    } finally {
      await popup.close();
    }
  }

  it('HTTP 500: stores the error, keeps the mail, backs off, and recovers', async () => {
    const mb = await mailboxWithMail();
    const token = tokenOf(mb.address)!;
    const start = Date.now();
    server.injectFault({
      type: 'status',
      status: 500,
      api: 'tempmail-lol',
      path: '/v2/inbox',
      durationMs: FAULT_WINDOW_MS,
    });
    const st = await stateWithError(mb.id, 'server');
    expect(st.lastError!.kind).toBe('server');
    expect(await popupNotice()).toMatch(sentence('reasonServerError', '500'));
    // A window measured on purpose: how many polls backoff lets through while the fault lasts.
    await new Promise((r) => setTimeout(r, Math.max(0, start + FAULT_WINDOW_MS - Date.now())));
    // 5xx answers are retried twice inside one poll (idempotent GET), so count polls, not requests.
    const polls = pollStartsDuring(token, start, start + FAULT_WINDOW_MS);
    // Polling goes on during the fault (a second try after the first backoff), but spaced: fewer polls
    // than hot mode alone would make in the window.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(MAX_POLLS_IN_WINDOW);
    expect((await messagesOf(mb.id)).map((m) => m.subject)).toEqual(['Before the fault']);
    expect((await readStorage<Mailbox[]>(session, 'mailboxes'))?.some((m) => m.id === mb.id)).toBe(true);

    // The fault is over: new mail arrives and the error clears without anyone doing anything.
    await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'After the fault', text: 'new' });
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 30_000 });
    expect((await pollState(mb.id))?.lastError).toBeUndefined();
  });

  /**
   * The other causes take the same backoff path (the HTTP 500 case measures it); each lasts here until the
   * popup has said it, so the test proves what is stored, what the person reads, that no mail is lost, and
   * that polling recovers by itself once the cause is gone.
   */
  const cases: { name: string; fault: FaultSpec; kind: string; says: RegExp }[] = [
    {
      name: 'a challenge page',
      fault: { type: 'html' },
      kind: 'blocked',
      says: sentence('reasonChallengePage'),
    },
    {
      name: 'malformed JSON',
      fault: { type: 'malformed-json' },
      kind: 'bad-response',
      says: sentence('errorsBadResponse'),
    },
    {
      name: 'a dropped connection',
      fault: { type: 'reset' },
      kind: 'network',
      says: sentence('errorsNetwork'),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: stores the error, says it, keeps the mail, and recovers`, async () => {
      const mb = await mailboxWithMail();
      server.injectFault({ ...c.fault, api: 'tempmail-lol', path: '/v2/inbox' });
      const st = await waitFor(async () => {
        const s = await pollState(mb.id);
        return s?.lastError ? s : undefined;
      });
      expect(st.lastError!.kind).toBe(c.kind);
      expect(await popupNotice()).toMatch(c.says);
      expect((await messagesOf(mb.id)).map((m) => m.subject)).toEqual(['Before the fault']);
      server.clearFaults();
      await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'After the fault', text: 'new' });
      await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 30_000 });
      expect((await pollState(mb.id))?.lastError).toBeUndefined();
    });
  }

  it("an open popup's red line goes by itself when the next poll succeeds", async () => {
    const mb = await mailboxWithMail();
    // Slow the background right down, so the popup's own check at opening is the poll that fails.
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 60 },
    });
    server.injectFault({ type: 'status', status: 500, api: 'tempmail-lol', path: '/v2/inbox' });
    const popup = await session.openPage('popup.html');
    try {
      const notice = popup.locator('.notice-error > p');
      await expect
        .poll(() => notice.first().textContent(), { timeout: 10_000 })
        .toMatch(sentence('reasonServerError', '500'));
      await waitFor(async () => (await pollState(mb.id))?.lastError?.kind === 'server');
      // The outage ends and the background polls again on its own: nobody touches the popup.
      server.clearFaults();
      await configure(session, {
        provider: 'tempmail-lol',
        baseUrl: server.apiUrls.tempmailLol,
        settings: { hotPollSeconds: 1 },
      });
      await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'After the outage', text: 'new' });
      await popup.getByText('After the outage').waitFor({ timeout: 30_000 });
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await popup.close();
    }
  });

  it('429 with Retry-After: no request before the wait is over', async () => {
    const mb = await mailboxWithMail();
    const token = tokenOf(mb.address)!;
    server.injectFault({
      type: 'status',
      status: 429,
      retryAfter: 4,
      api: 'tempmail-lol',
      path: '/v2/inbox',
      count: 1,
    });
    const st = await stateWithError(mb.id, 'rate-limited');
    const limitedAt = readsOf(token)
      .filter((e) => e.status === 429)
      .at(-1)!.t;
    expect(st.nextAllowedAt! - limitedAt).toBeGreaterThanOrEqual(3_500);
    expect(await popupNotice()).toMatch(sentence('reasonRetryIn'));
    await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'After the wait', text: 'x' });
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 20_000 });
    const after = readsOf(token).filter((e) => e.t > limitedAt);
    expect(after[0]!.t - limitedAt).toBeGreaterThanOrEqual(3_900);
  });

  it('a hang longer than the timeout becomes a timeout error, then recovers', async () => {
    const mb = await mailboxWithMail();
    server.injectFault({ type: 'hang', api: 'tempmail-lol', path: '/v2/inbox', count: 1 });
    const st = await stateWithError(mb.id, 'timeout', 25_000);
    expect(st.failures).toBe(1);
    await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'After the hang', text: 'x' });
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 20_000 });
    expect((await pollState(mb.id))?.lastError).toBeUndefined();
  });

  it('a refused connection is a network error and loses nothing', async () => {
    const mb = await mailboxWithMail();
    // Point the provider at a port nobody listens on, then back.
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: 'http://127.0.0.1:9',
      settings: { hotPollSeconds: 1 },
    });
    await stateWithError(mb.id, 'network');
    expect(await popupNotice()).toMatch(sentence('errorsNetwork'));
    expect((await messagesOf(mb.id)).length).toBe(1);
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 1 },
    });
    await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'Back online', text: 'x' });
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 30_000 });
  });

  it('a refused key pauses the account, says so once, and a new key resumes it', async () => {
    // A TempMail.lol key is refused with a 403 (JS SDK); a 401 on an inbox read is about its token instead.
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      apiKey: 'tm.faults-key',
      settings: { hotPollSeconds: 1 },
    });
    const mb = await mailboxWithMail();
    const token = tokenOf(mb.address)!;
    const start = Date.now();
    server.injectFault({
      type: 'status',
      status: 403,
      api: 'tempmail-lol',
      path: '/v2/inbox',
      durationMs: 4_000,
    });
    await waitFor(async () => {
      const acc = (await readStorage<Record<string, AccountState>>(session, 'accountState'))?.[
        'tempmail-lol'
      ];
      return acc?.authPaused;
    });
    const pausedAt = Date.now();
    expect(await popupNotice()).toMatch(sentence('popupKeyRefused'));
    // A window measured on purpose, reaching 2 s past the fault's end (4 s): no request while paused.
    const windowEnd = Math.max(start + 6_000, pausedAt + 2_000);
    await new Promise((r) => setTimeout(r, windowEnd - Date.now()));
    expect(await pollsDuring(token, pausedAt + 500, Date.now())).toBe(0);
    const authNotes = Object.keys(await notifications(session)).filter((id) => id.startsWith('mayfly-auth|'));
    expect(authNotes).toEqual(['mayfly-auth|tempmail-lol']);
    // Saving a key (as Options does) lifts the pause.
    const { err } = await callBackground(page, 'saveApiKey', { provider: 'tempmail-lol', apiKey: '' });
    expect(err).toBeUndefined();
    await sendMail({ smtpPort: server.smtpPort, to: mb.address, subject: 'Key fixed', text: 'x' });
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 30_000 });
  });

  it('quota exhausted (tempmailg): pauses the account until the reset and stops asking', async () => {
    await configure(session, {
      provider: 'tempmailg',
      baseUrl: server.apiUrls.tempmailg,
      apiKey: 'test-key',
      settings: { hotPollSeconds: 1 },
    });
    const { res: mb, err } = await callBackground<Mailbox>(page, 'createMailbox', {});
    expect(err).toBeUndefined();
    await sendMail({ smtpPort: server.smtpPort, to: mb!.address, subject: 'Before quota', text: 'kept' });
    await waitFor(async () => (await messagesOf(mb!.id)).length === 1);
    server.injectFault({ type: 'quota-exhausted', api: 'tempmailg', path: '/api/messages' });
    const acc = await waitFor(async () => {
      const a = (await readStorage<Record<string, AccountState>>(session, 'accountState'))?.tempmailg;
      return a?.pausedUntil ? a : undefined;
    });
    expect(acc.pausedUntil!).toBeGreaterThan(Date.now() + 60_000);
    expect((await pollState(mb!.id))?.lastError?.kind).toBe('quota-exhausted');
    expect(await popupNotice()).toMatch(sentence('reasonQuotaResets'));
    const pausedAt = Date.now();
    // A window measured on purpose: while paused, hot mode (1 s) would ask about three times in it.
    await new Promise((r) => setTimeout(r, 3_000));
    const asked = server
      .log()
      .filter((e) => e.api === 'tempmailg' && e.path.startsWith('/api/messages') && e.t > pausedAt + 500);
    expect(asked).toEqual([]);
    expect((await messagesOf(mb!.id)).length).toBe(1);
    server.clearFaults();
  });
});
