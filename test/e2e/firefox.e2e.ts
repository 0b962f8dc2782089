import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
import type { Settings } from '../../lib/storage/items';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import { E2E_FIREFOX_DIR, EXTENSION_DEFAULT_SETTINGS, waitFor } from './harness';
import { SIGNUP_PAGE, servePages } from './pages';

/**
 * Firefox ESR smoke test of the built MV2 extension (lab/RECIPE.md): puppeteer-core over WebDriver BiDi
 * installs it with a fixed internal UUID, the popup renders, a normal page loads, and the background makes a
 * TempMail.lol mailbox on the local server and stores a mail that arrives over SMTP. Notifications are not
 * asserted: headless Firefox closes them at once.
 */

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'mayfly@mayfly.example';
const hasFirefox = existsSync(FIREFOX);
if (!hasFirefox)
  console.warn(`Skipping the Firefox smoke test: ${FIREFOX} is missing (apt-get install firefox-esr).`);

describe.skipIf(!hasFirefox)('Firefox ESR smoke', () => {
  const uuid = randomUUID();
  const base = `moz-extension://${uuid}/`;
  let browser: Browser;
  let server: LocalServer;
  let popup: Page;

  beforeAll(async () => {
    server = await startLocalServer();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
    });
    const id = await browser.installExtension(E2E_FIREFOX_DIR);
    expect(id).toBe(GECKO_ID);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Evaluates in the popup, an extension page: `browser.*` there is Firefox's own WebExtension API. */
  const inPopup = <T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T> =>
    popup.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown) as Promise<T>;

  /** Opens a popup page of this test's own: one an earlier test opened is gone after the extension restarts. */
  async function openPopup(): Promise<void> {
    popup = await browser.newPage();
    await popup.goto(`${base}popup.html`, { waitUntil: [] });
    await popup.waitForSelector('h1', { timeout: 15_000 });
  }

  it('renders the popup', async () => {
    popup = await browser.newPage();
    await popup.goto(`${base}popup.html`, { waitUntil: [] });
    const heading = await popup.waitForSelector('h1', { timeout: 15_000 });
    expect((await heading!.evaluate((h) => h.textContent ?? '')).trim()).toBe('Mayfly');
    // No mailbox yet: the welcome (empty) state is shown.
    await popup.waitForSelector('#welcome-heading', { timeout: 10_000 });
  });

  it('opens a normal web page', async () => {
    const pages = await servePages({ '/signup': SIGNUP_PAGE });
    try {
      const page = await browser.newPage();
      await page.goto(`${pages.url}/signup`);
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Create your account');
      await page.close();
    } finally {
      await pages.close();
    }
  });

  it('makes a mailbox on the local server and stores its mail', async () => {
    await openPopup();
    // The defaults with TempMail.lol pointed at the local server.
    const settings: Settings = {
      ...EXTENSION_DEFAULT_SETTINGS,
      baseUrls: { ...EXTENSION_DEFAULT_SETTINGS.baseUrls, 'tempmail-lol': server.apiUrls.tempmailLol },
      hotPollSeconds: 1,
    };
    await inPopup(async (s) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      await ext.storage.local.set({ settings: s });
    }, settings);
    const reply = await inPopup(
      async () =>
        (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({
          id: 1,
          type: 'createMailbox',
          data: {},
          timestamp: Date.now(),
        }) as Promise<{ res?: Mailbox; err?: { kind?: string; message?: string } }>,
      null,
    );
    expect(reply.err).toBeUndefined();
    const mailbox = reply.res!;
    expect(mailbox.address).toMatch(/@(rush\.)?lol\.test$/);
    expect(server.mailboxes().map((m) => m.address)).toContain(mailbox.address);

    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox.address,
      subject: 'Hello from Firefox',
      text: 'Your verification code is 246810.',
    });
    const stored = await waitFor(
      () =>
        inPopup(async (id) => {
          const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
          const key = `inbox:${id}`;
          const got = (await ext.storage.local.get(key)) as Record<string, StoredMessage[] | undefined>;
          return got[key]?.[0] ?? null;
        }, mailbox.id),
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(stored.subject).toBe('Hello from Firefox');
    expect(stored.code).toBe('246810');
  });

  /**
   * Issue 10, item 2. Firefox has no storage.local access levels, so a content script can rewrite the
   * settings; the key is bound to the origin it was saved for in the extension's IndexedDB, so pointing the
   * provider elsewhere must not bring the key along.
   */
  it('sends the API key nowhere a content script points the settings to', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const foreign = createServer((req, res) => {
      seen.push(req.headers);
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'authorization, accept, content-type',
        })
        .end('{"status":true,"data":{}}');
    });
    await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    const pages = await servePages({ '/signup': SIGNUP_PAGE });
    await openPopup();
    try {
      const send = (type: string, data: unknown) =>
        inPopup(
          async ({ type, data }) =>
            (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({
              id: Math.random(),
              type,
              data,
              timestamp: Date.now(),
            }) as Promise<{ res?: unknown; err?: { kind?: string; message?: string } }>,
          { type, data },
        );
      // Options saves the key for the local tempmailg API, and the settings that use it.
      const settings: Settings = {
        ...EXTENSION_DEFAULT_SETTINGS,
        provider: 'tempmailg',
        baseUrls: { ...EXTENSION_DEFAULT_SETTINGS.baseUrls, tempmailg: server.apiUrls.tempmailg },
      };
      expect(
        (
          await send('saveApiKey', {
            provider: 'tempmailg',
            apiKey: 'test-key',
            baseUrl: server.apiUrls.tempmailg,
          })
        ).err,
      ).toBeUndefined();
      expect((await send('saveSettings', { settings })).err).toBeUndefined();
      expect((await send('createMailbox', { provider: 'tempmailg' })).err).toBeUndefined();

      // A content script (here one injected into a web page) points the provider at another host.
      const page = await browser.newPage();
      await page.goto(`${pages.url}/signup`);
      const rewritten = await inPopup(
        async ({ pageUrl, target }) => {
          const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
          const tab = (await ext.tabs.query({})).find((t) => t.url?.startsWith(pageUrl));
          const code = `(async () => {
            const { settings } = await browser.storage.local.get('settings');
            settings.baseUrls.tempmailg = ${JSON.stringify(target)};
            await browser.storage.local.set({ settings });
            return (await browser.storage.local.get('settings')).settings.baseUrls.tempmailg;
          })()`;
          const results = await (
            ext.tabs as unknown as { executeScript: (id: number, d: { code: string }) => Promise<unknown[]> }
          ).executeScript(tab!.id!, { code });
          return results[0];
        },
        { pageUrl: `${pages.url}/signup`, target: `${foreignUrl}/api` },
      );
      expect(rewritten).toBe(`${foreignUrl}/api`);
      await page.close();

      // The background now uses that address, but without the key (it asks for it in Options instead).
      const attempt = await send('createMailbox', { provider: 'tempmailg' });
      // No fixed wait: the background answers only after any request it made for this attempt.
      expect(seen.map((h) => h.authorization ?? null)).not.toContain('Bearer test-key');
      expect(attempt.res).toBeUndefined();
    } finally {
      await pages.close();
      foreign.closeAllConnections();
      await new Promise<void>((done) => foreign.close(() => done()));
    }
  });

  // Last in this file: it restarts the add-on, which closes every extension page the others use.
  it('moves v1 mail (one key) to storage v2 when the extension restarts, losing nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}popup.html`, { waitUntil: [] });
    await page.waitForSelector('h1', { timeout: 15_000 });
    const seeded = await page.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const kept = 14;
      const mailboxes = [];
      const messages: Record<string, unknown[]> = {};
      for (let i = 0; i < kept; i++) {
        const id = `tempmail-lol:ff${i}@lol.test`;
        mailboxes.push({
          id,
          provider: 'tempmail-lol',
          address: `ff${i}@lol.test`,
          domain: 'lol.test',
          createdAt: Date.now() - 86_400_000,
          expiresAt: Date.now() - 3_600_000,
          expired: true,
        });
        messages[id] = Array.from({ length: 20 }, (_, j) => ({
          id: `f${i}-${j}`,
          mailboxId: id,
          from: { address: 'news@shop.example' },
          subject: `Firefox kept ${i}-${j}`,
          receivedAt: Date.now() - 86_400_000 + j,
          fetchedAt: Date.now() - 86_400_000 + j,
          seen: false,
          hasBody: true,
          html: `<p>Kept mail ${i}-${j}</p>`.repeat(2_000),
          attachments: [],
        }));
      }
      await ext.storage.local.set({
        mailboxes,
        activeMailbox: mailboxes[2]!.id,
        messages,
        messages$: { v: 1 },
        mailSchema: 1,
      });
      return { active: mailboxes[2]!.id, bytes: JSON.stringify(messages).length };
    });
    expect(seeded.bytes).toBeGreaterThan(10 * 1024 * 1024);
    // An update restarts the background page; so does a reload.
    // The reply may never come: the page that asked is closed by the restart.
    // Nor may a rejection: the call is given 5 s, then the test goes on to wait for the restarted add-on.
    await Promise.race([
      page
        .evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.reload())
        .catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
    const after = await waitFor(
      async () => {
        let p: Page | undefined;
        try {
          // Even opening a tab can fail while the add-on restarts (its pages' contexts are discarded), and a
          // call into a discarded context may never answer: each attempt gets 10 s, then the next one starts.
          const attempt = (async () => {
            p = await browser.newPage();
            await p.goto(`${base}popup.html`, { waitUntil: [] });
            await p.waitForSelector('h1', { timeout: 5_000 });
            return p.evaluate(async () => {
              const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
              return (await ext.storage.local.get('mailSchema')).mailSchema as number | undefined;
            });
          })();
          attempt.catch(() => undefined);
          const schema = await Promise.race([
            attempt,
            new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000)),
          ]);
          if (schema === 2) return p;
        } catch {
          // The add-on is still restarting.
        }
        void (p as Page | undefined)?.close().catch(() => undefined);
        return undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const found = await after.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const all = await ext.storage.local.get(null);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('mayfly-mail');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const count = await new Promise<number>((resolve) => {
        const req = db.transaction('bodies').objectStore('bodies').count();
        req.onsuccess = () => resolve(req.result);
      });
      const body = await new Promise<{ html?: string } | undefined>((resolve) => {
        const req = db
          .transaction('bodies')
          .objectStore('bodies')
          .get(['tempmail-lol:ff7@lol.test', 'f7-19']);
        req.onsuccess = () => resolve(req.result as { html?: string } | undefined);
      });
      db.close();
      const inboxes = Object.keys(all).filter(
        (k) => k.startsWith('inbox:ff') || k.startsWith('inbox:tempmail-lol:ff'),
      );
      return {
        hasOld: 'messages' in all || 'messages$' in all,
        active: all.activeMailbox as string,
        inboxes: inboxes.length,
        summaries: inboxes.reduce((n, k) => n + (all[k] as unknown[]).length, 0),
        bodies: count,
        bodyLength: body?.html?.length ?? 0,
      };
    });
    expect(found).toMatchObject({ hasOld: false, active: seeded.active, inboxes: 14, summaries: 280 });
    expect(found.bodies).toBeGreaterThanOrEqual(280);
    expect(found.bodyLength).toBe('<p>Kept mail 7-19</p>'.length * 2_000);
    await after.close();
  });
});
