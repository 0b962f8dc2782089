import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../lib/core/types';
import { loadTextTable } from '../../lib/i18n/load-node';
import { startLocalServer, type LocalServer } from '../server/index';
import {
  callBackground,
  configure,
  launchExtension,
  seriousAxeViolations,
  type ExtensionSession,
} from './harness';

/**
 * Issue 15 item 6, "Move a mailbox to a phone", in real headless Chromium against the local TempMail.lol
 * server: the warning comes first, the code and its text come only after "I understand", the token in it
 * opens the inbox on the API, and Escape or Close hands focus back to the card's button. In Arabic the
 * dialog runs right to left and axe-core finds nothing serious.
 */

const CATALOG = loadTextTable();
type Lang = 'en' | 'nb' | 'ar' | 'bn';
const say = (key: string, lang: Lang) => {
  const entry = CATALOG[key];
  if (!entry) throw new Error(`no string ${key}`);
  return entry[lang];
};

describe.each<Lang>(['en', 'nb', 'ar', 'bn'])('move a mailbox to a phone in %s (Chromium)', (lang) => {
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

  async function popupWithNewMailbox(): Promise<{ popup: Page; mailbox: Mailbox }> {
    const ext = await session.openPage('popup.html');
    const { res: mailbox, err } = await callBackground<Mailbox>(ext, 'createMailbox', {});
    expect(err).toBeUndefined();
    await callBackground(ext, 'selectMailbox', { mailboxId: mailbox!.id });
    await ext.close();
    const popup = await session.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('.popup').waitFor();
    return { popup, mailbox: mailbox! };
  }

  it('warns first, then shows the code and a text whose token opens the inbox; Close returns focus', async () => {
    const { popup, mailbox } = await popupWithNewMailbox();
    const action = popup.getByRole('button', { name: say('qrShow', lang), exact: true });
    await action.click();

    const dialog = popup.getByRole('dialog', { name: say('qrTitle', lang) });
    await dialog.waitFor();
    expect(await dialog.locator('#qr-warning').textContent()).toBe(say('qrWarning', lang));
    // Nothing secret is on screen before the person confirms.
    expect(await popup.locator('[data-qr], [data-qr-payload]').count()).toBe(0);

    await dialog.getByRole('button', { name: say('qrConfirm', lang) }).click();
    const image = dialog.getByRole('img', { name: say('qrImageLabel', lang).replace('$1', mailbox.address) });
    await image.waitFor();
    expect(await image.locator('path').getAttribute('d')).toMatch(/^M0 0h1v1h-1z/);

    const text = await dialog.getByRole('textbox', { name: say('qrPayloadLabel', lang) }).inputValue();
    const payload = JSON.parse(text) as Record<string, unknown>;
    expect(payload).toMatchObject({
      mayfly: 'mailbox',
      provider: 'tempmail-lol',
      address: mailbox.address,
      api: server.apiUrls.tempmailLol,
    });
    expect(typeof payload.token).toBe('string');
    // The token is the real one: the API opens this inbox with it.
    const inbox = await fetch(
      `${server.apiUrls.tempmailLol}/v2/inbox?token=${encodeURIComponent(String(payload.token))}`,
    );
    expect(inbox.status).toBe(200);
    expect(((await inbox.json()) as { expired?: boolean }).expired).not.toBe(true);

    expect(await dialog.evaluate((d) => getComputedStyle(d).direction)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    expect(await seriousAxeViolations(popup)).toEqual([]);

    await dialog.getByRole('button', { name: say('qrClose', lang) }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await action.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.close();
  });

  it('Escape on the warning closes it without fetching the code and returns focus', async () => {
    const { popup } = await popupWithNewMailbox();
    const action = popup.getByRole('button', { name: say('qrShow', lang), exact: true });
    await action.focus();
    await popup.keyboard.press('Enter');
    const dialog = popup.getByRole('dialog', { name: say('qrTitle', lang) });
    await dialog.waitFor();
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe(say('popupCancel', lang));
    await popup.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await popup.locator('[data-qr-payload]').count()).toBe(0);
    expect(await action.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.close();
  });
});
