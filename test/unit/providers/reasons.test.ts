import { describe, expect, it } from 'vitest';
import { createProvider } from '../../../lib/providers/registry';
import { CreationPacer } from '../../../lib/providers/tempmail-lol';
import type { ProviderId } from '../../../lib/core/types';
import { always, caught, fakeFetch, jsonResponse, textResponse, type Reply } from './fake-fetch';

/**
 * The reason each adapter gives, through the one shared pipeline: the UI says the reason, so the right
 * sentence depends on the provider and the cause, never on the error kind alone.
 */

const BASES: Record<ProviderId, string> = {
  'tempmail-lol': 'https://api.tempmail.lol',
  tempmailg: 'https://v1.tempmailg.com/api',
  selfhosted: 'https://example.org/api.php',
  mailtm: 'https://api.mail.tm',
  mailgw: 'https://api.mail.gw',
};

function provider(id: ProviderId, reply: () => Reply, apiKey?: string) {
  const server = fakeFetch(reply);
  return createProvider(
    id,
    { baseUrl: BASES[id], fetch: server.fetch, ...(apiKey ? { apiKey } : {}) },
    { retryDelayMs: () => 1, pacer: new CreationPacer() },
  );
}

const CHALLENGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>…</body></html>';
const LOGIN = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form></form></body></html>';

