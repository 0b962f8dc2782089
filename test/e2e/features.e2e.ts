import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PauseState } from '../../lib/core/pause';
import type { Mailbox, StoredMessage } from '../../lib/core/types';
import { loadTextTable } from '../../lib/i18n/load-node';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import { installNotificationProbe, readNotificationProbe } from '../../bench/lib/notification-probe';
import { SIGNUP_PAGE, servePages } from './pages';
import {
  callBackground,
  clickFillMenu,
  configure,
  launchExtension,
  readStorage,
  seedMail,
  storedMail,
  waitFor,
  type ExtensionSession,
  seriousAxeViolations,
} from './harness';

/**
 * Issue 15 in real headless Chromium against the local Temp Mail server (real SMTP): pause from the popup and
 * from the toolbar icon's menu (nothing read while paused, the mail fetched and announced after), pin and
 * search over every mailbox's mail, and the popup's single keys. Then the same controls in Norwegian, Arabic
 * (right to left) and Bengali, by their names in that language.
 */

const CATALOG = loadTextTable();
type Lang = 'en' | 'nb' | 'ar' | 'bn';
const say = (key: string, lang: Lang = 'en') => {
  const entry = CATALOG[key];
  if (!entry) throw new Error(`no string ${key}`);
  return entry[lang];
};

const summary = (id: string, subject: string, code?: string): StoredMessage => ({
  id,
  mailboxId: '',
  from: { name: 'Acme Store', address: 'noreply@acme.example' },
  subject,
  receivedAt: Date.now() - 60_000,
  fetchedAt: Date.now() - 60_000,
  seen: true,
  hasBody: true,
  text: `${subject}. ${code ?? ''}`,
  attachments: [],
  ...(code ? { code } : {}),
});

