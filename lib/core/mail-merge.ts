import type { ProviderMessage, StoredMessage } from './types';

/** Bodies above this are cut before storage: storage.local is shared by every mailbox. */
export const MAX_BODY_CHARS = 256 * 1024;
/** Messages kept per mailbox; the oldest go first, never the unread. */
export const MAX_MESSAGES_PER_MAILBOX = 200;

export interface MergeResult {
  messages: StoredMessage[];
  /** Messages that were not stored before, newest first. */
  added: StoredMessage[];
}

function cap(s: string | undefined): { value: string | undefined; cut: boolean } {
  if (s === undefined || s.length <= MAX_BODY_CHARS) return { value: s, cut: false };
  return { value: s.slice(0, MAX_BODY_CHARS), cut: true };
}

/** Turns a provider message into its stored form (body capped). */
export function toStored(m: ProviderMessage, mailboxId: string, now: number): StoredMessage {
  const text = cap(m.text);
  const html = cap(m.html);
  return {
    ...m,
    text: text.value,
    html: html.value,
    mailboxId,
    fetchedAt: now,
    seen: m.seen ?? false,
    ...(text.cut || html.cut ? { truncated: true } : {}),
  };
}

/**
 * Merges what a provider handed out into what is stored. Nothing stored is dropped because the server no
 * longer lists it (mail already fetched is never lost); known messages get their body filled in when the
 * list now carries one, but keep the local read flag once the person has read them.
 */
export function mergeMessages(
  stored: readonly StoredMessage[],
  incoming: readonly ProviderMessage[],
  mailboxId: string,
  now: number,
): MergeResult {
  const byId = new Map(stored.map((m) => [m.id, m]));
  const added: StoredMessage[] = [];
  for (const m of incoming) {
    const old = byId.get(m.id);
    if (!old) {
      const s = toStored(m, mailboxId, now);
      byId.set(m.id, s);
      added.push(s);
    } else if (!old.hasBody && m.hasBody) {
      byId.set(m.id, { ...toStored(m, mailboxId, old.fetchedAt), seen: old.seen || (m.seen ?? false) });
    }
  }
  let messages = [...byId.values()].sort((a, b) => b.receivedAt - a.receivedAt || b.fetchedAt - a.fetchedAt);
  if (messages.length > MAX_MESSAGES_PER_MAILBOX) {
    const keep = messages.slice(0, MAX_MESSAGES_PER_MAILBOX);
    const unreadBeyond = messages.slice(MAX_MESSAGES_PER_MAILBOX).filter((m) => !m.seen);
    messages = [...keep, ...unreadBeyond];
  }
  added.sort((a, b) => b.receivedAt - a.receivedAt);
  return { messages, added };
}
