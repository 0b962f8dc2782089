import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callBackground } from '../../bench/lib/background-call';
import type { Mailbox } from '../../lib/core/types';
import type { AccountState } from '../../lib/storage/items';
import { loadTextTable } from '../../lib/i18n/load-node';
import { sendMail, startLocalServer, type LocalServer } from '../server/index';
import {
  configure,
  launchExtension,
  readStorage,
  waitFor,
  type ExtensionSession,
  storedMail,
} from './harness';

/**
 * The APIs as they behave in the wild (issue 9), through the built extension in Chromium showing Norwegian:
 * the local server answers in the drifted shapes, and no mail is lost and the right sentence is shown in the
 * person's language.
 */

const STRINGS = loadTextTable();
const nb = (key: string) => STRINGS[key]!.nb;

describe('drifted API answers (Chromium, nb)', () => {
  let server: LocalServer;
  let session: ExtensionSession;
  let popup: Page;

  beforeAll(async () => {
    server = await startLocalServer({ lolPollThrottle: false });
    session = await launchExtension({ lang: 'nb' });
    popup = await session.openPage('popup.html');
  });
  afterEach(async () => {
    server.clearFaults();
    await fetch(`${server.httpUrl}/_control/drift`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const drift = (switches: Record<string, boolean>) =>
    fetch(`${server.httpUrl}/_control/drift`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(switches),
    });
  const stored = (mailboxId: string) => storedMail(session, mailboxId);

  it('TempMail.lol: emails null, missing fields, own ids and an odd email: every mail kept, the odd one said', async () => {
    await drift({ lolEmailsNull: true, lolMissingFields: true, lolExtraId: true, lolOddSubject: true });
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: `${server.apiUrls.tempmailLol}/v2`, // pasted with /v2, as several tools document it
      settings: { hotPollSeconds: 1, tempmailLolApi: 'v2' },
    });
    const mailbox = await callBackground<Mailbox>(popup, 'createMailbox', {});
    // Two mails in one delivery batch: the first arrives with an object subject.
    for (const [subject, code] of [
      ['Velkommen', '111222'],
      ['Bekreft e-posten', '333444'],
    ] as const) {
      await sendMail({
        smtpPort: server.smtpPort,
        to: mailbox.address,
        subject,
        text: `Koden din er ${code}`,
      });
    }
    const messages = await waitFor(
      async () => {
        const list = await stored(mailbox.id);
        return list.length >= 2 ? list : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(messages).toHaveLength(2);
    // Nothing lost: both codes are there, the odd mail's as the raw text it arrived in.
    const texts = messages.map((m) => m.text ?? '').join('\n');
    expect(texts).toContain('Koden din er 111222');
    expect(texts).toContain('Koden din er 333444');
    expect(messages.some((m) => m.malformed)).toBe(true);
    // The server's own ids are used (not the sha-256 recipe), one per mail.
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.some((id) => /^[0-9a-f]{64}$/.test(id))).toBe(false);

    await popup.reload();
    // The server makes the first mail of each answer odd: when the two mails land in two polls (a slow SMTP
    // hand-over), both are, so any one of them will do.
    await popup
      .locator('.messages .subject', { hasText: nb('popupMalformedSubject') })
      .first()
      .waitFor();
    await popup
      .locator('.messages .list-item', { hasText: nb('popupMalformedSubject') })
      .first()
      .click();
    await popup.locator('[data-malformed]', { hasText: nb('popupMalformedNotice') }).waitFor();
  });

  it('tempmailg: the list under data.messages and one message under message are read like the documented ones', async () => {
    await drift({ tempmailgDataMessages: true, tempmailgSingleMessage: true });
    await configure(session, {
      provider: 'tempmailg',
      baseUrl: server.httpUrl, // a bare host: Mayfly adds /api
      apiKey: 'test-key',
      settings: { hotPollSeconds: 1 },
    });
    const mailbox = await callBackground<Mailbox>(popup, 'createMailbox', {});
    await sendMail({ smtpPort: server.smtpPort, to: mailbox.address, subject: 'Hei', text: 'Kode 556677' });
    const [message] = await waitFor(
      async () => {
        const list = await stored(mailbox.id);
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(message).toMatchObject({ subject: 'Hei', code: '556677' });
  });

  it("TempMail.lol: the no-token answer is this mailbox's, never a refused key; the unknown-path answer points at the address", async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { hotPollSeconds: 1, tempmailLolApi: 'v2' },
    });
    const mailbox = await callBackground<Mailbox>(popup, 'createMailbox', {});
    await sendMail({ smtpPort: server.smtpPort, to: mailbox.address, subject: 'Før', text: 'kode 121212' });
    await waitFor(async () => (await stored(mailbox.id)).length === 1, { timeoutMs: 30_000 });

    await drift({ lolNoToken: true });
    await popup.reload();
    await popup
      .locator('[role="alert"]', { hasText: nb('reasonUnauthenticated') })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await popup.getByText(nb('popupKeyRefused')).count()).toBe(0);
    const accounts = await readStorage<Partial<Record<string, AccountState>>>(session, 'accountState');
    expect(accounts?.['tempmail-lol']?.authPaused ?? false).toBe(false);

    await drift({ lolNoToken: false, lolUnknownPath: true });
    await popup
      .locator('[role="alert"]', { hasText: nb('reasonUnknownEndpoint') })
      .first()
      .waitFor({ timeout: 30_000 });
    expect((await stored(mailbox.id)).map((m) => m.subject)).toEqual(['Før']);
  });

  it('TempMail.lol: "Try another domain" asks once before a community domain, and keeps the answer', async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { tempmailLolApi: 'v2' },
    });
    const w = await session.worker();
    await w.evaluate(() => chrome.storage.local.remove(['communityDomains', 'refusedDomains']));
    const refused = await callBackground<Mailbox>(popup, 'createMailbox', { site: 'shop.example' });
    expect(refused.domain).toBe('lol.test');
    await popup.reload();
    await popup.locator('.card .address', { hasText: refused.address }).waitFor();
    await popup.getByRole('button', { name: nb('tryOtherDomain') }).click();
    const question = popup.locator('[data-community-question]');
    await question.getByText(nb('reasonCommunityAsk')).waitFor();
    // Nothing was made on a community domain before the answer.
    expect(server.mailboxes().some((m) => m.address.endsWith('@rush.lol.test'))).toBe(false);
    await question.getByRole('button', { name: nb('popupCommunityYes') }).click();
    await popup.locator('.card .address', { hasText: '@rush.lol.test' }).waitFor();
    expect(await question.count()).toBe(0);
    expect((await w.evaluate(() => chrome.storage.local.get('communityDomains'))).communityDomains).toBe(
      'yes',
    );

    // Kept: the next site's "Try another domain" goes straight to a community domain, without a question.
    const next = await callBackground<Mailbox>(popup, 'createMailbox', { site: 'news.example' });
    await popup.reload();
    await popup.locator('.card .address', { hasText: next.address }).waitFor();
    await popup.getByRole('button', { name: nb('tryOtherDomain') }).click();
    await popup.locator('.card .address', { hasText: '@rush.lol.test' }).waitFor();
    expect(await question.count()).toBe(0);

    // Options shows the answer, and the person may change it there.
    const options = await session.openPage('options.html');
    try {
      const section = options.locator('[data-community-domains]');
      expect(await section.getByLabel(nb('popupCommunityYes')).isChecked()).toBe(true);
      await section.getByLabel(nb('popupCommunityNo')).check();
      await waitFor(
        async () =>
          (await w.evaluate(() => chrome.storage.local.get('communityDomains'))).communityDomains === 'no',
      );
    } finally {
      await options.close();
    }
    await w.evaluate(() => chrome.storage.local.remove(['communityDomains', 'refusedDomains']));
  });

  it('tempmailg with a premium key: create and rename show the tier; a plan refusal is explained', async () => {
    await configure(session, {
      provider: 'tempmailg',
      baseUrl: server.apiUrls.tempmailg,
      apiKey: 'test-key', // the local server's keys are on a premium plan
      settings: { hotPollSeconds: 1 },
    });
    const premium = STRINGS.popupDomainWithTier!.nb.replace('$1', 'premium.mayfly-g.test').replace(
      '$2',
      nb('popupTierPremium'),
    );
    await popup.reload();
    await popup.getByRole('button', { name: nb('popupCustomAddress') }).click();
    const form = popup.locator('#custom-address-form');
    await form.locator('option', { hasText: premium }).waitFor({ state: 'attached' });
    await form.getByLabel(nb('popupUsername')).fill('premiumjoe');
    await form.getByLabel(nb('popupDomain')).selectOption('premium.mayfly-g.test');
    await form.getByRole('button', { name: nb('popupCreateCustom') }).click();
    await popup.locator('.card .address', { hasText: 'premiumjoe@premium.mayfly-g.test' }).waitFor();

    await popup.getByRole('button', { name: nb('popupChangeAddress') }).click();
    const rename = popup.locator('.card form');
    await rename.locator('option', { hasText: premium }).waitFor({ state: 'attached' });
    expect(await rename.getByLabel(nb('popupDomain')).inputValue()).toBe('premium.mayfly-g.test');
    await rename.getByRole('button', { name: nb('popupCancel') }).click();

    // The plan no longer allows premium domains when the address is made: said as such, nothing left over.
    server.injectFault({ api: 'tempmailg', path: '/api/emails/', type: 'status', status: 403, count: 1 });
    const liveG = () => server.mailboxes().filter((m) => m.address.endsWith('mayfly-g.test') && !m.expired);
    const before = liveG().length;
    await popup.getByRole('button', { name: nb('popupCustomAddress') }).click();
    await form.locator('option', { hasText: premium }).waitFor({ state: 'attached' });
    await form.getByLabel(nb('popupUsername')).fill('premiumann');
    await form.getByLabel(nb('popupDomain')).selectOption('premium.mayfly-g.test');
    await form.getByRole('button', { name: nb('popupCreateCustom') }).click();
    await popup.locator('[role="alert"]', { hasText: nb('reasonPlanNotAllowed') }).waitFor();
    // The random mailbox the rename was to move is deleted again.
    await waitFor(async () => liveG().length === before);
  });

  it('TempMail.lol v1 and v2 in the popup: what each can do, and what deleting really does', async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { tempmailLolApi: 'v1' },
    });
    const legacy = await callBackground<Mailbox>(popup, 'createMailbox', {});
    await popup.reload();
    await popup.locator('.card .address', { hasText: legacy.address }).waitFor();
    await popup.getByRole('button', { name: nb('popupCustomAddress') }).click();
    const form = popup.locator('#custom-address-form');
    await form.getByLabel(nb('popupDomain')).waitFor();
    // v1 can choose a domain only (seed 004): no name field it could not honour.
    expect(await form.getByLabel(nb('popupUsername')).count()).toBe(0);
    await popup.getByRole('button', { name: nb('popupCustomAddress') }).click();
    await popup.getByRole('button', { name: nb('popupForgetMailbox') }).click();
    const forget = popup.getByRole('dialog', { name: nb('popupForgetMailboxTitle') });
    await forget.getByText(STRINGS.popupForgetMailboxBody!.nb.replace('$1', legacy.address)).waitFor();
    await forget.getByRole('button', { name: nb('popupCancel') }).click();

    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { tempmailLolApi: 'v2' },
    });
    const current = await callBackground<Mailbox>(popup, 'createMailbox', {});
    await popup.reload();
    await popup.locator('.card .address', { hasText: current.address }).waitFor();
    await popup.getByRole('button', { name: nb('popupDeleteMailbox') }).click();
    const asked = popup.getByRole('dialog', { name: nb('popupDeleteMailboxTitle') });
    await asked
      .getByText(STRINGS.popupDeleteMailboxBestEffortBody!.nb.replace('$1', current.address))
      .waitFor();
    await asked.getByRole('button', { name: nb('popupCancel') }).click();
  });

  it('TempMail.lol: the plain-text 429 on create says the wait; a working key brings the webhook note', async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { tempmailLolApi: 'v2' },
    });
    server.injectFault({ api: 'tempmail-lol', path: '/v2/inbox/create', type: 'quota-exhausted', count: 1 });
    await popup.reload();
    await popup.getByRole('button', { name: nb('popupNewAddress') }).click();
    const [before, after] = STRINGS.reasonRetryIn!.nb.split('$1') as [string, string];
    const alert = popup.locator('[role="alert"]', { hasText: before });
    await alert.waitFor();
    // The body was plain text under a JSON content type: the wait is the service's 5-minute window.
    expect(await alert.locator('p').first().textContent()).toMatch(
      new RegExp(`^${before}5 minutter${after}$`),
    );

    const options = await session.openPage('options.html');
    try {
      await options.getByLabel('TempMail.lol').check();
      await options.getByLabel(nb('optionsBaseUrl')).fill(server.apiUrls.tempmailLol);
      await options.getByRole('button', { name: nb('optionsTestConnection') }).click();
      await options.getByText(nb('optionsConnectionOk')).waitFor();
      expect(await options.locator('[data-webhook-note]').count()).toBe(0);
      await options.getByLabel(nb('optionsApiKey'), { exact: true }).fill('tm.mayfly-test');
      await options.getByRole('button', { name: nb('optionsTestConnection') }).click();
      await options.locator('[data-webhook-note]', { hasText: nb('optionsLolWebhookNote') }).waitFor();
    } finally {
      await options.close();
    }
  });

  it('tempmailg behind a challenge page: the popup says "blocked", in Norwegian, never the PATH_INFO advice', async () => {
    await configure(session, {
      provider: 'tempmailg',
      baseUrl: server.apiUrls.tempmailg,
      apiKey: 'test-key',
      settings: { hotPollSeconds: 1 },
    });
    await callBackground<Mailbox>(popup, 'createMailbox', {});
    server.injectFault({
      api: 'tempmailg',
      path: '/api/messages',
      type: 'html',
      status: 403,
      durationMs: 60_000,
    });
    await popup.reload();
    const alert = popup.locator('[role="alert"]', { hasText: nb('reasonChallengePage') });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).not.toContain('PATH_INFO');
  });
  it("Options: a pasted .../v2 address is tested and shown in the API's own form; a challenge page reads as blocked", async () => {
    const page = await session.openPage('options.html');
    const typed = `${server.apiUrls.tempmailLol}/v2/`;
    await page.getByLabel('TempMail.lol').check();
    await page.getByLabel(nb('optionsBaseUrl')).fill(typed);
    await page.getByRole('button', { name: nb('optionsTestConnection') }).click();
    await page.getByText(nb('optionsConnectionOk')).waitFor();
    expect(await page.getByLabel(nb('optionsBaseUrl')).inputValue()).toBe(server.apiUrls.tempmailLol);
    const note = STRINGS.optionsBaseUrlNormalized!.nb.replace('$1', typed).replace(
      '$2',
      server.apiUrls.tempmailLol,
    );
    expect(await page.locator('[data-url-note]').textContent()).toBe(note);

    server.injectFault({ api: 'tempmailg', path: '/api/domains', type: 'html', status: 403, count: 1 });
    await page.getByLabel('tempmailg').check();
    await page.getByLabel(nb('optionsBaseUrl')).fill(server.apiUrls.tempmailg);
    await page.getByLabel(nb('optionsApiKey'), { exact: true }).fill('test-key');
    await page.getByRole('button', { name: nb('optionsTestConnection') }).click();
    const alert = page.locator('[role="alert"]', { hasText: nb('reasonChallengePage') });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain('PATH_INFO');
    await page.close();
  });
  it('TempMail.lol: a name the service ignored is said on the card; the newer rule honours it', async () => {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { tempmailLolApi: 'v2' },
    });
    const ignored = await callBackground<Mailbox>(popup, 'createMailbox', { username: 'joe_doe' });
    expect(ignored.address.startsWith('joe_doe')).toBe(false);
    expect(ignored.ignoredName).toBe('joe_doe');
    await popup.reload();
    const said = STRINGS.reasonNameIgnored!.nb.replace('$1', 'joe_doe').replace('$2', ignored.address);
    expect(await popup.locator('[data-name-ignored]').textContent()).toBe(said);

    await drift({ lolLongPrefix: true });
    const honoured = await callBackground<Mailbox>(popup, 'createMailbox', { username: 'joe_doe' });
    expect(honoured.address).toMatch(/^joe_doe[0-9a-f]{8}@/);
    expect(honoured.ignoredName).toBeUndefined();
    await popup.reload();
    await popup.locator('.card .address', { hasText: honoured.address }).waitFor();
    expect(await popup.locator('[data-name-ignored]').count()).toBe(0);
  });
});
