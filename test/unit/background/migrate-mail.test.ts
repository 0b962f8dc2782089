import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { migrateMailStorage, recoverPendingMail } from '../../../lib/background/migrate-mail';
import { toSummary } from '../../../lib/core/mail-merge';
import type { Mailbox, StoredMessage } from '../../../lib/core/types';
import { activeMailboxItem, mailboxesItem, notifiedKey } from '../../../lib/storage/items';
import {
  mailCountsItem,
  mailSchemaItem,
  readBody,
  readInbox,
  writeBodies,
} from '../../../lib/storage/mail-store';
import { resetBackgroundWorld } from './setup';

const T0 = 1_800_000_000_000;

const box = (address: string): Mailbox => ({
  id: `tempmail-lol:${address}`,
  provider: 'tempmail-lol',
  address,
  domain: 'lol.test',
  createdAt: T0,
  expiresAt: null,
  expired: false,
});

const v1Message = (mailboxId: string, id: string, seen = false): StoredMessage => ({
  id,
  mailboxId,
  from: { name: 'Shop', address: 'no-reply@shop.test' },
  subject: `Subject ${id}`,
  receivedAt: T0 + Number(id.replace(/\D/g, '')),
  fetchedAt: T0,
  seen,
  hasBody: true,
  text: `Body of ${id}`,
  html: `<p>Body of ${id}</p>`,
  attachments: [{ filename: 'a.pdf', url: 'https://files.test/a.pdf', auth: 'none' }],
  code: '482913',
});

const a = box('a@lol.test');
const b = box('b@lol.test');

/** The v1 layout as a real install holds it: every mailbox's mail in one key, notified ids in another. */
async function seedV1(): Promise<void> {
  await mailboxesItem.setValue([a, b]);
  await activeMailboxItem.setValue(b.id);
  await storage.setItem('local:messages', {
    [a.id]: [v1Message(a.id, 'a2'), v1Message(a.id, 'a1', true)],
    [b.id]: [v1Message(b.id, 'b1')],
  });
  await storage.setMeta('local:messages', { v: 1 });
  await storage.setItem('local:notified', { [a.id]: ['a1', 'a2'], [b.id]: ['b1'] });
}

async function expectMigrated(): Promise<void> {
  expect((await readInbox(a.id)).map((m) => [m.id, m.seen])).toEqual([
    ['a2', false],
    ['a1', true],
  ]);
  expect((await readInbox(b.id)).map((m) => m.id)).toEqual(['b1']);
  expect(await readBody(a.id, 'a1')).toMatchObject({ text: 'Body of a1', html: '<p>Body of a1</p>' });
  expect((await readBody(b.id, 'b1'))?.attachments).toHaveLength(1);
  expect(await mailCountsItem.getValue()).toMatchObject({
    [a.id]: { total: 2, unread: 1 },
    [b.id]: { total: 1, unread: 1 },
  });
  // Already-notified ids move with their mailbox, so nothing is announced again.
  expect(await storage.getItem(notifiedKey(a.id))).toEqual(['a1', 'a2']);
  expect(await mailSchemaItem.getValue()).toBe(2);
  expect(await fakeBrowser.storage.local.get(['messages', 'messages$', 'notified'])).toEqual({});
  expect(await activeMailboxItem.getValue()).toBe(b.id);
}

describe('mail storage migration (v1 one key -> v2)', () => {
  beforeEach(resetBackgroundWorld);

  it('moves every message into summaries, bodies and counts, then removes the old key', async () => {
    await seedV1();
    expect(await migrateMailStorage()).toEqual({ status: 'done', mailboxes: 2, messages: 3 });
    await expectMigrated();
    expect(await migrateMailStorage()).toMatchObject({ status: 'not-needed' });
  });

  it('carries on after a worker stopped half-way, and keeps the old key until the copy is complete', async () => {
    await seedV1();
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    let commits = 0;
    // The worker stops while storing the second mailbox's summaries.
    const failSecondInboxWrite = (items: Record<string, unknown>): Promise<void> =>
      Object.keys(items).some((k) => k.startsWith('inbox:')) && ++commits === 2
        ? Promise.reject(new Error('worker stopped'))
        : realSet(items);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(failSecondInboxWrite as never);
    await expect(migrateMailStorage()).rejects.toThrow('worker stopped');
    set.mockRestore();
    // Half-way: the active mailbox went first; the old key is still there, whole.
    expect((await readInbox(b.id)).map((m) => m.id)).toEqual(['b1']);
    expect(await readInbox(a.id)).toEqual([]);
    expect(Object.keys((await storage.getItem<object>('local:messages')) ?? {})).toHaveLength(2);
    expect(await mailSchemaItem.getValue()).toBe(1);

    expect(await migrateMailStorage()).toMatchObject({ status: 'done' });
    await expectMigrated();
  });

  it('keeps mail a poll stored in the new layout before the migration reached that mailbox', async () => {
    await seedV1();
    const polled = { ...v1Message(a.id, 'a9'), seen: false };
    await writeBodies([{ mailboxId: a.id, id: 'a9', text: 'new', attachments: [] }]);
    await storage.setItem(`local:inbox:${a.id}`, [toSummary(polled)]);
    await migrateMailStorage();
    expect((await readInbox(a.id)).map((m) => m.id)).toEqual(['a9', 'a2', 'a1']);
  });

  it('replays bodies whose summaries a stopped worker never wrote', async () => {
    await mailboxesItem.setValue([a]);
    const m = v1Message(a.id, 'a5');
    await writeBodies([{ mailboxId: a.id, id: 'a5', text: 'x', attachments: [] }], {
      mailboxId: a.id,
      summaries: [toSummary(m)],
    });
    expect(await readInbox(a.id)).toEqual([]);
    expect(await recoverPendingMail()).toBe(1);
    expect((await readInbox(a.id)).map((s) => s.id)).toEqual(['a5']);
    expect(await recoverPendingMail()).toBe(0);
  });
});
