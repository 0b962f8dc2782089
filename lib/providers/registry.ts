import type { ProviderId } from '../core/types';
import type { ProviderRuntime } from './http';
import { MAILTM_CAPABILITIES, MailTmProvider } from './mailtm';
import { SELFHOSTED_CAPABILITIES, SelfHostedProvider } from './selfhosted';
import { TempmailLolProvider, tempmailLolCapabilities } from './tempmail-lol';
import { TEMPMAILG_CAPABILITIES, TempmailgProvider } from './tempmailg';
import type { ProviderCapabilities, ProviderConfig, TempMailProvider } from './types';
import { normalizeProviderBaseUrl } from './url';

/**
 * The provider for `id`, speaking to `config.baseUrl` with `config.apiKey`. Cheap to build (no I/O), so
 * build one per task; a bad base URL surfaces as an AppError 'misconfigured' on the first call.
 * `runtime` is a test seam (clock, retry delay); production code leaves it out.
 */
export function createProvider(
  id: ProviderId,
  config: ProviderConfig,
  runtime: ProviderRuntime = {},
): TempMailProvider {
  // An address saved before normalising on save (or pasted from docs) still reaches the API.
  config = { ...config, baseUrl: normalizeProviderBaseUrl(id, config.baseUrl) };
  switch (id) {
    case 'tempmailg':
      return new TempmailgProvider(config, runtime);
    case 'selfhosted':
      return new SelfHostedProvider(config, runtime);
    case 'tempmail-lol':
      return new TempmailLolProvider(config, runtime);
    case 'mailtm':
    case 'mailgw':
      return new MailTmProvider(id, config, runtime);
  }
}

/**
 * What a provider can do, without building one. For TempMail.lol this follows the API generation in the
 * settings when given (v1 can take a domain but no name, and has no delete; seed 004), else v2; the free
 * tier either way. An instance's own `capabilities` also reflect its key (e.g. no local deadline).
 */
export function capabilitiesOf(
  id: ProviderId,
  settings: { tempmailLolApi?: 'v1' | 'v2' } = {},
): ProviderCapabilities {
  switch (id) {
    case 'tempmailg':
      return TEMPMAILG_CAPABILITIES;
    case 'selfhosted':
      return SELFHOSTED_CAPABILITIES;
    case 'tempmail-lol':
      return tempmailLolCapabilities(settings.tempmailLolApi ?? 'v2', false);
    case 'mailtm':
    case 'mailgw':
      return MAILTM_CAPABILITIES;
  }
}
