import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fillNewAddress } from '../../../lib/background/fill-in-page';
import { DEFAULT_SETTINGS, mailboxesItem, settingsItem } from '../../../lib/storage/items';
import { setTestLocale } from '../setup-i18n';
import { resetBackgroundWorld } from './setup';
import { loadStringTable } from '../../../lib/i18n/load-node';

const strings = loadStringTable();

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
});
