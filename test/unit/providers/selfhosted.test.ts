import { describe, expect, it } from 'vitest';
import { SelfHostedProvider } from '../../../lib/providers/selfhosted';
import type { MailboxHandle } from '../../../lib/providers/types';
import {
  always,
  caught,
  fakeFetch,
  fixtureResponse,
  jsonResponse,
  sequence,
  textResponse,
  type RecordedRequest,
} from './fake-fetch';

const BASE = 'https://yourdomain.com/api.php';
/** Local clock at generation: 2026-01-24 14:30:00 server time when the server runs at UTC+7. */
const GENERATED_AT = Date.parse('2026-01-24T07:30:00Z');
const HOUR = 3_600_000;

function provider(
  fetchImpl: typeof fetch,
  options: { baseUrl?: string; timeoutMs?: number; now?: number } = {},
) {
  return new SelfHostedProvider(
    {
      baseUrl: options.baseUrl ?? BASE,
      fetch: fetchImpl,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    },
    { now: () => options.now ?? GENERATED_AT, retryDelayMs: () => 1 },
  );
}

const mailbox = (
  address = 'johnsmith@yourdomain.com',
  expiresAt: number | null = GENERATED_AT + 24 * HOUR,
): MailboxHandle => ({
  address,
  credentials: { kind: 'selfhosted' },
  expiresAt,
});

const noAuth = (request: RecordedRequest) => expect(request.headers.authorization).toBeUndefined();

