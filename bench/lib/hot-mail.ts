import { sendMail, type LocalServer } from '../../test/server/index';
import type { NotificationRecord } from './notification-probe';

/**
 * Mails sent over real SMTP to the local server and matched to the notifications they raised: shared by
 * bench/latency.ts and bench/scale.ts. Latency is SMTP accept (the server's delivery log) → the worker's
 * `notifications.create` call (bench/lib/notification-probe.ts).
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The mail interval of a sender "at random spacing": 1 to 4 s. */
export const gap = () => 1_000 + Math.random() * 3_000;

export interface SentMail {
  subject: string;
  code: string;
  to: string;
}

/** Codes unique within a run, so a notification id (which carries the code) names its mail. */
export function codeMaker(): () => string {
  const used = new Set<string>();
  return () => {
    let code: string;
    do code = String(100_000 + Math.floor(Math.random() * 900_000));
    while (used.has(code));
    used.add(code);
    return code;
  };
}

export function mailFor(to: string, label: string, code: string): SentMail {
  return { to, subject: `Mayfly bench [${label}]`, code };
}

export async function send(server: LocalServer, mail: SentMail): Promise<void> {
  await sendMail({
    smtpPort: server.smtpPort,
    to: mail.to,
    from: 'Bench Sender <bench@sender.test>',
    subject: mail.subject,
    text: `Your verification code is ${mail.code}.`,
  });
}

/** Sends each mail when its time comes (ms after `start`). */
export async function sendOnSchedule(
  server: LocalServer,
  start: number,
  schedule: { at: number; mail: SentMail }[],
) {
  for (const { at, mail } of [...schedule].sort((a, b) => a.at - b.at)) {
    await sleep(start + at - Date.now());
    await send(server, mail);
  }
}

/** SMTP acceptance time per subject. */
export function acceptedAt(server: LocalServer): Map<string, number> {
  return new Map(server.deliveries().map((d) => [d.subject, d.t]));
}

/** A notification announces a mail when its id carries the mail's code or its text lists the mail's subject. */
export function notifiedAt(records: NotificationRecord[], mail: SentMail): number | undefined {
  return records.find((r) => r.id.includes(`"${mail.code}"`) || r.message.includes(mail.subject))?.at;
}

export function latencies(
  mails: SentMail[],
  accepted: Map<string, number>,
  detected: (mail: SentMail) => number | undefined,
): { values: number[]; missing: number } {
  const values: number[] = [];
  let missing = 0;
  for (const mail of mails) {
    const t0 = accepted.get(mail.subject);
    const t1 = detected(mail);
    if (t0 === undefined || t1 === undefined) missing++;
    else values.push(t1 - t0);
  }
  return { values, missing };
}

/**
 * When several mails arrive in one poll, the background raises one summary notification that names only the
 * first three. A mail that no notification names was announced by the first notification after the first
 * inbox read of its mailbox that followed its SMTP accept (polls of one mailbox run one at a time, and each
 * notifies before the next starts). Use only when the mailbox is the one receiving mail.
 */
export function batchNotifiedAt(
  records: NotificationRecord[],
  inboxReads: readonly number[],
  accepted: number | undefined,
): number | undefined {
  if (accepted === undefined) return undefined;
  const read = inboxReads.find((t) => t >= accepted);
  if (read === undefined) return undefined;
  return records.find((r) => r.at >= read)?.at;
}
