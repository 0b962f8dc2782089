import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../../lib/core/types';
import { POLL_LIMITS } from '../../../lib/core/schedule';
import { capabilitiesOf, createProvider } from '../../../lib/providers/registry';
import { fakeFetch, jsonResponse } from './fake-fetch';

describe('registry', () => {
  it.each(PROVIDER_IDS)('createProvider(%s) builds that provider with its capabilities', (id) => {
    const provider = createProvider(id, { baseUrl: 'https://example.com/api.php' });
    expect(provider.id).toBe(id);
    expect(provider.capabilities).toEqual(capabilitiesOf(id));
    expect(provider.lastRateLimit()).toBeUndefined();
  });

  it('maps the spec capability table', () => {
    expect(capabilitiesOf('tempmailg')).toMatchObject({
      apiKey: 'required',
      canChooseDomain: 'via-rename',
      customUsername: 'via-rename',
      canRename: true,
      messageListIncludesBody: true,
      destructiveRead: false,
      quotaHeaders: true,
    });
    expect(capabilitiesOf('selfhosted')).toMatchObject({
      apiKey: 'none',
      needsBaseUrl: true,
      canChooseDomain: 'no',
      customUsername: 'on-create',
      canDeleteMailbox: false,
      messageListIncludesBody: false,
    });
    expect(capabilitiesOf('selfhosted').usernameRule?.reserved).toHaveLength(13);
    expect(capabilitiesOf('tempmail-lol')).toMatchObject({
      apiKey: 'optional',
      canListDomains: false,
      customUsername: 'prefix-only',
      hasAttachments: false,
      destructiveRead: true,
      minPollIntervalMs: 1000,
      defaultTtlMs: 3_600_000,
    });
  });

  it('the username rules accept what the APIs accept', () => {
    expect(capabilitiesOf('selfhosted').usernameRule!.pattern.test('johnsmith')).toBe(true);
    expect(capabilitiesOf('selfhosted').usernameRule!.pattern.test('john_smith')).toBe(false);
    expect(capabilitiesOf('tempmail-lol').usernameRule!.pattern.test('joe123')).toBe(true);
    // TempMail.lol lowercases the prefix, and takes dashes and underscores up to 50 characters.
    expect(capabilitiesOf('tempmail-lol').usernameRule!.pattern.test('Joe_Doe-2')).toBe(true);
    expect(capabilitiesOf('tempmail-lol').usernameRule!.pattern.test('joe.doe')).toBe(false);
    expect(capabilitiesOf('tempmail-lol').usernameRule!.pattern.test('j'.repeat(51))).toBe(false);
  });

  it('TempMail.lol v1 gets v1 capabilities: a domain but no name, and no delete (seed 004)', () => {
    const v1 = capabilitiesOf('tempmail-lol', { tempmailLolApi: 'v1' });
    expect(v1).toMatchObject({ customUsername: 'no', canChooseDomain: 'on-create', canDeleteMailbox: false });
    expect(v1.usernameRule).toBeUndefined();
    expect(capabilitiesOf('tempmail-lol', { tempmailLolApi: 'v2' }).customUsername).toBe('prefix-only');
  });

  it('no API polls slower than the fastest hot poll the settings allow', () => {
    for (const id of PROVIDER_IDS) {
      expect(capabilitiesOf(id).minPollIntervalMs, id).toBeLessThanOrEqual(
        POLL_LIMITS.hotPollSeconds.min * 1000,
      );
    }
  });

  it('passes the injected fetch through', async () => {
    const server = fakeFetch(() => jsonResponse(200, { emails_received: 1, clients_connected: 0 }));
    await createProvider('tempmail-lol', {
      baseUrl: 'https://api.tempmail.lol',
      fetch: server.fetch,
    }).probe();
    expect(server.requests[0]!.url).toBe('https://api.tempmail.lol/v2/stats');
  });
});

describe('path segments (issue 10, item 10)', () => {
  it('refuses ".", ".." and empty segments, and ids with separators, before any request', async () => {
    const { pathSegment, checkedSegment } = await import('../../../lib/providers/url');
    for (const bad of ['', '.', '..']) expect(() => pathSegment(bad)).toThrow(/cannot be used/);
    expect(pathSegment('...')).toBe('...');
    expect(pathSegment('a/b')).toBe('a%2Fb');
    for (const bad of ['a/b', 'a\\b', '..']) expect(() => checkedSegment(bad)).toThrow(/cannot be used/);
    expect(checkedSegment('demo.1')).toBe('demo.1');
  });
});
