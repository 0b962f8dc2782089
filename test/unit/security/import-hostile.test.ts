import { beforeEach, describe, expect, it } from 'vitest';
import {
  exportMailboxes,
  importMailboxes,
  EXPORT_FORMAT,
  MAX_IMPORT_CHARS,
  MAX_IMPORT_MAILBOXES,
} from '../../../lib/background/transfer';
import type { Mailbox, StoredMessage } from '../../../lib/core/types';
import { mailboxesItem } from '../../../lib/storage/items';
import { commitInbox, readInbox, readMessage, writeBodies } from '../../../lib/storage/mail-store';
import { HARD_MAX_MESSAGES_PER_MAILBOX, toBody, toSummary } from '../../../lib/core/mail-merge';
import { getCredentials, setCredentials } from '../../../lib/storage/secrets';
import { resetBackgroundWorld } from '../background/setup';

const NOW = Date.parse('2026-05-01T12:00:00Z');

function mailbox(address: string, extra: Partial<Mailbox> = {}): Mailbox {
  return {
    id: `tempmail-lol:${address}`,
    provider: 'tempmail-lol',
    address,
    domain: address.split('@')[1]!,
    createdAt: NOW,
    expiresAt: NOW + 3_600_000,
    expired: false,
    ...extra,
  };
}

function message(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'm1',
    mailboxId: 'whatever',
    from: { name: 'Shop', address: 'no-reply@shop.test' },
    subject: 'Confirm',
    receivedAt: NOW,
    fetchedAt: NOW,
    seen: false,
    hasBody: true,
    text: 'hello',
    attachments: [],
    ...extra,
  };
}

const exportFile = (entries: unknown[]) => JSON.stringify({ format: EXPORT_FORMAT, version: 1, entries });
const lolCredentials = (token = 'tok') => ({ kind: 'tempmail-lol', token, api: 'v2' });

