import { AppError } from '../core/errors';
import type { ProviderId } from '../core/types';
import { createProvider } from '../providers/registry';
import type { ProviderConfig, TempMailProvider } from '../providers/types';
import { settingsItem, type Settings } from '../storage/items';
import { getApiKey } from '../storage/secrets';
import { DEFAULT_BASE_URLS } from '../core/settings';

/** Builds the provider client for `id` from the saved settings and key. Clients are cheap and not cached. */
export async function providerFor(id: ProviderId, settings?: Settings): Promise<TempMailProvider> {
  const s = settings ?? (await settingsItem.getValue());
  return createProvider(id, await providerConfig(id, s));
}

export async function providerConfig(id: ProviderId, s: Settings): Promise<ProviderConfig> {
  // Settings saved before a provider existed have no address for it: its default then.
  const baseUrl = s.baseUrls[id]?.trim() || DEFAULT_BASE_URLS[id];
  if (!baseUrl) {
    throw new AppError('misconfigured', 'No API address is set for this provider. Add it in Options.');
  }
  // The key goes only to the origin it was saved for: a base URL changed behind Options' back gets none.
  const apiKey = await getApiKey(id, baseUrl);
  return { baseUrl, ...(apiKey ? { apiKey } : {}), tempmailLolApi: s.tempmailLolApi };
}
