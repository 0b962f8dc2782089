import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { Mailbox } from '../lib/core/types';
import type { PollState } from '../lib/storage/items';
import { configure, launchExtension, readStorage, type ExtensionSession } from '../test/e2e/harness';
import { startLocalServer, type RequestLogEntry } from '../test/server/index';
import { callBackground } from './lib/background-call';
import { buildE2eExtension } from './lib/build';
import { createLolInbox, startFixedPoller } from './lib/fixed-poller';
import {
  acceptedAt,
  codeMaker,
  gap,
  latencies,
  mailFor,
  notifiedAt,
  sendOnSchedule,
  type SentMail,
} from './lib/hot-mail';
import { installNotificationProbe, readNotificationProbe } from './lib/notification-probe';
import { perMailboxHour, summarizeLatency, type LatencySummary } from './lib/stats';

/**
 * How fast a mail becomes a notification, and what that costs in requests, for the built extension in real
 * Chromium against the local server (TempMail.lol v2, default settings: hot = every 3 s for 5 minutes after
 * a mailbox is made, idle = every 60 s), next to a plain poller that reads every inbox every 5 s.
 *
 * Latency is measured from the moment the server's SMTP side accepted the mail to the moment the service
 * worker called `notifications.create` (a probe wraps that call; the worker is never restarted).
 * Run: `npx tsx bench/latency.ts` (full) or `npx tsx bench/latency.ts --quick`; the JSON is the last line.
 */

export interface LatencyFigures {
  notify_latency: { hot: LatencySummary; idle: LatencySummary };
  /** Inbox reads per live mailbox and hour; `no_live_mailbox` is the raw count in its window (target 0). */
  requests_per_mailbox_hour: { idle: number; hot: number; no_live_mailbox: number };
  baseline_fixed_5s: { notify_latency: LatencySummary; requests_per_mailbox_hour: number };
  /** How each figure was measured: window lengths, mailbox counts, raw request counts, mails lost. */
  method: {
    quick: boolean;
    mails_per_mode: number;
    hot: { mailboxes: number; window_s: number; inbox_requests: number };
    idle: { mailboxes: number; window_s: number; inbox_requests: number };
    no_live_mailbox: { window_s: number; requests: number; mailboxes_left: string };
    baseline: { mailboxes: number; interval_s: number; window_s: number; inbox_requests: number };
    undetected_mails: number;
  };
}

interface Plan {
  mails: number;
  idleMailboxes: number;
  /** Idle mails are sent at random moments within this span after the idle window opens. */
  idleSendSpanMs: number;
  /** A whole number of idle intervals, so every idle mailbox is read the same number of times in it. */
  activeWindowMs: number;
  noLiveWindowMs: number;
  baselineMailboxes: number;
}

const FULL: Plan = {
  mails: 24,
  idleMailboxes: 8,
  idleSendSpanMs: 110_000,
  activeWindowMs: 180_000,
  noLiveWindowMs: 60_000,
  baselineMailboxes: 4,
};
const QUICK: Plan = {
  mails: 8,
  idleMailboxes: 3,
  idleSendSpanMs: 50_000,
  activeWindowMs: 120_000,
  noLiveWindowMs: 15_000,
  baselineMailboxes: 2,
};
const BASELINE_INTERVAL_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function inboxReads(log: RequestLogEntry[], tokens: Set<string>, from: number, to: number): number {
  return log.filter(
    (e) =>
      e.path.startsWith('/v2/inbox?') &&
      e.token !== undefined &&
      tokens.has(e.token) &&
      e.t >= from &&
      e.t < to,
  ).length;
}

async function pollStates(session: ExtensionSession): Promise<Record<string, PollState>> {
  return (await readStorage<Record<string, PollState>>(session, 'pollState')) ?? {};
}

/**
 * Ends the hot window of the given mailboxes by writing a past `hotUntil` into the stored poll state, as if
 * their five minutes had run out. The background may be writing the same item, so the write is repeated
 * until it is seen to stick.
 */
