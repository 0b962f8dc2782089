import type { ProviderMessage } from '../core/types';
import { isRecord } from './http';

/**
 * Reading the emails of a TempMail.lol inbox answer, which the server deletes as it hands them out. Nothing
 * here may throw or drop an email: a read cannot be repeated, so whatever arrived is kept, field by field
 * where that works, and raw (flagged `malformed`) where it does not. The documented shape (seed 004) is
 * `{from, to, subject, body, date (unix ms), ip, html?}`; clients in the wild also meet `emails: null`,
 * missing strings, missing or odd dates, and newer answers that carry their own `id`.
 */

/** Earliest date believed: anything before is a broken clock or a unit mix-up. */
const EARLIEST_DATE = Date.UTC(2000, 0, 1);
/** A date this far past the fetch time is not believed either. */
const FUTURE_SLACK_MS = 24 * 3_600_000;
/** Below this a number is read as unix seconds, not milliseconds (1e11 ms is 1973; 1e11 s is year 5138). */
const SECONDS_BELOW = 1e11;
/** The raw text kept for an email Mayfly could not read: enough to see what it was, bounded. */
const RAW_MAX_CHARS = 256 * 1024;

const TEXT_FIELDS = ['from', 'to', 'subject', 'body'] as const;

/**
 * Every email of one answer's list (`emails` on v2, `email` on v1 and custom-domain reads), in order.
 * `null` or absent means none; anything other than an array is kept as one raw email.
 */
export async function readLolEmails(list: unknown, fetchedAt: number): Promise<ProviderMessage[]> {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) return [await rawMessage(list, fetchedAt)];
  return Promise.all(list.map((item: unknown) => readLolEmail(item, fetchedAt)));
}

/** One email, read as far as it can be. Never throws. */
export async function readLolEmail(item: unknown, fetchedAt: number): Promise<ProviderMessage> {
  if (!isRecord(item)) return rawMessage(item, fetchedAt);
  let unreadable = false;
  const text = (key: string): string => {
    const value = item[key];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    unreadable = true;
    return '';
  };
  const [from, to, subject, body] = TEXT_FIELDS.map(text) as [string, string, string, string];
  let html: string | undefined;
  if (typeof item.html === 'string') html = item.html;
  else if (item.html !== undefined && item.html !== null) unreadable = true;
  const known = TEXT_FIELDS.some((key) => item[key] !== undefined) || item.html !== undefined;
  const date = readDate(item.date, fetchedAt) ?? fetchedAt;
  const message: ProviderMessage = {
    id: ownId(item.id) ?? (await messageId({ date, from, to, subject, body })),
    from: from ? { address: from } : {},
    subject,
    receivedAt: date,
    hasBody: true,
    text: body,
    attachments: [],
  };
  if (to) message.to = to;
  if (html) message.html = html;
  if (unreadable || !known) {
    message.malformed = true;
    message.text = rawText(item);
  }
  return message;
}

/** An email that is not an object at all: kept whole as text, with an id derived from that text. */
async function rawMessage(item: unknown, fetchedAt: number): Promise<ProviderMessage> {
  const raw = rawText(item);
  return {
    id: `raw-${await sha256Hex(raw)}`,
    from: {},
    subject: '',
    receivedAt: fetchedAt,
    hasBody: true,
    text: raw,
    attachments: [],
    malformed: true,
  };
}

/** Unix ms (or seconds), as a number or a string of digits, or an ISO date; undefined when not believable. */
export function readDate(value: unknown, fetchedAt: number): number | undefined {
  let at: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) at = value;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) at = Number(value);
  else if (typeof value === 'string') {
    const parsed = Date.parse(value);
    at = Number.isNaN(parsed) ? undefined : parsed;
    if (at !== undefined) return believable(at, fetchedAt);
  }
  if (at === undefined) return undefined;
  return believable(at < SECONDS_BELOW ? at * 1000 : at, fetchedAt);
}

function believable(at: number, fetchedAt: number): number | undefined {
  return at >= EARLIEST_DATE && at <= fetchedAt + FUTURE_SLACK_MS ? Math.round(at) : undefined;
}

/** The server's own id, when it sends one (newer answers do). */
function ownId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function rawText(item: unknown): string {
  let raw: string;
  try {
    raw = JSON.stringify(item, null, 2) ?? String(item);
  } catch {
    raw = String(item);
  }
  return raw.length > RAW_MAX_CHARS ? `${raw.slice(0, RAW_MAX_CHARS)}…` : raw;
}

/** A stable id for an email that has none: SHA-256 (hex) over `date|from|to|subject|body`. */
export async function messageId(email: {
  date: number;
  from: string;
  to: string;
  subject: string;
  body: string;
}): Promise<string> {
  return sha256Hex(`${email.date}|${email.from}|${email.to}|${email.subject}|${email.body}`);
}

async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