describe('importing a hostile export file', () => {
  beforeEach(resetBackgroundWorld);

  it('round-trips a real export, its label and pin kept', async () => {
    const mb = mailbox('me@lol.test', { label: 'Shop', pinned: true });
    await mailboxesItem.setValue([mb]);
    await setCredentials(mb.id, { kind: 'tempmail-lol', token: 'secret', api: 'v2' });
    const stored = message({ mailboxId: mb.id }) as unknown as StoredMessage;
    await writeBodies([toBody(stored)]);
    await commitInbox(mb.id, [toSummary(stored)]);
    const file = await exportMailboxes(NOW);
    resetBackgroundWorld();
    expect(await importMailboxes(file)).toEqual({ imported: 1, skipped: 0 });
    expect(await mailboxesItem.getValue()).toEqual([mb]);
    expect(await getCredentials(mb.id)).toEqual({ kind: 'tempmail-lol', token: 'secret', api: 'v2' });
    expect((await readMessage(mb.id, stored.id))?.subject).toBe('Confirm');
  });

  it('never overwrites a mailbox already present, nor its token', async () => {
    const mb = mailbox('me@lol.test');
    await mailboxesItem.setValue([mb]);
    await setCredentials(mb.id, { kind: 'tempmail-lol', token: 'mine', api: 'v2' });
    const res = await importMailboxes(
      exportFile([
        { mailbox: { ...mb, label: 'evil' }, credentials: lolCredentials('theirs'), messages: [] },
      ]),
    );
    expect(res).toEqual({ imported: 0, skipped: 1 });
    expect(await mailboxesItem.getValue()).toEqual([mb]);
    expect(await getCredentials(mb.id)).toEqual({ kind: 'tempmail-lol', token: 'mine', api: 'v2' });
  });

  it('refuses an entry whose id is not the one Mayfly derives from its address', async () => {
    const posing = { ...mailbox('attacker@lol.test'), id: 'tempmail-lol:victim@lol.test' };
    const proto = { ...mailbox('x@lol.test'), id: '__proto__' };
    const res = await importMailboxes(
      exportFile([
        { mailbox: posing, credentials: lolCredentials(), messages: [] },
        { mailbox: proto, credentials: lolCredentials(), messages: [] },
      ]),
    );
    expect(res).toEqual({ imported: 0, skipped: 2 });
    expect(await mailboxesItem.getValue()).toEqual([]);
  });

  it('keeps only web links and web attachment URLs, string bodies, and known fields', async () => {
    const mb = mailbox('me@lol.test');
    const hostile = message({
      link: 'javascript:alert(document.domain)',
      code: '<img src=x onerror=alert(1)>',
      html: { toString: 'not a string' },
      extra: 'dropped',
      attachments: [
        { filename: 'a.pdf', url: 'file:///etc/passwd', auth: 'bearer-api-key' },
        { filename: 'b.pdf', url: 'data:text/html,<script>alert(1)</script>', auth: 'none' },
        { filename: 'c.pdf', url: 'https://files.example/c.pdf', auth: 'sure' },
        { filename: 'd.pdf', url: 'https://evil.example/d.pdf', auth: 'bearer-api-key' },
      ],
    });
    const res = await importMailboxes(
      exportFile([
        {
          mailbox: { ...mb, label: { evil: true } },
          credentials: { ...lolCredentials(), extra: 'x'.repeat(10) },
          messages: [hostile],
        },
      ]),
    );
    expect(res).toEqual({ imported: 1, skipped: 0 });
    const stored = await readMessage(mb.id, 'm1');
    expect(stored!.link).toBeUndefined();
    expect(stored!.code).toBeUndefined();
    expect(stored!.html).toBeUndefined();
    expect(stored).not.toHaveProperty('extra');
    expect(stored!.mailboxId).toBe(mb.id);
    expect(stored!.attachments).toEqual([
      { filename: 'c.pdf', url: 'https://files.example/c.pdf', auth: 'none' },
      // A key-bearing reference loses its claim to the key.
      { filename: 'd.pdf', url: 'https://evil.example/d.pdf', auth: 'none' },
    ]);
    expect((await mailboxesItem.getValue())[0]).not.toHaveProperty('label');
    expect(await getCredentials(mb.id)).toEqual(lolCredentials());
  });

  it('keeps a web verification link and a code-shaped code', async () => {
    const mb = mailbox('me@lol.test');
    await importMailboxes(
      exportFile([
        {
          mailbox: mb,
          credentials: lolCredentials(),
          messages: [message({ link: 'https://shop.test/verify?t=1', code: '123456' })],
        },
      ]),
    );
    const stored = await readMessage(mb.id, 'm1');
    expect(stored!.link).toBe('https://shop.test/verify?t=1');
    expect(stored!.code).toBe('123456');
  });

  it('refuses a file with more mailboxes than one import takes, saying so, and changes nothing', async () => {
    const entries = Array.from({ length: MAX_IMPORT_MAILBOXES + 1 }, (_, i) => ({
      mailbox: mailbox(`m${i}@lol.test`),
      credentials: lolCredentials(),
      messages: [],
    }));
    await expect(importMailboxes(exportFile(entries))).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining(String(MAX_IMPORT_MAILBOXES)),
    });
    expect(await mailboxesItem.getValue()).toEqual([]);
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const huge = ' '.repeat(MAX_IMPORT_CHARS + 1);
    await expect(importMailboxes(huge)).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('MB'),
    });
  });

  it('keeps at most the per-mailbox ceiling of messages from one entry', async () => {
    const mb = mailbox('many@lol.test');
    const messages = Array.from({ length: HARD_MAX_MESSAGES_PER_MAILBOX + 50 }, (_, i) =>
      message({ id: `m${i}`, receivedAt: NOW + i }),
    );
    await importMailboxes(exportFile([{ mailbox: mb, credentials: lolCredentials(), messages }]));
    expect(await readInbox(mb.id)).toHaveLength(HARD_MAX_MESSAGES_PER_MAILBOX);
  });
});
