import type { MessageBody, MessageSummary, ProviderMessage, StoredMessage } from './types';

/** Bodies above this are cut before storage. */
export const MAX_BODY_CHARS = 256 * 1024;
/** Past this many messages in a mailbox, the oldest read ones go first. */
export const MAX_MESSAGES_PER_MAILBOX = 200;
/**
 * The hard ceiling per mailbox, unread included: a hostile or runaway server answering one poll with
 * thousands of mails cannot grow storage without bound. What goes past it is counted and the person told.
 */
export const HARD_MAX_MESSAGES_PER_MAILBOX = 500;
/** Caps on the short fields a list shows: a sender can put anything there. */
export const MAX_SUBJECT_CHARS = 500;
export const MAX_NAME_CHARS = 200;
export const MAX_ADDRESS_CHARS = 320;

export interface InboxMerge {
  /** The mailbox's summaries after the merge, newest first. */
  summaries: MessageSummary[];
  /** Messages not stored before and kept now, newest first: their bodies are to be written. */
  added: StoredMessage[];
  /** Messages stored as a summary only whose body arrived now: their bodies are to be written. */
  filled: StoredMessage[];
  /** Ids stored before and no longer kept: their bodies are to be deleted. */
  evicted: string[];
  /** Unread messages that did not fit under the hard ceiling. */
  dropped: number;
}

function cap(s: string | undefined, max: number): { value: string | undefined; cut: boolean } {
  if (s === undefined || s.length <= max) return { value: s, cut: false };
  return { value: s.slice(0, max), cut: true };
}

const short = (s: string | undefined, max: number) => (s === undefined ? undefined : s.slice(0, max));

/** Turns a provider message into its stored form: bodies and the fields a list shows capped. */
export function toStored(m: ProviderMessage, mailboxId: string, now: number): StoredMessage {
  const text = cap(m.text, MAX_BODY_CHARS);
  const html = cap(m.html, MAX_BODY_CHARS);
  const name = short(m.from.name, MAX_NAME_CHARS);
  const address = short(m.from.address, MAX_ADDRESS_CHARS);
  const to = short(m.to, MAX_ADDRESS_CHARS);
  return {
    ...m,
    from: { ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) },
    ...(to !== undefined ? { to } : {}),
    subject: m.subject.slice(0, MAX_SUBJECT_CHARS),
    text: text.value,
    html: html.value,
    mailboxId,
    fetchedAt: now,
    seen: m.seen ?? false,
    ...(text.cut || html.cut ? { truncated: true } : {}),
  };
}

/** What the inbox list keeps of a stored message. */
export function toSummary(m: StoredMessage): MessageSummary {
  return {
    id: m.id,
    mailboxId: m.mailboxId,
    from: m.from,
    ...(m.to !== undefined ? { to: m.to } : {}),
    subject: m.subject,
    receivedAt: m.receivedAt,
    fetchedAt: m.fetchedAt,
    seen: m.seen,
    hasBody: m.hasBody,
    ...(m.code !== undefined ? { code: m.code } : {}),
    ...(m.link !== undefined ? { link: m.link } : {}),
    attachmentCount: m.attachments.length,
    size: (m.text?.length ?? 0) + (m.html?.length ?? 0),
    ...(m.truncated ? { truncated: true } : {}),
    ...(m.malformed ? { malformed: true } : {}),
  };
}

/** What IndexedDB keeps of a stored message. */
export function toBody(m: StoredMessage): MessageBody {
  return {
    mailboxId: m.mailboxId,
    id: m.id,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
    attachments: m.attachments,
  };
}

/** A summary and its body as one message (the body may be missing while only the summary is known). */
export function joinMessage(summary: MessageSummary, body: MessageBody | undefined): StoredMessage {
  const { attachmentCount: _a, size: _s, ...rest } = summary;
  return {
    ...rest,
    ...(body?.text !== undefined ? { text: body.text } : {}),
    ...(body?.html !== undefined ? { html: body.html } : {}),
    attachments: body?.attachments ?? [],
  };
}

const newestFirst = (a: Pick<MessageSummary, 'receivedAt' | 'fetchedAt'>, b: typeof a) =>
  b.receivedAt - a.receivedAt || b.fetchedAt - a.fetchedAt;

/**
 * Merges what a provider handed out (already in stored form) into one mailbox's summaries. Nothing stored
 * is dropped because the server no longer lists it (mail already fetched is never lost); a known summary
 * gets its body when the list now carries one, keeping the local read flag. Past the soft cap the oldest
 * read messages go; past the hard ceiling the oldest go whatever their state, and are counted.
 */
export function mergeInbox(
  stored: readonly MessageSummary[],
  incoming: readonly StoredMessage[],
): InboxMerge {
  const byId = new Map(stored.map((m) => [m.id, m]));
  const fresh = new Map<string, StoredMessage>();
  const filled: StoredMessage[] = [];
  for (const m of incoming) {
    const old = byId.get(m.id);
    if (!old) {
      if (fresh.has(m.id)) continue;
      fresh.set(m.id, m);
      byId.set(m.id, toSummary(m));
    } else if (!old.hasBody && m.hasBody) {
      const full = { ...m, fetchedAt: old.fetchedAt, seen: old.seen || m.seen };
      filled.push(full);
      byId.set(m.id, toSummary(full));
    }
  }
  let summaries = [...byId.values()].sort(newestFirst);
  let dropped = 0;
  if (summaries.length > MAX_MESSAGES_PER_MAILBOX) {
    const keep = summaries.slice(0, MAX_MESSAGES_PER_MAILBOX);
    const unreadBeyond = summaries.slice(MAX_MESSAGES_PER_MAILBOX).filter((m) => !m.seen);
    summaries = [...keep, ...unreadBeyond];
  }
  if (summaries.length > HARD_MAX_MESSAGES_PER_MAILBOX) {
    dropped = summaries.slice(HARD_MAX_MESSAGES_PER_MAILBOX).filter((m) => !m.seen).length;
    summaries = summaries.slice(0, HARD_MAX_MESSAGES_PER_MAILBOX);
  }
  const kept = new Set(summaries.map((m) => m.id));
  const added = [...fresh.values()].filter((m) => kept.has(m.id)).sort(newestFirst);
  const evicted = stored.filter((m) => !kept.has(m.id)).map((m) => m.id);
  return { summaries, added, filled: filled.filter((m) => kept.has(m.id)), evicted, dropped };
}

/** Unread and total counts and kept body size of one mailbox's summaries (the badge and Options read these). */
export function countInbox(summaries: readonly MessageSummary[]): MailboxCounts {
  let unread = 0;
  let size = 0;
  for (const m of summaries) {
    if (!m.seen) unread++;
    size += m.size;
  }
  return { total: summaries.length, unread, size };
}

export interface MailboxCounts {
  total: number;
  unread: number;
  /** Characters of body kept. */
  size: number;
}
