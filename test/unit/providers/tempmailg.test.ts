import { describe, expect, it } from 'vitest';
import type { ProviderMessage } from '../../../lib/core/types';
import type { MailboxHandle } from '../../../lib/providers/types';
import { TempmailgProvider } from '../../../lib/providers/tempmailg';
import {
  always,
  caught,
  fakeFetch,
  fixtureResponse,
  jsonResponse,
  loadFixture,
  sequence,
  textResponse,
  type RecordedRequest,
} from './fake-fetch';

const BASE = 'https://v1.tempmailg.com/api';
const KEY = 'YOUR_USER_API_KEY';
const NOW = Date.parse('2026-06-28T09:38:45Z');
const MESSAGE_ID = 'ap94AWDg123ELQz07vrVB9dLXlbqZM5NGwYxOJKko8n6m1';

function provider(fetchImpl: typeof fetch, apiKey: string | undefined = KEY, timeoutMs?: number) {
  return new TempmailgProvider(
    { baseUrl: BASE, apiKey, fetch: fetchImpl, ...(timeoutMs ? { timeoutMs } : {}) },
    { now: () => NOW, retryDelayMs: () => 1 },
  );
}

const mailbox = (
  address = 'demo123@example.com',
  expiresAt: number | null = NOW + 600_000,
): MailboxHandle => ({
  address,
  credentials: { kind: 'tempmailg', id: 2301, emailToken: 'encrypted-email-token' },
  expiresAt,
});

/** Every request carries the documented headers: Bearer key and Accept JSON. */
function expectDocumentedHeaders(request: RecordedRequest) {
  expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  expect(request.headers.accept).toBe('application/json');
}

