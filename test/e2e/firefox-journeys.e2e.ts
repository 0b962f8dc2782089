import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
import type { Settings } from '../../lib/storage/items';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import { E2E_FIREFOX_DIR, EXTENSION_DEFAULT_SETTINGS, waitFor } from './harness';
import { SIGNUP_CONFIRM_PAGE, SIGNUP_PAGE, servePages } from './pages';

/**
 * The main journeys in Firefox ESR, on the built MV2 package (e2e variant: it may reach 127.0.0.1), through
 * puppeteer-core over WebDriver BiDi: mail sent over SMTP reaches the popup with its code, the reader shows
 * hostile HTML with no script and no remote request until asked, the keyboard command fills a signup page, and
 * Options saves a provider and a key (and links to the privacy policy shipped inside). Each journey makes its
 * own mailbox and passes alone. Notifications are not asserted: headless Firefox closes them at once
 * (lab/RECIPE.md).
 */

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'mayfly@mayfly.example';
const hasFirefox = existsSync(FIREFOX);

type Reply<T> = { res?: T; err?: { kind?: string; message?: string } };

/** The slice of puppeteer's WebDriver BiDi connection used to reach the browser window's chrome scope. */
interface BidiConnection {
  send(
    method: 'browsingContext.getTree',
    params: { 'moz:scope': 'chrome' },
  ): Promise<{ result: { contexts: { context: string; url: string }[] } }>;
  send(
    method: 'script.evaluate',
    params: { expression: string; target: { context: string }; awaitPromise: boolean },
  ): Promise<{ result: { result?: { value?: unknown } } }>;
}

