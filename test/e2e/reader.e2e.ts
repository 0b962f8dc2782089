import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
import { CHROMIUM, extensionChromiumArgs, seedMail } from './harness';

/**
 * The reader page of the BUILT extension (run `npx wxt build` first) shows a hostile message: no script
 * runs, nothing is requested until the person presses "Load remote content", then the images come from a
 * local server, and links open a new tab without a window reference.
 */
const extensionDir = resolve(process.env.MAYFLY_EXTENSION_DIR ?? '.output/chrome-mv3');
const MAILBOX = 'tempmail-lol:reader@e2e.test';
const GOOGLE_REDIRECT = 'https://www.google.com/url?q=https://example.com/verify&sa=D';
/** A verification link whose own redirect parameter must reach the service untouched (issue 10, item 1). */
const VERIFY_LINK = 'https://accounts.example.com/verify?token=SECRET&redirect=https://example.com/welcome';
/** 1x1 transparent GIF, served as the "remote" image. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

describe.skipIf(!existsSync(join(extensionDir, 'reader.html')))('reader page (built extension)', () => {
  let server: Server;
  let origin: string;
  const served: string[] = [];
  let context: BrowserContext;
  let userDataDir: string;
  let readerBase: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      served.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
      response.end(GIF);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    userDataDir = mkdtempSync(join(tmpdir(), 'mayfly-reader-e2e-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'en-US',
      args: extensionChromiumArgs(extensionDir),
    });
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker');
    readerBase = `chrome-extension://${new URL(worker.url()).host}/reader.html`;

    const hostile: StoredMessage = {
      id: 'hostile-1',
      mailboxId: MAILBOX,
      from: { name: 'Mallory', address: 'mallory@evil.test' },
      subject: 'Verify your account',
      receivedAt: Date.UTC(2025, 4, 1, 9, 30),
      fetchedAt: Date.UTC(2025, 4, 1, 9, 31),
      seen: false,
      hasBody: true,
      attachments: [],
      html:
        `<html><head><style>@import url(${origin}/import.css); .hero { background-image: url(${origin}/bg.gif) }</style>` +
        `<meta http-equiv="refresh" content="0;url=${origin}/refresh"><base href="${origin}/"></head><body>` +
        `<script>console.log('pwned-script')</script>` +
        `<img src="x" onerror="console.log('pwned-onerror')">` +
        `<svg onload="console.log('pwned-svg')"><circle r="4"/></svg>` +
        `<img id="logo" alt="logo" src="${origin}/logo.gif" width="120" height="40">` +
        `<img src="${origin}/pixel.gif" width="1" height="1">` +
        `<div class="hero">Hero</div>` +
        `<form action="${origin}/steal"><input name="password"><button>Send</button></form>` +
        `<iframe src="${origin}/frame"></iframe>` +
        `<a id="verify" href="${GOOGLE_REDIRECT}">Verify</a>` +
        `<a id="js" href="javascript:console.log('pwned-link')">Click</a>` +
        `</body></html>`,
    };
    // The mail tries every way it has to hide or forge the destination line.
    const links: StoredMessage = {
      ...hostile,
      id: 'links-1',
      subject: 'Confirm your signup',
      html:
        `<style>[popover], .mayfly-destination, body > :not(.mayfly-mail) { display: block !important;` +
        ` color: transparent !important; opacity: 0 !important; visibility: hidden !important }` +
        ` html, body { opacity: 0.99 !important; transform: scale(1) !important }` +
        ` a { interest-delay: 999s !important }</style>` +
        `<div style="opacity: 0.99; transform: scale(1)"><p><a id="confirm" href="${VERIFY_LINK}"` +
        ` style="interest-delay: 999s !important"><span title="https://www.paypal.com/">Confirm</span></a></p>` +
        `<p><a id="other" href="https://example.org/">Other</a></p></div>`,
    };
    const summaryOnly: StoredMessage = {
      ...hostile,
      id: 'summary-1',
      subject: 'Summary only',
      hasBody: false,
      html: undefined,
    };
    const mailbox: Mailbox = {
      id: MAILBOX,
      provider: 'tempmail-lol',
      address: 'reader@e2e.test',
      domain: 'e2e.test',
      createdAt: Date.UTC(2025, 4, 1),
      expiresAt: null,
      expired: false,
    };
    await worker.evaluate((value) => chrome.storage.local.set(value), { mailboxes: [mailbox] });
    await seedMail(worker, MAILBOX, [hostile, links, summaryOnly]);
  });

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Records every console call from the page's own worlds and every dialog, in the page and its frames. */
  async function watchForScript(page: Page): Promise<string[]> {
    const ran: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('pwned')) ran.push(message.text());
    });
    page.on('dialog', (dialog) => {
      ran.push(`dialog ${dialog.type()}`);
      void dialog.dismiss();
    });
    const session: CDPSession = await context.newCDPSession(page);
    session.on('Runtime.consoleAPICalled', (call) => ran.push(`console.${call.type}`));
    await session.send('Runtime.enable');
    return ran;
  }

  /** Waits for the mail frame's current document to fire load (its images and other requests settled). */
  async function mailLoaded(page: Page): Promise<void> {
    const frame = await (await page.getByTitle('Message content').elementHandle())!.contentFrame();
    await frame!.waitForLoadState('load');
    await frame!.evaluate(() =>
      Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))),
    );
  }

  it('renders the hostile mail with no script, no request and no navigation; remote images load on request', async () => {
    const page = await context.newPage();
    const ran = await watchForScript(page);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const readerUrl = `${readerBase}?mailbox=${encodeURIComponent(MAILBOX)}&message=hostile-1`;

    await page.goto(readerUrl);
    await page.getByRole('heading', { name: 'Verify your account' }).waitFor();
    await page.getByText('mallory@evil.test').waitFor();

    const frameElement = page.getByTitle('Message content');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const mail = page.frameLocator('iframe[title="Message content"]');
    await mail.locator('#verify').waitFor();
    // No fixed wait: the mail's document has fired load, so every request its markup could make is done.
    await mailLoaded(page);

    expect(ran).toEqual([]);
    expect(served).toEqual([]);
    expect(navigations.every((url) => url === readerUrl || url === 'about:srcdoc')).toBe(true);
    await expect(
      mail.locator('.mayfly-mail').locator('script, form, input, iframe, meta, base').count(),
    ).resolves.toBe(0);
    await expect(mail.locator('#logo').getAttribute('src')).resolves.toBeNull();

    const verify = mail.locator('#verify');
    await expect(verify.getAttribute('href')).resolves.toBe(GOOGLE_REDIRECT);
    await expect(verify.getAttribute('target')).resolves.toBe('_blank');
    await expect(verify.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(verify.getAttribute('title')).resolves.toBe(GOOGLE_REDIRECT);
    await expect(mail.locator('#js').getAttribute('href')).resolves.toBeNull();

    const loadRemote = page.getByRole('button', { name: 'Load remote content' });
    await loadRemote.waitFor();
    await loadRemote.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => served.slice().sort(), { timeout: 5_000 }).toEqual(['/bg.gif', '/logo.gif']);
    await expect(mail.locator('#logo').getAttribute('src')).resolves.toBe(`${origin}/logo.gif`);
    await expect(loadRemote.count()).resolves.toBe(0);
    // The mail shown again with remote content has fired load: every request it could make is done.
    await mailLoaded(page);
    // Still no script, no tracking pixel, no stylesheet import, no form or frame target fetched.
    expect(ran).toEqual([]);
    expect(served.slice().sort()).toEqual(['/bg.gif', '/logo.gif']);
    await page.close();
  });

  it('opens a verification link exactly as written and shows its destination in a line the mail cannot style', async () => {
    const page = await context.newPage();
    await page.goto(`${readerBase}?mailbox=${encodeURIComponent(MAILBOX)}&message=links-1`);
    const mail = page.frameLocator('iframe[title="Message content"]');
    const confirm = mail.locator('#confirm');
    await confirm.waitFor();
    await expect(confirm.getAttribute('href')).resolves.toBe(VERIFY_LINK);
    await expect(mail.locator('[title="https://www.paypal.com/"]').count()).resolves.toBe(0);

    const line = mail.locator('.mayfly-destination:popover-open');
    await expect(line.count()).resolves.toBe(0);
    await confirm.hover();
    await line.waitFor({ state: 'visible', timeout: 3_000 });
    const shown = await line.evaluate((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent,
        opacity: style.opacity,
        visibility: style.visibility,
        color: style.color,
        height: box.height,
        onTop: document.elementsFromPoint(box.left + 2, box.bottom - 2).includes(el),
      };
    });
    expect(shown.text).toContain(`Opens: ${VERIFY_LINK}`);
    expect(shown.text).toMatch(/not checked.*https:\/\/example\.com\/welcome/);
    expect(shown).toMatchObject({ opacity: '1', visibility: 'visible', color: 'rgb(255, 255, 255)' });
    expect(shown.height).toBeGreaterThan(10);

    // Keyboard: focus moves to the other link, and its line replaces the first.
    const frameBox = (await page.getByTitle('Message content').boundingBox())!;
    await page.mouse.move(frameBox.x + frameBox.width - 10, frameBox.y + 10);
    await expect.poll(() => line.count(), { timeout: 3_000 }).toBe(0);
    await confirm.focus();
    await page.keyboard.press('Tab');
    await expect
      .poll(() => line.textContent().catch(() => ''), { timeout: 3_000 })
      .toBe('Opens: https://example.org/');

    // A click opens the link as written, in a new tab.
    const opened = context.waitForEvent('page');
    await page.route('https://accounts.example.com/**', (route) => route.fulfill({ body: 'ok' }));
    await context.route('https://accounts.example.com/**', (route) => route.fulfill({ body: 'ok' }));
    await confirm.click();
    const tab = await opened;
    expect(tab.url()).toBe(VERIFY_LINK);
    await tab.close();
    await page.close();
  });

  it('explains a missing message instead of failing silently', async () => {
    const page = await context.newPage();
    await page.goto(`${readerBase}?mailbox=${encodeURIComponent(MAILBOX)}&message=gone`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/no longer stored/);
    await page.close();
  });

  it('asks the background for a body it does not have, and says why it cannot show it', async () => {
    const page = await context.newPage();
    await page.goto(`${readerBase}?mailbox=${encodeURIComponent(MAILBOX)}&message=summary-1`);
    // The seeded mailbox has no credentials, so the background answers "not found" for it; the heading shown
    // while the body is fetched can be gone before anyone looks, so only the final notice is checked.
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/no longer stored/);
    await page.close();
  });
});
