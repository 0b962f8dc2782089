// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  activeMailboxItem,
  DEFAULT_SETTINGS,
  mailboxesItem,
  pauseItem,
  settingsItem,
  siteMemoryItem,
} from '../../../lib/storage/items';
import { mountPopup } from './mount-popup';
import type { ProviderId } from '../../../lib/core/types';
import type { ProviderCapabilities } from '../../../lib/providers/types';
import { capabilities, fakeSend, mailbox, message, PLAIN, RICH, storeInbox } from './fixtures';

/** Issue 15 in the popup: pause, pin, search and the single-key shortcuts, over fakeBrowser storage. */

let root: HTMLElement;
const NOW = Date.UTC(2026, 11, 3, 12, 0);

async function mount(
  fake = fakeSend(),
  activeTabUrl?: string,
  caps: Partial<Record<ProviderId, ProviderCapabilities>> = {},
) {
  // The popup looks up the open tab after its first paint; here it is known from the start.
  return mountPopup(root, {
    caps: { 'tempmail-lol': PLAIN, tempmailg: PLAIN, ...caps },
    fake,
    activeTabUrl,
    clock: () => NOW,
    loadSiteFirst: activeTabUrl !== undefined,
  });
}

function button(name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}
const click = (el: HTMLElement) => act(() => el.click());
const press = (target: EventTarget, key: string, code = '') =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
  });
async function type(input: HTMLInputElement, text: string) {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const alpha = mailbox({ address: 'alpha@lol.test' });
const beta = mailbox({ address: 'beta@lol.test', site: 'shop.example' });

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('popup: pause', () => {
  it('the switch offers three choices, sends the one chosen, shows the pause and resumes when pressed again', async () => {
    await mailboxesItem.setValue([alpha]);
    const { fake } = await mount();
    const pause = button('Pause');
    expect(pause.getAttribute('aria-pressed')).toBe('false');
    await click(pause);
    expect(pause.getAttribute('aria-expanded')).toBe('true');
    const group = root.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe('Pause for how long?');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'For 1 hour',
      'Until tomorrow morning',
      'Until I resume',
    ]);
    await click(button('For 1 hour'));
    expect(fake.ofType('pause').map((m) => m.data)).toEqual([{ choice: 'hour' }]);
    // The background stores the pause; the popup follows storage.
    await act(() => pauseItem.setValue({ since: NOW, until: NOW + 3_600_000 }));
    await vi.waitFor(() =>
      expect(root.querySelector('[data-paused]')?.textContent).toContain('Paused until'),
    );
    expect(button('Pause').getAttribute('aria-pressed')).toBe('true');
    await click(button('Pause'));
    expect(fake.ofType('resume')).toHaveLength(1);
  });

  it('an open-ended pause says so; a pause that ran out shows nothing', async () => {
    await mailboxesItem.setValue([alpha]);
    await pauseItem.setValue({ since: NOW - 5, until: null });
    await mount();
    expect(root.querySelector('[data-paused]')?.textContent).toContain('Paused until you resume');
    render(null, root);
    await pauseItem.setValue({ since: NOW - 10, until: NOW - 1 });
    await mount();
    expect(root.querySelector('[data-paused]')).toBeNull();
  });
});

describe('popup: pin and search', () => {
  it('pins a mailbox from its row, and lists pinned mailboxes first', async () => {
    await mailboxesItem.setValue([alpha, { ...beta, pinned: true }]);
    const { fake } = await mount();
    const rows = [...root.querySelectorAll('.mailboxes .address')].map((e) => e.textContent);
    expect(rows).toEqual(['beta@lol.test', 'alpha@lol.test']);
    const pinAlpha = button('Pin alpha@lol.test to the top');
    expect(pinAlpha.getAttribute('aria-pressed')).toBe('false');
    expect(button('Pin beta@lol.test to the top').getAttribute('aria-pressed')).toBe('true');
    await click(pinAlpha);
    expect(fake.ofType('updateMailbox').map((m) => m.data)).toEqual([{ mailboxId: alpha.id, pinned: true }]);
  });

  it('filters addresses and mail as you type, and opens a mail found in another mailbox', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    await activeMailboxItem.setValue(alpha.id);
    await storeInbox(beta.id, [
      message({ id: 'b1', mailboxId: beta.id, subject: 'Confirm your account', code: '551203' }),
    ]);
    const { fake } = await mount(fakeSend({ getMessage: () => message({ id: 'b1', mailboxId: beta.id }) }));
    const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(input.getAttribute('aria-label')).toBe('Search addresses and mail');
    await type(input, 'shop.ex');
    await vi.waitFor(() =>
      expect(root.querySelector('.search-results')?.textContent).toContain('beta@lol.test'),
    );
    // The inbox and the other views give way to the results while a query is typed.
    expect(root.querySelector('.inbox')).toBeNull();
    await type(input, '5512');
    await vi.waitFor(() =>
      expect(root.querySelector('.search-results [data-message-id="b1"]')).not.toBeNull(),
    );
    expect(root.querySelector('.search-results [role="status"]')?.textContent).toBe('Addresses: 0 · Mail: 1');
    await click(root.querySelector<HTMLButtonElement>('.search-results [data-message-id="b1"] button')!);
    expect(fake.ofType('selectMailbox').at(-1)?.data).toEqual({ mailboxId: beta.id });
    await vi.waitFor(() =>
      expect(fake.ofType('getMessage').at(-1)?.data).toEqual({ mailboxId: beta.id, messageId: 'b1' }),
    );
    expect(input.value).toBe('');
  });
});