describe.skipIf(!hasFirefox)('Firefox ESR journeys', () => {
  const uuid = randomUUID();
  const base = `moz-extension://${uuid}/`;
  let browser: Browser;
  let server: LocalServer;
  /** A plain HTTP server standing for a mail's remote images: records every path asked for. */
  let remote: Server;
  let remoteOrigin: string;
  const remoteHits: string[] = [];
  /** An extension page kept open to talk to the background as Options and the popup do. */
  let control: Page;
  /** Web pages on 127.0.0.1 (a signup form). */
  let pages: Awaited<ReturnType<typeof servePages>>;

  beforeAll(async () => {
    server = await startLocalServer();
    remote = createServer((req, res) => {
      remoteHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/gif' }).end();
    });
    await new Promise<void>((done) => remote.listen(0, '127.0.0.1', done));
    remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    pages = await servePages({ '/signup': SIGNUP_PAGE, '/signup-confirm': SIGNUP_CONFIRM_PAGE });
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // Options asks for the local server's origin (with its port) as an optional permission; a headless
        // browser cannot click the prompt, so Firefox's own switch grants such requests without one.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    expect(await browser.installExtension(E2E_FIREFOX_DIR)).toBe(GECKO_ID);
    control = await openExtensionPage('popup.html', 'h1');
    // TempMail.lol on the local server, checked every second while someone waits.
    const settings: Settings = {
      ...EXTENSION_DEFAULT_SETTINGS,
      baseUrls: { ...EXTENSION_DEFAULT_SETTINGS.baseUrls, 'tempmail-lol': server.apiUrls.tempmailLol },
      hotPollSeconds: 1,
    };
    expect((await send('saveSettings', { settings })).err).toBeUndefined();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.close();
    remote?.closeAllConnections();
    await new Promise<void>((done) => (remote ? remote.close(() => done()) : done()));
  });

  async function openExtensionPage(path: string, ready: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(base + path, { waitUntil: [] });
    await page.waitForSelector(ready, { timeout: 15_000 });
    return page;
  }

  /** The privileged protocol, from an extension page, as the popup and Options speak it. */
  function send<T = unknown>(type: string, data: unknown): Promise<Reply<T>> {
    return control.evaluate(
      async (type, data) =>
        (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({
          id: Math.random(),
          type,
          data,
          timestamp: Date.now(),
        }) as Promise<Reply<T>>,
      type,
      data,
    );
  }

  async function newMailbox(): Promise<Mailbox> {
    const reply = await send<Mailbox>('createMailbox', { provider: 'tempmail-lol' });
    expect(reply.err).toBeUndefined();
    return reply.res!;
  }

  /** The mailbox's stored summaries, newest first (storage v2 `inbox:<id>`). */
  function inbox(id: string): Promise<StoredMessage[]> {
    return control.evaluate(async (id) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const key = `inbox:${id}`;
      return ((await ext.storage.local.get(key))[key] ?? []) as StoredMessage[];
    }, id);
  }

  /** The form control a visible label names (the label's own text, trimmed), as a person finds it. */
  async function byLabel(page: Page, text: string): Promise<ElementHandle<HTMLInputElement>> {
    const handle = await page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll('label')).find(
          (l) => (l.textContent ?? '').trim() === text && l.control,
        )?.control ?? null,
      { timeout: 10_000 },
      text,
    );
    return handle as unknown as ElementHandle<HTMLInputElement>;
  }

  async function buttonNamed(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
    const handle = await page.waitForFunction(
      (name) =>
        Array.from(document.querySelectorAll('button')).find((b) => (b.textContent ?? '').trim() === name) ??
        null,
      { timeout: 10_000 },
      name,
    );
    return handle as unknown as ElementHandle<HTMLButtonElement>;
  }

  const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

  /**
   * Presses a key combination in the browser window itself, as Firefox's own tests do: WebDriver BiDi in the
   * window's chrome scope (allowed by --remote-allow-system-access) drives Firefox's TextInputProcessor, whose
   * key events go through the browser's own event dispatch and keyboard shortcut handling (the `<key>`
   * elements Firefox made from the manifest's `commands`). Focus is put in the address bar first: in headless
   * Firefox these synthesized keys, sent while the page has focus, go to the page's process and no shortcut
   * fires (tried; a real key press would come back from the page to the shortcut handling). The page keeps
   * its own focused element, which is what the command fills.
   */
  async function pressInBrowserWindow(
    keys: { key: string; code: string; keyCode: number }[],
  ): Promise<string> {
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const window = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    expect(window).toBeDefined();
    const expression = `(() => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) return 'no input transaction';
      gURLBar.focus();
      const events = ${JSON.stringify(keys)}.map((init) => new KeyboardEvent('', init));
      for (const event of events) tip.keydown(event);
      for (const event of events.reverse()) tip.keyup(event);
      return 'pressed in ' + gBrowser.selectedBrowser.currentURI.spec;
    })()`;
    const reply = await connection.send('script.evaluate', {
      expression,
      target: { context: window!.context },
      awaitPromise: false,
    });
    return String(reply.result.result?.value);
  }

  it('shows mail sent over SMTP in the popup with its code', async () => {
    const mailbox = await newMailbox();
    // The popup shows the selected mailbox, as a click on its card would choose it.
    expect((await send('selectMailbox', { mailboxId: mailbox.id })).err).toBeUndefined();
    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox.address,
      from: 'Fjord Outfitters <hello@fjord.example>',
      subject: 'Your Fjord Outfitters code',
      text: 'Use 731904 to confirm your email address. It expires in 10 minutes.',
    });
    const [stored] = await waitFor(
      async () => {
        const list = await inbox(mailbox.id);
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(stored!.code).toBe('731904');

    const popup = await openExtensionPage('popup.html', 'h1');
    await popup.waitForFunction(() => document.body.innerText.includes('Your Fjord Outfitters code'), {
      timeout: 10_000,
    });
    const text = await bodyText(popup);
    expect(text).toContain(mailbox.address);
    expect(text).toContain('731904');
    // The code is its own control (copy), not only words in the subject line.
    const codeControl = await popup.evaluate(() =>
      Array.from(document.querySelectorAll('button')).some((b) => (b.textContent ?? '').includes('731904')),
    );
    expect(codeControl).toBe(true);
    await popup.close();
  });

  it('reads hostile HTML mail with no script and no remote request until remote content is loaded', async () => {
    const mailbox = await newMailbox();
    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox.address,
      from: 'Mallory <mallory@evil.example>',
      subject: 'Verify your Fjord account',
      text: 'Your code is 560217.',
      html:
        '<p id="lead">Your code is <b>560217</b>.</p>' +
        `<img id="logo" src="${remoteOrigin}/logo.gif" alt="logo">` +
        `<div style="background:url(${remoteOrigin}/bg.gif)">styled</div>` +
        '<img src="x" onerror="document.title=\'pwned\'">' +
        '<script>document.title = "pwned"</script>' +
        `<a id="go" href="https://fjord.example/verify?t=abc">Verify</a>`,
    });
    const [message] = await waitFor(
      async () => {
        const list = await inbox(mailbox.id);
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    const query = new URLSearchParams({ mailbox: mailbox.id, message: message!.id });
    const reader = await openExtensionPage(`reader.html?${query}`, 'iframe[title="Message content"]');
    const frameElement = await reader.$('iframe[title="Message content"]');
    expect(await frameElement!.evaluate((f) => f.getAttribute('sandbox'))).toBe(
      'allow-popups allow-popups-to-escape-sandbox',
    );
    // WebDriver BiDi does not hand out the sandboxed srcdoc frame, so the document it renders is read from
    // the frame's srcdoc: that is all the frame ever gets.
    await new Promise((done) => setTimeout(done, 500));
    const srcdoc = await frameElement!.evaluate((f) => f.getAttribute('srcdoc') ?? '');
    const inside = await reader.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
      return {
        csp: csp ?? '',
        lead: doc.querySelector('#lead')?.textContent,
        scripts: doc.querySelectorAll('script').length,
        handlers: doc.querySelectorAll('[onerror]').length,
        logoSrc: doc.querySelector('#logo')?.getAttribute('src') ?? null,
        remote: html.includes('127.0.0.1'),
        link: doc.querySelector('#go')?.getAttribute('href'),
        rel: doc.querySelector('#go')?.getAttribute('rel'),
      };
    }, srcdoc);
    expect(inside).toMatchObject({
      lead: 'Your code is 560217.',
      scripts: 0,
      handlers: 0,
      logoSrc: null,
      remote: false,
      link: 'https://fjord.example/verify?t=abc',
      rel: 'noopener noreferrer',
    });
    expect(inside.csp).toContain("default-src 'none'");
    expect(inside.csp).not.toMatch(/img-src[^;]*http/);
    expect(await reader.title()).not.toBe('pwned');
    expect(remoteHits).toEqual([]);

    await (await buttonNamed(reader, 'Load remote content')).click();
    // Both remote resources, and nothing else (Firefox may ask for the same image twice while the frame
    // reloads with remote content allowed; waiting for the logo alone raced the background image).
    await waitFor(async () => remoteHits.includes('/logo.gif') && remoteHits.includes('/bg.gif'), {
      timeoutMs: 5_000,
    });
    expect([...new Set(remoteHits)].sort()).toEqual(['/bg.gif', '/logo.gif']);
    await reader.close();
  });

  it('fills the focused field of a signup page through the keyboard command (Alt+Shift+E)', async () => {
    // The shortcut Firefox registered for the manifest's command.
    const commands = await control.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.commands.getAll(),
    );
    expect(commands).toContainEqual(
      expect.objectContaining({ name: 'fill-address', shortcut: 'Alt+Shift+E' }),
    );
    const mailboxes = () =>
      control.evaluate(async () => {
        const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
        return ((await ext.storage.local.get('mailboxes')).mailboxes ?? []) as Mailbox[];
      });
    const before = new Set((await mailboxes()).map((mb) => mb.id));

    const page = await browser.newPage();
    await page.goto(`${pages.url}/signup`);
    await page.bringToFront();
    await page.focus('#email');
    const pressed = await pressInBrowserWindow([
      { key: 'Alt', code: 'AltLeft', keyCode: 18 },
      { key: 'Shift', code: 'ShiftLeft', keyCode: 16 },
      { key: 'E', code: 'KeyE', keyCode: 69 },
    ]);
    expect(pressed).toBe(`pressed in ${pages.url}/signup`);

    const made = await waitFor(
      async () => (await mailboxes()).find((mb) => !before.has(mb.id) && mb.site === '127.0.0.1'),
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    await page.waitForFunction(
      (address) => (document.getElementById('email') as HTMLInputElement).value === address,
      { timeout: 10_000 },
      made.address,
    );
    // Only the focused email field: the passwords stay empty.
    expect(await page.$eval('#pw', (input) => (input as HTMLInputElement).value)).toBe('');
    await page.close();
  });

  it('in-field button: a click fills the address through the injected autofill script, "Confirm email" too', async () => {
    // As Options enables a site (the e2e build already holds 127.0.0.1 as a host permission).
    expect((await send('setSiteButton', { hostname: '127.0.0.1', on: true })).err).toBeUndefined();
    try {
      const registered = () =>
        control.evaluate(async () => {
          const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
          return (await ext.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []);
        });
      await waitFor(async () => (await registered()).includes('http://127.0.0.1/*'), { timeoutMs: 10_000 });
      const page = await browser.newPage();
      await page.goto(`${pages.url}/signup-confirm`);
      const host = await page.waitForSelector('mayfly-inline-button', { visible: true, timeout: 10_000 });
      // A click counts only once the button has held still for 500 ms (lib/content/inline-button.ts).
      await new Promise((done) => setTimeout(done, 600));
      const box = (await host!.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // Both boxes get one address: only the autofill script fills "Confirm email", so the field the button
      // marked reached it. A new address, or the site's own when an earlier journey made one.
      const filled = await page.waitForFunction(
        () => {
          const [a, b] = ['email', 'email2'].map(
            (id) => (document.getElementById(id) as HTMLInputElement).value,
          );
          return a && a === b ? a : null;
        },
        { timeout: 15_000 },
      );
      const address = await filled.jsonValue();
      const mailboxes = await control.evaluate(async () => {
        const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
        return ((await ext.storage.local.get('mailboxes')).mailboxes ?? []) as Mailbox[];
      });
      expect(mailboxes.find((mb) => mb.address === address)?.site).toBe('127.0.0.1');
      await page.close();
    } finally {
      expect((await send('setSiteButton', { hostname: '127.0.0.1', on: false })).err).toBeUndefined();
    }
  });

  it('Options saves a provider and its key, keeps the key out of settings, and links the privacy policy', async () => {
    const options = await openExtensionPage('options.html', 'h1');
    // The provider choice is a radio whose label also holds a hint line: found by its value.
    await (await options.waitForSelector('input[name="provider"][value="tempmailg"]'))!.click();
    const address = await byLabel(options, 'API base URL');
    await address.evaluate((input) => input.select());
    await address.type(server.apiUrls.tempmailg);
    expect(await address.evaluate((input) => input.value)).toBe(server.apiUrls.tempmailg);
    await (await byLabel(options, 'API key')).type('test-key');
    await (await buttonNamed(options, 'Test connection')).click();
    await options.waitForFunction(() => document.body.innerText.includes('The connection works.'), {
      timeout: 10_000,
    });
    await (await buttonNamed(options, 'Save')).click();
    await options.waitForFunction(() => document.body.innerText.includes('Saved.'), { timeout: 10_000 });

    const saved = await control.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const { settings } = (await ext.storage.local.get('settings')) as { settings: Settings };
      const secret = await new Promise<unknown>((resolve, reject) => {
        const req = indexedDB.open('mayfly-secrets');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('secrets').objectStore('secrets').get('apiKey:tempmailg');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      });
      return { settings, secret };
    });
    expect(saved.settings.provider).toBe('tempmailg');
    expect(saved.settings.baseUrls.tempmailg).toContain(new URL(server.apiUrls.tempmailg).host);
    expect(JSON.stringify(saved.settings)).not.toContain('test-key');
    expect(saved.secret).toMatchObject({ key: 'test-key', origin: new URL(server.apiUrls.tempmailg).origin });
    // The field is emptied after a save: the key is never shown back.
    expect(await (await byLabel(options, 'API key')).evaluate((i) => i.value)).toBe('');

    // The footer's privacy link opens the policy shipped in the package, offline.
    const href = await options.$eval('footer a', (a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${base}privacy.html`);
    const policy = await openExtensionPage('privacy.html', 'h2');
    expect(await policy.$eval('h1', (h) => h.textContent)).toBe('Mayfly privacy policy');
    expect(await policy.title()).toBe('Mayfly privacy policy');
    await policy.close();
    await options.close();

    // Back to TempMail.lol for any journey after this one.
    const settings: Settings = {
      ...saved.settings,
      provider: 'tempmail-lol',
    };
    expect((await send('saveSettings', { settings })).err).toBeUndefined();
  });
});
