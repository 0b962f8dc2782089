import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CreationPacer, TempmailLolProvider, messageId } from '../../../lib/providers/tempmail-lol';
import type { MailboxHandle } from '../../../lib/providers/types';
import {
  always,
  caught,
  fakeFetch,
  fixtureResponse,
  jsonResponse,
  loadFixture,
  sequence,
  textResponse,
} from './fake-fetch';

const BASE = 'https://api.tempmail.lol';
const NOW = Date.parse('2025-06-01T12:00:00Z');
const TOKEN = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw';
const HOUR = 3_600_000;

function provider(
  fetchImpl: typeof fetch,
  options: { apiKey?: string; api?: 'v1' | 'v2'; timeoutMs?: number } = {},
) {
  return new TempmailLolProvider(
    {
      baseUrl: BASE,
      fetch: fetchImpl,
      tempmailLolApi: options.api ?? 'v2',
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    { now: () => NOW, retryDelayMs: () => 1, pacer: new CreationPacer() },
  );
}

const mailbox = (api: 'v1' | 'v2' = 'v2', token = TOKEN): MailboxHandle => ({
  address: 'a1b2c3683c40c0@theeyeoftruth.com',
  credentials: { kind: 'tempmail-lol', token, api },
  expiresAt: NOW + HOUR,
});

/** The documented id recipe, computed independently with node:crypto. */
const expectedId = (e: { date: number; from: string; to: string; subject: string; body: string }) =>
  createHash('sha256').update(`${e.date}|${e.from}|${e.to}|${e.subject}|${e.body}`).digest('hex');

describe('TempMail.lol v2', () => {
  it('createMailbox POSTs /v2/inbox/create with {} and no key; expiry = created + 1 h', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.201');
    const created = await provider(server.fetch).createMailbox();
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/v2/inbox/create`, body: '{}' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(created).toEqual({
      provider: 'tempmail-lol',
      address: 'a1b2c3683c40c0@theeyeoftruth.com',
      domain: 'theeyeoftruth.com',
      createdAt: NOW,
      expiresAt: NOW + HOUR,
      credentials: { kind: 'tempmail-lol', token: TOKEN, api: 'v2' },
    });
  });

  it('sends prefix, domain and community, and a tm. key as Bearer; with a key the server decides the lifetime', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.prefix.201');
    const lol = provider(server.fetch, { apiKey: 'tm.1234567890.abcdef' });
    const created = await lol.createMailbox({
      username: 'Joe',
      domain: 'theeyeoftruth.com',
      community: true,
    });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      prefix: 'joe',
      domain: 'theeyeoftruth.com',
      community: true,
    });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tm.1234567890.abcdef');
    // Plus lives 10 h, Ultra 30 h, a custom domain without limit, and the tier is not reported: no
    // local deadline, `expired: true` from the server ends the mailbox.
    expect(created.expiresAt).toBeNull();
    expect(lol.capabilities.defaultTtlMs).toBeNull();
    expect(created.ignoredName).toBeUndefined();
  });

  it('sends a legacy BananaCrumbs id,token pair as it is', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.201');
    await provider(server.fetch, { apiKey: '123456781234567812345678,ABCDEF' }).createMailbox();
    expect(server.requests[0]!.headers.authorization).toBe('123456781234567812345678,ABCDEF');
  });

  it('refuses a prefix the server would silently ignore', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.201');
    for (const username of ['john.smith', 'x'.repeat(51), 'é']) {
      const error = await caught(() => provider(server.fetch).createMailbox({ username }));
      expect(error).toMatchObject({
        kind: 'validation',
        details: { reason: 'name-invalid', params: { rule: 'lol' } },
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('accepts what the service accepts: dashes, underscores, up to 50 characters', async () => {
    const long = `a_b-${'c'.repeat(46)}`;
    const server = fakeFetch(() =>
      jsonResponse(201, { address: `${long}683c40c0@theeyeoftruth.com`, token: 't' }),
    );
    const created = await provider(server.fetch).createMailbox({ username: long.toUpperCase() });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ prefix: long });
    expect(created.ignoredName).toBeUndefined();
    expect(provider(server.fetch).capabilities.usernameRule!.pattern.test('Joe_Doe-1')).toBe(true);
  });

  it('tells when the service ignored the name: the address came back without it', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.201');
    const created = await provider(server.fetch).createMailbox({ username: 'joe' });
    expect(created.address).toBe('a1b2c3683c40c0@theeyeoftruth.com');
    expect(created.ignoredName).toBe('joe');
    // Free tier: one hour from creation.
    expect(created.expiresAt).toBe(NOW + HOUR);
  });

  it('listMessages reads GET /v2/inbox?token= and synthesizes stable sha-256 ids', async () => {
    const server = always('tempmail-lol', 'v2.inbox.200');
    const result = await provider(server.fetch).listMessages(mailbox());
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: `${BASE}/v2/inbox?token=${TOKEN}` });
    const emails = (
      loadFixture('tempmail-lol', 'v2.inbox.200').response.body as {
        emails: Parameters<typeof expectedId>[0][];
      }
    ).emails;
    expect(result).toEqual({
      expired: false,
      messages: [
        {
          id: expectedId(emails[0]!),
          from: { address: 'hello@example.org' },
          to: 'a1b2c3683c40c0@theeyeoftruth.com',
          subject: 'Welcome to Example',
          receivedAt: 1748779260123,
          hasBody: true,
          text: 'Hello from the inbox.\n\nYour code is 123456',
          html: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
          attachments: [],
        },
        {
          id: expectedId(emails[1]!),
          from: { address: 'bounce@news.example.net' },
          to: 'a1b2c3683c40c0@theeyeoftruth.com',
          subject: '[no subject]',
          receivedAt: 1748779300456,
          hasBody: true,
          text: 'plain text only',
          attachments: [],
        },
      ],
    });
    // The same email always gets the same id; a different one gets another.
    expect(await messageId(emails[0]!)).toBe(result.messages[0]!.id);
    expect(result.messages[0]!.id).not.toBe(result.messages[1]!.id);
  });

  it('destructive read: returns exactly what the server handed out, each call only the new mail', async () => {
    const inbox = loadFixture('tempmail-lol', 'v2.inbox.200').response.body as { emails: object[] };
    const queue = [...inbox.emails];
    // Like the real server: what is returned is removed.
    const server = fakeFetch(() => jsonResponse(200, { emails: queue.splice(0), expired: false }));
    const lol = provider(server.fetch);
    expect((await lol.listMessages(mailbox())).messages).toHaveLength(2);
    expect((await lol.listMessages(mailbox())).messages).toEqual([]);
    queue.push(inbox.emails[0]!);
    const third = await lol.listMessages(mailbox());
    expect(third.messages.map((m) => m.subject)).toEqual(['Welcome to Example']);
    expect(server.requests).toHaveLength(3);
  });

  it('a destructive read is never retried (a retry cannot bring lost mail back, it only hides the failure)', async () => {
    const failing = always('tempmail-lol', 'v2.internal-error.500');
    expect((await caught(() => provider(failing.fetch).listMessages(mailbox()))).kind).toBe('server');
    expect(failing.requests).toHaveLength(1);
    const refused = fakeFetch(() => 'refuse');
    expect((await caught(() => provider(refused.fetch).listMessages(mailbox()))).kind).toBe('network');
    expect(refused.requests).toHaveLength(1);
  });

  it('reports expired: true for an expired or unknown token', async () => {
    const server = always('tempmail-lol', 'v2.inbox.expired.200');
    await expect(provider(server.fetch).listMessages(mailbox())).resolves.toEqual({
      messages: [],
      expired: true,
    });
  });

  it('getMessage is unsupported: the message lives only in local storage', async () => {
    const server = always('tempmail-lol', 'v2.inbox.200');
    const error = await caught(() => provider(server.fetch).getMessage(mailbox(), 'abc'));
    expect(error.kind).toBe('unsupported');
    expect(server.requests).toHaveLength(0);
  });

  it('deleteMailbox calls the undocumented delete once and ignores any outcome', async () => {
    const server = fakeFetch(() => 'refuse');
    await expect(provider(server.fetch).deleteMailbox(mailbox())).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/v2/inbox/delete?token=${TOKEN}`,
    ]);
  });

  it('probe reads /v2/stats', async () => {
    const server = always('tempmail-lol', 'v2.stats.200');
    await expect(provider(server.fetch).probe()).resolves.toEqual({
      ok: true,
      detail: '123456789 emails received by TempMail.lol so far.',
    });
    expect(server.requests[0]!.url).toBe(`${BASE}/v2/stats`);
  });
});

