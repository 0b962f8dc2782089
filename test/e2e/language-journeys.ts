import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../lib/core/types';
import { intlTag, LOCALES } from '../../lib/i18n/catalog';
import { loadTextTable } from '../../lib/i18n/load-node';
import { policyBlocks } from '../../lib/ui/policy-text';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  seriousAxeViolations,
  launchExtension,
  readStorage,
  storedMail,
  waitFor,
  type ExtensionSession,
} from './harness';

/**
 * Mayfly in every language it ships, in real headless Chromium started with --lang: the popup (empty, with an
 * inbox, reading a message), the stand-alone reader and Options. Every visible string must come from the
 * catalog of that language (no raw keys, no English left behind, no Latin words in a language with its own
 * script), nothing may stick out of the popup's width or be clipped, numbers and dates must come from Intl in
 * that language, axe-core finds nothing serious, and dark mode keeps enough contrast. Screenshots of every
 * view, light and dark, go to test-output/screenshots/ to be looked at.
 */

const SCREENSHOTS = 'test-output/screenshots';
const POPUP_WIDTH = 380;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CATALOG = loadTextTable();

/** A shipped locale id (`pt_BR`), as the catalog and _locales name it. */
type Lang = (typeof LOCALES)[number];

/** Every digit system a shipped language may show: Western, Arabic-Indic, Persian, Bengali, Devanagari. */
const DIGIT_SYSTEMS = [/[0-9]/, /[٠-٩]/, /[۰-۹]/, /[০-৯]/, /[०-९]/];

/**
 * The digits a language shows are the ones Chromium's Intl gives it (CLDR): plain "ar" gets Western digits,
 * as most Arabic interfaces on the web do, Persian and Bengali their own. The strings use the same kind: one
 * kind of digit on screen, never a mix.
 */
function digitsOf(formatted: string): { expected: RegExp; foreign: RegExp } {
  const expected = DIGIT_SYSTEMS.find((d) => d.test(formatted));
  if (!expected) throw new Error(`no digits in "${formatted}"`);
  const foreign = new RegExp(
    DIGIT_SYSTEMS.filter((d) => d !== expected)
      .map((d) => d.source)
      .join('|'),
  );
  return { expected, foreign };
}

/** Languages written in their own script, where a Latin word on screen is English left behind. */
const OWN_SCRIPT = new Set<Lang>(['ar', 'bn', 'fa', 'hi', 'ja', 'ru', 'zh_CN'].filter(isShipped));
function isShipped(l: string): l is Lang {
  return (LOCALES as readonly string[]).includes(l);
}

/** Words that stay as they are in every language: product names, technical terms and examples. */
const UNTRANSLATED_TERMS = [
  'Mayfly',
  'TempMail.lol',
  'Mail.tm',
  'Mail.gw',
  // "QR code" keeps its Latin letters in Arabic and Bengali (a trademark, as people write it).
  'QR',
  // TempMail.lol's plans by their names.
  'TempMail Plus',
  'Plus',
  'Ultra',
  'tempmailg',
  'Temp Mail',
  'https://mail.example.org/api.php',
  'https://example.org/api.php',
  'https://',
  'api.php',
  'PATH_INFO',
  'API',
  'URL',
  'v1',
  'v2',
  'a–z',
  // The key cap as printed on keyboards everywhere, in the keyboard help.
  'Enter',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An English catalog string as a whole-text pattern ($1, $COUNT$ match anything). */
function englishPattern(text: string): RegExp {
  const parts = text.split(/\$(?:\d|[A-Z_]+\$)/).map(escapeRegExp);
  return new RegExp(`^${parts.join('.+')}$`);
}

/** English strings that differ in the other language: seeing one of them there means it was not translated. */
function englishOnlyPatterns(lang: Lang): { key: string; pattern: RegExp }[] {
  return Object.entries(CATALOG)
    .filter(([, entry]) => entry.en !== entry[lang])
    .map(([key, entry]) => ({ key, pattern: englishPattern(entry.en) }));
}

interface SeenText {
  text: string;
  /** Where it was: a text node, or the attribute name. */
  source: string;
}

/** Every text a person sees or hears: visible text nodes, aria-label, placeholder and title (not the mail frame). */
function collectTexts(page: Page): Promise<SeenText[]> {
  return page.evaluate(() => {
    const out: { text: string; source: string }[] = [];
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      return style.display !== 'none' && style.visibility !== 'hidden';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style') || !shown(parent)) continue;
      out.push({ text, source: `<${parent.tagName.toLowerCase()}>` });
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push({ text: value, source: `${el.tagName.toLowerCase()}[${name}]` });
      }
    }
    return out;
  });
}