describe('tempmailg: endpoints', () => {
  it('probe asks GET /domains?type=free', async () => {
    const server = always('tempmailg', 'domains.free.200');
    await expect(provider(server.fetch).probe()).resolves.toEqual({
      ok: true,
      detail: '1 domain available on your plan.',
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: `${BASE}/domains?type=free` });
    expectDocumentedHeaders(server.requests[0]!);
  });

  it('listDomains stays on free for a free plan (one request)', async () => {
    const server = always('tempmailg', 'domains.free.200');
    await expect(provider(server.fetch).listDomains()).resolves.toEqual([
      { domain: 'example.com', tier: 'free' },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('listDomains widens to type=all when the plan allows it', async () => {
    const premiumFree = loadFixture('tempmailg', 'domains.all.premium-plan.200').response.body as {
      data: object;
    };
    const server = sequence(
      () => jsonResponse(200, { ...premiumFree, data: { ...premiumFree.data, requested_type: 'free' } }),
      () => fixtureResponse('tempmailg', 'domains.all.premium-plan.200'),
    );
    await expect(provider(server.fetch).listDomains()).resolves.toEqual([
      { domain: 'example.com', tier: 'free' },
      { domain: 'premium-example.net', tier: 'premium' },
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      `${BASE}/domains?type=free`,
      `${BASE}/domains?type=all`,
    ]);
  });

  it('createMailbox POSTs /emails with no body and keeps id, token and expiry', async () => {
    const server = always('tempmailg', 'emails.create.200');
    const created = await provider(server.fetch).createMailbox();
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/emails`, body: '' });
    expect(server.requests[0]!.headers['content-type']).toBeUndefined();
    expectDocumentedHeaders(server.requests[0]!);
    expect(created).toEqual({
      provider: 'tempmailg',
      address: 'randombox@example.com',
      domain: 'example.com',
      createdAt: Date.parse('2026-06-28T09:38:43+00:00'),
      // The earlier of expire_at (09:48:43) and local now + 600 s (09:48:45).
      expiresAt: Date.parse('2026-06-28T09:48:43+00:00'),
      credentials: { kind: 'tempmailg', id: 2301, emailToken: 'encrypted-email-token' },
    });
  });

  it('expiry absorbs a server clock that runs ahead: local now + expires_in_seconds wins', async () => {
    const body = loadFixture('tempmailg', 'emails.create.200').response.body as {
      data: Record<string, unknown>;
    };
    const server = fakeFetch(() =>
      jsonResponse(200, { ...body, data: { ...body.data, expire_at: '2026-06-28T10:30:00+00:00' } }),
    );
    const created = await provider(server.fetch).createMailbox();
    expect(created.expiresAt).toBe(NOW + 600_000);
  });

  it('createMailbox with a username creates, then renames (two calls, path segments as documented)', async () => {
    const server = sequence(
      () => fixtureResponse('tempmailg', 'emails.create.200'),
      () => fixtureResponse('tempmailg', 'emails.rename.200'),
    );
    const created = await provider(server.fetch).createMailbox({ username: 'demo123' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${BASE}/emails`,
      `POST ${BASE}/emails/randombox@example.com/demo123/example.com`,
    ]);
    expect(created.address).toBe('demo123@example.com');
    expect(created.credentials).toEqual({ kind: 'tempmailg', id: 2302, emailToken: 'encrypted-email-token' });
  });

  it('createMailbox with only a domain keeps the generated local part', async () => {
    const server = sequence(
      () => fixtureResponse('tempmailg', 'emails.create.200'),
      () => fixtureResponse('tempmailg', 'emails.rename.200'),
    );
    await provider(server.fetch).createMailbox({ domain: 'premium-example.net' });
    expect(server.requests[1]!.url).toBe(
      `${BASE}/emails/randombox@example.com/randombox/premium-example.net`,
    );
  });

  it('when the rename fails, the random mailbox is deleted again and the rename error is thrown', async () => {
    const server = sequence(
      () => fixtureResponse('tempmailg', 'emails.create.200'),
      () => fixtureResponse('tempmailg', 'error.409.username-taken'),
      () => fixtureResponse('tempmailg', 'emails.delete.200'),
    );
    const error = await caught(() => provider(server.fetch).createMailbox({ username: 'taken' }));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('That address is already taken on tempmailg. Choose another username.');
    expect(error.details.serverMessage).toBe('This email address is already in use.');
    expect(server.requests[2]).toMatchObject({
      method: 'DELETE',
      url: `${BASE}/emails/randombox@example.com`,
    });
  });

  it('refuses an impossible username before spending quota', async () => {
    const server = always('tempmailg', 'emails.create.200');
    const error = await caught(() => provider(server.fetch).createMailbox({ username: 'no spaces/allowed' }));
    expect(error.kind).toBe('validation');
    expect(server.requests).toHaveLength(0);
  });

  it('renameMailbox encodes + and keeps @ raw in the path', async () => {
    const server = always('tempmailg', 'emails.rename.200');
    const renamed = await provider(server.fetch).renameMailbox(mailbox('a+b@example.com'), {
      username: 'demo123',
      domain: 'example.com',
    });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: `${BASE}/emails/a%2Bb@example.com/demo123/example.com`,
    });
    expect(renamed).toMatchObject({ address: 'demo123@example.com', credentials: { id: 2302 } });
  });

  it.each(['..', '.', 'a/b', 'a\\b'])(
    'renameMailbox refuses the username %s before any request',
    async (username) => {
      const server = always('tempmailg', 'emails.rename.200');
      const error = await caught(() =>
        provider(server.fetch).renameMailbox(mailbox(), { username, domain: 'example.com' }),
      );
      expect(error.kind).toBe('validation');
      expect(server.requests).toHaveLength(0);
    },
  );

  it('deleteMailbox sends DELETE /emails/{email}', async () => {
    const server = always('tempmailg', 'emails.delete.200');
    await provider(server.fetch).deleteMailbox(mailbox());
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: `${BASE}/emails/demo123@example.com` });
    expectDocumentedHeaders(server.requests[0]!);
  });

  it('deleting a mailbox the server no longer knows counts as done', async () => {
    const server = always('tempmailg', 'error.404.not-owned');
    await expect(provider(server.fetch).deleteMailbox(mailbox())).resolves.toBeUndefined();
  });

  it('listMessages reads the full list with bodies and attachments', async () => {
    const server = always('tempmailg', 'messages.list.200');
    const result = await provider(server.fetch).listMessages(mailbox());
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: `${BASE}/messages?email=demo123%40example.com`,
    });
    expect(result.expired).toBe(false);
    expect(result.messages).toEqual<ProviderMessage[]>([
      {
        id: MESSAGE_ID,
        from: { name: 'Example Sender', address: 'hello@example.org' },
        to: 'randombox@example.com',
        subject: 'Welcome to Temp Mail',
        receivedAt: Date.parse('2026-06-28T09:38:43Z'),
        seen: false,
        hasBody: true,
        html: '<p>Hello from the inbox.</p>',
        attachments: [
          {
            filename: 'file.txt',
            size: 91,
            url: `${BASE}/messages/${MESSAGE_ID}/attachments/file.txt`,
            auth: 'bearer-api-key',
          },
        ],
      },
    ]);
  });

  it('listMessages puts + in the query as %2B (PHP would read a raw + as a space)', async () => {
    const server = always('tempmailg', 'messages.list.empty.200');
    await expect(provider(server.fetch).listMessages(mailbox('a+b@example.com'))).resolves.toEqual({
      messages: [],
      expired: false,
    });
    expect(server.requests[0]!.url).toBe(`${BASE}/messages?email=a%2Bb%40example.com`);
  });

  it('a plain-text message (html: false) becomes text', async () => {
    const body = loadFixture('tempmailg', 'messages.list.200').response.body as { messages: object[] };
    const server = fakeFetch(() =>
      jsonResponse(200, { ...body, messages: [{ ...body.messages[0], html: false, content: 'plain' }] }),
    );
    const [message] = (await provider(server.fetch).listMessages(mailbox())).messages;
    expect(message).toMatchObject({ text: 'plain' });
    expect(message!.html).toBeUndefined();
  });

  it('getMessage reads GET /messages/{id} (data envelope)', async () => {
    const server = always('tempmailg', 'messages.show.200');
    const message = await provider(server.fetch).getMessage(mailbox(), MESSAGE_ID);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: `${BASE}/messages/${MESSAGE_ID}` });
    expect(message).toMatchObject({
      id: MESSAGE_ID,
      seen: true,
      hasBody: true,
      html: '<p>Hello from the inbox.</p>',
    });
  });

  it('deleteMessage sends DELETE /messages/{id}', async () => {
    const server = always('tempmailg', 'messages.delete.200');
    await provider(server.fetch).deleteMessage(mailbox(), MESSAGE_ID);
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: `${BASE}/messages/${MESSAGE_ID}` });
  });

  it('downloadAttachment fetches the URL verbatim with the Bearer key', async () => {
    const server = always('tempmailg', 'attachment.download.200');
    const url = `${BASE}/messages/${MESSAGE_ID}/attachments/file.txt`;
    const file = await provider(server.fetch).downloadAttachment(mailbox(), {
      filename: 'file.txt',
      url,
      auth: 'bearer-api-key',
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url });
    expectDocumentedHeaders(server.requests[0]!);
    expect(new TextDecoder().decode(file.bytes)).toBe('Hello from the inbox.\n');
    expect(file).toMatchObject({ filename: 'file.txt', contentType: 'application/octet-stream' });
  });

  it('never sends the API key to an attachment URL on another host', async () => {
    const server = fakeFetch(
      () => new Response('bytes', { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    );
    const url = 'https://files.elsewhere.example/att/file.txt';
    await provider(server.fetch).downloadAttachment(mailbox(), {
      filename: 'file.txt',
      url,
      auth: 'bearer-api-key',
    });
    expect(server.requests[0]!.url).toBe(url);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('marks an attachment on another host as a public URL', async () => {
    const body = loadFixture('tempmailg', 'messages.list.200').response.body as {
      messages: { attachments: object[] }[];
    };
    const foreign = { name: 'x.txt', extension: 'txt', size: 1, url: 'https://cdn.elsewhere.example/x.txt' };
    const server = fakeFetch(() =>
      jsonResponse(200, { ...body, messages: [{ ...body.messages[0], attachments: [foreign] }] }),
    );
    const [message] = (await provider(server.fetch).listMessages(mailbox())).messages;
    expect(message!.attachments[0]).toMatchObject({ url: foreign.url, auth: 'none' });
  });

  it('records the quota headers, with resetAt from the ISO timestamp', async () => {
    const server = always('tempmailg', 'messages.list.200');
    const tempmailg = provider(server.fetch);
    expect(tempmailg.lastRateLimit()).toBeUndefined();
    await tempmailg.listMessages(mailbox());
    expect(tempmailg.lastRateLimit()).toEqual({
      limit: 50000,
      used: 124,
      remaining: 49876,
      resetAt: Date.parse('2026-04-30T19:00:00Z'),
      observedAt: NOW,
    });
  });
});

describe('tempmailg: failures', () => {
  it('a missing key is an auth error before any request', async () => {
    const server = always('tempmailg', 'domains.free.200');
    const error = await caught(() => provider(server.fetch, '').probe());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/needs an API key/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [
      'error.401.invalid-key',
      'auth',
      'tempmailg refused the API key. Check the key in Options, or create a new one.',
    ],
    ['error.403.plan-not-allowed', 'validation', undefined],
    ['error.422.validation', 'validation', undefined],
    ['error.html-challenge', 'blocked', undefined],
    ['error.500.server', 'server', 'tempmailg had a server error (HTTP 500). Mayfly will try again shortly.'],
  ])('%s -> %s', async (name, kind, message) => {
    const server = always('tempmailg', name);
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe(kind);
    if (message) expect(error.message).toBe(message);
    expect(error.details.status).toBe(loadFixture('tempmailg', name).response.status);
  });

  it('keeps the server message of a refusal', async () => {
    const error = await caught(() => provider(always('tempmailg', 'error.422.validation').fetch).probe());
    expect(error.details.serverMessage).toBe('The selected type is invalid.');
  });

  it('429 with Remaining 0 is quota-exhausted until X-RateLimit-Reset', async () => {
    const server = always('tempmailg', 'error.429.quota-exhausted');
    const tempmailg = provider(server.fetch);
    const error = await caught(() => tempmailg.createMailbox());
    expect(error.kind).toBe('quota-exhausted');
    expect(error.details).toMatchObject({ status: 429, resetAt: Date.parse('2026-04-30T19:00:00Z') });
    expect(error.message).toBe(
      'Your tempmailg quota is used up until 2026-04-30T19:00:00.000Z. Mayfly pauses this account until then.',
    );
    expect(tempmailg.lastRateLimit()).toMatchObject({ remaining: 0, used: 50000 });
  });

  it('429 with Retry-After is rate-limited with retryAfterMs', async () => {
    const server = fakeFetch(() =>
      jsonResponse(429, { status: false, message: 'Too Many Attempts.' }, { 'Retry-After': '42' }),
    );
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error.kind).toBe('rate-limited');
    expect(error.details.retryAfterMs).toBe(42_000);
    expect(error.message).toBe('tempmailg is limiting requests. Mayfly will wait 42 seconds and try again.');
    expect(server.requests).toHaveLength(1);
  });

  it('a 404 on the list before the deadline is not-found; at or after it the mailbox expired', async () => {
    const server = always('tempmailg', 'error.404.not-owned');
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error.kind).toBe('not-found');
    await expect(
      provider(server.fetch).listMessages(mailbox('demo123@example.com', NOW - 1)),
    ).resolves.toEqual({
      messages: [],
      expired: true,
    });
  });

  it('a web-server 404 page means the base URL is wrong', async () => {
    const server = fakeFetch(() => textResponse(404, '<!DOCTYPE html><title>Not Found</title>', 'text/html'));
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error.kind).toBe('misconfigured');
  });

  it('status:false inside a 2xx is an error', async () => {
    const server = fakeFetch(() => jsonResponse(200, { status: false, message: 'Mailbox limit reached.' }));
    const error = await caught(() => provider(server.fetch).createMailbox());
    expect(error.kind).toBe('validation');
    expect(error.details.serverMessage).toBe('Mailbox limit reached.');
  });

  it.each([
    [
      'an HTML page with 200',
      'misconfigured',
      () => textResponse(200, '<html><body>Login</body></html>', 'text/html'),
    ],
    ['malformed JSON', 'bad-response', () => textResponse(200, '{"status": tru', 'application/json')],
    ['an empty body', 'bad-response', () => new Response('', { status: 200 })],
    [
      'a missing email_token',
      'bad-response',
      () => jsonResponse(200, { status: true, data: { id: 1, email: 'a@b.c', domain: 'b.c' } }),
    ],
    [
      'a string id',
      'bad-response',
      () =>
        jsonResponse(200, {
          status: true,
          data: { id: '1', email: 'a@b.c', domain: 'b.c', email_token: 't' },
        }),
    ],
    ['an array instead of an object', 'bad-response', () => jsonResponse(200, [1, 2])],
  ])('create answered with %s -> %s', async (_, kind, reply) => {
    const server = fakeFetch(reply);
    const error = await caught(() => provider(server.fetch).createMailbox());
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(/tempmailg/);
  });

  it('a message list whose items lack an id is a bad response, not undefined flowing on', async () => {
    const server = fakeFetch(() => jsonResponse(200, { status: true, messages: [{ subject: 'x' }] }));
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error.kind).toBe('bad-response');
  });

  it('create is never retried, on 5xx or on a refused connection', async () => {
    const failing = always('tempmailg', 'error.500.server');
    expect((await caught(() => provider(failing.fetch).createMailbox())).kind).toBe('server');
    expect(failing.requests).toHaveLength(1);

    const refused = fakeFetch(() => 'refuse');
    expect((await caught(() => provider(refused.fetch).createMailbox())).kind).toBe('network');
    expect(refused.requests).toHaveLength(1);
  });

  it('the list (an idempotent GET) is retried on 5xx, at most twice', async () => {
    const server = sequence(
      () => fixtureResponse('tempmailg', 'error.500.server'),
      () => fixtureResponse('tempmailg', 'error.500.server'),
      () => fixtureResponse('tempmailg', 'messages.list.empty.200'),
    );
    await expect(provider(server.fetch).listMessages(mailbox())).resolves.toEqual({
      messages: [],
      expired: false,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('a hang longer than the timeout is a timeout', async () => {
    const server = fakeFetch(() => 'hang');
    const error = await caught(() => provider(server.fetch, KEY, 40).listMessages(mailbox()));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/^tempmailg \(v1\.tempmailg\.com\) did not answer within 0\.04 seconds/);
  });
});
