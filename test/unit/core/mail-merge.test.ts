import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS, MAX_MESSAGES_PER_MAILBOX, mergeMessages } from '../../../lib/core/mail-merge';
import type { ProviderMessage } from '../../../lib/core/types';

const msg = (id: string, receivedAt: number, extra: Partial<ProviderMessage> = {}): ProviderMessage => ({
  id,
  from: { address: 'a@example.org' },
  subject: `s${id}`,
  receivedAt,
  hasBody: true,
  text: 'hi',
  attachments: [],
  ...extra,
});

describe('mergeMessages', () => {
  it('adds only unknown messages and keeps everything already stored', () => {
    const first = mergeMessages([], [msg('1', 10), msg('2', 20)], 'mb', 100);
    expect(first.added.map((m) => m.id)).toEqual(['2', '1']);
    // The server no longer lists 1 (destructive read or deleted upstream): it stays.
    const second = mergeMessages(first.messages, [msg('2', 20), msg('3', 30)], 'mb', 200);
    expect(second.added.map((m) => m.id)).toEqual(['3']);
    expect(second.messages.map((m) => m.id)).toEqual(['3', '2', '1']);
  });

  it('fills in a body for a stored summary but keeps the local read flag', () => {
    const summary = mergeMessages([], [msg('1', 10, { hasBody: false, text: undefined })], 'mb', 1).messages;
    const read = summary.map((m) => ({ ...m, seen: true }));
    const full = mergeMessages(read, [msg('1', 10, { text: 'body', seen: false })], 'mb', 2);
    expect(full.added).toEqual([]);
    expect(full.messages[0]).toMatchObject({ hasBody: true, text: 'body', seen: true });
  });

  it('caps huge bodies and marks them truncated', () => {
    const big = 'x'.repeat(MAX_BODY_CHARS + 10);
    const { messages } = mergeMessages([], [msg('1', 1, { html: big })], 'mb', 1);
    expect(messages[0]!.html!.length).toBe(MAX_BODY_CHARS);
    expect(messages[0]!.truncated).toBe(true);
  });

  it('drops the oldest read messages past the cap, never unread ones', () => {
    const many = Array.from({ length: MAX_MESSAGES_PER_MAILBOX + 5 }, (_, i) => msg(String(i), i));
    const stored = mergeMessages([], many, 'mb', 1).messages.map((m) => ({ ...m, seen: Number(m.id) !== 0 }));
    const after = mergeMessages(stored, [msg('new', 10_000)], 'mb', 2).messages;
    expect(after.length).toBe(MAX_MESSAGES_PER_MAILBOX + 1);
    expect(after.some((m) => m.id === '0')).toBe(true);
  });
});