/**
 * What is wrong with the texts of a view in `lang`: raw catalog keys, English strings the language
 * translates differently, Latin words in Arabic or Bengali, and Western digits where Intl gives others.
 * `data` lists what the person's own data put on screen (addresses, codes, the mail's sender and subject).
 */
function languageProblems(texts: SeenText[], lang: Lang, data: string[], foreignDigits: RegExp): string[] {
  const problems: string[] = [];
  const keys = Object.keys(CATALOG);
  const english = lang === 'en' ? [] : englishOnlyPatterns(lang);
  const allowed = [...data, ...UNTRANSLATED_TERMS].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const { text, source } of texts) {
    const rawKey = keys.find((key) => new RegExp(`\\b${key}\\b`).test(text));
    if (rawKey) problems.push(`raw key ${rawKey} in ${source}: "${text}"`);
    const untranslated = english.find(({ pattern }) => pattern.test(text));
    if (untranslated) problems.push(`English (${untranslated.key}) in ${source}: "${text}"`);
    let rest = text;
    for (const term of allowed) rest = rest.split(term).join(' ');
    if (foreignDigits.test(rest)) problems.push(`digits of another language in ${source}: "${text}"`);
    // Dates and times are Intl's own words for the language (Bengali keeps CLDR's "AM"/"PM").
    if (OWN_SCRIPT.has(lang) && source !== '<time>' && /[A-Za-z]{2,}/.test(rest)) {
      problems.push(`Latin text in ${source}: "${text}"`);
    }
  }
  return problems;
}

/** Elements that are wider than their box or stick out of the page at the popup width. */
function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        el.classList.length ? `.${[...el.classList].join('.')}` : ''
      } "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const boxes = document.querySelectorAll(
      'html, body, header, main, section, article, .card, .notice, dialog, form, .row, li, button, .button-link, label',
    );
    for (const el of boxes) {
      const style = getComputedStyle(el);
      // An ellipsis is a deliberate cut (long subjects); sr-only text is clipped on purpose.
      if (style.textOverflow === 'ellipsis' || el.classList.contains('sr-only')) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    // Text cut off at the bottom: a control or line whose content is taller than its box (a fixed height, or
    // a clip), unless the box scrolls on purpose.
    for (const el of document.querySelectorAll(
      'li, button, .button-link, label, .notice, .row, .badge, .tab',
    )) {
      const style = getComputedStyle(el);
      if (el.closest('.sr-only') || /auto|scroll/.test(style.overflowY) || style.display === 'none') continue;
      if (el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0) {
        problems.push(`${describe(el)} is cut off (${el.scrollHeight} > ${el.clientHeight} tall)`);
      }
    }
    const width = document.documentElement.clientWidth;
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.sr-only')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right > width + 1 || rect.left < -1) {
        problems.push(
          `${describe(el)} sticks out (${Math.round(rect.left)}..${Math.round(rect.right)} of ${width})`,
        );
      }
    }
    return problems;
  });
}

/** Color-contrast violations found by axe-core (used in dark mode, where a theme slip shows first). */
async function contrastViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, {
      iframes: false,
      runOnly: { type: 'rule', values: ['color-contrast'] },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** Checks direction, language, layout, accessibility and contrast of the view; saves a light and a dark shot. */
async function checkView(page: Page, lang: Lang, view: string, data: string[]): Promise<void> {
  const tag = intlTag(lang);
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
    tag,
    textDirectionOf(tag),
  ]);
  const { foreign } = digitsOf(await page.evaluate((l) => new Intl.NumberFormat(l).format(1234567890), tag));
  expect(languageProblems(await collectTexts(page), lang, data, foreign), `${view} in ${lang}`).toEqual([]);
  expect(await overflowProblems(page), `${view} in ${lang}`).toEqual([]);
  expect(await seriousAxeViolations(page), `${view} in ${lang}`).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/lang-${view}-${lang}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await contrastViolations(page), `${view} in ${lang}, dark`).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/lang-${view}-${lang}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