describe('issue 15 in the popup (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  /** An extension page that sets up state through the background, as the popup would. */
  let ext: Page;
  let pages: Awaited<ReturnType<typeof servePages>>;

  beforeAll(async () => {
    server = await startLocalServer({ lolPollThrottle: false });
    pages = await servePages({ '/signup': SIGNUP_PAGE });
    session = await launchExtension({ lang: 'en' });
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await configure(session, { provider: 'tempmail-lol', baseUrl: server.apiUrls.tempmailLol });
    ext = await session.openPage('popup.html');
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await pages?.close();
  });

  const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];

  async function freshStart(): Promise<void> {
    await callBackground(ext, 'resume');
    for (const mb of await mailboxes()) await callBackground(ext, 'deleteMailbox', { mailboxId: mb.id });
  }

  async function newMailbox(): Promise<Mailbox> {
    const { res, err } = await callBackground<Mailbox>(ext, 'createMailbox', {});
    expect(err).toBeUndefined();
    return res!;
  }

  async function openPopup(): Promise<Page> {
    const popup = await session.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('.popup').waitFor();
    return popup;
  }

  const badge = async () =>
    (await session.worker()).evaluate(async () => ({
      text: await chrome.action.getBadgeText({}),
      title: await chrome.action.getTitle({}),
    }));

  /** Clicks an entry of the toolbar icon's menu, as the browser would (Chromium runs the real listeners). */
  const clickIconMenu = async (menuItemId: string) =>
    (await session.worker()).evaluate((id) => {
      const onClicked = chrome.contextMenus.onClicked as unknown as {
        dispatch(info: unknown, tab?: unknown): void;
      };
      onClicked.dispatch({ menuItemId: id, editable: false, pageUrl: 'https://example.org/' });
    }, menuItemId);

  const inboxReadsSince = (t: number) =>
    server.log().filter((e) => e.path.startsWith('/v2/inbox') && e.t >= t).length;

  it('pause from the popup: nothing is read, not even "check now"; resumed from the icon menu, the mail comes', async () => {
    await freshStart();
    const mailbox = await newMailbox();
    const popup = await openPopup();
    const pause = popup.getByRole('button', { name: say('popupPause'), exact: true });
    await pause.click();
    await popup.getByRole('group', { name: say('popupPauseFor') }).waitFor();
    await popup.getByRole('button', { name: say('popupPauseIndefinite') }).click();
    await popup.getByText(say('pausedUntilResumed')).waitFor();
    expect(await pause.getAttribute('aria-pressed')).toBe('true');
    expect((await readStorage<PauseState>(session, 'pause'))?.until).toBeNull();
    await waitFor(async () => (await badge()).text === '||');
    expect((await badge()).title).toContain(say('pausedUntilResumed'));

    const pausedAt = Date.now();
    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox.address,
      from: 'Acme Store <noreply@acme.example>',
      subject: 'Confirm your email',
      text: 'Your verification code is 604218.',
    });
    // The person presses "Check now": the background answers without reading the inbox.
    const { err } = await callBackground(ext, 'refresh', { mailboxId: mailbox.id });
    expect(err).toBeUndefined();
    // And no poll is planned at all while the pause lasts.
    await waitFor(async () =>
      (await session.worker()).evaluate(async () => !(await chrome.alarms.get('mayfly-poll'))),
    );
    expect(inboxReadsSince(pausedAt)).toBe(0);
    expect(await storedMail(session, mailbox.id)).toEqual([]);

    await clickIconMenu('mayfly-resume');
    await waitFor(async () => (await readStorage(session, 'pause')) == null);
    await popup.getByText('Confirm your email').waitFor({ timeout: 20_000 });
    expect((await storedMail(session, mailbox.id))[0]?.code).toBe('604218');
    await popup.locator('[data-paused]').waitFor({ state: 'detached' });
    expect(await pause.getAttribute('aria-pressed')).toBe('false');
    // Mail fetched after the pause is news: it is announced, and the badge counts it again.
    await waitFor(async () =>
      Object.keys(await (await session.worker()).evaluate(() => chrome.notifications.getAll())).some((id) =>
        id.includes(mailbox.id),
      ),
    );
    await waitFor(async () => (await badge()).text === '1');
    await popup.close();
  });

  it('pause for an hour from the icon menu shows its end; "Resume now" in the popup ends it', async () => {
    await freshStart();
    await newMailbox();
    const popup = await openPopup();
    const before = Date.now();
    await clickIconMenu('mayfly-pause-hour');
    const pause = await waitFor(() => readStorage<PauseState>(session, 'pause'));
    expect(pause.until! - before).toBeGreaterThanOrEqual(3_600_000 - 1_000);
    expect(pause.until! - before).toBeLessThanOrEqual(3_600_000 + 60_000);
    const notice = popup.locator('[data-paused]');
    await notice.waitFor();
    // An end past midnight names its day ("Paused until Friday 12:31 AM"): the run may start at 23:31.
    const tomorrow = new Date(pause.until!).toDateString() !== new Date().toDateString();
    const time = new Intl.DateTimeFormat('en', {
      ...(tomorrow ? { weekday: 'long' as const } : {}),
      hour: 'numeric',
      minute: '2-digit',
    }).format(pause.until!);
    expect(await notice.textContent()).toContain(`Paused until ${time}`);
    // The scheduler plans the next poll for the pause's end, not before.
    const alarm = await (await session.worker()).evaluate(() => chrome.alarms.get('mayfly-poll'));
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(pause.until!);
    // An address filled while paused gets no mail until the person resumes: the fill says so.
    const worker = await session.worker();
    await installNotificationProbe(worker);
    const signup = await session.context.newPage();
    await signup.goto(`${pages.url}/signup?paused`);
    await clickFillMenu(session, { tabUrl: signup.url(), pageUrl: signup.url() });
    const filled = await waitFor(async () =>
      (await readNotificationProbe(worker)).find((n) => n.title === say('bgPausedTitle')),
    );
    const address = await signup.locator('input[type="email"]').inputValue();
    expect(filled.message).toBe(say('bgPausedFill').replace('$1', address));
    await signup.close();
    await popup.getByRole('button', { name: say('popupResume') }).click();
    await waitFor(async () => (await readStorage(session, 'pause')) == null);
    await notice.waitFor({ state: 'detached' });
    await waitFor(async () => (await badge()).text !== '||');
    await popup.close();
  });

  it('search finds a code in a mailbox that is not shown, by keyboard; Enter opens it; pins go first', async () => {
    await freshStart();
    const older = await newMailbox();
    await callBackground(ext, 'updateMailbox', { mailboxId: older.id, label: 'Forum' });
    await seedMail(await session.worker(), older.id, [
      summary('s1', 'Your Acme sign-in code', '918273'),
      summary('s2', 'Weekly digest'),
    ]);
    const shown = await newMailbox();
    const popup = await openPopup();
    await popup.locator('.card .address', { hasText: shown.address }).waitFor();
    expect(await popup.locator('.mailboxes .address').allTextContents()).toEqual([
      shown.address,
      older.address,
    ]);

    await popup.keyboard.press('/');
    const search = popup.getByRole('searchbox', { name: say('popupSearch') });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.type('9182');
    const results = popup.locator('.search-results');
    await results.locator('[data-message-id="s1"]').waitFor();
    expect(await results.getByRole('status').textContent()).toBe('Addresses: 0 · Mail: 1');
    expect(await results.locator('[data-message-id="s1"]').textContent()).toContain(older.address);
    // Labels and addresses are searched too, as the query changes.
    await search.fill('forum');
    await results.locator('.address', { hasText: older.address }).waitFor();
    await search.fill('918273');
    await results.locator('[data-message-id="s1"]').waitFor();
    await popup.keyboard.press('ArrowDown');
    expect(
      await popup.evaluate(() =>
        document.activeElement?.closest('[data-message-id]')?.getAttribute('data-message-id'),
      ),
    ).toBe('s1');
    await popup.keyboard.press('Enter');
    await popup.getByRole('heading', { name: 'Your Acme sign-in code' }).waitFor();
    expect(await readStorage<string>(session, 'activeMailbox')).toBe(older.id);
    await popup.getByRole('button', { name: say('popupBack') }).click();

    await popup.getByRole('button', { name: say('popupPinAddress').replace('$1', older.address) }).click();
    await waitFor(async () => (await mailboxes()).find((m) => m.id === older.id)?.pinned === true);
    await waitFor(
      async () => (await popup.locator('.mailboxes .address').allTextContents())[0] === older.address,
    );
    expect(
      await popup
        .getByRole('button', { name: say('popupPinAddress').replace('$1', older.address) })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('this site first: the popup opened over a signup page lists its address first, under its name', async () => {
    await freshStart();
    const signup = await session.context.newPage();
    await signup.goto(`${pages.url}/signup`);
    await clickFillMenu(session, { tabUrl: signup.url(), pageUrl: signup.url() });
    const forSite = await waitFor(async () => (await mailboxes()).find((m) => m.site === '127.0.0.1'));
    await waitFor(async () => (await signup.locator('input[type="email"]').inputValue()) === forSite.address);
    const other = await newMailbox();
    await signup.bringToFront();
    // The toolbar popup itself, opened over the signup page (Chrome's action.openPopup). Playwright does not
    // list an action popup among its pages; another extension page reads it through extension.getViews.
    await (await session.worker()).evaluate(() => chrome.action.openPopup());
    const view = () =>
      ext.evaluate(() => {
        const doc = chrome.extension.getViews({ type: 'popup' })[0]?.document;
        const group = doc?.querySelector('[data-group="this-site"]');
        if (!doc || !group) return null;
        return {
          heading: group.textContent,
          lists: [...doc.querySelectorAll('.mailboxes ul')].map((ul) =>
            [...ul.querySelectorAll('.address')].map((e) => e.textContent),
          ),
          rows: [...doc.querySelectorAll('.mailboxes [data-mailbox-id]')].map((row) => [
            row.getAttribute('data-mailbox-id'),
            row.textContent,
          ]),
        };
      });
    const seen = await waitFor(view);
    expect(seen.heading).toBe(say('popupOnThisSite').replace('$1', '127.0.0.1'));
    expect(seen.lists).toEqual([[forSite.address], [other.address]]);
    expect(seen.rows.find(([id]) => id === forSite.id)?.[1]).toContain('127.0.0.1');

    // "Choose name" over the page suggests a name (an IP has no name to take: "mail-" and four characters),
    // in a field the person may edit; the address is made with what they leave there.
    const suggested = await ext.evaluate(() => {
      const doc = chrome.extension.getViews({ type: 'popup' })[0]!.document;
      const choose = [...doc.querySelectorAll('button')].find((b) => b.textContent === 'Choose name')!;
      choose.click();
      return new Promise<string>((done) =>
        requestAnimationFrame(() =>
          done(doc.querySelector<HTMLInputElement>('#create-username')?.value ?? ''),
        ),
      );
    });
    expect(suggested).toMatch(/^mail-[a-z2-9]{4}$/);
    const edited = `${suggested.replace('-', '')}own`;
    await ext.evaluate((name) => {
      const doc = chrome.extension.getViews({ type: 'popup' })[0]!.document;
      const input = doc.querySelector<HTMLInputElement>('#create-username')!;
      input.value = name;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      doc.querySelector<HTMLFormElement>('#custom-address-form')!.requestSubmit();
    }, edited);
    // The local server keeps the older TempMail.lol rule (letters and digits), so the edit drops the dash.
    const made = await waitFor(async () => (await mailboxes()).find((m) => m.address.startsWith(edited)));
    expect(made.ignoredName).toBeUndefined();
    await signup.close();
  });

  it('keys: n makes an address, c copies it, none while typing in the search field', async () => {
    await freshStart();
    const popup = await openPopup();
    expect(await popup.locator('#keys-help').textContent()).toBe(say('popupKeysHelp'));
    await popup.keyboard.press('n');
    const made = await waitFor(async () => (await mailboxes())[0]);
    await popup.locator('.card .address', { hasText: made.address }).waitFor();
    await popup.keyboard.press('c');
    await waitFor(async () => (await popup.evaluate(() => navigator.clipboard.readText())) === made.address);
    await popup.keyboard.press('/');
    await popup.keyboard.type('nc');
    expect(await popup.getByRole('searchbox').inputValue()).toBe('nc');
    expect(await mailboxes()).toHaveLength(1);
    await popup.keyboard.press('Escape');
    expect(await popup.getByRole('searchbox').inputValue()).toBe('');
    await popup.close();
  });
});

describe.each(['nb', 'ar', 'bn'] as const)('issue 15 controls in %s (Chromium)', (lang) => {
  let server: LocalServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startLocalServer({ lolPollThrottle: false });
    session = await launchExtension({ lang });
    await configure(session, { provider: 'tempmail-lol', baseUrl: server.apiUrls.tempmailLol });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('pause, search, pin and the keys line speak the language; Arabic runs right to left', async () => {
    const ext = await session.openPage('popup.html');
    const first = (await callBackground<Mailbox>(ext, 'createMailbox', {})).res!;
    const second = (await callBackground<Mailbox>(ext, 'createMailbox', {})).res!;
    await ext.close();
    const popup = await session.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('.popup').waitFor();
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');

    await popup.getByRole('button', { name: say('popupPause', lang), exact: true }).click();
    const group = popup.getByRole('group', { name: say('popupPauseFor', lang) });
    await group.waitFor();
    // The choices open inside the popup, on the reading side's end (left in Arabic).
    const box = (await group.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(380);
    await group.getByRole('button', { name: say('popupPauseTomorrow', lang) }).click();
    const notice = popup.locator('[data-paused]');
    await notice.waitFor();
    const pause = (await readStorage<PauseState>(session, 'pause'))!;
    const untilDay = new Date(pause.until!);
    expect(untilDay.getHours()).toBe(8);
    expect(untilDay.getDate()).toBe(new Date(Date.now() + 86_400_000).getDate());
    expect(await notice.textContent()).toContain(say('popupPausedHelp', lang));
    await notice.getByRole('button', { name: say('popupResume', lang) }).click();
    await notice.waitFor({ state: 'detached' });

    await popup.getByRole('searchbox', { name: say('popupSearch', lang) }).fill(first.address.slice(0, 6));
    await popup.locator('.search-results .address', { hasText: first.address }).waitFor();
    await popup.getByRole('searchbox').fill('');
    for (const mb of [first, second]) {
      await popup
        .getByRole('button', { name: say('popupPinAddress', lang).replace('$1', mb.address) })
        .waitFor();
    }
    expect(await popup.locator('#keys-help').textContent()).toBe(say('popupKeysHelp', lang));
    if (lang === 'ar') expect(await seriousAxeViolations(popup)).toEqual([]);
    await popup.close();
  });
});