async function endHotWindow(session: ExtensionSession, ids: string[]): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const worker = await session.worker();
    await worker.evaluate(async (mailboxIds) => {
      const { pollState = {} } = (await chrome.storage.local.get('pollState')) as {
        pollState?: Record<string, { hotUntil?: number }>;
      };
      for (const id of mailboxIds) pollState[id] = { ...pollState[id], hotUntil: Date.now() - 1 };
      await chrome.storage.local.set({ pollState });
    }, ids);
    await sleep(1_500);
    const states = await pollStates(session);
    if (ids.every((id) => (states[id]?.hotUntil ?? Infinity) < Date.now())) return;
  }
  throw new Error('could not end the hot window of the idle mailboxes');
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** Measures notification latency and request cost of Mayfly's scheduler and of a fixed 5 s poller. */
export async function runLatencyBench(
  opts: { mails?: number; quick?: boolean; skipBuild?: boolean; log?: (line: string) => void } = {},
): Promise<LatencyFigures> {
  const quick = opts.quick ?? false;
  const plan: Plan = { ...(quick ? QUICK : FULL), ...(opts.mails ? { mails: opts.mails } : {}) };
  const log = opts.log ?? (() => undefined);
  const nextCode = codeMaker();

  if (!opts.skipBuild) {
    log('building the e2e variant of the extension');
    buildE2eExtension({ quiet: true });
  }
  const server = await startLocalServer();
  let session: ExtensionSession | undefined;
  try {
    session = await launchExtension();
    await configure(session, { provider: 'tempmail-lol', baseUrl: server.apiUrls.tempmailLol });
    const worker = await session.worker();
    await installNotificationProbe(worker);
    // Options is an extension page that, unlike the popup, does not keep any mailbox hot.
    const page: Page = await session.openPage('options.html');

    log(`creating 1 hot and ${plan.idleMailboxes} idle mailboxes`);
    const hot = await callBackground<Mailbox>(page, 'createMailbox', {});
    const idle: Mailbox[] = [];
    for (let i = 0; i < plan.idleMailboxes; i++)
      idle.push(await callBackground<Mailbox>(page, 'createMailbox', {}));
    const all = [hot, ...idle];
    // Mail present at a mailbox's first sync is history and never announced: wait for that sync.
    await waitUntil(
      async () => {
        const states = await pollStates(session!);
        return all.every((mb) => states[mb.id]?.primed === true);
      },
      20_000,
      'the first sync of every mailbox',
    );
    await endHotWindow(
      session,
      idle.map((mb) => mb.id),
    );
    const tokenOf = new Map(server.mailboxes().map((m) => [m.address, m.token ?? '']));

    // Hot and idle run side by side: each mailbox is polled on its own schedule.
    const windowStart = Date.now();
    log(`hot and idle window: ${plan.activeWindowMs / 1000} s, ${plan.mails} mails each`);
    const hotSchedule: { at: number; mail: SentMail }[] = [];
    let at = 1_000;
    for (let i = 0; i < plan.mails; i++, at += gap()) {
      hotSchedule.push({ at, mail: mailFor(hot.address, `hot ${i}`, nextCode()) });
    }
    const idleSchedule = Array.from({ length: plan.mails }, (_, i) => ({
      at: 2_000 + Math.random() * (plan.idleSendSpanMs - 2_000),
      mail: mailFor(idle[i % idle.length]!.address, `idle ${i}`, nextCode()),
    }));
    await Promise.all([
      sendOnSchedule(server, windowStart, hotSchedule),
      sendOnSchedule(server, windowStart, idleSchedule),
    ]);
    await sleep(windowStart + plan.activeWindowMs - Date.now());
    const windowEnd = Date.now();

    const records = await readNotificationProbe(worker);
    const accepted = acceptedAt(server);
    const hotMails = hotSchedule.map((s) => s.mail);
    const idleMails = idleSchedule.map((s) => s.mail);
    const hotLatency = latencies(hotMails, accepted, (m) => notifiedAt(records, m));
    const idleLatency = latencies(idleMails, accepted, (m) => notifiedAt(records, m));
    const serverLog = server.log();
    const hotReads = inboxReads(serverLog, new Set([tokenOf.get(hot.address)!]), windowStart, windowEnd);
    const idleReads = inboxReads(
      serverLog,
      new Set(idle.map((mb) => tokenOf.get(mb.address)!)),
      windowStart,
      windowEnd,
    );

    // No live mailbox: the hot one expires on the server (and the extension learns it), the others are deleted.
    log('no-live-mailbox window and fixed 5 s baseline');
    server.expire(hot.address);
    await callBackground(page, 'refresh', { mailboxId: hot.id }).catch(() => undefined);
    await waitUntil(
      async () =>
        (await readStorage<Mailbox[]>(session!, 'mailboxes'))?.find((m) => m.id === hot.id)?.expired === true,
      10_000,
      'the extension to mark the expired mailbox',
    );
    for (const mb of idle) await callBackground(page, 'deleteMailbox', { mailboxId: mb.id });

    // The baseline runs in Node meanwhile, on inboxes of its own (TempMail.lol hands each mail out once, so
    // two pollers cannot share one). Its requests carry its own tokens and are left out of the no-live count.
    const baselineInboxes = [];
    for (let i = 0; i < plan.baselineMailboxes; i++)
      baselineInboxes.push(await createLolInbox(server.httpUrl));
    const baselineTokens = new Set(baselineInboxes.map((b) => b.token));
    await sleep(1_000);
    const noLiveStart = Date.now();
    const baselineStart = Date.now();
    const poller = startFixedPoller(server.httpUrl, baselineInboxes, BASELINE_INTERVAL_MS);
    const baselineSchedule: { at: number; mail: SentMail }[] = [];
    at = BASELINE_INTERVAL_MS;
    for (let i = 0; i < plan.mails; i++, at += gap()) {
      const inbox = baselineInboxes[i % baselineInboxes.length]!;
      baselineSchedule.push({ at, mail: mailFor(inbox.address, `baseline ${i}`, nextCode()) });
    }
    const noLiveWindow = sleep(plan.noLiveWindowMs).then(() => Date.now());
    await sendOnSchedule(server, baselineStart, baselineSchedule);
    await sleep(BASELINE_INTERVAL_MS + 500);
    // Reads are counted from the end of the first interval (every inbox loop has started by then, each on
    // its own random phase) until the poller is told to stop.
    const baselineEnd = Date.now();
    await poller.stop();
    const noLiveEnd = await noLiveWindow;

    const afterLog = server.log();
    const noLiveRequests = afterLog.filter(
      (e) => e.t >= noLiveStart && e.t < noLiveEnd && !(e.token && baselineTokens.has(e.token)),
    ).length;
    const baselineCountFrom = baselineStart + BASELINE_INTERVAL_MS;
    const baselineReads = inboxReads(afterLog, baselineTokens, baselineCountFrom, baselineEnd);
    const baselineAccepted = acceptedAt(server);
    const baselineLatency = latencies(
      baselineSchedule.map((s) => s.mail),
      baselineAccepted,
      (m) => poller.seen.get(m.subject),
    );
    // The probe must still be there: the worker was never restarted during the measurement.
    await readNotificationProbe(worker);

    const leftOver = (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];
    return {
      notify_latency: {
        hot: summarizeLatency(hotLatency.values),
        idle: summarizeLatency(idleLatency.values),
      },
      requests_per_mailbox_hour: {
        hot: perMailboxHour(hotReads, 1, windowEnd - windowStart),
        idle: perMailboxHour(idleReads, idle.length, windowEnd - windowStart),
        no_live_mailbox: noLiveRequests,
      },
      baseline_fixed_5s: {
        notify_latency: summarizeLatency(baselineLatency.values),
        requests_per_mailbox_hour: perMailboxHour(
          baselineReads,
          baselineInboxes.length,
          baselineEnd - baselineCountFrom,
        ),
      },
      method: {
        quick,
        mails_per_mode: plan.mails,
        hot: {
          mailboxes: 1,
          window_s: Math.round((windowEnd - windowStart) / 1000),
          inbox_requests: hotReads,
        },
        idle: {
          mailboxes: idle.length,
          window_s: Math.round((windowEnd - windowStart) / 1000),
          inbox_requests: idleReads,
        },
        no_live_mailbox: {
          window_s: Math.round((noLiveEnd - noLiveStart) / 1000),
          requests: noLiveRequests,
          mailboxes_left: `${leftOver.length} (${leftOver.filter((m) => m.expired).length} expired)`,
        },
        baseline: {
          mailboxes: baselineInboxes.length,
          interval_s: BASELINE_INTERVAL_MS / 1000,
          window_s: Math.round((baselineEnd - baselineCountFrom) / 1000),
          inbox_requests: baselineReads,
        },
        undetected_mails: hotLatency.missing + idleLatency.missing + baselineLatency.missing,
      },
    };
  } finally {
    await session?.close();
    await server.close();
  }
}

