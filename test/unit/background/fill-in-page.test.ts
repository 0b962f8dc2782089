import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fillNewAddress, fillOtherProvider } from '../../../lib/background/fill-in-page';
import { DEFAULT_SETTINGS, mailboxesItem, settingsItem } from '../../../lib/storage/items';
import { setTestLocale } from '../setup-i18n';
import { resetBackgroundWorld } from './setup';
import { loadTextTable } from '../../../lib/i18n/load-node';

const strings = loadTextTable();

describe('fillNewAddress', () => {
  beforeEach(resetBackgroundWorld);

  it("says why no address was made in the person's language, and makes nothing", async () => {
    setTestLocale('nb');
    // Self-hosted with no api.php address: creation fails before any request.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'selfhosted' });
    const notify = vi.fn(async (_title: string, _message: string) => undefined);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    // The injection that runs alongside: the test waits for it to settle rather than for a time.
    const injections: Promise<unknown>[] = [];
    const execute = fakeBrowser.scripting.executeScript.bind(fakeBrowser.scripting);
    const spy = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    spy.mockImplementation((...args) => {
      const run = Promise.resolve().then(() => execute(...args));
      injections.push(run);
      return run as never;
    });
    try {
      const made = await fillNewAddress(
        { tabId: 1, frameId: 0, url: 'https://shop.example/signup', target: 'context-menu' },
        { notify },
      );
      expect(injections).toHaveLength(1);
      await Promise.allSettled(injections);
      // Node reports an unhandled rejection after the microtasks of the turn it happened in.
      await new Promise((r) => setImmediate(r));
      expect(made).toBeNull();
      expect(notify.mock.calls).toEqual([[strings.bgFillFailedTitle!.nb, strings.errorsMisconfigured!.nb]]);
      expect(await mailboxesItem.getValue()).toEqual([]);
      // The script injection that ran alongside (and fails here) is not left as an unhandled rejection.
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      vi.restoreAllMocks();
    }
  });

  it('offers the other keyless provider when this one is blocked on the network, and fills there on request', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      calls.push(new URL(url).host);
      return new Response(
        '<html><head><title>Access denied</title></head><body>blocked in your region</body></html>',
        {
          status: 403,
          headers: { 'Content-Type': 'text/html' },
        },
      );
    });
    try {
      await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmail-lol' });
      const notify = vi.fn(async (_title: string, _message: string) => undefined);
      const offerOtherProvider = vi.fn(async () => undefined);
      const where = {
        tabId: 1,
        frameId: 0,
        url: 'https://shop.example/signup',
        target: 'context-menu',
      } as const;
      expect(await fillNewAddress(where, { notify, offerOtherProvider })).toBeNull();
      expect(notify).not.toHaveBeenCalled();
      expect(offerOtherProvider).toHaveBeenCalledTimes(1);
      expect(offerOtherProvider.mock.calls[0]).toEqual([
        where,
        strings.bgFillFailedTitle!.en,
        expect.any(String),
        'Mail.tm',
      ]);

      // Taking the offer asks Mail.tm; when that fails too, the failure is only said (no offer in a loop).
      calls.length = 0;
      expect(await fillOtherProvider(where, { notify, offerOtherProvider })).toBeNull();
      expect(calls.every((host) => host === 'api.mail.tm')).toBe(true);
      expect(calls.length).toBeGreaterThan(0);
      expect(offerOtherProvider).toHaveBeenCalledTimes(1);
      expect(notify).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
