import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PollState, Settings } from '../../lib/storage/items';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  EXTENSION_DEFAULT_SETTINGS,
  launchExtension,
  readStorage,
  storedMail,
  waitFor,
  type ExtensionSession,
} from './harness';

/**
 * The options page in real headless Chromium against the local server: each API configured by its labels,
 * "Test connection" diagnoses a refused key and a wrong URL in words a person can act on, settings are
 * saved, and axe-core finds no serious or critical violation in English or Arabic.
 */

const SCREENSHOTS = 'test-output/screenshots';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<{ id: string; impact: string | null }[]> {
  // page.evaluate runs through the debugger protocol, so the extension page's CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null }[] };
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('options page (Chromium)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  let page: Page;

  beforeAll(async () => {
    server = await startLocalServer();
    session = await launchExtension({ lang: 'en' });
  });

  // Each test starts from the settings of a fresh install and its own Options page.
  beforeEach(async () => {
    await (await session.worker()).evaluate(() => chrome.storage.local.remove('settings'));
    page = await session.openPage('options.html');
    await page.locator('.options').waitFor();
  });

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const status = () =>
    page.locator(
      'section[aria-labelledby="provider-heading"] [role="alert"], section[aria-labelledby="provider-heading"] [role="status"]',
    );

  it("TempMail.lol custom domain: a wrong password is said, then the domain's mail to any address is kept", async () => {
    // Custom-domain reads need a Plus or Ultra key (the local server takes any tm. key).
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      apiKey: 'tm.mayfly-test',
      settings: { hotPollSeconds: 1 },
    });
    await page.reload();
    const section = page.locator('[data-custom-domain]');
    const id = 'tempmail-lol:*@custom.lol.test';
    const reasonOf = async () =>
      (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[id]?.lastError?.details?.reason;
    try {
      await section.getByLabel('Domain', { exact: true }).fill('Custom.lol.test');
      await section.getByLabel('Domain password').fill('not-the-password');
      await section.getByRole('button', { name: "Read this domain's mail" }).click();
      await section.getByText('Added.', { exact: false }).waitFor();
      await waitFor(async () => (await reasonOf()) === 'domain-password-refused');
      const accounts = await readStorage<Record<string, { authPaused?: boolean }>>(session, 'accountState');
      expect(accounts?.['tempmail-lol']?.authPaused ?? false).toBe(false);

      await section.getByLabel('Domain password').fill('custom-domain-password');
      await section.getByLabel('Domain password').press('Enter');
      await waitFor(async () => (await reasonOf()) === undefined);
      for (const [to, subject] of [
        ['shop@custom.lol.test', 'For the shop'],
        ['news@custom.lol.test', 'For the news'],
      ] as const) {
        await sendMail({ smtpPort: server.smtpPort, to, subject, text: 'Code 424242' });
      }
      await waitFor(async () => (await storedMail(session, id)).length === 2, { timeoutMs: 30_000 });
      const popup = await session.openPage('popup.html');
      await popup.locator('.card .address', { hasText: '*@custom.lol.test' }).waitFor();
      await popup.getByText('For the shop').waitFor();
      await popup.getByText('For the news').waitFor();
      // Later reads hand out nothing new: each mail is kept once.
      await waitFor(
        async () =>
          ((await readStorage<Record<string, PollState>>(session, 'pollState'))?.[id]?.lastSuccessAt ?? 0) >
          Date.now() - 500,
      );
      expect((await storedMail(session, id)).map((m) => m.to ?? '').sort()).toEqual([
        'news@custom.lol.test',
        'shop@custom.lol.test',
      ]);
      // Removing it only forgets it here: the domain is the person's own.
      await popup.getByRole('button', { name: 'Forget address' }).click();
      await popup.getByRole('dialog').getByRole('button', { name: 'Forget' }).click();
      await waitFor(
        async () =>
          !((await readStorage<{ id: string }[]>(session, 'mailboxes')) ?? []).some((m) => m.id === id),
      );
      await popup.close();
    } finally {
      await callBackground(page, 'saveApiKey', { provider: 'tempmail-lol', apiKey: '' });
    }
  });

  it('starts on TempMail.lol, which needs no key', async () => {
    expect(await page.getByLabel('TempMail.lol').isChecked()).toBe(true);
    expect(await page.getByText('Free, needs no key.').isVisible()).toBe(true);
  });

  it('tests and saves TempMail.lol on the local server', async () => {
    await page.getByLabel('API base URL').fill(server.apiUrls.tempmailLol);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The connection works.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = await readStorage<Settings>(session, 'settings');
    expect(saved?.baseUrls['tempmail-lol']).toBe(server.apiUrls.tempmailLol);
  });

  it('says a refused tempmailg key is refused, then accepts the right one and never shows it back', async () => {
    await page.getByLabel('tempmailg').check();
    await page.getByLabel('API base URL').fill(server.apiUrls.tempmailg);
    await page.getByLabel('API key', { exact: true }).fill('wrong-key');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => status().textContent()).toContain('The API key was refused');
    await page.getByLabel('API key', { exact: true }).fill('test-key');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The connection works.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    await page.getByText('A key is saved.', { exact: false }).waitFor();
    expect(JSON.stringify(await readStorage<Settings>(session, 'settings'))).not.toContain('test-key');
  });

  it('explains a self-hosted URL that is not the API', async () => {
    await page.getByLabel('Self-hosted server').check();
    await page.getByLabel('API base URL').fill(`${server.httpUrl}/not-the-api.php`);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => status().textContent(), { timeout: 20_000 })
      .toMatch(/api\.php|PATH_INFO|does not lead to the API|web page answered/);
    await page.getByLabel('API base URL').fill(server.apiUrls.selfhosted);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The connection works.').waitFor();
  });

  it('refuses a URL that is not a web address before asking for anything', async () => {
    await page.getByLabel('API base URL').fill('mail.example.org');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('This is not a web address.', { exact: false }).waitFor();
  });

  it('saves polling, notifications and theme, and applies the theme', async () => {
    await page.getByLabel('Self-hosted server').check();
    await page.getByLabel('API base URL').fill(server.apiUrls.selfhosted);
    await page.getByLabel('Check every (seconds) when idle').fill('120');
    await page.getByLabel('Check every (seconds) when idle').blur();
    await page.getByLabel('Show a notification when mail arrives').uncheck();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = await readStorage<Settings>(session, 'settings');
    expect(saved).toMatchObject({
      provider: 'selfhosted',
      idlePollSeconds: 120,
      notifications: false,
      theme: 'dark',
    });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('lists and removes inline-button sites', async () => {
    const worker = await session.worker();
    await worker.evaluate(async (defaults) => {
      const { settings = defaults } = (await chrome.storage.local.get('settings')) as { settings?: Settings };
      await chrome.storage.local.set({ settings: { ...settings, inlineButtonSites: ['shop.example'] } });
    }, EXTENSION_DEFAULT_SETTINGS);
    await page.getByRole('button', { name: 'Remove shop.example' }).click();
    await page.getByText('No sites yet.').waitFor();
    expect((await readStorage<Settings>(session, 'settings'))?.inlineButtonSites).toEqual([]);
  });

  it('lists the domains a site refused and allows them again', async () => {
    const worker = await session.worker();
    await worker.evaluate(() =>
      chrome.storage.local.set({ refusedDomains: { 'shop.example': ['lol.test'] } }),
    );
    await page.getByRole('heading', { name: 'Domains sites refused' }).waitFor();
    await page.getByText('shop.example: lol.test').waitFor();
    await page.getByRole('button', { name: 'Allow every domain again on shop.example' }).click();
    await page.getByRole('heading', { name: 'Domains sites refused' }).waitFor({ state: 'detached' });
    // The list goes at once; the background's write follows the message: wait for it, not for a race.
    await waitFor(
      async () =>
        Object.keys((await readStorage<Record<string, string[]>>(session, 'refusedDomains')) ?? {}).length ===
        0,
    );
  });

  it('imports an export file and reports what it did', async () => {
    await page.locator('input[type="file"]').setInputFiles({
      name: 'mayfly.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"not":"an export"}'),
    });
    await expect
      .poll(() => page.locator('section[aria-labelledby="transfer-heading"] .notice').textContent())
      .toMatch(/Imported|refused|cannot read|went wrong/);
  });

  it('shows how much mail is kept, and forgets long-expired mailboxes only after a confirmation', async () => {
    const w = await session.worker();
    const day = 86_400_000;
    await w.evaluate(async (d) => {
      const box = (name: string, expiresAt: number) => ({
        id: `tempmail-lol:${name}@lol.test`,
        provider: 'tempmail-lol',
        address: `${name}@lol.test`,
        domain: 'lol.test',
        createdAt: expiresAt - 3_600_000,
        expiresAt,
        expired: true,
      });
      const mail = (mailboxId: string) => ({
        id: 'm1',
        mailboxId,
        from: { address: 'a@shop.example' },
        subject: 'Old',
        receivedAt: 1,
        fetchedAt: 1,
        seen: true,
        hasBody: true,
        attachmentCount: 0,
        size: 2_000_000,
      });
      const old = box('retention-old', Date.now() - 40 * d);
      const recent = box('retention-recent', Date.now() - 2 * d);
      const { mailboxes = [] } = (await chrome.storage.local.get('mailboxes')) as { mailboxes?: unknown[] };
      await chrome.storage.local.set({
        mailboxes: [...mailboxes, old, recent],
        [`inbox:${old.id}`]: [mail(old.id)],
        [`inbox:${recent.id}`]: [mail(recent.id)],
        mailCounts: {
          [old.id]: { total: 1, unread: 0, size: 2_000_000 },
          [recent.id]: { total: 1, unread: 0, size: 2_000_000 },
        },
      });
    }, day);
    await page.reload();
    await page.locator('.options').waitFor();
    await page.getByText('Messages: 2 · Size: 4 MB').waitFor();
    await page.getByLabel('Forget expired mailboxes and their mail').selectOption('7');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('(mailboxes: 1, messages: 1)').waitFor();
    await dialog.getByRole('button', { name: 'Forget them' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    // The background applies the choice after the undo window: the old mailbox goes, the recent one stays.
    await expect
      .poll(
        async () =>
          ((await readStorage<{ address: string }[]>(session, 'mailboxes')) ?? []).map((m) => m.address),
        {
          timeout: 45_000,
          interval: 500,
        },
      )
      .not.toContain('retention-old@lol.test');
    const left = ((await readStorage<{ address: string }[]>(session, 'mailboxes')) ?? []).map(
      (m) => m.address,
    );
    expect(left).toContain('retention-recent@lol.test');
    expect(await readStorage(session, 'inbox:tempmail-lol:retention-old@lol.test')).toBeUndefined();
    await page.getByText('Messages: 1 · Size: 2 MB').waitFor();
  });
});

describe.each(['en', 'ar'])('options accessibility and layout in %s (Chromium)', (lang) => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension({ lang });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('has no serious or critical axe violations and the right direction', async () => {
    const page = await session.openPage('options.html');
    await page.setViewportSize({ width: 820, height: 900 });
    await page.locator('.options').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      lang,
      lang === 'ar' ? 'rtl' : 'ltr',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/options-${lang}.png`, fullPage: true });
    await page.close();
  });
});
