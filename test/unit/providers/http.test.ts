import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/core/errors';
import {
  HttpClient,
  failureFor,
  parseNaiveAsUtc,
  parseRateLimitHeaders,
  parseResetAt,
  parseRetryAfter,
  readBody,
  type HttpResponse,
} from '../../../lib/providers/http';
import { buildUrl, normalizeBaseUrl, pathSegment, resolveHttpUrl } from '../../../lib/providers/url';
import { caught, fakeFetch, jsonResponse, textResponse } from './fake-fetch';

const NOW = Date.parse('2026-04-30T12:00:00Z');

function client(fetchImpl: typeof fetch, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({
    serviceName: 'Example',
    baseUrl: 'https://api.example.com/v1',
    fetch: fetchImpl,
    retryDelayMs: () => 1,
    ...extra,
  });
}

function responseOf(status: number, text: string, headers: Record<string, string> = {}): HttpResponse {
  const bytes = new TextEncoder().encode(text).buffer as ArrayBuffer;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: new Headers(headers),
    url: 'https://x/',
    bytes,
    text: () => text,
  };
}

describe('url helpers', () => {
  it.each([
    ['demo123@example.com', 'demo123@example.com'],
    ['a+b@example.com', 'a%2Bb@example.com'],
    ['a/b', 'a%2Fb'],
    ['a b%', 'a%20b%25'],
  ])('pathSegment(%s) = %s', (input, expected) => {
    expect(pathSegment(input)).toBe(expected);
  });

  it('encodes + and @ in a query so PHP does not read a space', () => {
    expect(buildUrl('https://h/api', '/messages', { email: 'a+b@x.com' })).toBe(
      'https://h/api/messages?email=a%2Bb%40x.com',
    );
  });

  it.each([
    [' https://h/api/ ', 'https://h/api'],
    ['http://127.0.0.1:8080/tm/api.php', 'http://127.0.0.1:8080/tm/api.php'],
    ['ftp://h/api', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('normalizeBaseUrl(%j) = %j', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it('refuses non-http links', () => {
    expect(resolveHttpUrl('javascript:alert(1)', 'https://h/')).toBeUndefined();
    expect(resolveHttpUrl('/uploads/a.pdf', 'https://h/x/api.php')).toBe('https://h/uploads/a.pdf');
  });
});

describe('header parsing', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 30 Apr 2026 12:01:30 GMT', 90_000],
    ['Thu, 30 Apr 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('Retry-After %j -> %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads X-RateLimit-Reset as an ISO timestamp with offset, and refuses bare numbers', () => {
    expect(parseResetAt('2026-05-01T00:00:00+05:00')).toBe(Date.parse('2026-04-30T19:00:00Z'));
    expect(parseResetAt('1746057600')).toBeUndefined();
    expect(parseResetAt('garbage')).toBeUndefined();
  });

  it('reads the documented quota headers', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '50000',
      'X-RateLimit-Used': '124',
      'X-RateLimit-Remaining': '49876',
      'X-RateLimit-Reset': '2026-05-01T00:00:00+05:00',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      limit: 50000,
      used: 124,
      remaining: 49876,
      resetAt: Date.parse('2026-04-30T19:00:00Z'),
      observedAt: NOW,
    });
    expect(parseRateLimitHeaders(new Headers(), NOW)).toBeUndefined();
  });

  it('reads naive server times as UTC and keeps explicit zones', () => {
    expect(parseNaiveAsUtc('2026-06-28 09:38:43')).toBe(Date.parse('2026-06-28T09:38:43Z'));
    expect(parseNaiveAsUtc('2026-06-28T09:38:43+02:00')).toBe(Date.parse('2026-06-28T07:38:43Z'));
    expect(parseNaiveAsUtc('yesterday')).toBeUndefined();
  });
});

describe('readBody', () => {
  it.each([
    ['{"a":1}', {}, 'json'],
    ['<!DOCTYPE html><html></html>', {}, 'html'],
    ['{"a":1}', { 'content-type': 'text/html' }, 'html'],
    ['Rate limited: free', { 'content-type': 'application/json' }, 'text'],
    ['{"a":', {}, 'text'],
    ['  ', {}, 'empty'],
  ])('%j (%j) is %s', (text, headers, type) => {
    expect(readBody(responseOf(200, text, headers)).type).toBe(type);
  });
});