describe('TempMail.lol failures', () => {
  it('create 429 with a plain-text body despite a JSON content type is rate-limited for the 5-minute window', async () => {
    const server = always('tempmail-lol', 'v2.inbox-create.rate-limited.429');
    const error = await caught(() => provider(server.fetch).createMailbox());
    expect(error).toMatchObject({
      kind: 'rate-limited',
      message: 'TempMail.lol is limiting requests. Mayfly will wait 300 seconds and try again.',
      details: { status: 429, retryAfterMs: 300_000, serverMessage: 'Rate limited: free' },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('inbox 429 honours Retry-After when present', async () => {
    const server = always('tempmail-lol', 'v2.inbox.rate-limited.429', { 'Retry-After': '3' });
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 3000, providerCode: 7 } });
  });

  it.each([
    ['auth.invalid-login.401', 'tm.key', 'auth', /refused the API key/],
    ['auth.expired-account.401', 'tm.key', 'auth', /refused the API key/],
    ['v2.inbox.no-token.401', undefined, 'auth', /unauthenticated/],
    ['v2.custom.invalid-password.403', 'tm.key', 'auth', /refused the API key/],
    ['v2.webhook.not-logged-in.403', undefined, 'blocked', /blocking requests from this network/],
    ['v2.unknown-endpoint.404', undefined, 'misconfigured', /does not know this endpoint/],
    ['v2.inbox.wrong-method.405', undefined, 'misconfigured', /Check the address in Options/],
    ['v2.inbox-create.invalid-domain.400', undefined, 'validation', /refused the request as invalid/],
    ['v2.bad-json.400', undefined, 'validation', /refused/],
    ['v2.internal-error.500', undefined, 'server', /server error \(HTTP 500\)/],
  ])('%s (key %s) -> %s', async (name, apiKey, kind, message) => {
    const server = always('tempmail-lol', name);
    const error = await caught(() => provider(server.fetch, apiKey ? { apiKey } : {}).createMailbox());
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('402 (no time left on the key) is auth with a renewal hint', async () => {
    const server = always('tempmail-lol', 'v1.custom.not-premium.402');
    const error = await caught(() => provider(server.fetch, { apiKey: 'tm.key' }).createMailbox());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/has run out\. Renew it/);
  });

  it('an HTML 403 (captcha / region page) is blocked', async () => {
    const server = fakeFetch(() =>
      textResponse(403, '<!DOCTYPE html><title>Attention Required!</title>', 'text/html'),
    );
    expect((await caught(() => provider(server.fetch, { apiKey: 'tm.key' }).createMailbox())).kind).toBe(
      'blocked',
    );
  });

  it.each([
    ['malformed JSON', 'bad-response', () => textResponse(200, '{"emails":[', 'application/json')],
    // A missing list, a missing `expired` or a missing date are drift the read survives (tempmail-lol-drift).
    ['a bare number', 'bad-response', () => jsonResponse(200, 42)],
    ['an HTML page', 'misconfigured', () => textResponse(200, '<html><body>Hi</body></html>', 'text/html')],
  ])('an inbox answered with %s -> %s', async (_, kind, reply) => {
    const server = fakeFetch(reply);
    expect((await caught(() => provider(server.fetch).listMessages(mailbox()))).kind).toBe(kind);
  });

  it('create that hangs times out once', async () => {
    const server = fakeFetch(() => 'hang');
    expect((await caught(() => provider(server.fetch, { timeoutMs: 40 }).createMailbox())).kind).toBe(
      'timeout',
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('TempMail.lol v1 (legacy)', () => {
  it.each([
    [{}, '/v1/generate', 'v1.generate.201'],
    [{ community: true }, '/v1/generate/rush', 'v1.generate-rush.201'],
    [{ domain: 'theeyeoftruth.com' }, '/v1/generate/theeyeoftruth.com', 'v1.generate.201'],
  ])('createMailbox(%j) -> GET %s, never retried', async (opts, path, fixture) => {
    const server = always('tempmail-lol', fixture);
    const created = await provider(server.fetch, { api: 'v1' }).createMailbox(opts);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}${path}`]);
    expect(created.credentials).toEqual({ kind: 'tempmail-lol', token: TOKEN, api: 'v1' });
  });

  it('generate is not retried after a 5xx', async () => {
    const server = fakeFetch(() => jsonResponse(503, { error: 'busy' }));
    expect((await caught(() => provider(server.fetch, { api: 'v1' }).createMailbox())).kind).toBe('server');
    expect(server.requests).toHaveLength(1);
  });

  it('v1 cannot choose a username', async () => {
    const server = always('tempmail-lol', 'v1.generate.201');
    expect(
      (await caught(() => provider(server.fetch, { api: 'v1' }).createMailbox({ username: 'joe' }))).kind,
    ).toBe('unsupported');
  });

  it('v1 errors: invalid domain 400 -> validation, 429 -> rate-limited', async () => {
    const invalid = always('tempmail-lol', 'v1.generate-domain.invalid.400');
    expect(
      (await caught(() => provider(invalid.fetch, { api: 'v1' }).createMailbox({ domain: 'not-ours.com' })))
        .kind,
    ).toBe('validation');
    const limited = always('tempmail-lol', 'v1.generate.rate-limited.429');
    const error = await caught(() => provider(limited.fetch, { api: 'v1' }).createMailbox());
    expect(error).toMatchObject({ kind: 'rate-limited', details: { serverMessage: 'rate limited (free)' } });
  });

  it('listMessages reads GET /v1/auth/{token} (key "email")', async () => {
    const server = always('tempmail-lol', 'v1.auth.200');
    const result = await provider(server.fetch).listMessages(mailbox('v1'));
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: `${BASE}/v1/auth/${TOKEN}` });
    expect(result.expired).toBe(false);
    expect(result.messages.map((m) => m.subject)).toEqual(['Welcome to Example']);
  });

  it('{"email": null, "token": "invalid"} means expired', async () => {
    const server = always('tempmail-lol', 'v1.auth.invalid-token.200');
    await expect(provider(server.fetch).listMessages(mailbox('v1', 'bogus'))).resolves.toEqual({
      messages: [],
      expired: true,
    });
  });

  it('probe reads /v1/stats; v1 has no delete', async () => {
    const server = sequence(() => fixtureResponse('tempmail-lol', 'v1.stats.200'));
    const lol = provider(server.fetch, { api: 'v1' });
    await expect(lol.probe()).resolves.toMatchObject({ ok: true });
    await lol.deleteMailbox(mailbox('v1'));
    expect(server.requests.map((r) => r.url)).toEqual([`${BASE}/v1/stats`]);
    expect(lol.capabilities).toMatchObject({ customUsername: 'no', canDeleteMailbox: false });
  });
});