function describe(f: LatencyFigures): string {
  const l = (s: LatencySummary) =>
    `p50 ${(s.p50_ms / 1000).toFixed(1)} s, p95 ${(s.p95_ms / 1000).toFixed(1)} s (n=${s.n})`;
  const m = f.method;
  return [
    `Mail → notification (SMTP accept → notifications.create), TempMail.lol v2, default settings${m.quick ? ' [quick]' : ''}`,
    `  hot  (3 s):   ${l(f.notify_latency.hot)}`,
    `  idle (60 s):  ${l(f.notify_latency.idle)}`,
    `  fixed 5 s:    ${l(f.baseline_fixed_5s.notify_latency)}`,
    'Inbox requests per live mailbox-hour',
    `  hot:          ${f.requests_per_mailbox_hour.hot} (${m.hot.inbox_requests} reads, 1 mailbox, ${m.hot.window_s} s window)`,
    `  idle:         ${f.requests_per_mailbox_hour.idle} (${m.idle.inbox_requests} reads, ${m.idle.mailboxes} mailboxes, ${m.idle.window_s} s window)`,
    `  fixed 5 s:    ${f.baseline_fixed_5s.requests_per_mailbox_hour} (${m.baseline.inbox_requests} reads, ${m.baseline.mailboxes} mailboxes, ${m.baseline.window_s} s window)`,
    `No live mailbox: ${f.requests_per_mailbox_hour.no_live_mailbox} requests in ${m.no_live_mailbox.window_s} s (mailboxes left: ${m.no_live_mailbox.mailboxes_left})`,
    `Mails not detected: ${m.undetected_mails}`,
  ].join('\n');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  runLatencyBench({ quick, log: (line) => console.log(`• ${line}`) }).then(
    (figures) => {
      console.log(`\n${describe(figures)}\n(bench took ${Math.round((Date.now() - started) / 1000)} s)`);
      console.log(JSON.stringify(figures));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`latency bench failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}
