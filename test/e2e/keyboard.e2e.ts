import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../lib/core/types';
import type { Settings } from '../../lib/storage/items';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  launchExtension,
  readStorage,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';

/**
 * Mayfly by keyboard alone, in real headless Chromium against the local Temp Mail server: every step below
 * uses page.keyboard only (Tab, Shift+Tab, Enter, Space, Escape, arrows, typing), never a click. After each
 * key the focused element must show a focus ring (:focus-visible with a real outline or box-shadow), and
 * after each action focus must still be on something, never dropped to <body>.
 */

interface Focused {
  /** Accessible name as a person would hear it: aria-label, a label's text, or the element's own text. */
  name: string;
  tag: string;
  isBody: boolean;
  /** The element (or, for a visually hidden input, its visible label) draws a focus indicator. */
  ringVisible: boolean;
  inDialog: boolean;
}

/** What has focus now, and whether a sighted keyboard user can see where it is. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { name: '', tag: 'body', isBody: true, ringVisible: false, inDialog: false };
    }
    const labelText = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (labelText || el.textContent) ?? '').trim();
    const draws = (target: Element) => {
      const style = getComputedStyle(target);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none';
    };
    const rect = el.getBoundingClientRect();
    // A visually hidden control (the file input) shows its ring on the label that stands for it.
    const hidden = rect.width < 4 || rect.height < 4;
    const ringVisible = hidden
      ? !!el.closest('label') && draws(el.closest('label')!)
      : el.matches(':focus-visible') && draws(el);
    return {
      name,
      tag: el.tagName.toLowerCase(),
      isBody: false,
      ringVisible,
      inDialog: !!el.closest('dialog'),
    };
  });
}

/** Where focus is once the page has had a moment (two frames) to move it after a key. */
async function settledFocus(page: Page): Promise<Focused> {
  for (let i = 0; i < 10; i++) {
    const now = await focused(page);
    if (!now.isBody) return now;
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
  return focused(page);
}

/** Presses a key, then checks that focus is on an element with a visible ring. */
async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  const now = await settledFocus(page);
  expect(now.isBody, `focus lost to <body> after ${key}`).toBe(false);
  expect(now.ringVisible, `no visible focus ring on <${now.tag}> "${now.name}" after ${key}`).toBe(true);
  return now;
}

/**
 * Tabs (forward or back) until the focused element's name matches; fails after `limit` presses. Tab past the
 * last control leaves the page once (focus goes to the browser) and the next Tab comes back to the first.
 */
async function tabTo(
  page: Page,
  name: RegExp,
  opts: { back?: boolean; limit?: number } = {},
): Promise<Focused> {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  const current = await focused(page);
  if (!current.isBody && name.test(current.name)) return current;
  let leftThePage = false;
  for (let i = 0; i < (opts.limit ?? 40); i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now.isBody && !leftThePage) {
      leftThePage = true;
      continue;
    }
    expect(now.isBody, `focus lost to <body> after ${key}`).toBe(false);
    expect(now.ringVisible, `no visible focus ring on <${now.tag}> "${now.name}" after ${key}`).toBe(true);
    if (name.test(now.name)) return now;
  }
  throw new Error(`${key} never reached ${name}`);
}

/** Waits for focus to settle after an action, then checks it was not dropped and is visible. */
async function expectFocusKept(page: Page, name?: RegExp): Promise<Focused> {
  const now = await waitFor(
    async () => {
      const f = await focused(page);
      return !f.isBody && (!name || name.test(f.name)) ? f : undefined;
    },
    { timeoutMs: 5_000 },
  ).catch(async () => focused(page));
  expect(now.isBody, 'focus lost to <body>').toBe(false);
  if (name) expect(now.name).toMatch(name);
  expect(now.ringVisible, `no visible focus ring on <${now.tag}> "${now.name}"`).toBe(true);
  return now;
}

