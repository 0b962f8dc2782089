import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { mailboxesItem } from '../../../lib/storage/items';
import { inboxKey } from '../../../lib/storage/keys';
import { popupPrefetch, startPopupPrefetch, type RawStorage } from '../../../lib/ui/models/storage-prefetch';

// Runs in the 'unit-isolated' project: starting the prefetch sets module state (the reads the popup's storage
// view takes) that other files sharing a module graph must not inherit.

beforeEach(() => {
  fakeBrowser.reset();
});

describe('starting the popup prefetch', () => {
  // First: the tests share this file's module state, and nothing has been started yet.
  it('starts nothing where the page has no storage API', () => {
    startPopupPrefetch({});
    startPopupPrefetch({ browser: {}, chrome: {} });
    expect(popupPrefetch()).toBeUndefined();
  });

  it("reads through the browser's own storage API at once, and hands those reads to the popup", async () => {
    const a = { id: 'tempmail-lol:a@x.test' };
    await mailboxesItem.setValue([a] as never);
    await storage.setItem(inboxKey(a.id), [{ id: 'first' }]);
    const own = fakeBrowser.storage as unknown as RawStorage;
    const get = vi.spyOn(own.local, 'get');
    expect(popupPrefetch()).toBeUndefined();
    // Chrome MV3 has `chrome` (Firefox has `browser`); the polyfill module has not run yet.
    startPopupPrefetch({ chrome: { storage: own } });
    expect(get).toHaveBeenCalledTimes(1); // at once, not after a tick
    expect(await popupPrefetch()!.take(inboxKey(a.id))).toEqual({ value: [{ id: 'first' }] });
    expect(get).toHaveBeenCalledTimes(2);
  });
});
