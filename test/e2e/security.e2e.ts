import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  launchExtension,
  notifications,
  readStorage,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';
import { SIGNUP_PAGE, servePages } from './pages';
import type { BackgroundCommand } from '../../bench/lib/background-call';

/**
 * Security proofs in real Chromium, from the attacker's side: a web page (main world), a content script of
 * ours in that page's renderer (isolated world, injected from the worker), and a hostile or compromised
 * Temp Mail server that points attachments, redirects and probes at a second host it controls.
 */

const API_KEY = 'test-key';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function shut(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The foreign host: records every request with its headers and answers a small file. */
async function startForeignHost(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res
      .writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, accept',
      })
      .end('{"status":true,"data":{"domains":[]}}');
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, received, server };
}

/**
 * The "compromised" API: a front for the local Temp Mail server. It can make the server write attachment
 * links on another host (the server builds them from the Host header) and answer attachment downloads with
 * a redirect to the foreign host.
 */
async function startHostileFront(targetPort: number): Promise<{
  url: string;
  mode: { attachmentHost?: string; redirectAttachmentsTo?: string };
  server: Server;
}> {
  const mode: { attachmentHost?: string; redirectAttachmentsTo?: string } = {};
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (mode.redirectAttachmentsTo && /\/attachments\//.test(path)) {
      res.writeHead(302, { location: `${mode.redirectAttachmentsTo}/stolen${path}` }).end();
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path,
        headers: { ...req.headers, host: mode.attachmentHost ?? req.headers.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, mode, server };
}

describe('security (Chromium)', () => {
  let server: LocalServer;
  let foreign: Awaited<ReturnType<typeof startForeignHost>>;
  let front: Awaited<ReturnType<typeof startHostileFront>>;
  let pages: Awaited<ReturnType<typeof servePages>>;
  let session: ExtensionSession;
  let popup: Page;

  beforeAll(async () => {
    server = await startLocalServer({ lolPollThrottle: false });
    foreign = await startForeignHost();
    front = await startHostileFront(Number(new URL(server.httpUrl).port));
    pages = await servePages({
      '/signup': SIGNUP_PAGE,
      '/framed': `<!doctype html><title>Outer</title><iframe src="/signup"></iframe>`,
      '/code': `<!doctype html><title>Code</title><label for="otp">Code</label><input id="otp" autocomplete="one-time-code">`,
    });
    session = await launchExtension();
    await configure(session, {
      provider: 'tempmailg',
      baseUrl: `${front.url}/api`,
      apiKey: API_KEY,
      settings: { hotPollSeconds: 1, idlePollSeconds: 60 },
    });
    popup = await session.openPage('popup.html');
  });

  afterAll(async () => {
    await session?.close();
    await pages?.close();
    await shut(foreign?.server);
    await shut(front?.server);
    await server?.close();
  });

  const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];

  /** The stored API key, read from the extension origin's IndexedDB in the worker. */
  async function storedApiKey(): Promise<unknown> {
    const w = await session.worker();
    return w.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('mayfly-secrets', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('secrets').objectStore('secrets').get('apiKey:tempmailg');
            get.onsuccess = () => resolve((get.result as { key?: string } | undefined)?.key);
            get.onerror = () => reject(get.error);
          };
        }),
    );
  }

  let opened = 0;
  async function openWebPage(path: string): Promise<{ page: Page; url: string }> {
    const url = `${pages.url}${path}?tab=${++opened}`;
    const page = await session.context.newPage();
    await page.goto(url);
    return { page, url };
  }

  /**
   * Runs one of the attacker scripts below as a content script (isolated world) in every frame of the tab
   * showing `url`. They are written inside the worker's evaluate: the worker's CSP forbids building a
   * function from text, and executeScript needs a real function to serialise.
   */
  async function inContentScript<T>(
    url: string,
    script: 'privileged' | 'storage' | 'clipboard',
  ): Promise<T[]> {
    const w = await session.worker();
    return w.evaluate(
      async ({ url, script }) => {
        const scripts = {
          /** Every privileged command, sent as the popup's messenger would. */
          privileged: async () => {
            const send = (type: string, data?: unknown) =>
              chrome.runtime.sendMessage({
                id: Math.random(),
                type,
                data,
                timestamp: Date.now(),
              }) as Promise<{
                res?: unknown;
                err?: { kind?: string };
              }>;
            return {
              frame: location.href,
              createMailbox: await send('createMailbox', { provider: 'tempmailg' }),
              getMessage: await send('getMessage', { mailboxId: 'x', messageId: 'y' }),
              exportMailboxes: await send('exportMailboxes'),
              saveApiKey: await send('saveApiKey', { provider: 'tempmailg', apiKey: 'attacker-key' }),
              importMailboxes: await send('importMailboxes', { json: '{}' }),
              testConnection: await send('testConnection', {
                provider: 'tempmailg',
                baseUrl: 'http://127.0.0.1:1',
              }),
              requestAddress: await send('requestAddress', { mode: 'new' }),
            };
          },
          /** Asks the offscreen document to set the clipboard, as the background does. */
          clipboard: async () => {
            try {
              return await chrome.runtime.sendMessage({
                target: 'mayfly-offscreen',
                type: 'copy',
                text: 'pwned',
              });
            } catch (error) {
              return `no answer: ${String(error)}`;
            }
          },
          /** storage.local, and the IndexedDB a content script opens under the secrets store's name. */
          storage: async () => {
            let storage: string;
            try {
              storage = JSON.stringify(await chrome.storage.local.get(null));
            } catch (error) {
              storage = `refused: ${String(error)}`;
            }
            // The same database name opens the page origin's IndexedDB, never the extension's.
            const pageSecrets = await new Promise<string>((resolve) => {
              const open = indexedDB.open('mayfly-secrets');
              open.onupgradeneeded = () => open.result.createObjectStore('secrets');
              open.onsuccess = () => {
                const all = open.result.transaction('secrets').objectStore('secrets').getAllKeys();
                all.onsuccess = () => resolve(JSON.stringify(all.result));
              };
              open.onerror = () => resolve('error');
            });
            return { storage, pageSecrets };
          },
        };
        const [tab] = await chrome.tabs.query({ url });
        const results = await chrome.scripting.executeScript({
          target: { tabId: tab!.id!, allFrames: true },
          world: 'ISOLATED',
          func: scripts[script] as () => Promise<unknown>,
        });
        return results.map((r) => r.result);
      },
      { url, script },
    ) as Promise<T[]>;
  }

  /** A privileged command from the popup (an extension page); throws the background's refusal. */
  async function call<T>(type: BackgroundCommand, data?: unknown): Promise<T> {
    const reply = await callBackground<T>(popup, type, data);
    if (reply.err) throw new Error(`${type} refused: ${reply.err.kind}: ${reply.err.message}`);
    return reply.res as T;
  }

  async function newTempmailgMailbox(): Promise<Mailbox> {
    return call<Mailbox>('createMailbox', { provider: 'tempmailg' });
  }

  async function mailWithAttachment(mb: Mailbox, subject: string): Promise<StoredMessage> {
    await sendMail({
      smtpPort: server.smtpPort,
      to: mb.address,
      subject,
      text: 'See the file.',
      attachments: [{ filename: 'invoice.txt', content: 'attachment bytes', contentType: 'text/plain' }],
    });
    return waitFor(async () => {
      await call('refresh', { mailboxId: mb.id });
      return (await storedMail(session, mb.id)).find(
        (m) => m.subject === subject && m.attachments.length > 0,
      );
    });
  }

  it('gives a web page (main world) no extension messaging at all', async () => {
    const { page } = await openWebPage('/signup');
    const reach = await page.evaluate(() => {
      const scope = globalThis as { chrome?: { runtime?: { sendMessage?: unknown } }; browser?: unknown };
      return { sendMessage: typeof scope.chrome?.runtime?.sendMessage, browser: typeof scope.browser };
    });
    expect(reach).toEqual({ sendMessage: 'undefined', browser: 'undefined' });
    await page.close();
  });

  it('ignores fill requests a page posts or dispatches at the autofill script', async () => {
    const { page, url } = await openWebPage('/signup');
    const w = await session.worker();
    await w.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        files: ['/content-scripts/autofill.js'],
        world: 'ISOLATED',
      });
    }, url);
    await page.evaluate(() => {
      const request = {
        id: 1,
        type: 'fillAddress',
        data: { address: 'spoofed@evil.test', target: 'detected' },
        timestamp: Date.now(),
      };
      window.postMessage(request, '*');
      document.dispatchEvent(new CustomEvent('fillAddress', { detail: request }));
      window.dispatchEvent(new MessageEvent('message', { data: request }));
    });
    // No fixed wait: a marker posted after the spoof arrives only once every listener, the content
    // script's included, has had the posted request; a frame later anything it filled would show.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const marker = `marker-${Math.random()}`;
          window.addEventListener('message', (e) => {
            if (e.data === marker) requestAnimationFrame(() => done());
          });
          window.postMessage(marker, '*');
        }),
    );
    expect(await page.inputValue('#email')).toBe('');
    await page.close();
  });

  it('refuses every privileged command from a content script, top frame and subframe alike', async () => {
    const { page, url } = await openWebPage('/framed');
    await page.frameLocator('iframe').locator('#email').waitFor();
    const before = await mailboxes();
    type Reply = { res?: unknown; err?: { kind?: string } };
    const replies = await inContentScript<Record<string, Reply> & { frame: string }>(url, 'privileged');
    expect(replies).toHaveLength(2);
    for (const reply of replies) {
      const { frame, ...answers } = reply;
      expect(frame).toContain(pages.url);
      for (const [command, answer] of Object.entries(answers as Record<string, Reply>)) {
        expect({ command, res: answer.res, kind: answer.err?.kind }).toEqual({
          command,
          res: undefined,
          kind: 'blocked',
        });
      }
    }
    expect(await mailboxes()).toEqual(before);
    expect(await storedApiKey()).toBe(API_KEY);
    await page.close();
  });

  it('keeps storage.local, the API key and mailbox tokens out of a content script’s reach', async () => {
    await newTempmailgMailbox();
    const { page, url } = await openWebPage('/signup');
    const [seen] = await inContentScript<{ storage: string; pageSecrets: string }>(url, 'storage');
    expect(seen!.storage).toMatch(/^refused: .*not allowed/);
    expect(seen!.storage).not.toContain(API_KEY);
    expect(seen!.pageSecrets).toBe('[]');
    // The extension pages still read storage as before.
    expect((await mailboxes()).length).toBeGreaterThan(0);
    await page.close();
  });

  it('never sends the API key to a foreign attachment host', async () => {
    const mb = await newTempmailgMailbox();
    front.mode.attachmentHost = new URL(foreign.url).host;
    const message = await mailWithAttachment(mb, 'Foreign attachment');
    front.mode.attachmentHost = undefined;
    const [attachment] = message.attachments;
    expect(new URL(attachment!.url).origin).toBe(foreign.url);
    expect(attachment!.auth).toBe('none');

    const start = foreign.received.length;
    await call('downloadAttachment', {
      mailboxId: mb.id,
      messageId: message.id,
      filename: attachment!.filename,
    });
    const requests = await waitFor(async () => {
      const fresh = foreign.received.slice(start);
      return fresh.length > 0 ? fresh : null;
    });
    expect(requests[0]!.url).toContain('/attachments/');
    for (const r of requests) expect(r.headers.authorization).toBeUndefined();
  });

  it('downloads an attachment from its bytes, with no cookie of the person’s sent to its host', async () => {
    const mb = await newTempmailgMailbox();
    front.mode.attachmentHost = new URL(foreign.url).host;
    const message = await mailWithAttachment(mb, 'Cookie attachment');
    front.mode.attachmentHost = undefined;
    const [attachment] = message.attachments;
    expect(new URL(attachment!.url).origin).toBe(foreign.url);
    // The person is signed in at that host: a download request that carried cookies would act as them.
    await session.context.addCookies([{ name: 'session', value: 'signed-in', url: foreign.url }]);
    const w = await session.worker();
    const startedAfter = new Date().toISOString();
    const start = foreign.received.length;
    try {
      await call('downloadAttachment', {
        mailboxId: mb.id,
        messageId: message.id,
        filename: attachment!.filename,
      });
      const done = await waitFor(() =>
        w.evaluate(async (startedAfter) => {
          const [latest] = await chrome.downloads.search({ startedAfter, orderBy: ['-startTime'], limit: 1 });
          return latest?.state === 'complete' ? { url: latest.url, size: latest.fileSize } : null;
        }, startedAfter),
      );
      const fresh = foreign.received.slice(start);
      expect(fresh.length).toBeGreaterThan(0);
      for (const r of fresh) expect(r.headers.cookie).toBeUndefined();
      // Saved from the bytes fetched without credentials, never handed to the downloads API as a web address.
      expect(done.url).not.toMatch(/^https?:/);
      expect(done.size).toBeGreaterThan(0);
    } finally {
      await session.context.clearCookies();
    }
  });

  it('never lets a redirect carry the API key from the API’s own attachment link to another host', async () => {
    const mb = await newTempmailgMailbox();
    const message = await mailWithAttachment(mb, 'Redirected attachment');
    const [attachment] = message.attachments;
    expect(new URL(attachment!.url).origin).toBe(front.url);
    expect(attachment!.auth).toBe('bearer-api-key');

    front.mode.redirectAttachmentsTo = foreign.url;
    const start = foreign.received.length;
    try {
      await call('downloadAttachment', {
        mailboxId: mb.id,
        messageId: message.id,
        filename: attachment!.filename,
      });
      const requests = await waitFor(async () => {
        const fresh = foreign.received.slice(start);
        return fresh.length > 0 ? fresh : null;
      });
      expect(requests[0]!.url).toMatch(/^\/stolen\/api\/messages\/.+\/attachments\//);
      for (const r of requests) expect(r.headers.authorization).toBeUndefined();
    } finally {
      front.mode.redirectAttachmentsTo = undefined;
    }
  });

  it('sends the key along an attachment download on the API origin, and the file is saved', async () => {
    const mb = await newTempmailgMailbox();
    const message = await mailWithAttachment(mb, 'Own attachment');
    const w = await session.worker();
    const startedAfter = new Date().toISOString();
    await call('downloadAttachment', {
      mailboxId: mb.id,
      messageId: message.id,
      filename: 'invoice.txt',
    });
    const done = await waitFor(() =>
      w.evaluate(async (startedAfter) => {
        const [latest] = await chrome.downloads.search({ startedAfter, orderBy: ['-startTime'], limit: 1 });
        return latest?.state === 'complete' ? { size: latest.fileSize } : null;
      }, startedAfter),
    );
    // Playwright keeps downloads under its own names, so the saved size is what shows the file arrived.
    expect(done.size).toBe('attachment bytes'.length);
  });

  it('does not send the saved key when testing an API address that is not the saved one', async () => {
    const start = foreign.received.length;
    await call('testConnection', { provider: 'tempmailg', baseUrl: `${foreign.url}/api` }).catch(
      () => undefined,
    );
    await call('testConnection', {
      provider: 'tempmailg',
      baseUrl: `${foreign.url}/api`,
      apiKey: 'typed-key',
    }).catch(() => undefined);
    const seen = foreign.received.slice(start).map((r) => r.headers.authorization ?? null);
    expect(seen).not.toContain(`Bearer ${API_KEY}`);
    expect(seen).toContain('Bearer typed-key');
  });

  it('fills no address into a frame whose document changed origin since (a stale "Try another domain")', async () => {
    const other = await servePages({ '/signup': SIGNUP_PAGE });
    try {
      const { page, url } = await openWebPage('/signup');
      const w = await session.worker();
      const tabId = await w.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, url);
      // The tab moves on to another origin (same host, another port) before the offer is clicked.
      await page.goto(`${other.url}/signup`);
      const before = (await mailboxes()).length;
      const noticesBefore = new Set(Object.keys(await notifications(session)));
      await w.evaluate(
        ({ tabId, url }) => {
          const id = `mayfly-refused|${JSON.stringify([tabId, 0, url])}`;
          (chrome.notifications.onClicked as unknown as { dispatch: (id: string) => void }).dispatch(id);
        },
        { tabId, url },
      );
      // The address is still made for the site the offer was about, but the page of the other origin gets none.
      await waitFor(async () => (await mailboxes()).length > before);
      // No fixed wait: a fill that does not happen ends in the "copied instead" notice, so wait for it.
      await waitFor(async () =>
        Object.keys(await notifications(session)).some(
          (id) => !noticesBefore.has(id) && !id.startsWith('mayfly-'),
        ),
      );
      expect(await page.inputValue('#email')).toBe('');
      await page.close();
    } finally {
      await other.close();
    }
  });

  it('fills a code into the open page only after asking, when it is not the mailbox’s site', async () => {
    const mb = await newTempmailgMailbox();
    const w = await session.worker();
    await w.evaluate(async (id) => {
      const { mailboxes } = await chrome.storage.local.get('mailboxes');
      for (const m of mailboxes) if (m.id === id) m.site = 'shop.example';
      await chrome.storage.local.set({ mailboxes });
    }, mb.id);
    const { page } = await openWebPage('/code');
    await page.bringToFront();
    const first = await call<{ filled: boolean; siteMismatch?: unknown }>('fillCodeInPage', {
      code: '483920',
      mailboxId: mb.id,
    });
    expect(first).toEqual({ filled: false, siteMismatch: { page: '127.0.0.1', mailbox: 'shop.example' } });
    expect(await page.inputValue('#otp')).toBe('');
    const second = await call<{ filled: boolean }>('fillCodeInPage', {
      code: '483920',
      mailboxId: mb.id,
      otherSite: '127.0.0.1',
    });
    expect(second).toEqual({ filled: true });
    expect(await page.inputValue('#otp')).toBe('483920');
    await page.close();
  });

  it('gives a content script no way to set the clipboard through the offscreen document', async () => {
    const w = await session.worker();
    await w.evaluate(async () => {
      const offscreen = (
        chrome as unknown as {
          offscreen: { hasDocument(): Promise<boolean>; createDocument(p: unknown): Promise<void> };
        }
      ).offscreen;
      if (!(await offscreen.hasDocument()))
        await offscreen.createDocument({
          url: chrome.runtime.getURL('/offscreen.html'),
          reasons: ['CLIPBOARD'],
          justification: 'test',
        });
    });
    const { page, url } = await openWebPage('/signup');
    const [answer] = await inContentScript<unknown>(url, 'clipboard');
    expect(answer).not.toBe(true);
    // The background itself still copies through it.
    const copied = await w.evaluate(() =>
      chrome.runtime.sendMessage({ target: 'mayfly-offscreen', type: 'copy', text: '123456' }),
    );
    expect(copied).toBe(true);
    await page.close();
  });

  it('opens only web links from a notification button', async () => {
    const w = await session.worker();
    const hostile = 'data:text/html,<h1>pwned</h1>';
    // A web link pressed right after it: once its tab is open, the hostile press has been handled too.
    const control = `${pages.url}/signup?control=${Date.now()}`;
    for (const link of [hostile, control]) {
      await w.evaluate(async (link) => {
        const id = `mayfly-mail|${JSON.stringify(['tempmailg:x@y.test', 'm1', '', link])}`;
        (
          chrome.notifications.onButtonClicked as unknown as { dispatch: (id: string, index: number) => void }
        ).dispatch(id, 0);
      }, link);
    }
    const tabUrls = () =>
      w.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.pendingUrl ?? t.url));
    await waitFor(async () => (await tabUrls()).includes(control));
    expect((await tabUrls()).some((u) => u?.startsWith('data:'))).toBe(false);
  });
});
