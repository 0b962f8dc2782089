import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../lib/core/types';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  launchExtension,
  readStorage,
  storedMail,
  waitFor,
  type ExtensionSession,
} from './harness';

/**
 * The popup journey as a person makes it, in real headless Chromium against the local Temp Mail server:
 * configure the API in Options by its labels, make an address in the popup, receive a real SMTP mail,
 * read it, download its attachment, delete it and the address. Then axe-core checks the popup in English
 * and Arabic, and screenshots go to test-output/screenshots/.
 */

const SCREENSHOTS = 'test-output/screenshots';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Serious and critical axe-core violations of a page (the sandboxed mail frame is the reader's own test). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate runs through the debugger protocol, so the extension page's CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Chooses a provider in Options and saves it, only through what a person sees: labels and buttons. */
async function configureThroughOptions(
  session: ExtensionSession,
  cfg: { providerLabel: string; baseUrl: string; apiKey?: string },
): Promise<void> {
  const options = await session.openPage('options.html');
  await options.getByLabel(cfg.providerLabel).check();
  await options.getByLabel('API base URL').fill(cfg.baseUrl);
  if (cfg.apiKey) await options.getByLabel('API key', { exact: true }).fill(cfg.apiKey);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await options.getByText('The connection works.').waitFor();
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await options.getByText('Saved.', { exact: true }).waitFor();
  await options.close();
}

const JOURNEYS = [
  {
    name: 'TempMail.lol',
    providerLabel: 'TempMail.lol',
    api: 'tempmailLol',
    attachments: false,
    deleteMessage: false,
  },
  {
    name: 'tempmailg',
    providerLabel: 'tempmailg',
    api: 'tempmailg',
    apiKey: 'test-key',
    attachments: true,
    deleteMessage: true,
  },
  {
    name: 'self-hosted',
    providerLabel: 'Self-hosted server',
    api: 'selfhosted',
    attachments: true,
    deleteMessage: true,
  },
] as const;

describe.each(JOURNEYS)('popup journey with $name (Chromium)', (journey) => {
  let server: LocalServer;
  let session: ExtensionSession;
  /** An extension page that sets up state through the background, as the popup would. */
  let ext: Page;

  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension({ lang: 'en' });
    await configureThroughOptions(session, {
      providerLabel: journey.providerLabel,
      baseUrl: server.apiUrls[journey.api],
      ...('apiKey' in journey ? { apiKey: journey.apiKey } : {}),
    });
    ext = await session.openPage('popup.html');
  });

  // Each test starts with no mailbox, whatever the one before left.
  beforeEach(async () => {
    for (const mb of await mailboxes()) {
      const { err } = await callBackground(ext, 'deleteMailbox', { mailboxId: mb.id });
      expect(err).toBeUndefined();
    }
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const mailboxes = async () => (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];

  const sendConfirmation = (to: string) =>
    sendMail({
      smtpPort: server.smtpPort,
      to,
      from: 'Example Shop <noreply@shop.example>',
      subject: 'Confirm your email',
      text: 'Your verification code is 739204.',
      html: '<p>Your verification code is <b>739204</b>.</p>',
      attachments: [
        { filename: 'receipt.txt', content: 'Thank you for your order.', contentType: 'text/plain' },
      ],
    });

  /** A new mailbox (made as the popup makes one, so it is the shown one) and an open popup. */
  async function popupWithMailbox(): Promise<{ popup: Page; mailbox: Mailbox }> {
    const { res: mailbox, err } = await callBackground<Mailbox>(ext, 'createMailbox', {});
    expect(err).toBeUndefined();
    const popup = await session.openPage('popup.html');
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(mailbox!.address);
    return { popup, mailbox: mailbox! };
  }

  /** A popup with the confirmation mail (and its attachment) open in the reader. */
  async function popupReadingTheMail(): Promise<Page> {
    const { res: mailbox, err } = await callBackground<Mailbox>(ext, 'createMailbox', {});
    expect(err).toBeUndefined();
    await sendConfirmation(mailbox!.address);
    await waitFor(async () => (await storedMail(session, mailbox!.id)).length > 0, { timeoutMs: 30_000 });
    const popup = await session.openPage('popup.html');
    const item = popup.locator('.messages li').filter({ hasText: 'Confirm your email' });
    await item.locator('.list-item').click();
    await expect.poll(() => popup.locator('#reader-subject').textContent()).toBe('Confirm your email');
    return popup;
  }

  it('makes a new address with one click and shows it with its expiry', async () => {
    const popup = await session.openPage('popup.html');
    await popup.getByRole('button', { name: 'New address' }).click();
    const [mailbox] = await waitFor(async () => {
      const list = await mailboxes();
      return list.length > 0 ? list : undefined;
    });
    await expect.poll(() => popup.locator('.card .address').textContent()).toBe(mailbox!.address);
    await expect.poll(() => popup.getByText(/Expires in|No expiry date/).count()).toBeGreaterThan(0);
    await popup.close();
  });

  it('receives a mail sent over SMTP, with its code, and reads it', async () => {
    const { popup, mailbox } = await popupWithMailbox();
    await sendConfirmation(mailbox.address);
    const item = popup.locator('.messages li').filter({ hasText: 'Confirm your email' });
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getByRole('button', { name: 'Copy code 739204' }).count()).toBe(1);
    await item.locator('.list-item').click();
    await expect.poll(() => popup.locator('#reader-subject').textContent()).toBe('Confirm your email');
    await expect
      .poll(() => popup.getByText('noreply@shop.example', { exact: false }).count())
      .toBeGreaterThan(0);
    const frame = popup.locator('.mail-body iframe');
    if ((await frame.count()) > 0) {
      await expect.poll(() => frame.contentFrame().locator('body').textContent()).toContain('739204');
    }
    await popup.close();
  });

  it.runIf(journey.attachments)('downloads the attachment', async () => {
    const popup = await popupReadingTheMail();
    await popup.getByRole('button', { name: 'Download receipt.txt' }).click();
    const worker = await session.worker();
    // Playwright keeps downloads under its own artifact names, so identify the file by its finished size.
    const content = 'Thank you for your order.';
    const found = await waitFor(async () => {
      const items = await worker.evaluate(() => chrome.downloads.search({}));
      return items.find((d) => d.state === 'complete');
    });
    expect(found.fileSize).toBe(content.length);
    expect(await popup.locator('[role=alert]').count()).toBe(0);
    await popup.close();
  });

  it.runIf(journey.deleteMessage)('deletes the message after confirming', async () => {
    const popup = await popupReadingTheMail();
    await popup.getByRole('button', { name: 'Delete message' }).click();
    const dialog = popup.getByRole('dialog', { name: 'Delete this message?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await popup
      .locator('.messages')
      .or(popup.getByText('No mail yet.', { exact: false }))
      .first()
      .waitFor();
    await expect
      .poll(() => popup.locator('.messages li').filter({ hasText: 'Confirm your email' }).count())
      .toBe(0);
    await popup.close();
  });

  it.runIf(!journey.deleteMessage)(
    'removes the message from Mayfly only, as the dialog says, and asks the service nothing',
    async () => {
      const popup = await popupReadingTheMail();
      const since = Date.now();
      await popup.getByRole('button', { name: 'Remove from Mayfly' }).click();
      const dialog = popup.getByRole('dialog', { name: 'Remove this message from Mayfly?' });
      await dialog.waitFor();
      await expect
        .poll(() => dialog.textContent())
        .toContain('Mayfly removes “Confirm your email” from this browser only');
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      const mailboxId = (await mailboxes())[0]!.id;
      await waitFor(async () => (await storedMail(session, mailboxId)).length === 0);
      await popup.getByText('No mail yet.', { exact: false }).first().waitFor();
      // Only inbox reads went to the service after the click: no delete of any kind.
      const paths = server
        .log()
        .filter((e) => e.t >= since)
        .map((e) => e.path.split('?')[0]);
      expect(paths.filter((p) => p !== '/v2/inbox')).toEqual([]);
      await popup.close();
    },
  );

  it('deletes (or forgets) the address after confirming', async () => {
    const { popup, mailbox } = await popupWithMailbox();
    await popup.getByRole('button', { name: /^(Delete|Forget) address$/ }).click();
    const dialog = popup.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^(Delete|Forget)$/ }).click();
    await waitFor(async () => !(await mailboxes()).some((m) => m.id === mailbox.id));
    await popup.getByText('No address yet').waitFor();
    await popup.close();
  });
});

