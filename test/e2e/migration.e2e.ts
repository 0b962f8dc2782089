import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBackground } from '../../bench/lib/background-call';
import type { Mailbox } from '../../lib/core/types';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  configure,
  launchExtension,
  notifications,
  readStorage,
  stopServiceWorker,
  storedMail,
  waitFor,
  type ExtensionSession,
} from './harness';

/** Kept mailboxes seeded in the v1 layout, 20 mails each of about 48 KB of HTML: some 28 MB in all. */
const KEPT_MAILBOXES = 30;
const MAILS_EACH = 20;

/**
 * The update from the v1 layout (all mail in one `local:messages` key) in real Chromium: a store of tens
 * of megabytes written the way the previous version wrote it, including a live mailbox whose mail was
 * already announced, migrates on the worker's next start with nothing lost, the shown mailbox kept, the old
 * key removed, and no announcement repeated.
 */
describe('storage migration to v2 (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension();
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 1, idlePollSeconds: 60 },
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('moves tens of MB of v1 mail on update, loses nothing and announces nothing again', async () => {
    const popup = await session.openPage('popup.html');
    const live = await callBackground<Mailbox>(popup, 'createMailbox', {});
    await sendMail({
      smtpPort: server.smtpPort,
      to: live.address,
      subject: 'Before the update',
      text: 'Your verification code is 318273.',
    });
    await waitFor(async () => Object.keys(await notifications(session)).some((id) => id.includes('318273')), {
      timeoutMs: 30_000,
    });
    await popup.close();

    // Rewrite the store as the previous version kept it, then stop the worker as an update would.
    const w = await session.worker();
    const keptActive = await w.evaluate(
      async ({ liveId, kept, each }) => {
        const local = chrome.storage.local;
        const inboxKey = `inbox:${liveId}`;
        const summaries = ((await local.get(inboxKey))[inboxKey] ?? []) as Record<string, unknown>[];
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('mayfly-mail');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const allBodies = await new Promise<Record<string, unknown>[]>((resolve) => {
          const req = db.transaction('bodies').objectStore('bodies').getAll();
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        });
        const liveMessages = summaries.map(({ attachmentCount: _a, size: _s, ...m }) => {
          const body = allBodies.find((b) => b.id === m.id && b.mailboxId === liveId) ?? {};
          return { ...m, text: body.text, html: body.html, attachments: body.attachments ?? [] };
        });
        const paragraph = (i: number, j: number) =>
          `<p style="margin:0 0 12px">Order ${i}-${j}: thanks for shopping with us. Your parcel with ` +
          `<a href="https://shop.example/track/${i}/${j}">tracking number ${i * 1000 + j}</a> is on its way; ` +
          `we will write again when it arrives. Questions? Reply to this mail.</p>`;
        const mailboxes: Record<string, unknown>[] = [];
        const messages: Record<string, unknown[]> = { [liveId]: liveMessages };
        for (let i = 0; i < kept; i++) {
          const id = `tempmail-lol:kept${i}@lol.test`;
          mailboxes.push({
            id,
            provider: 'tempmail-lol',
            address: `kept${i}@lol.test`,
            domain: 'lol.test',
            createdAt: Date.now() - 86_400_000,
            expiresAt: Date.now() - 3_600_000,
            expired: true,
          });
          messages[id] = Array.from({ length: each }, (_, j) => ({
            id: `k${i}-${j}`,
            mailboxId: id,
            from: { name: 'Shop', address: 'orders@shop.example' },
            subject: `Your order ${i}-${j}`,
            receivedAt: Date.now() - 86_400_000 + j,
            fetchedAt: Date.now() - 86_400_000 + j,
            seen: j % 3 !== 0,
            hasBody: true,
            text: `Order ${i}-${j}`,
            html: Array.from({ length: 190 }, (_, k) => paragraph(i * 100 + j, k)).join(''),
            attachments: [],
          }));
        }
        const liveBox = ((await local.get('mailboxes')).mailboxes as Record<string, unknown>[])[0]!;
        const notified = ((await local.get(`notified:${liveId}`))[`notified:${liveId}`] ?? []) as string[];
        const active = mailboxes[3]!.id as string;
        await local.remove([inboxKey, 'mailCounts', `notified:${liveId}`, 'mailSchema']);
        await new Promise<void>((resolve) => {
          const tx = db.transaction('bodies', 'readwrite');
          tx.objectStore('bodies').clear();
          tx.oncomplete = () => resolve();
        });
        db.close();
        await local.set({
          mailboxes: [liveBox, ...mailboxes],
          activeMailbox: active,
          messages,
          messages$: { v: 1 },
          notified: { [liveId]: notified },
        });
        for (const id of Object.keys(await chrome.notifications.getAll()))
          await chrome.notifications.clear(id);
        return active;
      },
      { liveId: live.id, kept: KEPT_MAILBOXES, each: MAILS_EACH },
    );
    const v1Bytes = await w.evaluate(() => chrome.storage.local.getBytesInUse('messages'));
    expect(v1Bytes).toBeGreaterThan(20 * 1024 * 1024);
    await stopServiceWorker(session);

    // The next start migrates.
    const after = await session.openPage('popup.html');
    await waitFor(async () => (await readStorage<number>(session, 'mailSchema')) === 2, {
      timeoutMs: 60_000,
    });
    expect(await readStorage(session, 'messages')).toBeUndefined();
    expect(await readStorage(session, 'messages$')).toBeUndefined();
    expect(await readStorage(session, 'notified')).toBeUndefined();
    expect(await readStorage(session, 'activeMailbox')).toBe(keptActive);
    const liveMail = await storedMail(session, live.id);
    expect(liveMail.map((m) => [m.subject, m.code])).toEqual([['Before the update', '318273']]);
    for (const i of [0, 17, KEPT_MAILBOXES - 1]) {
      const mail = await storedMail(session, `tempmail-lol:kept${i}@lol.test`);
      expect(mail).toHaveLength(MAILS_EACH);
      expect(mail.every((m) => (m.html?.length ?? 0) > 40_000)).toBe(true);
      expect(mail.filter((m) => !m.seen)).toHaveLength(7);
    }
    const counts = (await readStorage<Record<string, { total: number }>>(session, 'mailCounts')) ?? {};
    expect(Object.values(counts).reduce((n, c) => n + c.total, 0)).toBe(KEPT_MAILBOXES * MAILS_EACH + 1);
    // The popup shows the kept active mailbox with its mail.
    await after.getByText('Your order 3-19').waitFor();

    // New mail is announced once; the mail from before the update is not announced again.
    await sendMail({
      smtpPort: server.smtpPort,
      to: live.address,
      subject: 'After the update',
      text: 'Your verification code is 902117.',
    });
    await waitFor(async () => Object.keys(await notifications(session)).some((id) => id.includes('902117')), {
      timeoutMs: 30_000,
    });
    const shown = Object.keys(await notifications(session));
    expect(shown.filter((id) => id.includes('902117'))).toHaveLength(1);
    expect(shown.filter((id) => id.includes('318273'))).toHaveLength(0);
    await after.close();
  });
});
