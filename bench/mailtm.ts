import { pathToFileURL } from 'node:url';
import type { Mailbox } from '../lib/core/types';
import type { PollState } from '../lib/storage/items';
import { configure, launchExtension, readStorage, type ExtensionSession } from '../test/e2e/harness';
import { startLocalServer, type LocalServer } from '../test/server/index';
import { callBackground } from './lib/background-call';
import { buildE2eExtension } from './lib/build';
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
 * Mail.tm while hot, with the realtime stream: how fast a mail becomes a notification, and what watching a
 * hot mailbox costs in requests next to TempMail.lol's hot polling, for the built extension in real Chromium
 * against the local server's Mail.tm API and its Mercure-style hub. Default settings (hot = every 3 s for
 * 5 minutes, idle = every 60 s).
 *
 * 1. Latency: mails sent over SMTP at random 1-4 s gaps to one hot Mail.tm mailbox whose stream is open;
 *    SMTP accept → the worker's `notifications.create` (the probe of bench/latency.ts).
 * 2. Cost: a quiet window (no mail) with one hot Mail.tm mailbox and one hot TempMail.lol mailbox in the
 *    same extension; every request of each mailbox is counted (Mail.tm: lists, bodies, hub connections).
 *    Each mail adds its own requests on top (listed as `requests_per_mail`).
 * Run: `npx tsx bench/mailtm.ts` (full) or `--quick`; the JSON is the last line.
 */

