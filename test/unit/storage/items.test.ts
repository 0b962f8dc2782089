import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagesItem, settingsItem } from '../../../lib/storage/items';

describe('storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('hands out a fresh fallback each time, so editing a read value never leaks', async () => {
    const first = await messagesItem.getValue();
    first['x'] = [];
    expect(await messagesItem.getValue()).toEqual({});
    const s = await settingsItem.getValue();
    s.baseUrls.selfhosted = 'https://changed.example/api.php';
    expect((await settingsItem.getValue()).baseUrls.selfhosted).toBe('');
  });

  it('defaults to TempMail.lol, which needs no key', async () => {
    expect((await settingsItem.getValue()).provider).toBe('tempmail-lol');
  });
});

describe('e2e harness defaults', () => {
  it('match the extension defaults (the harness keeps a Node-safe copy)', async () => {
    const { EXTENSION_DEFAULT_SETTINGS } = await import('../../e2e/harness');
    const { DEFAULT_SETTINGS } = await import('../../../lib/storage/items');
    expect(EXTENSION_DEFAULT_SETTINGS).toEqual(DEFAULT_SETTINGS);
  });
});