describe.each(['en', 'ar'])('popup accessibility and layout in %s (Chromium)', (lang) => {
  let server: LocalServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension({ lang });
    const worker = await session.worker();
    await worker.evaluate(async (baseUrl) => {
      const settings = {
        provider: 'tempmail-lol',
        baseUrls: { tempmailg: 'https://v1.tempmailg.com/api', 'tempmail-lol': baseUrl, selfhosted: '' },
        tempmailLolApi: 'v2',
        notifications: true,
        idlePollSeconds: 60,
        hotPollSeconds: 2,
        hotMinutes: 5,
        inlineButtonSites: [],
        theme: 'system',
      };
      await chrome.storage.local.set({ settings });
    }, server.apiUrls.tempmailLol);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('has no serious or critical axe violations, with and without mail, and lays out in the right direction', async () => {
    const popup = await session.openPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 640 });
    await popup.locator('.popup').waitFor();
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(
      [lang, lang === 'ar' ? 'rtl' : 'ltr'],
    );
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-empty-${lang}.png`, fullPage: true });

    await popup.locator('.create button.primary').click();
    const [mailbox] = await waitFor(async () => {
      const list = (await readStorage<Mailbox[]>(session, 'mailboxes')) ?? [];
      return list.length > 0 ? list : undefined;
    });
    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox!.address,
      from: 'Example Shop <noreply@shop.example>',
      subject: 'Confirm your email',
      text: 'Your verification code is 739204. Open https://shop.example/verify?t=1 to confirm.',
    });
    await popup.locator('.messages li').first().waitFor({ timeout: 30_000 });
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-inbox-${lang}.png`, fullPage: true });

    await popup.locator('.messages .list-item').first().click();
    await popup.locator('#reader-subject').waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-reader-${lang}.png`, fullPage: true });
    await popup.close();
  });
});
