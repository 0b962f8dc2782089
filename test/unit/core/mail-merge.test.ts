import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS, MAX_MESSAGES_PER_MAILBOX, mergeInbox, toStored } from '../../../lib/core/mail-merge';
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

const stored = (list: ProviderMessage[], now: number) => list.map((m) => toStored(m, 'mb', now));

describe('mergeInbox', () => {
  it('adds only unknown messages and keeps everything already stored', () => {
    const first = mergeInbox([], stored([msg('1', 10), msg('2', 20)], 100));
    expect(first.added.map((m) => m.id)).toEqual(['2', '1']);
    // The server no longer lists 1 (destructive read or deleted upstream): it stays.
    const second = mergeInbox(first.summaries, stored([msg('2', 20), msg('3', 30)], 200));
    expect(second.added.map((m) => m.id)).toEqual(['3']);
    expect(second.summaries.map((m) => m.id)).toEqual(['3', '2', '1']);
    expect(second.evicted).toEqual([]);
  });

  it('fills in a body for a stored summary but keeps the local read flag', () => {
    const summary = mergeInbox([], stored([msg('1', 10, { hasBody: false, text: undefined })], 1)).summaries;
    const read = summary.map((m) => ({ ...m, seen: true }));
    const full = mergeInbox(read, stored([msg('1', 10, { text: 'body', seen: false })], 2));
    expect(full.added).toEqual([]);
    expect(full.filled).toMatchObject([{ id: '1', text: 'body', seen: true, fetchedAt: 1 }]);
    expect(full.summaries[0]).toMatchObject({ hasBody: true, seen: true, size: 4 });
  });

  it('caps huge bodies and marks them truncated', () => {
    const big = 'x'.repeat(MAX_BODY_CHARS + 10);
    const { added, summaries } = mergeInbox([], stored([msg('1', 1, { html: big })], 1));
    expect(added[0]!.html!.length).toBe(MAX_BODY_CHARS);
    expect(summaries[0]!.truncated).toBe(true);
  });

  it('drops the oldest read messages past the cap, never unread ones', () => {
    const many = Array.from({ length: MAX_MESSAGES_PER_MAILBOX + 5 }, (_, i) => msg(String(i), i));
    const before = mergeInbox([], stored(many, 1)).summaries.map((m) => ({ ...m, seen: Number(m.id) !== 0 }));
    const after = mergeInbox(before, stored([msg('new', 10_000)], 2));
    expect(after.summaries.length).toBe(MAX_MESSAGES_PER_MAILBOX + 1);
    expect(after.summaries.some((m) => m.id === '0')).toBe(true);
    // The read ones past the cap go, and their bodies with them.
    expect(after.evicted.sort()).toEqual(['1', '2', '3', '4', '5']);
  });
});