/** Replaces a text field's value by keyboard: select all, then type. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe('Mayfly by keyboard only (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  /** An extension page that sets up state the way the popup would, for tests that start mid-journey. */
  let ext: Page;
  const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];
  const settings = async () => (await readStorage<Settings>(session, 'settings'))!;
  const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    server = await startLocalServer({ lolPollThrottle: false });
    session = await launchExtension({ lang: 'en', extensionDir: process.env.MAYFLY_E2E_CHROME_DIR });
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    ext = await session.openPage('popup.html');
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function openOptions(): Promise<Page> {
    const options = await session.openPage('options.html');
    await options.setViewportSize({ width: 820, height: 900 });
    await options.locator('.options').waitFor();
    return options;
  }

  async function openPopup(): Promise<Page> {
    const popup = await session.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('.popup').waitFor();
    return popup;
  }

  const API_URLS = () =>
    ({ 'tempmail-lol': server.apiUrls.tempmailLol, selfhosted: server.apiUrls.selfhosted }) as const;

  /** Points the extension at the local server's `provider`, as Options would have saved it. */
  async function useProvider(provider: 'tempmail-lol' | 'selfhosted'): Promise<void> {
    await configure(session, { provider, baseUrl: API_URLS()[provider] });
  }

  /** A new mailbox of `provider`, made as the popup makes one; it becomes the shown mailbox. */
  async function newMailbox(provider: 'tempmail-lol' | 'selfhosted'): Promise<Mailbox> {
    await useProvider(provider);
    const { res, err } = await callBackground<Mailbox>(ext, 'createMailbox', {});
    expect(err).toBeUndefined();
    return res!;
  }

  /** `mailbox` with one mail delivered over SMTP and stored. */
  async function deliver(mailbox: Mailbox, from: string, subject: string, text: string): Promise<void> {
    await sendMail({ smtpPort: server.smtpPort, to: mailbox.address, from, subject, text });
    await waitFor(async () => (await storedMail(session, mailbox.id)).length > 0, { timeoutMs: 30_000 });
  }

  it('Options: Tab reaches every control, each with a visible focus ring', async () => {
    const options = await openOptions();
    const expected = await options.evaluate(() => {
      const controls = [
        ...document.querySelectorAll<HTMLElement>('input, select, button, a[href], textarea, [tabindex="0"]'),
      ].filter((el) => !(el as HTMLButtonElement).disabled);
      // A radio group is one Tab stop (its checked radio); the arrows move inside it.
      const radioGroups = new Set<string>();
      const stops = controls.filter((el) => {
        if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
        if (radioGroups.has(el.name)) return false;
        radioGroups.add(el.name);
        return true;
      });
      stops.forEach((el, index) => (el.dataset.kbStop = String(index)));
      return stops.map((el) =>
        el instanceof HTMLInputElement && el.type === 'radio'
          ? `radio:${el.name}`
          : String(el.dataset.kbStop),
      );
    });
    const reached = new Set<string>();
    while (reached.size < expected.length) {
      await press(options, 'Tab');
      const stop = await options.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el instanceof HTMLInputElement && el.type === 'radio' ? `radio:${el.name}` : el.dataset.kbStop;
      });
      // Tab from the last control leaves the page: every stop must have come before that.
      if (stop === undefined || reached.has(stop)) break;
      reached.add(stop);
    }
    expect(expected.filter((stop) => !reached.has(stop))).toEqual([]);
    await options.close();
  });

  it('Options: chooses the provider with the arrow keys, enters the base URL, tests and saves', async () => {
    await useProvider('tempmail-lol');
    const options = await openOptions();
    const provider = await press(options, 'Tab');
    expect(provider.name).toMatch(/^TempMail\.lol/);
    await press(options, 'ArrowDown');
    expect((await focused(options)).name).toMatch(/^Mail\.tm/);
    await press(options, 'ArrowDown');
    expect((await focused(options)).name).toMatch(/^Mail\.gw/);
    await press(options, 'ArrowDown');
    expect((await focused(options)).name).toMatch(/^tempmailg/);
    await press(options, 'ArrowDown');
    expect((await focused(options)).name).toMatch(/^Self-hosted server/);
    await press(options, 'ArrowDown');
    expect((await focused(options)).name).toMatch(/^TempMail\.lol/);
    expect(await options.getByLabel('TempMail.lol').isChecked()).toBe(true);

    await tabTo(options, /^API base URL$/);
    await typeOver(options, server.apiUrls.tempmailLol);
    await tabTo(options, /^Test connection$/);
    await press(options, 'Enter');
    await options.getByText('The connection works.').waitFor();
    await expectFocusKept(options, /^Test connection$/);

    await tabTo(options, /^Save$/);
    await press(options, 'Enter');
    await options.getByText('Saved.', { exact: true }).waitFor();
    await expectFocusKept(options, /^Save$/);
    const saved = await settings();
    expect(saved.provider).toBe('tempmail-lol');
    expect(saved.baseUrls['tempmail-lol']).toBe(server.apiUrls.tempmailLol);
    await options.close();
  });

  it('Popup: creates a new address and copies it', async () => {
    await useProvider('tempmail-lol');
    const before = new Set((await mailboxes()).map((m) => m.id));
    const popup = await openPopup();
    await tabTo(popup, /^New address$/);
    await press(popup, 'Enter');
    const mailbox = await waitFor(async () => (await mailboxes()).find((m) => !before.has(m.id)));
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(mailbox!.address);
    await expectFocusKept(popup);

    await tabTo(popup, /^Copy address /, { back: true });
    await press(popup, 'Enter');
    await expect.poll(() => readClipboard(popup)).toBe(mailbox!.address);
    await expectFocusKept(popup, /^Copied$/);
    await popup.close();
  });

  it('Popup: opens the newest message, copies its code and goes back to the inbox', async () => {
    const mailbox = await newMailbox('tempmail-lol');
    await deliver(
      mailbox,
      'Example Shop <noreply@shop.example>',
      'Your code',
      'Your verification code is 480613.',
    );
    const popup = await openPopup();
    await popup.locator('.messages li').first().waitFor({ timeout: 30_000 });
    await tabTo(popup, /Your code/);
    await press(popup, 'Enter');
    await popup.locator('#reader-subject').waitFor();
    await expectFocusKept(popup, /^Your code$/);

    await tabTo(popup, /^Copy code 480613$/);
    await press(popup, 'Enter');
    await expect.poll(() => readClipboard(popup)).toBe('480613');

    await tabTo(popup, /Back to inbox/, { back: true });
    await press(popup, 'Enter');
    await popup.locator('.messages').waitFor();
    // Focus lands back on the message that was open, so the person continues where they were.
    await expectFocusKept(popup, /Your code/);
    await popup.close();
  });

  it('Options, then popup: a second mailbox on the self-hosted server', async () => {
    const lol = await newMailbox('tempmail-lol');
    const popup = await openPopup();
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(lol.address);
    const options = await openOptions();
    await tabTo(options, /^(TempMail\.lol|tempmailg|Self-hosted server)/, { back: true });
    await press(options, 'ArrowUp');
    expect((await focused(options)).name).toMatch(/^Self-hosted server/);
    await tabTo(options, /^API base URL$/);
    await typeOver(options, server.apiUrls.selfhosted);
    await tabTo(options, /^Test connection$/);
    await press(options, 'Enter');
    await options.getByText('The connection works.').waitFor();
    await tabTo(options, /^Save$/);
    await press(options, 'Enter');
    await options.getByText('Saved.', { exact: true }).waitFor();
    expect((await settings()).provider).toBe('selfhosted');
    await options.close();

    const before = new Set((await mailboxes()).map((m) => m.id));
    await popup.bringToFront();
    await tabTo(popup, /^New address$/);
    await press(popup, 'Enter');
    const selfhosted = await waitFor(async () => (await mailboxes()).find((m) => !before.has(m.id)));
    expect(selfhosted.provider).toBe('selfhosted');
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(selfhosted.address);
    await expectFocusKept(popup);
    await popup.close();
  });

  it('Popup: deletes a message through the confirmation dialog (Escape cancels, focus returns)', async () => {
    const selfhosted = await newMailbox('selfhosted');
    await deliver(selfhosted, 'Newsletter <news@shop.example>', 'Weekly offers', 'Nothing to see here.');
    const popup = await openPopup();
    await popup.locator('.messages li').first().waitFor({ timeout: 30_000 });
    await tabTo(popup, /Weekly offers/);
    await press(popup, 'Enter');
    await popup.locator('#reader-subject').waitFor();

    await tabTo(popup, /^Delete message$/);
    await press(popup, 'Enter');
    await popup.getByRole('dialog', { name: 'Delete this message?' }).waitFor();
    const inDialog = await expectFocusKept(popup);
    expect(inDialog.inDialog).toBe(true);
    // Tab stays inside the modal dialog.
    for (let i = 0; i < 3; i++) expect((await press(popup, 'Tab')).inDialog).toBe(true);

    await press(popup, 'Escape');
    await expect.poll(() => popup.getByRole('dialog').count()).toBe(0);
    await expectFocusKept(popup, /^Delete message$/);

    await press(popup, 'Enter');
    await popup.getByRole('dialog', { name: 'Delete this message?' }).waitFor();
    await tabTo(popup, /^Delete$/);
    await press(popup, 'Enter');
    await expect.poll(() => popup.getByRole('dialog').count()).toBe(0);
    await expect.poll(async () => (await storedMail(session, selfhosted.id)).length).toBe(0);
    await expect.poll(() => popup.locator('#reader-subject').count()).toBe(0);
    await expectFocusKept(popup);
    await popup.close();
  });

  it('Popup: switches between the two mailboxes', async () => {
    const lol = await newMailbox('tempmail-lol');
    const selfhosted = await newMailbox('selfhosted');
    const popup = await openPopup();
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(selfhosted.address);
    await tabTo(popup, new RegExp(`^${lol.address.replace(/[.]/g, '\\.')}`));
    await press(popup, 'Enter');
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(lol.address);
    await expectFocusKept(popup, new RegExp(lol.address.replace(/[.]/g, '\\.')));

    await tabTo(popup, new RegExp(`^${selfhosted.address.replace(/[.]/g, '\\.')}`));
    await press(popup, 'Space');
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(selfhosted.address);
    await expectFocusKept(popup);
    await popup.close();
  });

  it('Popup: sets a label', async () => {
    const selfhosted = await newMailbox('selfhosted');
    const popup = await openPopup();
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(selfhosted.address);
    await tabTo(popup, /^Label$/, { back: true });
    await press(popup, 'Enter');
    // The field opens with focus in it.
    await expectFocusKept(popup, /^Label \(only you see it\)$/);
    await popup.keyboard.type('Newsletters');
    await press(popup, 'Enter');
    await expect
      .poll(async () => (await mailboxes()).find((m) => m.id === selfhosted.id)?.label)
      .toBe('Newsletters');
    await popup.locator('.card .chip').filter({ hasText: 'Newsletters' }).waitFor();
    await expectFocusKept(popup, /^Label$/);

    // Escape closes the label field without saving and gives focus back.
    await press(popup, 'Enter');
    await expectFocusKept(popup, /^Label \(only you see it\)$/);
    await popup.keyboard.type(' draft');
    await press(popup, 'Escape');
    await expectFocusKept(popup, /^Label$/);
    expect((await mailboxes()).find((m) => m.id === selfhosted.id)?.label).toBe('Newsletters');
    await popup.close();
  });
});