describe('failureFor: the shared status table', () => {
  const json = '{"message":"Nope."}';
  const html = '<html><head><title>404 Not Found</title></head><body>nginx</body></html>';
  const challenge = '<html><head><title>Just a moment...</title></head></html>';
  const region = '{"error":"TempMail is not available in your country or region."}';
  it.each([
    [401, json, {}, {}, 'auth', 'key-refused'],
    [402, json, {}, {}, 'auth', 'plan-expired'],
    [403, html, {}, {}, 'blocked', 'blocked-network'],
    [403, challenge, {}, { forbiddenKind: 'auth' as const }, 'blocked', 'challenge-page'],
    [403, region, {}, { forbiddenKind: 'auth' as const }, 'blocked', 'blocked-network'],
    [
      403,
      '{"error":"captcha_required"}',
      {},
      { forbiddenKind: 'auth' as const },
      'blocked',
      'blocked-network',
    ],
    [403, json, {}, { forbiddenKind: 'auth' as const }, 'auth', 'key-refused'],
    [
      403,
      '{"error":"Forbidden","code":"region_blocked"}',
      {},
      { forbiddenKind: 'auth' as const },
      'blocked',
      'blocked-network',
    ],
    [
      403,
      '{"error":"Bad key","domain":"proxy.example"}',
      {},
      { forbiddenKind: 'auth' as const },
      'auth',
      'key-refused',
    ],
    [403, json, {}, {}, 'validation', 'plan-not-allowed'],
    [404, json, {}, { expiresAt: NOW + 1 }, 'not-found', 'mailbox-unknown'],
    [404, json, {}, { expiresAt: NOW }, 'expired', 'mailbox-expired'],
    [404, html, {}, {}, 'misconfigured', 'web-page'],
    [405, json, {}, {}, 'misconfigured', 'method-not-allowed'],
    [419, json, {}, {}, 'misconfigured', 'method-not-allowed'],
    [409, json, {}, {}, 'conflict', 'name-taken'],
    [422, json, {}, {}, 'validation', 'request-refused'],
    [429, json, {}, {}, 'rate-limited', 'slow-down'],
    [429, json, { 'X-RateLimit-Remaining': '0' }, {}, 'quota-exhausted', 'quota-used'],
    [500, json, {}, {}, 'server', 'server-error'],
    [503, html, {}, {}, 'server', 'server-error'],
    [503, challenge, {}, {}, 'blocked', 'challenge-page'],
  ])('%i %s %j %j -> %s (%s)', (status, text, headers, context, kind, reason) => {
    const response = responseOf(status, text, headers);
    const error = failureFor(response, readBody(response), { service: 'Example', now: NOW, ...context });
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe(kind);
    expect(error.reason).toBe(reason);
    expect(error.details.status).toBe(status);
    expect(error.message).toMatch(/Example/);
  });

  it('gives a wait its seconds and a quota its reset time as parameters', () => {
    const wait = responseOf(429, 'Rate limited: free', { 'Content-Type': 'application/json' });
    expect(
      failureFor(wait, readBody(wait), { service: 'Example', now: NOW, defaultRetryAfterMs: 300_000 })
        .details,
    ).toMatchObject({ reason: 'retry-in', params: { seconds: 300 }, serverMessage: 'Rate limited: free' });
    const quota = responseOf(429, json, {
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-05-01T00:00:00+05:00',
    });
    expect(failureFor(quota, readBody(quota), { service: 'Example', now: NOW }).details).toMatchObject({
      reason: 'quota-resets',
      params: { at: Date.parse('2026-05-01T00:00:00+05:00') },
    });
  });

  it('keeps the server message and the provider code for diagnosis', () => {
    const response = responseOf(400, '{"error":"Invalid domain.","code":1}');
    const error = failureFor(response, readBody(response), { service: 'Example', now: NOW });
    expect(error.details).toMatchObject({ serverMessage: 'Invalid domain.', providerCode: 1 });
  });

  it('takes the first Laravel validation error when there is no message', () => {
    const response = responseOf(422, '{"errors":{"type":["The selected type is invalid."]}}');
    expect(failureFor(response, readBody(response), { service: 'Example' }).details.serverMessage).toBe(
      'The selected type is invalid.',
    );
  });

  it('puts Retry-After and X-RateLimit-Reset on a 429', () => {
    const response = responseOf(429, json, {
      'Retry-After': '30',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-05-01T00:00:00+05:00',
    });
    const error = failureFor(response, readBody(response), { service: 'Example', now: NOW });
    expect(error.kind).toBe('quota-exhausted');
    expect(error.details).toMatchObject({
      retryAfterMs: 30_000,
      resetAt: Date.parse('2026-04-30T19:00:00Z'),
    });
    expect(error.message).toContain('2026-04-30T19:00:00.000Z');
  });

  it('falls back to the known wait when a 429 has no Retry-After', () => {
    const response = responseOf(429, 'Rate limited: free');
    const error = failureFor(response, readBody(response), { service: 'Example', defaultRetryAfterMs: 5000 });
    expect(error.details.retryAfterMs).toBe(5000);
    expect(error.details.serverMessage).toBe('Rate limited: free');
    expect(error.message).toContain('5 seconds');
  });
});

