// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SerializedAppError } from '../../../lib/core/errors';
import type { ProviderId } from '../../../lib/core/types';
import type { ProviderCapabilities } from '../../../lib/providers/types';
import { MAILTM_CAPABILITIES } from '../../../lib/providers/mailtm';
import {
  accountStateItem,
  DEFAULT_SETTINGS,
  mailboxesItem,
  pollStateItem,
  settingsItem,
} from '../../../lib/storage/items';
import { textDirection, uiLanguage } from '../../../lib/ui/i18n';
import { applyDocumentSetup } from '../../../lib/ui/models/document-setup';
import { loadTextTable } from '../../../lib/i18n/load-node';
import { setTestLocale } from '../setup-i18n';
import { capabilities, fakeSend, mailbox, message, PLAIN, RICH, storeInbox } from './fixtures';
import { mountPopup } from './mount-popup';

let root: HTMLElement;

async function mount(
  caps: Partial<Record<ProviderId, ProviderCapabilities>>,
  fake = fakeSend(),
  activeTabUrl?: string,
) {
  return mountPopup(root, { caps, fake, activeTabUrl, clock: () => 0, loadSiteFirst: true });
}

function button(name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => {
    const label = b.getAttribute('aria-label') ?? b.textContent ?? '';
    return typeof name === 'string' ? label.trim() === name : name.test(label);
  });
  if (!found) throw new Error(`no button ${String(name)}`);
  return found;
}

const click = (el: HTMLElement) => act(() => el.click());