function textDirectionOf(tag: string): 'rtl' | 'ltr' {
  return ['ar', 'fa'].includes(tag) ? 'rtl' : 'ltr';
}

/** Texts that must show digits of the language (never the person's data): badges, times, countdowns. */
async function localizedNumberTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.badge, time, .countdown, .quota-text')].map((el) => el.textContent ?? ''),
  );
}

/**
 * The journeys of one language. Two files run halves of the locales (languages-a/-b.e2e.ts), so the two
 * E2E workers share them.
 */
export function describeLanguage(lang: Lang): void {
  describe(`Mayfly in ${lang} (Chromium --lang)`, () => {
    const tag = intlTag(lang);
    let server: LocalServer;
    let session: ExtensionSession;
    /** An extension page that sets up state through the background, as the popup would. */
    let ext: Page;
    const SUBJECT = 'Confirm your email';
    const SENDER = 'Example Shop';
    const SENDER_ADDRESS = 'noreply@shop.example';
    const CODE = '739204';
    const BODY = `Your verification code is ${CODE}.`;
    /** Text that is data, not interface, so it stays as it is in every language (addresses join per test). */
    const DATA = [BODY, SUBJECT, SENDER, SENDER_ADDRESS, `<${SENDER_ADDRESS}>`, CODE];

    beforeAll(async () => {
      server = await startLocalServer({ lolPollThrottle: false });
      session = await launchExtension({ lang: tag, extensionDir: process.env.MAYFLY_E2E_CHROME_DIR });
      await configure(session, {
        provider: 'tempmail-lol',
        baseUrl: server.apiUrls.tempmailLol,
        settings: { hotPollSeconds: 1 },
      });
      mkdirSync(SCREENSHOTS, { recursive: true });
      ext = await session.openPage('popup.html');
    });

    // Each test starts with no mailbox, whatever the one before left.
    beforeEach(async () => {
      for (const mb of (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? []) {
        const { err } = await callBackground(ext, 'deleteMailbox', { mailboxId: mb.id });
        expect(err).toBeUndefined();
      }
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
    });

    async function openPopup(): Promise<Page> {
      const popup = await session.openPage('popup.html');
      await popup.setViewportSize({ width: POPUP_WIDTH, height: 600 });
      await popup.locator('.popup').waitFor();
      return popup;
    }

    /** A mailbox (made as the popup makes one, so it is the shown one) with the confirmation mail stored. */
    async function mailboxWithMail(site?: string): Promise<{ mailbox: Mailbox; messageId: string }> {
      const { res: mailbox, err } = await callBackground<Mailbox>(ext, 'createMailbox', site ? { site } : {});
      expect(err).toBeUndefined();
      await sendMail({
        smtpPort: server.smtpPort,
        to: mailbox!.address,
        from: `${SENDER} <${SENDER_ADDRESS}>`,
        subject: SUBJECT,
        text: BODY,
      });
      const [message] = await waitFor(
        async () => {
          const list = await storedMail(session, mailbox!.id);
          return list.length > 0 ? list : undefined;
        },
        { timeoutMs: 30_000 },
      );
      return { mailbox: mailbox!, messageId: message!.id };
    }

    it('shows the empty popup in the language, right to left for Arabic, within the popup width', async () => {
      const popup = await openPopup();
      await checkView(popup, lang, 'popup-empty', DATA);
      await popup.close();
    });

    it('shows an inbox with localized counts and times, two mailboxes and nothing wider than the popup', async () => {
      const popup = await openPopup();
      for (let count = 1; count <= 2; count++) {
        await popup.locator('.create button.primary').click();
        await waitFor(
          async () => ((await readStorage<Mailbox[]>(session, 'mailboxes')) ?? []).length === count,
        );
      }
      const mailboxes = (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];
      const data = [...DATA, ...mailboxes.map((m) => m.address)];
      // The newest address (first in the list) becomes the shown one, but the background stores the list before
      // it stores which one is shown: wait for both, or the mail may go to the address about to be replaced.
      const newest = mailboxes[0]!;
      const shown = await waitFor(async () => {
        const active = await readStorage<string>(session, 'activeMailbox');
        const text = await popup.locator('.card .address').textContent();
        return active === newest.id && text === newest.address ? newest : undefined;
      });
      await sendMail({
        smtpPort: server.smtpPort,
        to: shown.address,
        from: `${SENDER} <${SENDER_ADDRESS}>`,
        subject: SUBJECT,
        text: BODY,
      });
      await popup.locator('.messages li').first().waitFor({ timeout: 30_000 });
      await popup.locator('.badge').waitFor();

      const numbers = await localizedNumberTexts(popup);
      expect(numbers.length).toBeGreaterThanOrEqual(2);
      const digits = digitsOf(await popup.evaluate((l) => new Intl.NumberFormat(l).format(1234567890), tag));
      expect(numbers.join(' '), `counts and times use the digits of ${lang}`).toMatch(digits.expected);
      for (const text of numbers) expect(text).not.toMatch(digits.foreign);
      // The unread badge is exactly what Intl says for 1 in this language.
      const one = await popup.evaluate((l) => new Intl.NumberFormat(l).format(1), tag);
      expect(await popup.locator('.badge').textContent()).toContain(one);
      await checkView(popup, lang, 'popup-inbox', data);
      await popup.close();
    });

    it('shows a mailbox made for a site, then its message in the popup reader and the stand-alone reader', async () => {
      // One mailbox with one mail serves the three views: a poll and an SMTP delivery cost more than a view.
      const { mailbox, messageId } = await mailboxWithMail('shop.example');
      const popup = await openPopup();
      await popup.locator('.card .meta', { hasText: 'shop.example' }).waitFor();
      // Label, Try another domain, Try Mail.tm instead, Show QR code, Delete (TempMail.lol cannot rename).
      expect(await popup.locator('.card .actions button').count()).toBe(5);
      await checkView(popup, lang, 'popup-site', [...DATA, mailbox.address, 'shop.example']);

      // The message in the popup, its date formatted by Intl in the language.
      await popup.locator('.messages .list-item').first().click();
      await popup.locator('#reader-subject').waitFor();
      await expect.poll(() => popup.locator('.headers time').count()).toBe(1);
      const time = popup.locator('.headers time');
      const expected = await popup.evaluate(
        ([iso, l]) =>
          new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso!)),
        [(await time.getAttribute('datetime'))!, tag],
      );
      expect(await time.textContent()).toBe(expected);
      expect(expected).toMatch(
        digitsOf(await popup.evaluate((l) => new Intl.NumberFormat(l).format(0), tag)).expected,
      );
      await checkView(popup, lang, 'popup-reader', [...DATA, mailbox.address, 'shop.example']);
      await popup.close();

      const reader = await session.openPage(
        `reader.html?mailbox=${encodeURIComponent(mailbox.id)}&message=${encodeURIComponent(messageId)}`,
      );
      await reader.setViewportSize({ width: 800, height: 700 });
      await reader.getByRole('heading', { name: SUBJECT }).waitFor();
      await checkView(reader, lang, 'reader', [...DATA, mailbox.address, 'shop.example']);
      await reader.close();
    });

    it('shows the privacy policy in the language, in its direction', async () => {
      const source = lang === 'en' ? 'PRIVACY.md' : `lib/i18n/privacy/${lang}.md`;
      const [title] = policyBlocks(readFileSync(source, 'utf8'));
      const heading = title && title.kind === 'h1' ? title.parts.map((part) => part.text).join('') : '';
      const policy = await session.openPage('privacy.html');
      await policy.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      expect(await policy.title()).toBe(heading);
      expect(
        await policy.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual([tag, textDirectionOf(tag)]);
      await policy.setViewportSize({ width: POPUP_WIDTH, height: 900 });
      expect(await overflowProblems(policy), `privacy page in ${lang}`).toEqual([]);
      expect(await seriousAxeViolations(policy), `privacy page in ${lang}`).toEqual([]);
      await policy.screenshot({ path: `${SCREENSHOTS}/lang-privacy-${lang}.png` });
      await policy.close();
    });

    it('shows Options in the language, with a status line, at a narrow and a wide width', async () => {
      const options = await session.openPage('options.html');
      await options.setViewportSize({ width: 820, height: 900 });
      await options.locator('.options').waitFor();
      await options.locator('.options button[type="button"]').first().click();
      await options.locator('section[aria-labelledby="provider-heading"] .notice').waitFor();
      await checkView(options, lang, 'options', [...DATA, server.apiUrls.tempmailLol]);
      await options.setViewportSize({ width: POPUP_WIDTH, height: 900 });
      expect(await overflowProblems(options), `narrow options in ${lang}`).toEqual([]);
      await options.close();
    });
  });
}