describe('HttpClient', () => {
  it('sends the key to the base URL origin and never to another host', async () => {
    const server = fakeFetch(() => jsonResponse(200, {}));
    const http = client(server.fetch, { authorization: 'Bearer secret' });
    await http.send({ method: 'GET', path: '/a' });
    await http.send({ method: 'GET', url: 'https://api.example.com/files/x' });
    await http.send({ method: 'GET', url: 'https://cdn.example.net/files/x' });
    await http.send({ method: 'GET', url: 'http://api.example.com/files/x' });
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['https://api.example.com/v1/a', 'Bearer secret'],
      ['https://api.example.com/files/x', 'Bearer secret'],
      ['https://cdn.example.net/files/x', undefined],
      ['http://api.example.com/files/x', undefined],
    ]);
  });

  it('turns a hang longer than the timeout into a timeout error', async () => {
    const server = fakeFetch(() => 'hang');
    const error = await caught(() =>
      client(server.fetch, { timeoutMs: 50 }).send({ method: 'GET', path: '/' }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 0\.05 seconds/);
    expect(server.requests).toHaveLength(1);
  });

  it('turns a body that stalls into a timeout error', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
      },
    });
    const server = fakeFetch(() => new Response(stalled, { status: 200 }));
    const error = await caught(() =>
      client(server.fetch, { timeoutMs: 50 }).send({ method: 'GET', path: '/' }),
    );
    expect(error.kind).toBe('timeout');
  });

  it('retries an idempotent GET on 5xx, a bounded number of times', async () => {
    const server = fakeFetch(() => jsonResponse(503, { message: 'down' }));
    const response = await client(server.fetch).send({ method: 'GET', path: '/', idempotent: true });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('retries an idempotent GET after a network error and returns the later answer', async () => {
    const server = fakeFetch((_, i) => (i === 0 ? 'refuse' : jsonResponse(200, { ok: true })));
    const response = await client(server.fetch).send({ method: 'GET', path: '/', idempotent: true });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a request that is not idempotent', async () => {
    const failing = fakeFetch(() => jsonResponse(500, {}));
    await client(failing.fetch).send({ method: 'POST', path: '/create' });
    expect(failing.requests).toHaveLength(1);

    const refused = fakeFetch(() => 'refuse');
    const error = await caught(() => client(refused.fetch).send({ method: 'GET', path: '/generate' }));
    expect(error.kind).toBe('network');
    expect(refused.requests).toHaveLength(1);
  });

  it('does not retry a timeout (that would triple the wait)', async () => {
    const server = fakeFetch(() => 'hang');
    await caught(() =>
      client(server.fetch, { timeoutMs: 30 }).send({ method: 'GET', path: '/', idempotent: true }),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection on a real socket as a network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const http = new HttpClient({
      serviceName: 'Example',
      baseUrl: `http://127.0.0.1:${port}/api`,
      timeoutMs: 2000,
    });
    const error = await caught(() => http.send({ method: 'POST', path: '/x' }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      `Could not reach Example at 127.0.0.1:${port}. Check your internet connection and the API address in Options.`,
    );
  });

  it('refuses to send without a usable base URL', async () => {
    const server = fakeFetch(() => jsonResponse(200, {}));
    const error = await caught(() =>
      client(server.fetch, { baseUrl: '' }).send({ method: 'GET', path: '/x' }),
    );
    expect(error.kind).toBe('misconfigured');
    expect(error.message).toMatch(/Set it in Options/);
    expect(server.requests).toHaveLength(0);
  });

  it('returns non-2xx answers for the caller to map, with status and decoded text', async () => {
    const server = fakeFetch(() => textResponse(404, 'File not found.'));
    const response = await client(server.fetch).send({ method: 'GET', path: '/x' });
    expect(response.status).toBe(404);
    expect(response.text()).toBe('File not found.');
  });
});
