import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pollStateItem, settingsItem } from '../../../lib/storage/items';

describe('storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('hands out a fresh fallback each time, so editing a read value never leaks', async () => {
    const first = await pollStateItem.getValue();
    first['x'] = { failures: 1, primed: true };
    expect(await pollStateItem.getValue()).toEqual({});
    const s = await settingsItem.getValue();
    s.baseUrls.selfhosted = 'https://changed.example/api.php';
    expect((await settingsItem.getValue()).baseUrls.selfhosted).toBe('');
  });

  it('defaults to TempMail.lol, which needs no key', async () => {
    expect((await settingsItem.getValue()).provider).toBe('tempmail-lol');
  });
});
