import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callBackground } from '../../bench/lib/background-call';
import type { Mailbox, ProviderId } from '../../lib/core/types';
import type { Settings } from '../../lib/storage/items';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  configure,
  launchExtension,
  readStorage,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';
import { servePages } from './pages';

/**
 * Every API from the built extension in real Chromium against the local server: the popup's privileged
 * protocol makes a mailbox, real SMTP delivers a mail with an attachment, and the background stores it with
 * sender, subject, body and (where the API carries them) attachment metadata. Then the other side of the
 * trust split: a content script sending the same command is refused and makes no mailbox.
 */

interface ApiCase {
  name: string;
  provider: ProviderId;
  baseUrl: (server: LocalServer) => string;
  apiKey?: string;
  settings?: Partial<Settings>;
  domain: RegExp;
  /** TempMail.lol hands out no attachments at all (its API has none). */
  attachments: boolean;
}

const CASES: ApiCase[] = [
  {
    name: 'tempmailg',
    provider: 'tempmailg',
    baseUrl: (s) => s.apiUrls.tempmailg,
    apiKey: 'test-key',
    domain: /@(premium\.)?mayfly-g\.test$/,
    attachments: true,
  },
  {
    name: 'self-hosted api.php',
    provider: 'selfhosted',
    baseUrl: (s) => s.apiUrls.selfhosted,
    domain: /@selfhosted\.test$/,
    attachments: true,
  },
  {
    name: 'TempMail.lol v2',
    provider: 'tempmail-lol',
    baseUrl: (s) => s.apiUrls.tempmailLol,
    settings: { tempmailLolApi: 'v2' },
    domain: /@(rush\.)?lol\.test$/,
    attachments: false,
  },
  {
    name: 'TempMail.lol v1',
    provider: 'tempmail-lol',
    baseUrl: (s) => s.apiUrls.tempmailLol,
    settings: { tempmailLolApi: 'v1' },
    domain: /@(rush\.)?lol\.test$/,
    attachments: false,
  },
];

const ATTACHMENT = {
  filename: 'receipt.txt',
  content: 'Order 42: one umbrella.\n',
  contentType: 'text/plain',
};

describe('each API from the built extension (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  let popup: Page;

  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension();
    popup = await session.openPage('popup.html');
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const storedMessages = async (mailboxId: string) => await storedMail(session, mailboxId);

  for (const api of CASES) {
    it(`${api.name}: creates a mailbox and stores a mail with sender, subject, body and attachments`, async () => {
      await configure(session, {
        provider: api.provider,
        baseUrl: api.baseUrl(server),
        ...(api.apiKey ? { apiKey: api.apiKey } : {}),
        settings: { hotPollSeconds: 1, ...api.settings },
      });
      const mailbox = await callBackground<Mailbox>(popup, 'createMailbox', {});
      expect(mailbox.provider).toBe(api.provider);
      expect(mailbox.address).toMatch(api.domain);
      expect(server.mailboxes().map((m) => m.address)).toContain(mailbox.address);

      const subject = `Receipt for ${api.name}`;
      await sendMail({
        smtpPort: server.smtpPort,
        to: mailbox.address,
        from: 'Umbrella Shop <orders@umbrella.example>',
        subject,
        text: 'Thanks for your order. Your verification code is 482913.',
        html: '<p>Thanks for your order.</p><p>Your verification code is <b>482913</b>.</p>',
        attachments: [ATTACHMENT],
      });

      const [message] = await waitFor(
        async () => {
          const list = await storedMessages(mailbox.id);
          return list.length > 0 && list[0]!.hasBody ? list : undefined;
        },
        { timeoutMs: 30_000 },
      );
      expect(message!.subject).toBe(subject);
      expect(message!.from.address).toBe('orders@umbrella.example');
      // tempmailg carries one `content` field (the HTML part when there is one); the others carry both parts.
      if (api.provider !== 'tempmailg') {
        expect(message!.text ?? '').toContain('Your verification code is 482913');
      }
      expect(message!.html ?? '').toContain('Your verification code is <b>482913</b>');
      expect(message!.code).toBe('482913');
      if (api.attachments) {
        expect(message!.attachments).toHaveLength(1);
        const [attachment] = message!.attachments;
        expect(attachment!.filename).toBe(ATTACHMENT.filename);
        expect(attachment!.url.startsWith(server.httpUrl)).toBe(true);
        if (attachment!.size !== undefined)
          expect(attachment!.size).toBe(Buffer.byteLength(ATTACHMENT.content));
      } else {
        expect(message!.attachments).toEqual([]);
      }
    });
  }

  it('refuses the privileged protocol from a content script and from a web page', async () => {
    const pages = await servePages({ '/shop': '<!doctype html><title>Shop</title><p>A web page</p>' });
    try {
      const web = await session.context.newPage();
      await web.goto(`${pages.url}/shop`);
      const mailboxesBefore = (await readStorage<Mailbox[]>(session, 'mailboxes'))?.length ?? 0;
      const serverMailboxesBefore = server.mailboxes().length;

      const worker = await session.worker();
      const attempts = await worker.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url: `${url}*` });
        const message = { id: 1, type: 'createMailbox', data: {}, timestamp: Date.now() };
        const [isolated] = await chrome.scripting.executeScript({
          target: { tabId: tab!.id! },
          world: 'ISOLATED',
          args: [message],
          func: (m: unknown) =>
            chrome.runtime.sendMessage(m).then(
              (reply: unknown) => ({ reply, thrown: null }),
              (error: unknown) => ({ reply: null, thrown: String(error) }),
            ),
        });
        const [main] = await chrome.scripting.executeScript({
          target: { tabId: tab!.id! },
          world: 'MAIN',
          func: () =>
            typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
              ?.sendMessage,
        });
        return { isolated: isolated?.result, main: main?.result };
      }, `${pages.url}/shop`);

      const isolated = attempts.isolated as {
        reply: { res?: unknown; err?: { kind?: string } } | null;
        thrown: string | null;
      };
      // The background answers with its 'blocked' error and no result.
      expect(isolated.thrown).toBeNull();
      expect(isolated.reply?.res).toBeUndefined();
      expect(isolated.reply?.err?.kind).toBe('blocked');
      // A web page has no way to reach runtime.onMessage at all (no externally_connectable).
      expect(attempts.main).toBe('undefined');

      expect((await readStorage<Mailbox[]>(session, 'mailboxes'))?.length ?? 0).toBe(mailboxesBefore);
      expect(server.mailboxes()).toHaveLength(serverMailboxesBefore);
    } finally {
      await pages.close();
    }
  });
});
