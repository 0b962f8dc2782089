import { beforeEach, describe, expect, it } from 'vitest';
import { providerConfig } from '../../../lib/background/provider-access';
import { DEFAULT_BASE_URLS, DEFAULT_SETTINGS, settingsItem } from '../../../lib/storage/items';
import { getApiKey, getApiKeyOrigin, rebindApiKey, setApiKey } from '../../../lib/storage/secrets';
import { resetBackgroundWorld } from '../background/setup';

/** Issue 10, item 2: the API key is sent only to the origin it was saved for. */
describe('API key bound to its origin', () => {
  beforeEach(resetBackgroundWorld);

  const API = 'https://api.mail.example/api';

  it('hands the key out only for the origin it was saved for', async () => {
    await setApiKey('tempmailg', 'secret', API);
    expect(await getApiKey('tempmailg', 'https://api.mail.example/other/path')).toBe('secret');
    expect(await getApiKey('tempmailg', 'https://evil.test/api')).toBeUndefined();
    expect(await getApiKey('tempmailg', 'http://api.mail.example/api')).toBeUndefined();
    expect(await getApiKeyOrigin('tempmailg')).toBe('https://api.mail.example');
  });

  it('sends no key when settings point the provider elsewhere, until the person moves the key', async () => {
    await setApiKey('tempmailg', 'secret', API);
    // What a content script could write into storage.local on Firefox.
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      baseUrls: { ...DEFAULT_SETTINGS.baseUrls, tempmailg: 'https://evil.test/api' },
    });
    const redirected = await providerConfig('tempmailg', await settingsItem.getValue());
    expect(redirected.apiKey).toBeUndefined();

    expect(await rebindApiKey('tempmailg', 'https://evil.test/api')).toBe(true);
    expect((await providerConfig('tempmailg', await settingsItem.getValue())).apiKey).toBe('secret');
    expect(await getApiKey('tempmailg', API)).toBeUndefined();
  });

  it('keeps a key saved before binding valid for the default API only', async () => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('mayfly-secrets', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('secrets');
      open.onsuccess = () => {
        const put = open.result
          .transaction('secrets', 'readwrite')
          .objectStore('secrets')
          .put('legacy', 'apiKey:tempmailg');
        put.onsuccess = () => {
          open.result.close();
          resolve();
        };
        put.onerror = () => reject(put.error);
      };
    });
    expect(await getApiKey('tempmailg', DEFAULT_BASE_URLS.tempmailg)).toBe('legacy');
    expect(await getApiKey('tempmailg', 'https://evil.test/api')).toBeUndefined();
  });
});