export interface MailTmFigures {
  notify_latency_stream: LatencySummary;
  requests_per_hot_mailbox_hour: { mailtm_stream: number; tempmail_lol_polling: number; ratio: number };
  requests_per_mail: number;
  method: {
    quick: boolean;
    mails: number;
    undetected_mails: number;
    latency_window_s: number;
    quiet_window_s: number;
    mailtm_requests_quiet: number;
    tempmail_lol_reads_quiet: number;
    mailtm_requests_with_mail: number;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function requestsOf(server: LocalServer, address: string, from: number, to: number): number {
  return server.log().filter((e) => e.mailbox === address && e.t >= from && e.t < to).length;
}

export async function runMailTmBench(
  opts: { quick?: boolean; skipBuild?: boolean; log?: (line: string) => void } = {},
): Promise<MailTmFigures> {
  const quick = opts.quick ?? false;
  const mails = quick ? 8 : 24;
  // Both windows fit in the 5 hot minutes that follow the mailbox's creation.
  const quietWindowMs = quick ? 60_000 : 150_000;
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
    await configure(session, { provider: 'mailtm', baseUrl: server.apiUrls.mailtm });
    const worker = await session.worker();
    await installNotificationProbe(worker);
    // Options keeps no mailbox hot (the popup would).
    const page = await session.openPage('options.html');

    log('creating a hot Mail.tm and a hot TempMail.lol mailbox');
    const mailtm = await callBackground<Mailbox>(page, 'createMailbox', { provider: 'mailtm' });
    const lol = await callBackground<Mailbox>(page, 'createMailbox', { provider: 'tempmail-lol' });
    await waitUntil(
      async () => {
        const states = (await readStorage<Record<string, PollState>>(session!, 'pollState')) ?? {};
        return states[mailtm.id]?.primed === true && states[lol.id]?.primed === true;
      },
      20_000,
      'the first sync of both mailboxes',
    );
    await waitUntil(() => server.mailtmHub().open > 0, 10_000, 'the Mail.tm stream to open');

    log(`latency: ${mails} mails at 1-4 s gaps to the Mail.tm mailbox`);
    const latencyStart = Date.now();
    const schedule: { at: number; mail: SentMail }[] = [];
    let at = 1_000;
    for (let i = 0; i < mails; i++, at += gap())
      schedule.push({ at, mail: mailFor(mailtm.address, `mailtm ${i}`, nextCode()) });
    await sendOnSchedule(server, latencyStart, schedule);
    const sent = schedule.map((s) => s.mail);
    await waitUntil(
      async () => {
        const records = await readNotificationProbe(worker);
        return sent.every((m) => notifiedAt(records, m) !== undefined);
      },
      20_000,
      'a notification for every mail',
    ).catch(() => undefined);
    // Let the last mail's body fetch finish before the quiet window starts counting.
    await sleep(2_000);
    const latencyEnd = Date.now();
    const records = await readNotificationProbe(worker);
    const measured = latencies(sent, acceptedAt(server), (m) => notifiedAt(records, m));
    const withMail = requestsOf(server, mailtm.address, latencyStart, latencyEnd);
    const openDuringLatency = server.mailtmHub().open > 0;

    log(`cost: quiet window of ${quietWindowMs / 1000} s, both mailboxes hot, no mail`);
    const quietStart = Date.now();
    await sleep(quietWindowMs);
    const quietEnd = Date.now();
    const mailtmQuiet = requestsOf(server, mailtm.address, quietStart, quietEnd);
    const lolToken = server.mailboxes().find((m) => m.address === lol.address)?.token;
    const lolQuiet = server
      .log()
      .filter(
        (e) => e.token === lolToken && e.path.startsWith('/v2/inbox?') && e.t >= quietStart && e.t < quietEnd,
      ).length;
    if (!openDuringLatency) throw new Error('the Mail.tm stream was not open during the latency window');

    const mailtmPerHour = perMailboxHour(mailtmQuiet, 1, quietEnd - quietStart);
    const lolPerHour = perMailboxHour(lolQuiet, 1, quietEnd - quietStart);
    return {
      notify_latency_stream: summarizeLatency(measured.values),
      requests_per_hot_mailbox_hour: {
        mailtm_stream: mailtmPerHour,
        tempmail_lol_polling: lolPerHour,
        ratio: Math.round((mailtmPerHour / lolPerHour) * 1000) / 1000,
      },
      // Beyond what the quiet window shows: what each mail adds (its list and its body).
      requests_per_mail:
        Math.round(
          ((withMail - (mailtmQuiet * (latencyEnd - latencyStart)) / (quietEnd - quietStart)) / mails) * 10,
        ) / 10,
      method: {
        quick,
        mails,
        undetected_mails: measured.missing,
        latency_window_s: Math.round((latencyEnd - latencyStart) / 1000),
        quiet_window_s: Math.round((quietEnd - quietStart) / 1000),
        mailtm_requests_quiet: mailtmQuiet,
        tempmail_lol_reads_quiet: lolQuiet,
        mailtm_requests_with_mail: withMail,
      },
    };
  } finally {
    await session?.close();
    await server.close();
  }
}

function describe(f: MailTmFigures): string {
  const l = f.notify_latency_stream;
  const r = f.requests_per_hot_mailbox_hour;
  return [
    `Mail.tm hot, realtime stream${f.method.quick ? ' [quick]' : ''}`,
    `  mail → notification: p50 ${(l.p50_ms / 1000).toFixed(2)} s, p95 ${(l.p95_ms / 1000).toFixed(2)} s (n=${l.n}, missed ${f.method.undetected_mails})`,
    `  requests per hot mailbox-hour, no mail: Mail.tm ${r.mailtm_stream} vs TempMail.lol ${r.tempmail_lol_polling} (ratio ${r.ratio})`,
    `  requests per mail on top: ${f.requests_per_mail}`,
  ].join('\n');
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const quick = process.argv.includes('--quick');
  const skipBuild = process.argv.includes('--skip-build');
  const started = Date.now();
  runMailTmBench({ quick, skipBuild, log: (line) => console.log(`• ${line}`) }).then(
    (figures) => {
      console.log(`\n${describe(figures)}\n(bench took ${Math.round((Date.now() - started) / 1000)} s)`);
      console.log(JSON.stringify(figures));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`Mail.tm bench failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}
