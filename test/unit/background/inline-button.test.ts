import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import {
  INLINE_BUTTON_SCRIPT,
  INLINE_BUTTON_SCRIPT_ID,
  NEW_ADDRESS_INTERVAL_MS,
  activeSites,
  createInlineButtonHandlers,
  syncInlineButtonScript,
} from '../../../lib/background/inline-button';
import type { Mailbox } from '../../../lib/core/types';
import {
  DEFAULT_SETTINGS,
  dismissedSitesItem,
  mailboxesItem,
  settingsItem,
  siteMemoryItem,
} from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const mailbox = (address: string, extra: Partial<Mailbox> = {}): Mailbox => ({
  id: `tempmail-lol:${address}`,
  provider: 'tempmail-lol',
  address,
  domain: 'lol.test',
  createdAt: 1,
  expiresAt: null,
  expired: false,
  ...extra,
});

/** A content script's sender on `url`, as the browser describes it. */
const fromPage = (url: string, extra: Partial<Browser.runtime.MessageSender> = {}) =>
  ({
    id: fakeBrowser.runtime.id,
    tab: { id: 4 },
    frameId: 0,
    url,
    ...extra,
  }) as Browser.runtime.MessageSender;

async function enable(...sites: string[]): Promise<void> {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineButtonSites: sites });
}

