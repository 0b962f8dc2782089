import type { Worker } from 'playwright-core';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
// Types only: importing the storage items would define them outside a browser.
import type { Settings } from '../../lib/storage/items';
import { EXTENSION_DEFAULT_SETTINGS, seedMail } from '../../test/e2e/harness';

/** A port nothing listens on: background polls fail fast and never leave the machine. */
const CLOSED_API = 'http://127.0.0.1:9';
const SITES = ['shop.example', 'forum.example', 'news.example'];

/**
 * A realistic popup state, for the benches that open the popup (bench/popup.ts, bench/popup-window.ts): three
 * mailboxes made for sites, `messagesPerMailbox` mails each with HTML bodies, codes and links, the first
 * mailbox active, every API pointed at a closed port. Written through the service worker, mail as the
 * background stores it (storage v2: summaries per mailbox, bodies in IndexedDB).
 */
export async function seedPopupState(
  worker: Worker,
  messagesPerMailbox: number,
  now = Date.now(),
): Promise<void> {
  const mailboxes: Mailbox[] = SITES.map((site, i) => ({
    id: `tempmail-lol:user${i}@mayfly-bench.test`,
    provider: 'tempmail-lol',
    address: `user${i}@mayfly-bench.test`,
    domain: 'mayfly-bench.test',
    createdAt: now - (i + 1) * 600_000,
    expiresAt: now + 3_600_000 - i * 600_000,
    expired: false,
    site,
    ...(i === 0 ? { label: 'Shopping' } : {}),
  }));
  const messages: Record<string, StoredMessage[]> = {};
  for (const mb of mailboxes) {
    messages[mb.id] = Array.from({ length: messagesPerMailbox }, (_, j) => {
      const code = j % 3 === 0 ? String(100000 + j * 7919) : undefined;
      const paragraphs = Array.from(
        { length: 12 },
        (_, k) =>
          `<p style="margin:0 0 12px">Paragraph ${k} of a newsletter from ${mb.site}, with a <a href="https://${mb.site}/p/${k}">link</a>.</p>`,
      ).join('');
      return {
        id: `${mb.id}/m${j}`,
        mailboxId: mb.id,
        from: { name: `${mb.site} team`, address: `no-reply@${mb.site}` },
        to: mb.address,
        subject: code ? `Your verification code is ${code}` : `Weekly digest #${j} from ${mb.site}`,
        receivedAt: now - j * 240_000,
        hasBody: true,
        text: `Hello,\n\n${code ? `Your code: ${code}` : 'Here is what happened this week.'}\n`.repeat(4),
        html: `<html><body><table width="100%"><tr><td>${paragraphs}</td></tr></table></body></html>`,
        attachments: [],
        fetchedAt: now - j * 240_000,
        seen: j > 2,
        ...(code ? { code, link: `https://${mb.site}/verify?token=${j}` } : {}),
      };
    });
  }
  const settings: Settings = {
    ...EXTENSION_DEFAULT_SETTINGS,
    baseUrls: {
      tempmailg: CLOSED_API,
      'tempmail-lol': CLOSED_API,
      mailtm: CLOSED_API,
      mailgw: CLOSED_API,
      selfhosted: CLOSED_API,
    },
  };
  await worker.evaluate((state) => chrome.storage.local.set(state), {
    settings,
    mailboxes,
    activeMailbox: mailboxes[0]!.id,
  });
  for (const [mailboxId, list] of Object.entries(messages)) await seedMail(worker, mailboxId, list);
}
