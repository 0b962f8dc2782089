import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Mailbox } from '../../lib/core/types';
import type { PollState } from '../../lib/storage/items';
import { callBackground } from '../../bench/lib/background-call';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  clickFillMenu,
  configure,
  launchExtension,
  notifications,
  readStorage,
  stopServiceWorker,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';
import { SIGNUP_PAGE, servePages } from './pages';

/**
 * The background journey in real headless Chromium against the local Temp Mail server with real SMTP:
 * the context-menu path makes a mailbox and fills it, mail arrives as a notification with its code, the
 * badge counts it, and a service-worker restart loses nothing and notifies nothing twice.
 */
describe('background journey (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  let pages: Awaited<ReturnType<typeof servePages>>;
  let page: Page;

  beforeAll(async () => {
    server = await startLocalServer();
    pages = await servePages({ '/signup': SIGNUP_PAGE });
    session = await launchExtension();
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 1, idlePollSeconds: 60 },
    });
    page = await session.context.newPage();
  });

  afterAll(async () => {
    await session?.close();
    await pages?.close();
    await server?.close();
  });

  const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];
  const messagesOf = async (id: string) => await storedMail(session, id);

  /** A mailbox of this test's own, made as the popup makes one, with one mail delivered over SMTP. */
  async function mailboxWithMail(subject: string, code: string): Promise<Mailbox> {
    const ext = await session.openPage('popup.html');
    const mb = await callBackground<Mailbox>(ext, 'createMailbox', {});
    await ext.close();
    await sendMail({
      smtpPort: server.smtpPort,
      to: mb.address,
      from: 'Example Shop <noreply@shop.example>',
      subject,
      text: `Welcome! Your verification code is ${code}. It expires in 10 minutes.`,
      html: `<p>Welcome!</p><p>Your verification code is <b>${code}</b>.</p>`,
    });
    return mb;
  }

  /** The id of the shown notification that carries `code`, once it is shown. */
  const notificationWith = (code: string) =>
    waitFor(async () => Object.keys(await notifications(session)).find((id) => id.includes(code)), {
      timeoutMs: 30_000,
    });

  it('fills a new address through the context menu into the right-clicked field', async () => {
    const before = new Set((await mailboxes()).map((m) => m.id));
    await page.goto(`${pages.url}/signup`);
    await page.click('#email', { button: 'right' }).catch(() => undefined);
    await page.focus('#email');
    await clickFillMenu(session, { tabUrl: `${pages.url}/signup*`, pageUrl: `${pages.url}/signup` });
    const mb = await waitFor(async () => (await mailboxes()).find((m) => !before.has(m.id)));
    expect(mb.address).toMatch(/@lol\.test$/);
    expect(mb.site).toBe('127.0.0.1');
    await waitFor(async () => (await page.inputValue('#email')) === mb.address);
    const state = (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[mb.id];
    expect(state?.hotUntil).toBeGreaterThan(Date.now());
  });

  it('raises a notification with the code and counts the mail on the badge', async () => {
    const mb = await mailboxWithMail('Confirm your email', '739204');
    await notificationWith('739204');
    const stored = await messagesOf(mb.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ subject: 'Confirm your email', code: '739204', seen: false });
    // The badge shows every unread mail Mayfly keeps (other tests' mailboxes included).
    const counts = (await readStorage<Record<string, { unread: number }>>(session, 'mailCounts')) ?? {};
    const unread = Object.values(counts).reduce((n, c) => n + c.unread, 0);
    expect(counts[mb.id]?.unread).toBe(1);
    const w = await session.worker();
    await waitFor(async () => (await w.evaluate(() => chrome.action.getBadgeText({}))) === String(unread));
  });

  it('copies the code from the notification button (offscreen document on Chrome)', async () => {
    await mailboxWithMail('Your sign-in code', '604317');
    const id = await notificationWith('604317');
    const w = await session.worker();
    await w.evaluate((nid) => {
      (
        chrome.notifications.onButtonClicked as unknown as { dispatch: (i: string, b: number) => void }
      ).dispatch(nid, 0);
    }, id);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pages.url });
    await page.goto(`${pages.url}/signup`);
    await page.bringToFront();
    const copied = await waitFor(async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text === '604317' ? text : undefined;
    });
    expect(copied).toBe('604317');
  });

  it('loses nothing and notifies nothing twice when the service worker is stopped', async () => {
    const mb = await mailboxWithMail('First mail', '739911');
    await notificationWith('739911');
    const before = await session.worker();
    await before.evaluate(async () => {
      (globalThis as unknown as { mayflyMarker: number }).mayflyMarker = 1;
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    await stopServiceWorker(session);
    // Mail arrives while the worker is down; TempMail.lol will hand it out exactly once.
    await sendMail({
      smtpPort: server.smtpPort,
      to: mb.address,
      subject: 'Second mail',
      text: 'Another message, code 551234.',
    });
    // An extension event starts a fresh worker, which plans from stored state.
    const popup = await session.openPage('popup.html');
    await waitFor(async () => (await messagesOf(mb.id)).length === 2, { timeoutMs: 30_000 });
    await popup.close();
    // It really is a new worker: the old one's memory is gone.
    const after = await session.worker();
    expect(
      await after.evaluate(() => (globalThis as unknown as { mayflyMarker?: number }).mayflyMarker),
    ).toBeUndefined();
    // Count what the browser actually shows: one notification for the new mail, none again for the first.
    await notificationWith('551234');
    // Let two more polls of the restarted worker finish before counting, so a repeat would have shown.
    const pollsDone = async () =>
      (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[mb.id]?.lastSuccessAt ?? 0;
    const seenAt = await pollsDone();
    const nextAt = await waitFor(async () => ((await pollsDone()) > seenAt ? pollsDone() : undefined));
    await waitFor(async () => (await pollsDone()) > nextAt);
    const shown = Object.keys(await notifications(session));
    expect(shown.filter((id) => id.includes('551234'))).toHaveLength(1);
    expect(shown.filter((id) => id.includes('739911'))).toHaveLength(0);
  });
});
