import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser, type Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../lib/core/types';
import type { Settings } from '../../lib/storage/items';
import { callBackground } from '../../bench/lib/background-call';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  E2E_FIREFOX_DIR,
  EXTENSION_DEFAULT_SETTINGS,
  configure,
  launchExtension,
  notifications,
  readStorage,
  stopServiceWorker,
  storedMail,
  waitFor,
  type ExtensionSession,
} from './harness';

/**
 * Mail.tm in real headless Chromium against the local server's Mail.tm API and its Mercure-style hub:
 * create, mail over SMTP announced by the stream (polling is set far too slow to explain it), reader,
 * attachment, delete, an expired token renewed from the stored password, and the stream dropping with
 * polling taking over; then create + read in Firefox ESR (MV2 background page holding the stream). One
 * browser per describe; each test makes its own mailbox and passes alone.
 */

let server: LocalServer;
let session: ExtensionSession;
let ext: Page;

/** Polling so slow (60 s hot and idle) that only the stream can bring mail within seconds. */
const SLOW_POLLING = { hotPollSeconds: 60, idlePollSeconds: 60 };

const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];

/** A new hot Mail.tm mailbox, once its stream is open at the hub. */
async function streamingMailbox(): Promise<Mailbox> {
  const openBefore = server.mailtmHub().open;
  const mb = await callBackground<Mailbox>(ext, 'createMailbox', {});
  await waitFor(async () => server.mailtmHub().open > openBefore, { timeoutMs: 10_000 });
  return mb;
}

const confirmation = (to: string, code: string) =>
  sendMail({
    smtpPort: server.smtpPort,
    to,
    from: 'Example Shop <noreply@shop.example>',
    subject: `Confirm your email ${code}`,
    text: `Your verification code is ${code}.`,
    html: `<p>Your verification code is <b>${code}</b>.</p>`,
    attachments: [
      { filename: 'receipt.txt', content: 'Thank you for your order.', contentType: 'text/plain' },
    ],
  });

const requestsTo = (mailbox: string, since: number, pathPart: string) =>
  server.log().filter((e) => e.t >= since && e.mailbox === mailbox && e.path.includes(pathPart));