describe('popup: a long mailbox list', () => {
  it('draws the first 8 other addresses, then all of them when asked, with focus on the first revealed', async () => {
    const many = Array.from({ length: 12 }, (_, i) => mailbox({ address: `box${i}@lol.test` }));
    await mailboxesItem.setValue(many);
    await mount();
    const rows = () => root.querySelectorAll('.mailboxes .list-item');
    expect(rows()).toHaveLength(8);
    await click(button('Show all addresses (4 more)'));
    expect(rows()).toHaveLength(12);
    expect(document.activeElement).toBe(rows()[8]);
    expect(root.querySelector('.mailboxes .show-all')).toBeNull();
  });

  it('draws a list only two rows over the preview whole, with no "Show all"', async () => {
    await mailboxesItem.setValue(
      Array.from({ length: 10 }, (_, i) => mailbox({ address: `b${i}@lol.test` })),
    );
    await mount();
    expect(root.querySelectorAll('.mailboxes .list-item')).toHaveLength(10);
    expect(root.querySelector('.mailboxes .show-all')).toBeNull();
  });
});

describe('popup: this site first', () => {
  it('lists the mailboxes the open site knows first, under its name, and every site of each mailbox', async () => {
    const gamma = mailbox({ address: 'gamma@lol.test' });
    await mailboxesItem.setValue([alpha, beta, gamma]);
    await siteMemoryItem.setValue({
      'shop.example': beta.id,
      'forum.example': gamma.id,
      'news.example': beta.id,
    });
    const props = await mount(fakeSend(), 'https://www.shop.example/signup');
    // The site and the site memory arrive after the first paint.
    props.popup.start();
    await act(() => props.siteButton.load());
    await vi.waitFor(() =>
      expect(root.querySelector('[data-group="this-site"]')?.textContent).toBe('On www.shop.example'),
    );
    const lists = [...root.querySelectorAll('.mailboxes ul')].map((ul) =>
      [...ul.querySelectorAll('.address')].map((e) => e.textContent),
    );
    expect(lists).toEqual([['beta@lol.test'], ['alpha@lol.test', 'gamma@lol.test']]);
    const betaRow = root.querySelector(`[data-mailbox-id="${beta.id}"]`)!;
    expect(betaRow.textContent).toContain('shop.example · news.example');
    props.popup.dispose();
  });
});

describe('popup: a name from the site', () => {
  const nameField = () => root.querySelector<HTMLInputElement>('#create-username')!;

  it('"Choose name" on a site suggests a name from it, shaped to the provider, and the person may change it', async () => {
    const prefix = capabilities({
      customUsername: 'prefix-only',
      usernameRule: { pattern: /^[0-9A-Za-z_-]{1,50}$/, hint: 'prefix' },
    });
    const { fake } = await mount(fakeSend(), 'https://www.shop.example/join', { 'tempmail-lol': prefix });
    await click(button('Choose name'));
    expect(nameField().value).toMatch(/^shop-[a-z2-9]{4}$/);
    expect(root.querySelector('[data-name-from-site]')?.textContent).toBe(
      'Suggested from www.shop.example. Change it as you like.',
    );
    await type(nameField(), 'shop-mine');
    await click(button('Create this address'));
    expect(fake.ofType('createMailbox').at(-1)?.data).toEqual({
      provider: 'tempmail-lol',
      username: 'shop-mine',
    });
  });

  it('only letters and digits where the provider allows no more; nothing suggested off a site', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmailg' });
    await mount(fakeSend({ listDomains: () => [{ domain: 'one.test' }] }), 'https://shop.example/', {
      tempmailg: RICH,
    });
    await click(button('Choose name'));
    expect(nameField().value).toMatch(/^shop[a-z2-9]{4}$/);
    render(null, root);
    await mount(fakeSend({ listDomains: () => [{ domain: 'one.test' }] }), undefined, { tempmailg: RICH });
    await click(button('Choose name'));
    expect(nameField().value).toBe('');
  });
});

describe('popup: keys', () => {
  it('n makes an address, c copies it, / goes to search, arrows walk the list; none while typing', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    const { fake, writeText } = await mount();
    expect(root.querySelector('#keys-help')?.textContent).toContain('n new address');
    await press(document.body, 'n');
    expect(fake.ofType('createMailbox')).toHaveLength(1);
    await press(document.body, 'c');
    expect(writeText).toHaveBeenCalledWith('alpha@lol.test');
    await press(document.body, '/');
    const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(document.activeElement).toBe(input);
    await press(input, 'n');
    await press(input, 'c');
    expect(fake.ofType('createMailbox')).toHaveLength(1);
    expect(writeText).toHaveBeenCalledTimes(1);
    input.blur();
    await press(document.body, 'ArrowDown');
    const rows = [...root.querySelectorAll<HTMLElement>('main .list-item')];
    expect(document.activeElement).toBe(rows[0]);
    await press(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(rows[1]);
    await press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(rows[0]);
    // An Arabic layout types ى on the N key: the key still makes an address.
    await press(document.body, 'ى', 'KeyN');
    expect(fake.ofType('createMailbox')).toHaveLength(2);
  });
});
