import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { prefetchPopupState, type RawStorage } from '../../../lib/ui/models/storage-prefetch';
import {
  browserStorageReader,
  createStorageView,
  type BrowserStorage,
} from '../../../lib/ui/models/storage-view';
import { mailboxesItem, activeMailboxItem } from '../../../lib/storage/items';
import { inboxKey } from '../../../lib/storage/keys';

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

const rawStorage = () => fakeBrowser.storage as unknown as RawStorage;
/** The reader the popup uses, over the in-memory browser. */
const reader = () => browserStorageReader(fakeBrowser.storage as unknown as BrowserStorage);

describe('storage view (the popup reads storage in one round trip per step)', () => {
  it('sends reads issued in the same tick as one storage.local.get, and applies fallbacks', async () => {
    await storage.setItem('local:settings', { theme: 'dark' });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const view = createStorageView(reader());
    const [settings, mailboxes, active] = await Promise.all([
      view.item('local:settings', () => ({ theme: 'system' })).getValue(),
      view.item('local:mailboxes', () => ['fallback']).getValue(),
      view.item<string | null>('local:activeMailbox', () => null).getValue(),
    ]);
    expect(settings).toEqual({ theme: 'dark' });
    expect(mailboxes).toEqual(['fallback']);
    expect(active).toBeNull();
    expect(get).toHaveBeenCalledTimes(1);
    expect(get.mock.calls[0]![0]).toEqual(['settings', 'mailboxes', 'activeMailbox']);
  });

  it('reads again in a later tick, and a failed read fails every value of its batch', async () => {
    const view = createStorageView(reader());
    const item = view.item('local:quota', () => ({}));
    await storage.setItem('local:quota', { a: 1 });
    expect(await item.getValue()).toEqual({ a: 1 });
    await storage.setItem('local:quota', { a: 2 });
    expect(await item.getValue()).toEqual({ a: 2 });

    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage gone'));
    const both = [item.getValue(), view.item('local:pollState', () => ({})).getValue()];
    await expect(Promise.all(both)).rejects.toThrow('storage gone');
    await expect(both[1]).rejects.toThrow('storage gone');
  });

  it('watches a key and hands the fallback out when it is removed', async () => {
    const view = createStorageView(reader());
    const seen: unknown[] = [];
    const stop = view.item('local:mailboxes', () => []).watch((v) => seen.push(v));
    await storage.setItem('local:mailboxes', [{ id: 'a' }]);
    await storage.removeItem('local:mailboxes');
    stop();
    await storage.setItem('local:mailboxes', [{ id: 'b' }]);
    expect(seen).toEqual([[{ id: 'a' }], []]);
  });
});

describe('popup prefetch (reads started before the rest of the popup is evaluated)', () => {
  const a = { id: 'tempmail-lol:a@x.test' };
  const b = { id: 'tempmail-lol:b@x.test' };

  it("reads the state, then the shown mailbox's summaries, and answers the view without asking again", async () => {
    await mailboxesItem.setValue([a, b] as never);
    await activeMailboxItem.setValue(b.id);
    await storage.setItem(inboxKey(b.id), [{ id: 'm1' }]);
    await storage.setItem(inboxKey(a.id), [{ id: 'other' }]);
    const prefetched = prefetchPopupState(rawStorage());
    await prefetched.take('local:quota').then(() => undefined); // let the early reads finish
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const view = createStorageView(reader(), prefetched);
    expect(await view.item(inboxKey(b.id), () => []).getValue()).toEqual([{ id: 'm1' }]);
    expect(await view.item('local:activeMailbox', () => null).getValue()).toBe(b.id);
    expect(get).not.toHaveBeenCalled();
    // Another mailbox's summaries were not read early: the view reads them.
    expect(await view.item(inboxKey(a.id), () => []).getValue()).toEqual([{ id: 'other' }]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('shows the first mailbox when none is active, as the popup model does', async () => {
    await mailboxesItem.setValue([a, b] as never);
    await storage.setItem(inboxKey(a.id), [{ id: 'first' }]);
    const prefetched = prefetchPopupState(rawStorage());
    expect(await prefetched.take(inboxKey(a.id))).toEqual({ value: [{ id: 'first' }] });
  });

  it('never hands out a value that changed after it was read, nor one value twice', async () => {
    await mailboxesItem.setValue([a] as never);
    const prefetched = prefetchPopupState(rawStorage());
    expect(await prefetched.take('local:quota')).toEqual({ value: null });
    expect(await prefetched.take('local:quota')).toBe('miss');
    await mailboxesItem.setValue([a, b] as never);
    expect(await prefetched.take('local:mailboxes')).toBe('miss');
    const view = createStorageView(reader(), prefetched);
    expect(await view.item('local:mailboxes', () => []).getValue()).toEqual([a, b]);
  });

  it('costs nothing when the early read fails: every key is read as usual', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('not yet'));
    const prefetched = prefetchPopupState(rawStorage());
    await storage.setItem('local:activeMailbox', 'x');
    expect(await prefetched.take('local:activeMailbox')).toBe('miss');
    const view = createStorageView(reader(), prefetched);
    expect(await view.item('local:activeMailbox', () => null).getValue()).toBe('x');
  });
});