describe('Mail.tm journeys (Chromium)', () => {
  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension({ lang: 'en' });
    await configure(session, { provider: 'mailtm', baseUrl: server.apiUrls.mailtm, settings: SLOW_POLLING });
    ext = await session.openPage('popup.html');
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  beforeEach(async () => {
    server.mailtmHub({ down: false });
    await configure(session, { provider: 'mailtm', baseUrl: server.apiUrls.mailtm, settings: SLOW_POLLING });
  });

  it('makes a Mail.tm address from the popup', async () => {
    const popup = await session.openPage('popup.html');
    const before = new Set((await mailboxes()).map((m) => m.id));
    await popup.getByRole('button', { name: 'New address' }).click();
    const mb = await waitFor(async () => (await mailboxes()).find((m) => !before.has(m.id)));
    expect(mb.provider).toBe('mailtm');
    expect(mb.address).toMatch(/@mailtm\.test$/);
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(mb.address);
    expect(server.mailboxes().some((m) => m.address === mb.address && m.api === 'mailtm')).toBe(true);
    await popup.close();
  });

  it('announces a mail over SMTP through the stream, long before the next poll', async () => {
    const mb = await streamingMailbox();
    const sentAt = Date.now();
    await confirmation(mb.address, '481516');
    await waitFor(async () => Object.keys(await notifications(session)).find((id) => id.includes('481516')), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    // Polling is at 60 s: a notification within seconds came from the hub's event.
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    const stored = await storedMail(session, mb.id);
    expect(stored[0]).toMatchObject({ code: '481516', hasBody: true });
  });

  it('reads the mail in the popup, marks it read on the server and downloads the attachment', async () => {
    const mb = await streamingMailbox();
    await confirmation(mb.address, '271828');
    await waitFor(async () => (await storedMail(session, mb.id)).length > 0, { timeoutMs: 10_000 });
    const since = Date.now();
    const popup = await session.openPage('popup.html');
    const item = popup.locator('.messages li').filter({ hasText: 'Confirm your email 271828' });
    await item.locator('.list-item').click();
    await expect.poll(() => popup.locator('#reader-subject').textContent()).toBe('Confirm your email 271828');
    await waitFor(async () => requestsTo(mb.address, since, '/messages/').some((e) => e.method === 'PATCH'));
    await popup.getByRole('button', { name: 'Download receipt.txt' }).click();
    const worker = await session.worker();
    const found = await waitFor(async () => {
      const items = await worker.evaluate(() => chrome.downloads.search({}));
      return items.find((d) => d.state === 'complete' && d.startTime >= new Date(since).toISOString());
    });
    expect(found.fileSize).toBe('Thank you for your order.'.length);
    expect(requestsTo(mb.address, since, '/attachment/').map((e) => e.status)).toEqual([200]);
    await popup.close();
  });

  it('deletes the message and then the address on the server', async () => {
    const mb = await streamingMailbox();
    await confirmation(mb.address, '314159');
    const [message] = await waitFor(async () => {
      const list = await storedMail(session, mb.id);
      return list.length > 0 ? list : undefined;
    });
    await callBackground(ext, 'deleteMessage', { mailboxId: mb.id, messageId: message!.id });
    expect(server.mailboxes().find((m) => m.address === mb.address)?.messageCount).toBe(0);
    await callBackground(ext, 'deleteMailbox', { mailboxId: mb.id });
    expect(server.mailboxes().some((m) => m.address === mb.address)).toBe(false);
    expect((await mailboxes()).some((m) => m.id === mb.id)).toBe(false);
  });

  it('renews an expired token from the stored password and still gets the mail', async () => {
    const mb = await streamingMailbox();
    server.expireMailtmTokens();
    const since = Date.now();
    await confirmation(mb.address, '161803');
    await waitFor(async () => (await storedMail(session, mb.id)).some((m) => m.code === '161803'), {
      timeoutMs: 10_000,
    });
    // The refused token names no mailbox the server still accepts, so the 401 is logged without one.
    const after = server.log().filter((e) => e.t >= since);
    expect(after.some((e) => e.status === 401 && e.path.includes('/mailtm/messages'))).toBe(true);
    const renewed = after.filter((e) => e.mailbox === mb.address && e.method === 'POST');
    expect(renewed.some((e) => e.path.endsWith('/token') && e.status === 200)).toBe(true);
  });

  it('opens the stream again from stored state when the worker was stopped', async () => {
    const mb = await streamingMailbox();
    const hubConnects = () =>
      server.log().filter((e) => e.mailbox === mb.address && e.path.includes('/.well-known/mercure')).length;
    const before = hubConnects();
    await stopServiceWorker(session);
    await confirmation(mb.address, '662607');
    // An extension event starts a fresh worker; streams live in memory, so it starts them from stored hot state.
    const popup = await session.openPage('popup.html');
    await waitFor(async () => hubConnects() > before, { timeoutMs: 15_000 });
    // Polling is at 60 s: the mail comes from the new worker's stream (its first list on opening).
    await waitFor(async () => (await storedMail(session, mb.id)).some((m) => m.code === '662607'), {
      timeoutMs: 10_000,
    });
    await popup.close();
  });

  it('falls back to polling when the stream drops, and streams again when the hub is back', async () => {
    await configure(session, {
      provider: 'mailtm',
      baseUrl: server.apiUrls.mailtm,
      settings: { hotPollSeconds: 2, idlePollSeconds: 60 },
    });
    const mb = await streamingMailbox();
    server.mailtmHub({ down: true });
    const since = Date.now();
    await confirmation(mb.address, '577215');
    await waitFor(async () => (await storedMail(session, mb.id)).some((m) => m.code === '577215'), {
      timeoutMs: 15_000,
    });
    // No event could come: the mail was found by polling at the hot pace.
    expect(server.mailtmHub().open).toBe(0);
    expect(requestsTo(mb.address, since, '/messages?').length).toBeGreaterThan(0);
    server.mailtmHub({ down: false });
    await waitFor(async () => server.mailtmHub().open > 0, { timeoutMs: 40_000 });
  });
});

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'mayfly@mayfly.example';

describe.skipIf(!existsSync(FIREFOX))('Mail.tm in Firefox ESR', () => {
  const uuid = randomUUID();
  let firefox: FirefoxBrowser;
  let control: FirefoxPage;
  let ffServer: LocalServer;

  beforeAll(async () => {
    ffServer = await startLocalServer();
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
    });
    expect(await firefox.installExtension(E2E_FIREFOX_DIR)).toBe(GECKO_ID);
    control = await firefox.newPage();
    await control.goto(`moz-extension://${uuid}/popup.html`, { waitUntil: [] });
    await control.waitForSelector('h1', { timeout: 15_000 });
    // Polling at 60 s: mail within seconds comes from the hub's event, read by the background page.
    const settings: Settings = {
      ...EXTENSION_DEFAULT_SETTINGS,
      provider: 'mailtm',
      baseUrls: { ...EXTENSION_DEFAULT_SETTINGS.baseUrls, mailtm: ffServer.apiUrls.mailtm },
      hotPollSeconds: 60,
      idlePollSeconds: 60,
    };
    expect((await send('saveSettings', { settings })).err).toBeUndefined();
  });

  afterAll(async () => {
    await firefox?.close();
    await ffServer?.close();
  });

  function send<T = unknown>(type: string, data: unknown): Promise<{ res?: T; err?: { message?: string } }> {
    return control.evaluate(
      async (type, data) =>
        (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({
          id: Math.random(),
          type,
          data,
          timestamp: Date.now(),
        }) as Promise<{ res?: T; err?: { message?: string } }>,
      type,
      data,
    );
  }

  it('makes a Mail.tm address, streams its mail and shows it in the popup with its code', async () => {
    const created = await send<Mailbox>('createMailbox', {});
    expect(created.err).toBeUndefined();
    const mailbox = created.res!;
    expect(mailbox.provider).toBe('mailtm');
    await waitFor(async () => ffServer.mailtmHub().open > 0, { timeoutMs: 10_000 });
    await sendMail({
      smtpPort: ffServer.smtpPort,
      to: mailbox.address,
      from: 'Fjord Outfitters <hello@fjord.example>',
      subject: 'Your Fjord Outfitters code',
      text: 'Use 731904 to confirm your email address.',
    });
    const popup = await firefox.newPage();
    await popup.goto(`moz-extension://${uuid}/popup.html`, { waitUntil: [] });
    await popup.waitForFunction(() => document.body.innerText.includes('Your Fjord Outfitters code'), {
      timeout: 10_000,
    });
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text).toContain(mailbox.address);
    expect(text).toContain('731904');
    await popup.close();
  });
});
