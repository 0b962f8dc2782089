import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../lib/core/types';
import { createProvider } from '../../../lib/providers/registry';
import { normalizeProviderBaseUrl } from '../../../lib/providers/url';
import { fakeFetch, jsonResponse } from './fake-fetch';

describe('normalizeProviderBaseUrl: the forms people paste', () => {
  it.each<[ProviderId, string, string]>([
    ['tempmail-lol', 'https://api.tempmail.lol', 'https://api.tempmail.lol'],
    ['tempmail-lol', 'https://api.tempmail.lol/', 'https://api.tempmail.lol'],
    ['tempmail-lol', ' https://api.tempmail.lol/v2 ', 'https://api.tempmail.lol'],
    ['tempmail-lol', 'https://api.tempmail.lol/v2/', 'https://api.tempmail.lol'],
    ['tempmail-lol', 'https://api.tempmail.lol/v1', 'https://api.tempmail.lol'],
    ['tempmail-lol', 'https://api.tempmail.lol/v2/inbox/create', 'https://api.tempmail.lol'],
    ['tempmail-lol', 'https://proxy.example/tempmail/v2?x=1', 'https://proxy.example/tempmail'],
    ['tempmailg', 'https://v1.tempmailg.com/api', 'https://v1.tempmailg.com/api'],
    ['tempmailg', 'https://v1.tempmailg.com/api/', 'https://v1.tempmailg.com/api'],
    ['tempmailg', 'https://v1.tempmailg.com', 'https://v1.tempmailg.com/api'],
    ['tempmailg', 'https://v1.tempmailg.com/', 'https://v1.tempmailg.com/api'],
    ['tempmailg', 'https://v1.tempmailg.com/api/domains?type=free', 'https://v1.tempmailg.com/api'],
    ['tempmailg', 'https://panel.example/user-api', 'https://panel.example/user-api'],
    ['selfhosted', 'https://example.org/api.php', 'https://example.org/api.php'],
    ['selfhosted', 'https://example.org/api.php/', 'https://example.org/api.php'],
    [
      'selfhosted',
      'https://example.org/mail/api.php/generate?username=x',
      'https://example.org/mail/api.php',
    ],
    ['selfhosted', 'not a url', 'not a url'],
  ])('%s %j -> %j', (provider, typed, used) => {
    expect(normalizeProviderBaseUrl(provider, typed)).toBe(used);
  });

  it('a TempMail.lol base pasted with /v2 reaches /v2/stats, not /v2/v2/stats', async () => {
    const server = fakeFetch(() => jsonResponse(200, { emails_received: 1, clients_connected: 0 }));
    await createProvider('tempmail-lol', {
      baseUrl: 'https://api.tempmail.lol/v2',
      fetch: server.fetch,
    }).probe();
    expect(server.requests[0]!.url).toBe('https://api.tempmail.lol/v2/stats');
  });

  it('a bare tempmailg host reaches /api/domains', async () => {
    const server = fakeFetch(() =>
      jsonResponse(200, { status: true, data: { allowed_types: ['free'], domains: [{ domain: 'a.test' }] } }),
    );
    await createProvider('tempmailg', {
      baseUrl: 'https://v1.tempmailg.com',
      apiKey: 'k',
      fetch: server.fetch,
    }).probe();
    expect(server.requests[0]!.url).toBe('https://v1.tempmailg.com/api/domains?type=free');
  });
});