describe('reasons per provider and cause', () => {
  it.each<[ProviderId, string | undefined]>([
    ['tempmailg', 'key'],
    ['tempmail-lol', undefined],
    ['selfhosted', undefined],
  ])('%s: a challenge page is a block, not a wrong address', async (id, key) => {
    const error = await caught(() =>
      provider(id, () => textResponse(200, CHALLENGE, 'text/html'), key).probe(),
    );
    expect(error).toMatchObject({ kind: 'blocked', details: { reason: 'challenge-page' } });
  });

  it('a login page answering for tempmailg is "not the API", never the PATH_INFO advice', async () => {
    const error = await caught(() =>
      provider('tempmailg', () => textResponse(200, LOGIN, 'text/html'), 'k').probe(),
    );
    expect(error).toMatchObject({ kind: 'misconfigured', details: { reason: 'web-page' } });
  });

  it('the same page answering for a self-hosted api.php is the PATH_INFO advice', async () => {
    const error = await caught(() =>
      provider('selfhosted', () => textResponse(200, LOGIN, 'text/html')).probe(),
    );
    expect(error).toMatchObject({ kind: 'misconfigured', details: { reason: 'path-info' } });
  });

  it('TempMail.lol with a key: a 403 about the region is a network block, a bare 403 is the key', async () => {
    const region = await caught(() =>
      provider(
        'tempmail-lol',
        () => jsonResponse(403, { error: 'TempMail is not available in your country.' }),
        'tm.k',
      ).createMailbox(),
    );
    expect(region).toMatchObject({ kind: 'blocked', details: { reason: 'blocked-network' } });
    const key = await caught(() =>
      provider(
        'tempmail-lol',
        () => jsonResponse(403, { error: 'Invalid credentials' }),
        'tm.k',
      ).createMailbox(),
    );
    expect(key).toMatchObject({ kind: 'auth', details: { reason: 'key-refused' } });
  });

  it('TempMail.lol: 402 is the plan running out; an unknown path is the base path', async () => {
    const plan = await caught(() =>
      provider('tempmail-lol', () => jsonResponse(402, { error: 'No time left' }), 'tm.k').createMailbox(),
    );
    expect(plan.details.reason).toBe('plan-expired');
    const path = await caught(() =>
      provider('tempmail-lol', () =>
        jsonResponse(404, { error: 'No endpoint with that name exists on v2.' }),
      ).createMailbox(),
    );
    expect(path).toMatchObject({ kind: 'misconfigured', details: { reason: 'unknown-endpoint' } });
  });

  it("TempMail.lol: the no-token answer to a read is the mailbox's token, with or without a key", async () => {
    const lolBox = {
      address: 'a@lol.test',
      credentials: { kind: 'tempmail-lol' as const, token: 't', api: 'v2' as const },
      expiresAt: null,
    };
    const noToken = () => jsonResponse(401, { error: 'Unauthenticated', code: 6 });
    for (const key of [undefined, 'tm.k']) {
      const read = await caught(() => provider('tempmail-lol', noToken, key).listMessages(lolBox));
      // Not 'auth': that would pause every mailbox of the account and tell a key holder the key was refused.
      expect(read).toMatchObject({
        kind: 'not-found',
        details: { reason: 'unauthenticated', providerCode: 6 },
      });
    }
    const login = await caught(() =>
      provider(
        'tempmail-lol',
        () => jsonResponse(401, { error: 'Invalid login, bad BananaCrumbs login.', code: 11 }),
        'tm.k',
      ).listMessages(lolBox),
    );
    expect(login).toMatchObject({ kind: 'auth', details: { reason: 'key-refused' } });
    const moved = await caught(() =>
      provider('tempmail-lol', () =>
        jsonResponse(404, { error: 'No endpoint with that name exists on v2.  See the wiki' }),
      ).listMessages(lolBox),
    );
    expect(moved).toMatchObject({ kind: 'misconfigured', details: { reason: 'unknown-endpoint' } });
  });

  it('TempMail.lol: the plain-text 429 on create gives the wait in seconds', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.rate-limited.429');
    const lol = createProvider(
      'tempmail-lol',
      { baseUrl: BASES['tempmail-lol'], fetch: server.fetch },
      { pacer: new CreationPacer() },
    );
    const error = await caught(() => lol.createMailbox());
    expect(error).toMatchObject({
      kind: 'rate-limited',
      details: { reason: 'retry-in', params: { seconds: 300 }, serverMessage: 'Rate limited: free' },
    });
  });

  it('tempmailg: no key, a refused key, a plan refusal in the envelope', async () => {
    expect(
      (await caught(() => provider('tempmailg', () => jsonResponse(200, {})).probe())).details.reason,
    ).toBe('key-missing');
    const refused = await caught(() =>
      provider('tempmailg', () => jsonResponse(401, { message: 'Unauthenticated.' }), 'k').probe(),
    );
    expect(refused.details.reason).toBe('key-refused');
    const plan = await caught(() =>
      provider(
        'tempmailg',
        () => jsonResponse(200, { status: false, message: 'Your plan does not allow premium domains.' }),
        'k',
      ).probe(),
    );
    expect(plan).toMatchObject({ kind: 'validation', details: { reason: 'plan-not-allowed' } });
  });

  it('self-hosted: the documented refusals become their reasons', async () => {
    const cases: [string, string][] = [
      ['Username already taken. Please choose another one.', 'name-taken'],
      ['This username is reserved and cannot be used.', 'name-reserved'],
      ['Invalid username. Use 3-20 alphanumeric characters only.', 'name-invalid'],
      ['Config not found', 'config-not-found'],
      ['Invalid endpoint: /', 'path-info'],
    ];
    for (const [message, reason] of cases) {
      const error = await caught(() =>
        provider('selfhosted', () => jsonResponse(200, { success: false, error: message })).createMailbox({
          username: 'johnsmith',
        }),
      );
      expect(error.details.reason, message).toBe(reason);
    }
  });

  it('no answer and a slow answer carry their reasons', async () => {
    expect((await caught(() => provider('tempmail-lol', () => 'refuse').probe())).details.reason).toBe(
      'unreachable',
    );
    const slow = createProvider('tempmail-lol', {
      baseUrl: BASES['tempmail-lol'],
      fetch: fakeFetch(() => 'hang').fetch,
      timeoutMs: 30,
    });
    expect(await caught(() => slow.probe())).toMatchObject({
      kind: 'timeout',
      details: { reason: 'timeout', params: { seconds: 0.03 } },
    });
  });
});