describe('inline button handlers', () => {
  let clock: number;
  let created: string[];
  /** Each fill the handlers asked for: the address and the frame it goes to. */
  let fills: [string, { tabId: number; frameId: number; url: string }][];
  const onAddressUsed = vi.fn(async (_mb: Mailbox) => undefined);
  const handlers = () =>
    createInlineButtonHandlers({
      onAddressUsed,
      now: () => clock,
      create: async (site) => {
        created.push(site);
        return mailbox(`new${created.length}@lol.test`, { site });
      },
      fill: async (address, where) => {
        fills.push([address, where]);
        return true;
      },
    });

  beforeEach(() => {
    resetBackgroundWorld();
    clock = 1_000_000;
    created = [];
    fills = [];
    onAddressUsed.mockClear();
  });

  it("answers mode 'site' with the sender's own site address only, and says when there is none", async () => {
    await enable('shop.example', 'other.example');
    await mailboxesItem.setValue([mailbox('shop@lol.test'), mailbox('other@lol.test')]);
    await siteMemoryItem.setValue({
      'shop.example': 'tempmail-lol:shop@lol.test',
      'other.example': 'tempmail-lol:other@lol.test',
    });
    const h = handlers();
    await expect(h.requestAddress({ mode: 'site' }, fromPage('https://shop.example/login'))).resolves.toEqual(
      {
        address: 'shop@lol.test',
      },
    );
    await enable('fresh.example');
    await expect(h.requestAddress({ mode: 'site' }, fromPage('https://fresh.example/'))).resolves.toEqual({
      error: 'none',
    });
    expect(created).toEqual([]);
    // Asking only labels the button: nothing is filled.
    expect(fills).toEqual([]);
  });

  it("heats the site's mailbox when a click fills it ('use-site'), not when the button only asks", async () => {
    await enable('shop.example');
    await mailboxesItem.setValue([mailbox('shop@lol.test')]);
    await siteMemoryItem.setValue({ 'shop.example': 'tempmail-lol:shop@lol.test' });
    const h = handlers();
    const login = fromPage('https://shop.example/login');
    await h.requestAddress({ mode: 'site' }, login);
    expect(onAddressUsed).not.toHaveBeenCalled();
    await expect(h.requestAddress({ mode: 'use-site' }, login)).resolves.toEqual({
      address: 'shop@lol.test',
    });
    expect(onAddressUsed.mock.calls.map(([mb]) => mb.address)).toEqual(['shop@lol.test']);
    // Clicks in quick succession still fill, but heat once per interval.
    await h.requestAddress({ mode: 'use-site' }, login);
    expect(onAddressUsed).toHaveBeenCalledTimes(1);
    clock += NEW_ADDRESS_INTERVAL_MS;
    await h.requestAddress({ mode: 'use-site' }, login);
    expect(onAddressUsed).toHaveBeenCalledTimes(2);
    expect(created).toEqual([]);
    // Each click's address goes into the clicked field of the sender's own frame.
    const frame = { tabId: 4, frameId: 0, url: 'https://shop.example/login' };
    expect(fills).toEqual([
      ['shop@lol.test', frame],
      ['shop@lol.test', frame],
      ['shop@lol.test', frame],
    ]);
  });

  it("says the site's address expired instead of handing it out", async () => {
    await enable('shop.example');
    await mailboxesItem.setValue([mailbox('old@lol.test', { expiresAt: clock - 1 })]);
    await siteMemoryItem.setValue({ 'shop.example': 'tempmail-lol:old@lol.test' });
    await expect(
      handlers().requestAddress({ mode: 'site' }, fromPage('https://shop.example/login')),
    ).resolves.toEqual({ error: 'expired' });
  });

  it("makes a new mailbox for the sender's hostname, at most one per site per interval", async () => {
    await enable('shop.example', 'news.example');
    const h = handlers();
    const shop = fromPage('https://shop.example/signup');
    await expect(h.requestAddress({ mode: 'new' }, shop)).resolves.toEqual({ address: 'new1@lol.test' });
    await expect(h.requestAddress({ mode: 'new' }, shop)).resolves.toEqual({ error: 'rate-limited' });
    // Another site has its own allowance.
    await expect(h.requestAddress({ mode: 'new' }, fromPage('https://news.example/'))).resolves.toEqual({
      address: 'new2@lol.test',
    });
    clock += NEW_ADDRESS_INTERVAL_MS;
    await expect(h.requestAddress({ mode: 'new' }, shop)).resolves.toEqual({ address: 'new3@lol.test' });
    expect(created).toEqual(['shop.example', 'news.example', 'shop.example']);
    // Only addresses that were made are filled, each into the frame that asked (a refused click fills none).
    expect(fills.map(([address, where]) => [address, where.url])).toEqual([
      ['new1@lol.test', 'https://shop.example/signup'],
      ['new2@lol.test', 'https://news.example/'],
      ['new3@lol.test', 'https://shop.example/signup'],
    ]);
  });

  it('refuses sites that are not enabled or were dismissed', async () => {
    await enable('shop.example', 'gone.example');
    await dismissedSitesItem.setValue(['gone.example']);
    const h = handlers();
    await expect(h.requestAddress({ mode: 'new' }, fromPage('https://evil.example/'))).rejects.toMatchObject({
      kind: 'blocked',
    });
    await expect(h.requestAddress({ mode: 'new' }, fromPage('https://gone.example/'))).rejects.toMatchObject({
      kind: 'blocked',
    });
    expect(created).toEqual([]);
  });

  it('refuses unknown senders and malformed requests', async () => {
    await enable('shop.example');
    const h = handlers();
    const page = 'https://shop.example/';
    const refusals = [
      h.requestAddress({ mode: 'new' }, fromPage(page, { id: 'another-extension' })),
      h.requestAddress({ mode: 'new' }, fromPage(page, { tab: undefined })),
      h.requestAddress({ mode: 'new' }, fromPage('chrome-extension://x/popup.html')),
      h.requestAddress({ mode: 'all' }, fromPage(page)),
      h.requestAddress(null, fromPage(page)),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toMatchObject({ kind: 'blocked' });
    expect(created).toEqual([]);
    expect(fills).toEqual([]);
  });

  it('remembers a dismissal once, for the sender site only', async () => {
    await enable('shop.example');
    const h = handlers();
    await h.dismissInlineButton(fromPage('https://shop.example/a'));
    await h.dismissInlineButton(fromPage('https://shop.example/b'));
    expect(await dismissedSitesItem.getValue()).toEqual(['shop.example']);
    await expect(h.dismissInlineButton(fromPage('https://other.example/'))).rejects.toMatchObject({
      kind: 'blocked',
    });
  });

  it('keeps both dismissals when two sites dismiss at the same time', async () => {
    await enable('shop.example', 'news.example');
    const h = handlers();
    await Promise.all([
      h.dismissInlineButton(fromPage('https://shop.example/')),
      h.dismissInlineButton(fromPage('https://news.example/')),
    ]);
    expect([...(await dismissedSitesItem.getValue())].sort()).toEqual(['news.example', 'shop.example']);
  });
});

describe('activeSites', () => {
  it('drops dismissed, empty and duplicate sites, case-insensitively', () => {
    expect(
      activeSites(['Shop.example', 'shop.example', ' ', 'b.example', 'c.example'], ['C.example']),
    ).toEqual(['shop.example', 'b.example']);
  });
});

describe('syncInlineButtonScript', () => {
  let registered: { id: string; matches?: string[]; js?: string[] }[];

  beforeEach(() => {
    resetBackgroundWorld();
    registered = [];
    const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
    scripting.getRegisteredContentScripts = vi.fn(async ({ ids }: { ids: string[] }) =>
      registered.filter((s) => ids.includes(s.id)),
    );
    scripting.registerContentScripts = vi.fn(async (scripts: typeof registered) => {
      registered.push(...scripts);
    });
    scripting.updateContentScripts = vi.fn(async (scripts: typeof registered) => {
      for (const s of scripts) Object.assign(registered.find((r) => r.id === s.id)!, s);
    });
    scripting.unregisterContentScripts = vi.fn(async ({ ids }: { ids: string[] }) => {
      registered = registered.filter((s) => !ids.includes(s.id));
    });
    // Granted: shop.example over https only, and b.example over both schemes.
    const granted = new Set(['https://shop.example/*', 'http://b.example/*', 'https://b.example/*']);
    (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = vi.fn(
      async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    );
  });

  it('registers the script for enabled, granted, not dismissed sites, then follows changes', async () => {
    await enable('shop.example', 'ungranted.example');
    await syncInlineButtonScript();
    expect(registered).toEqual([
      expect.objectContaining({
        id: INLINE_BUTTON_SCRIPT_ID,
        js: [INLINE_BUTTON_SCRIPT],
        matches: ['https://shop.example/*'],
      }),
    ]);

    await enable('shop.example', 'b.example');
    await syncInlineButtonScript();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.matches).toEqual([
      'https://shop.example/*',
      'http://b.example/*',
      'https://b.example/*',
    ]);

    await dismissedSitesItem.setValue(['shop.example', 'b.example']);
    await syncInlineButtonScript();
    expect(registered).toEqual([]);
  });
});