/** Opens the first listed message; the reader's code loads on first use, so wait until it is shown. */
async function openFirstMessage(): Promise<void> {
  await click(root.querySelector<HTMLButtonElement>('.messages .list-item')!);
  await vi.waitFor(() => expect(root.querySelector('.reader')).not.toBeNull());
}

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('popup UI', () => {
  it('shows a welcome and a one-click "New address" when there is no mailbox', async () => {
    const { fake } = await mount({});
    expect(root.textContent).toContain('No address yet');
    await click(button('New address'));
    expect(fake.ofType('createMailbox')[0]?.data).toEqual({ provider: 'tempmail-lol' });
  });

  it('offers a custom name only where the provider supports it', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'selfhosted' });
    await mount({ selfhosted: capabilities({ customUsername: 'on-create' }) });
    await click(button('Choose name'));
    expect(root.querySelector('label[for="create-username"]')?.textContent).toBe('Name before the @');
    expect(root.querySelector('#create-domain')).toBeNull();

    render(null, root);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmail-lol' });
    await mount({ 'tempmail-lol': PLAIN });
    expect(() => button('Choose name')).toThrow();
  });

  it('shows the rule as a validation message and blocks a bad name', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmailg' });
    await mount({ tempmailg: RICH }, fakeSend({ listDomains: () => [{ domain: 'one.test' }] }));
    await click(button('Choose name'));
    const input = root.querySelector<HTMLInputElement>('#create-username')!;
    await act(() => {
      input.value = 'x!';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#create-username-hint')?.textContent).toBe(
      '3 to 20 letters (a–z) and digits.',
    );
    expect(button('Create this address').disabled).toBe(true);
  });

  it('shows each domain with its plan tier when choosing a name', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmailg' });
    setTestLocale('bn');
    await mount(
      { tempmailg: RICH },
      fakeSend({
        listDomains: () => [
          { domain: 'free.test', tier: 'free' },
          { domain: 'premium.test', tier: 'premium' },
        ],
      }),
    );
    await click(button(loadTextTable().popupCustomAddress!.bn));
    await vi.waitFor(() => expect(root.querySelectorAll('#create-domain option')).toHaveLength(2));
    const labels = [...root.querySelectorAll('#create-domain option')].map((o) => o.textContent);
    expect(labels).toEqual(['free.test', 'premium.test (প্রিমিয়াম)']);
  });

  it('asks in a dialog before deleting, and sends nothing until confirmed', async () => {
    const mb = mailbox();
    await mailboxesItem.setValue([mb]);
    const { fake } = await mount({ tempmailg: RICH });
    await click(button('Delete address'));
    const dialog = root.querySelector('dialog')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('confirm-title');
    expect(dialog.textContent).toContain('Delete this address?');
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(fake.ofType('deleteMailbox')).toHaveLength(0);
    await act(() => {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(root.querySelector('dialog')).toBeNull();
    expect(fake.ofType('deleteMailbox')).toHaveLength(0);
    await click(button('Delete address'));
    await click(button('Delete'));
    await vi.waitFor(() => expect(fake.ofType('deleteMailbox')).toHaveLength(1));
  });

  it('the delete dialog says what really happens on the service and here, per API', async () => {
    const mb = mailbox({ provider: 'tempmail-lol', address: 'a1@lol.test', id: 'tempmail-lol:a1@lol.test' });
    await mailboxesItem.setValue([mb]);
    await mount({ 'tempmail-lol': capabilities({ canDeleteMailbox: 'best-effort' }) });
    await click(button('Delete address'));
    expect(root.querySelector('dialog')?.textContent).toMatch(/asks the service to delete the address too/);
    expect(root.querySelector('dialog')?.textContent).not.toMatch(/will be deleted on the service/);
    render(null, root);
    await mount({ 'tempmail-lol': capabilities({ canDeleteMailbox: false }) });
    await click(button(/Forget/));
    expect(root.querySelector('dialog')?.textContent).toMatch(/keeps working on the service/);
  });

  it('copies the address and the code, and announces "Copied"', async () => {
    const mb = mailbox();
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [message({ code: '483920', link: 'javascript:alert(1)' })]);
    const { writeText } = await mount({ tempmailg: RICH });
    await click(button(`Copy address ${mb.address}`));
    expect(writeText).toHaveBeenCalledWith(mb.address);
    await vi.waitFor(() => expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('Copied'));
    await click(button('Copy code 483920'));
    expect(writeText).toHaveBeenLastCalledWith('483920');
    // Only web links become "Open verification link".
    expect(root.textContent).not.toContain('Open verification link');
  });

  it('fills the code into the page from the inbox row and says "Code filled"', async () => {
    const mb = mailbox();
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [message({ code: '483920' })]);
    const { fake } = await mount({ tempmailg: RICH }, fakeSend({ fillCodeInPage: () => ({ filled: true }) }));
    await click(button('Fill code 483920 into the page'));
    expect(fake.ofType('fillCodeInPage')[0]?.data).toEqual({ code: '483920', mailboxId: mb.id });
    await vi.waitFor(() => expect(root.querySelector('.fill-code')?.textContent).toBe('Code filled'));
    expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('Code filled');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('asks before filling a code into a page of another site than the mailbox’s, and fills only when told', async () => {
    const mb = { ...mailbox(), site: 'shop.example' };
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [message({ code: '483920' })]);
    const fake = fakeSend({
      fillCodeInPage: (data: { otherSite?: string }) =>
        data.otherSite === 'evil.test'
          ? { filled: true }
          : { filled: false, siteMismatch: { page: 'evil.test', mailbox: 'shop.example' } },
    });
    await mount({ tempmailg: RICH }, fake);
    await click(button('Fill code 483920 into the page'));
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toContain(
        'This code came to the address made for shop.example, but the page open now is evil.test.',
      ),
    );
    await click(button('Don’t fill'));
    expect(root.querySelector('[role="alert"]')).toBeNull();
    await click(button('Fill code 483920 into the page'));
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
    await click(button('Fill the code into evil.test anyway'));
    await vi.waitFor(() => expect(root.querySelector('.fill-code')?.textContent).toBe('Code filled'));
    expect(fake.ofType('fillCodeInPage').map((c) => c.data)).toEqual([
      { code: '483920', mailboxId: mb.id },
      { code: '483920', mailboxId: mb.id },
      { code: '483920', mailboxId: mb.id, otherSite: 'evil.test' },
    ]);
  });

  it('shows the site an "Open verification link" button opens, and warns when the link hides it', async () => {
    const mb = mailbox();
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [
      message({ link: 'https://www.paypal.com@evil.test/x' }),
      { ...message({ link: 'https://xn--e1afmkfd.xn--p1ai/ok' }), id: 'm2' },
    ]);
    await mount({ tempmailg: RICH }, fakeSend());
    const links = Array.from(root.querySelectorAll<HTMLAnchorElement>('a.button-link'));
    const described = links.map(
      (a) => document.getElementById(a.getAttribute('aria-describedby')!)?.textContent,
    );
    expect(described).toContain('Careful: this link hides its real site, which is evil.test');
    expect(described).toContain('Opens xn--e1afmkfd.xn--p1ai (пример.рф)');
  });

  it('isolates attachment and sender names and strips their bidirectional controls', async () => {
    const mb = mailbox();
    const msg = message({
      from: { name: 'Bank\u202E', address: 'x@evil.test' },
      attachments: [{ filename: 'invoice\u202Efdp.exe', size: 10, url: 'https://x/a', auth: 'none' }],
    });
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [msg]);
    await mount({ tempmailg: RICH }, fakeSend({ getMessage: () => msg }));
    expect(root.querySelector('.sender bdi')?.textContent).toBe('Bank');
    await openFirstMessage();
    // Attachments come with the body, read when the message is opened.
    await vi.waitFor(() =>
      expect(root.querySelector('.attachments .filename bdi')?.textContent).toBe('invoicefdp.exe'),
    );
    expect(root.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('says why a code could not be filled: no field, or a page Mayfly may not touch', async () => {
    const mb = mailbox();
    const msg = message({ code: '483920' });
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [msg]);
    let answer: () => { filled: boolean } = () => ({ filled: false });
    const fake = fakeSend({ fillCodeInPage: () => answer(), getMessage: () => msg });
    await mount({ tempmailg: RICH }, fake);
    await click(button('Fill code 483920 into the page'));
    await vi.waitFor(() =>
      expect(root.querySelector('.fill-error')?.textContent).toBe(
        'This page has no field for a code. Copy the code and paste it instead.',
      ),
    );

    // The reader has the same button; a refusal from the background reads as a fill problem, not an API one.
    answer = () => {
      throw { name: 'AppError', kind: 'blocked', message: 'no access' };
    };
    await openFirstMessage();
    await click(button('Fill code 483920 into the page'));
    await vi.waitFor(() =>
      expect(root.querySelector('.reader [role="alert"]')?.textContent).toBe(
        'Mayfly cannot fill this page. Copy the code and paste it instead.',
      ),
    );
    expect(fake.ofType('fillCodeInPage')).toHaveLength(2);
  });

  it('offers the in-field button for the web site under the popup, off by default, and only there', async () => {
    await mount({}, fakeSend(), 'https://shop.example/signup');
    const toggle = root.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(toggle.closest('label')?.textContent).toBe(
      'Show the Mayfly button in email fields on shop.example',
    );
    expect(toggle.checked).toBe(false);

    render(null, root);
    await mount({}, fakeSend(), 'chrome://newtab/');
    expect(root.querySelector('input[role="switch"]')).toBeNull();
  });

  it('opens a message with getMessage and hides downloads where the provider has no attachments', async () => {
    const mb = mailbox();
    const msg = message({
      attachments: [{ filename: 'a.pdf', size: 2048, url: 'https://x/a', auth: 'none' }],
    });
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [msg]);
    const fake = fakeSend({ getMessage: () => msg });
    await mount({ tempmailg: { ...RICH, hasAttachments: false } }, fake);
    await openFirstMessage();
    expect(fake.ofType('getMessage')[0]?.data).toEqual({ mailboxId: mb.id, messageId: 'm1' });
    expect(root.querySelector('#reader-subject')?.textContent).toBe('Your code');
    expect(root.querySelector('a[href^="reader.html"]')?.getAttribute('href')).toBe(
      `reader.html?mailbox=${encodeURIComponent(mb.id)}&message=m1`,
    );
    expect(() => button('Download a.pdf')).toThrow();
  });

  it('tells on the card when the service ignored the name asked for', async () => {
    const mb = mailbox({ address: 'a1b2c3683c40c0@theeyeoftruth.com', ignoredName: 'joe' });
    await mailboxesItem.setValue([mb]);
    setTestLocale('ar');
    await mount({ tempmailg: RICH });
    expect(root.querySelector('[data-name-ignored]')?.textContent).toBe(
      'لم تقبل الخدمة الاسم «joe» وأعطتك a1b2c3683c40c0@theeyeoftruth.com بدلًا منه.',
    );
  });

  it('says so when a mail could not be fully read, and still shows what arrived', async () => {
    const mb = mailbox();
    const raw = message({ id: 'raw-1', subject: '', malformed: true, text: '{"body": {"code": "424242"}}' });
    await mailboxesItem.setValue([mb]);
    await storeInbox(mb.id, [raw]);
    setTestLocale('nb');
    await mount({ tempmailg: RICH }, fakeSend({ getMessage: () => raw }));
    expect(root.querySelector('.messages .subject')?.textContent).toBe(
      '(e-post Mayfly ikke klarte å lese helt)',
    );
    await openFirstMessage();
    expect(root.querySelector('[data-malformed]')?.textContent).toMatch(/tatt vare på slik den kom/);
  });

  it('shows a failed "Check now" once when it is the poll failure the background stored', async () => {
    const mb = mailbox();
    const failure: SerializedAppError = {
      name: 'AppError',
      kind: 'server',
      message: 'down',
      details: { status: 502 },
    };
    await mailboxesItem.setValue([mb]);
    await pollStateItem.setValue({ [mb.id]: { failures: 1, primed: true, lastError: failure } });
    const fake = fakeSend({
      refresh: () => {
        throw failure;
      },
    });
    const { popup } = await mount({ tempmailg: RICH }, fake);
    await act(() => popup.refresh());
    expect(popup.actionError.value).toEqual(failure);
    expect(root.querySelectorAll('.notice-error')).toHaveLength(1);
  });

  it('offers a way to Options when the key was refused', async () => {
    await mailboxesItem.setValue([mailbox()]);
    await accountStateItem.setValue({ tempmailg: { authPaused: true, authNotified: true } });
    const { onOpenOptions } = await mount({ tempmailg: RICH });
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('API key was refused');
    await click(root.querySelector<HTMLButtonElement>('[role="alert"] button')!);
    expect(onOpenOptions).toHaveBeenCalled();
  });

  it('tries another domain for a mailbox made for a site, then shows the new one and where it went', async () => {
    const refused = mailbox({ address: 'old@lol.test', site: 'shop.example' });
    const next = mailbox({ address: 'new@rush.lol.test', site: 'shop.example' });
    await mailboxesItem.setValue([refused]);
    const fake = fakeSend({
      tryOtherDomain: async () => {
        // The background stores the new mailbox (newest first) and answers.
        await mailboxesItem.setValue([next, refused]);
        return { mailbox: next, filled: true };
      },
    });
    await mount({}, fake);
    await click(button('Site refused it? Try another domain'));
    expect(fake.ofType('tryOtherDomain')[0]?.data).toEqual({ mailboxId: refused.id });
    await vi.waitFor(() => expect(root.querySelector('.card .address')?.textContent).toBe(next.address));
    expect(root.querySelector('.card [role="status"]')?.textContent).toBe(
      'A new address on another domain is in the page now.',
    );

    // A mailbox made without a site has nothing to retry.
    render(null, root);
    await mailboxesItem.setValue([mailbox({ address: 'plain@lol.test' })]);
    await mount({});
    expect(() => button('Site refused it? Try another domain')).toThrow();
  });

  it("offers the other keyless provider for a site's TempMail.lol address, and none for a keyed one", async () => {
    const refused = mailbox({
      id: 'tempmail-lol:old@lol.test',
      provider: 'tempmail-lol',
      address: 'old@lol.test',
      site: 'shop.example',
    });
    const next = mailbox({ id: 'mailtm:new@mailtm.test', provider: 'mailtm', address: 'new@mailtm.test' });
    await mailboxesItem.setValue([refused]);
    const fake = fakeSend({
      tryOtherDomain: async () => {
        await mailboxesItem.setValue([{ ...next, site: 'shop.example' }, refused]);
        return { mailbox: next, filled: false };
      },
    });
    await mount({}, fake);
    await click(button('Try Mail.tm instead'));
    expect(fake.ofType('tryOtherDomain')[0]?.data).toEqual({ mailboxId: refused.id, otherProvider: true });
    await vi.waitFor(() => expect(root.querySelector('.card .address')?.textContent).toBe(next.address));
    // On the Mail.tm address the offer leads back to TempMail.lol.
    expect(button('Try TempMail.lol instead')).toBeTruthy();

    render(null, root);
    await mailboxesItem.setValue([mailbox({ address: 'keyed@mayfly-g.test', site: 'shop.example' })]);
    await mount({});
    expect(() => button(/^Try .* instead$/)).toThrow();
  });

  it('picks the provider for one custom address, one level down, and forgets it when the form closes', async () => {
    const fake = fakeSend({
      listDomains: async ({ provider }: { provider: ProviderId }) =>
        provider === 'mailtm' ? [{ domain: 'mailtm.test', tier: 'free' }] : [{ domain: 'lol.test' }],
      createMailbox: async (data: { provider?: ProviderId }) =>
        mailbox({ id: `${data.provider}:x@mailtm.test`, provider: data.provider!, address: 'x@mailtm.test' }),
    });
    await mount({ 'tempmail-lol': MAILTM_CAPABILITIES, mailtm: MAILTM_CAPABILITIES }, fake);
    expect(root.querySelector('#create-provider')).toBeNull();
    await click(button('Choose name'));
    const select = root.querySelector<HTMLSelectElement>('#create-provider')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['TempMail.lol', 'Mail.tm', 'Mail.gw']);
    expect(select.labels?.[0]?.textContent).toBe('Provider');
    await act(() => {
      select.value = 'mailtm';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() =>
      expect(fake.ofType('listDomains').map((c) => (c.data as { provider: string }).provider)).toContain(
        'mailtm',
      ),
    );
    await click(button('Create this address'));
    await vi.waitFor(() => expect(fake.ofType('createMailbox')).toHaveLength(1));
    expect(fake.ofType('createMailbox')[0]?.data).toMatchObject({ provider: 'mailtm' });
    // The one-off choice is gone with the form: opened again, it starts from the provider in Options.
    await vi.waitFor(() => expect(root.querySelector('#create-provider')).toBeNull());
    await click(button('Choose name'));
    expect(root.querySelector<HTMLSelectElement>('#create-provider')!.value).toBe('tempmail-lol');
  });

  it('shows an expired mailbox clearly with one click to a new one', async () => {
    await mailboxesItem.setValue([mailbox({ expired: true })]);
    const { fake } = await mount({ tempmailg: RICH });
    expect(root.querySelector('.expired-text')?.textContent).toBe('Expired');
    await click(root.querySelector<HTMLButtonElement>('.card .notice button')!);
    expect(fake.ofType('createMailbox')).toHaveLength(1);
  });

  it('speaks Arabic right to left', async () => {
    setTestLocale('ar');
    const lang = uiLanguage();
    applyDocumentSetup(document.documentElement, lang, textDirection(lang), 'dark');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await mount({});
    expect(root.textContent).toContain('عنوان جديد');
  });
});