describe('self-hosted: endpoints', () => {
  it('createMailbox: GET /generate, then GET /inbox to anchor the naive expiry to local time', async () => {
    const server = sequence(
      () => fixtureResponse('selfhosted-php', 'generate.random.200'),
      () =>
        jsonResponse(200, {
          success: true,
          email: 'budipratama123@yourdomain.com',
          created_at: '2026-01-24 14:30:00',
          expires_at: '2026-01-25 14:30:00',
          total: 0,
          emails: [],
        }),
    );
    const created = await provider(server.fetch).createMailbox();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/generate`,
      `GET ${BASE}/inbox/budipratama123%40yourdomain.com`,
    ]);
    server.requests.forEach(noAuth);
    expect(created).toEqual({
      provider: 'selfhosted',
      address: 'budipratama123@yourdomain.com',
      domain: 'yourdomain.com',
      createdAt: GENERATED_AT,
      // 24 h after local generation time, whatever the server's zone.
      expiresAt: GENERATED_AT + 24 * HOUR,
      credentials: { kind: 'selfhosted' },
    });
  });

  it('createMailbox with a username sends ?username= (lowercased)', async () => {
    const server = sequence(
      () => fixtureResponse('selfhosted-php', 'generate.custom.200'),
      () => fixtureResponse('selfhosted-php', 'inbox.empty.200'),
    );
    const created = await provider(server.fetch).createMailbox({ username: 'JohnSmith' });
    expect(server.requests[0]!.url).toBe(`${BASE}/generate?username=johnsmith`);
    expect(created.address).toBe('johnsmith@yourdomain.com');
  });

  it('the expiry stays unknown when the anchoring read fails, but the mailbox is still made', async () => {
    const server = sequence(
      () => fixtureResponse('selfhosted-php', 'generate.random.200'),
      () => 'refuse',
      () => 'refuse',
      () => 'refuse',
    );
    const created = await provider(server.fetch).createMailbox();
    expect(created).toMatchObject({ address: 'budipratama123@yourdomain.com', expiresAt: null });
  });

  it.each([
    ['ab', 'Use 3 to 20 letters or digits for the username.'],
    ['john.smith', 'Use 3 to 20 letters or digits for the username.'],
    ['a'.repeat(21), 'Use 3 to 20 letters or digits for the username.'],
    ['Admin', 'That username is reserved on your server. Choose another one.'],
    ['postmaster', 'That username is reserved on your server. Choose another one.'],
  ])('refuses %j before any request', async (username, message) => {
    const server = always('selfhosted-php', 'generate.custom.200');
    const error = await caught(() => provider(server.fetch).createMailbox({ username }));
    expect(error).toMatchObject({ kind: 'validation', message });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a domain choice (the API has none)', async () => {
    const server = always('selfhosted-php', 'generate.custom.200');
    expect((await caught(() => provider(server.fetch).createMailbox({ domain: 'tempmail.com' }))).kind).toBe(
      'unsupported',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('listMessages: GET /inbox/{email} gives summaries without bodies, times anchored to the deadline', async () => {
    const server = always('selfhosted-php', 'inbox.200');
    const result = await provider(server.fetch).listMessages(mailbox());
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: `${BASE}/inbox/johnsmith%40yourdomain.com`,
    });
    expect(result).toEqual({
      expired: false,
      messages: [
        {
          id: '1',
          from: { name: 'John Doe', address: 'sender@example.com' },
          to: 'johnsmith@yourdomain.com',
          subject: 'Welcome!',
          // 14:35 server time = 5 minutes after creation.
          receivedAt: GENERATED_AT + 5 * 60_000,
          seen: false,
          hasBody: false,
          attachments: [],
        },
        {
          id: '2',
          from: { name: 'Service', address: 'noreply@service.com' },
          to: 'johnsmith@yourdomain.com',
          subject: 'Verify your email',
          receivedAt: GENERATED_AT + 10 * 60_000,
          seen: true,
          hasBody: false,
          attachments: [],
        },
      ],
    });
  });

  it('encodes + and @ in the inbox path', async () => {
    const server = always('selfhosted-php', 'inbox.empty.200');
    await provider(server.fetch).listMessages(mailbox('a+b@yourdomain.com'));
    expect(server.requests[0]!.url).toBe(`${BASE}/inbox/a%2Bb%40yourdomain.com`);
  });

  it('"Email not found" before the deadline is not-found; after it the mailbox expired', async () => {
    const server = always('selfhosted-php', 'inbox.not-found');
    const error = await caught(() => provider(server.fetch).listMessages(mailbox()));
    expect(error.kind).toBe('not-found');
    expect(error.details.serverMessage).toBe('Email not found');
    const later = provider(server.fetch, { now: GENERATED_AT + 25 * HOUR });
    await expect(later.listMessages(mailbox())).resolves.toEqual({ messages: [], expired: true });
  });

  it('an error body without a success key is an error even with HTTP 200', async () => {
    const server = fakeFetch(() => jsonResponse(200, { error: 'Email not found', searched_for: 'x@y.z' }));
    expect((await caught(() => provider(server.fetch).listMessages(mailbox()))).kind).toBe('not-found');
  });

  it('getMessage: GET /email/{id}, body and sibling attachments resolved against the server origin', async () => {
    const server = always('selfhosted-php', 'email.detail.200');
    // No deadline known, so no clock to learn: exactly one request.
    const noDeadline = mailbox('johnsmith@yourdomain.com', null);
    const message = await provider(server.fetch, { baseUrl: 'https://yourdomain.com/tm/api.php' }).getMessage(
      noDeadline,
      '1',
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      url: 'https://yourdomain.com/tm/api.php/email/1',
    });
    expect(message).toMatchObject({
      id: '1',
      from: { name: 'John Doe', address: 'sender@example.com' },
      subject: 'Welcome!',
      seen: true,
      hasBody: true,
      text: 'Hello, welcome to our service!',
      html: '<h1>Welcome!</h1><p>Hello, welcome to our service!</p>',
      attachments: [
        {
          filename: 'document.pdf',
          size: 102400,
          contentType: 'application/pdf',
          url: 'https://yourdomain.com/uploads/attachments/document.pdf',
          auth: 'none',
        },
      ],
    });
  });

  it('getMessage in a fresh provider reads the inbox once to report the same instant as the list', async () => {
    const server = fakeFetch((request) =>
      fixtureResponse('selfhosted-php', request.url.includes('/inbox/') ? 'inbox.200' : 'email.detail.200'),
    );
    const selfhosted = provider(server.fetch);
    const message = await selfhosted.getMessage(mailbox(), '1');
    expect(message.receivedAt).toBe(GENERATED_AT + 5 * 60_000);
    await selfhosted.getMessage(mailbox(), '1');
    expect(server.requests.map((r) => r.url)).toEqual([
      `${BASE}/inbox/johnsmith%40yourdomain.com`,
      `${BASE}/email/1`,
      `${BASE}/email/1`,
    ]);
  });

  it('getMessage without HTML (body_html null) keeps only the text', async () => {
    const server = always('selfhosted-php', 'email.detail.no-attachments.200');
    const message = await provider(server.fetch).getMessage(mailbox(), '2');
    expect(message.text).toBe('Your code is 123456');
    expect(message.html).toBeUndefined();
    expect(message.attachments).toEqual([]);
  });

  it('getMessage of an unknown id is not-found', async () => {
    const server = always('selfhosted-php', 'email.not-found');
    expect((await caught(() => provider(server.fetch).getMessage(mailbox(), '999'))).kind).toBe('not-found');
  });

  it('deleteMessage: DELETE /email/{id}; an unknown id counts as deleted', async () => {
    const server = always('selfhosted-php', 'email.delete.200');
    await provider(server.fetch).deleteMessage(mailbox(), '1');
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: `${BASE}/email/1` });
    await expect(
      provider(always('selfhosted-php', 'email.not-found').fetch).deleteMessage(mailbox(), '9'),
    ).resolves.toBeUndefined();
  });

  it('listDomains: GET /domains (plain strings)', async () => {
    const server = always('selfhosted-php', 'domains.200');
    await expect(provider(server.fetch).listDomains()).resolves.toEqual([
      { domain: 'yourdomain.com' },
      { domain: 'tempmail.com' },
      { domain: 'disposable.email' },
    ]);
    expect(server.requests[0]!.url).toBe(`${BASE}/domains`);
  });

  it('probe reads /domains and /stats', async () => {
    const server = sequence(
      () => fixtureResponse('selfhosted-php', 'domains.200'),
      () => fixtureResponse('selfhosted-php', 'stats.200'),
    );
    await expect(provider(server.fetch).probe()).resolves.toEqual({
      ok: true,
      detail:
        '3 domains: yourdomain.com, tempmail.com, disposable.email. 450 addresses made, 3200 emails received.',
    });
    expect(server.requests.map((r) => r.url)).toEqual([`${BASE}/domains`, `${BASE}/stats`]);
  });

  it('downloadAttachment fetches the public file without auth, and tries beside api.php after a 404', async () => {
    const server = sequence(
      () => textResponse(404, 'Not Found'),
      () => new Response('%PDF', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    );
    const file = await provider(server.fetch, {
      baseUrl: 'https://yourdomain.com/tm/api.php',
    }).downloadAttachment(mailbox(), {
      filename: 'document.pdf',
      url: 'https://yourdomain.com/uploads/attachments/document.pdf',
      auth: 'none',
      contentType: 'application/pdf',
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      'https://yourdomain.com/uploads/attachments/document.pdf',
      'https://yourdomain.com/tm/uploads/attachments/document.pdf',
    ]);
    expect(new TextDecoder().decode(file.bytes)).toBe('%PDF');
  });
});

describe('self-hosted: server refusals and setup diagnosis', () => {
  it.each([
    ['generate.invalid-username', 'validation', 'Use 3 to 20 letters or digits for the username.'],
    [
      'generate.reserved-username',
      'validation',
      'That username is reserved on your server. Choose another one.',
    ],
    [
      'generate.username-taken',
      'conflict',
      'That username is already taken on your server. Choose another one.',
    ],
  ])('%s -> %s', async (name, kind, message) => {
    // A name that passes the client check: the server remains authoritative.
    const server = always('selfhosted-php', name);
    const error = await caught(() => provider(server.fetch).createMailbox({ username: 'johnsmith' }));
    expect(error).toMatchObject({ kind, message });
    expect(server.requests).toHaveLength(1);
  });

  it('an HTML page instead of JSON points at PATH_INFO, with the nginx hint', async () => {
    const server = fakeFetch(() =>
      textResponse(200, '<!DOCTYPE html><html><title>Welcome to nginx!</title></html>', 'text/html'),
    );
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/web page instead of the API/);
    expect(error.message).toMatch(/PATH_INFO/);
    expect(error.message).toMatch(/fastcgi_param PATH_INFO \$fastcgi_path_info;/);
  });

  it('a web-server 404 ("File not found.") points at PATH_INFO', async () => {
    const server = fakeFetch(() => textResponse(404, 'File not found.'));
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/PATH_INFO/);
    expect(error.details).toMatchObject({ status: 404, serverMessage: 'File not found.' });
  });

  it('"Invalid endpoint: /" means PATH_INFO arrives empty', async () => {
    const server = always('selfhosted-php', 'error.no-pathinfo');
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/^Your server answered, but api.php received an empty path\. .*PATH_INFO/);
  });

  it('"Invalid endpoint: /unknown" means the base URL has something after api.php', async () => {
    const server = always('selfhosted-php', 'error.invalid-endpoint');
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/ends in api.php/);
  });

  it('"Config not found" (HTTP 500) is misconfigured, not a server hiccup', async () => {
    const server = always('selfhosted-php', 'error.config-not-found');
    const error = await caught(() => provider(server.fetch).probe());
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/Config not found/);
  });

  it('"Method not allowed" is misconfigured', async () => {
    const server = always('selfhosted-php', 'error.method-not-allowed');
    expect((await caught(() => provider(server.fetch).listDomains())).kind).toBe('misconfigured');
  });

  it('no base URL is misconfigured before any request', async () => {
    const server = always('selfhosted-php', 'domains.200');
    const error = await caught(() => provider(server.fetch, { baseUrl: '' }).probe());
    expect(error.kind).toBe('misconfigured');
    expect(server.requests).toHaveLength(0);
  });

  it('/generate is never retried: not after a 5xx, not after a refused connection', async () => {
    const failing = fakeFetch(() =>
      textResponse(502, '<html><title>502 Bad Gateway</title></html>', 'text/html'),
    );
    expect((await caught(() => provider(failing.fetch).createMailbox())).kind).toBe('server');
    expect(failing.requests).toHaveLength(1);

    const refused = fakeFetch(() => 'refuse');
    expect((await caught(() => provider(refused.fetch).createMailbox())).kind).toBe('network');
    expect(refused.requests).toHaveLength(1);
  });

  it('/generate that hangs times out once', async () => {
    const server = fakeFetch(() => 'hang');
    expect((await caught(() => provider(server.fetch, { timeoutMs: 40 }).createMailbox())).kind).toBe(
      'timeout',
    );
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', 'bad-response', () => textResponse(200, '{"success": tr', 'application/json')],
    ['emails not an array', 'bad-response', () => jsonResponse(200, { success: true, emails: 'none' })],
    [
      'an item without id',
      'bad-response',
      () => jsonResponse(200, { success: true, emails: [{ subject: 'x' }] }),
    ],
    ['success:false without error', 'bad-response', () => jsonResponse(200, { success: false })],
  ])('an inbox answered with %s -> %s', async (_, kind, reply) => {
    const server = fakeFetch(reply);
    expect((await caught(() => provider(server.fetch).listMessages(mailbox()))).kind).toBe(kind);
  });
});
