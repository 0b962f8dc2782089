import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from './index';
import { obj, request } from './test-helpers';

const AUTH = { Authorization: 'Bearer test-key' };

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ lolPollThrottle: false });
});
afterEach(() => server.clearFaults());
afterAll(() => server.close());

const domainsUrl = () => `${server.apiUrls.tempmailg}/domains?type=free`;
const selfhostedDomains = () => `${server.apiUrls.selfhosted}/domains`;
const lolStats = () => `${server.httpUrl}/v2/stats`;

describe('faults', () => {
  it('status: answers the chosen status in the API’s own error shape, with Retry-After', async () => {
    server.injectFault({ type: 'status', status: 503, retryAfter: 7 });
    const tempmailg = await request(domainsUrl(), { headers: AUTH });
    expect(tempmailg.status).toBe(503);
    expect(tempmailg.headers.get('retry-after')).toBe('7');
    expect(tempmailg.body).toEqual({ message: 'Server Error' });
    const lol = await request(lolStats());
    expect(lol.body).toEqual({ error: 'Internal Server Error', code: 12 });
    const selfhosted = await request(selfhostedDomains());
    expect(obj(selfhosted.body).error).toBeTypeOf('string');
  });

  it('html: answers an HTML challenge page', async () => {
    server.injectFault({ type: 'html', api: 'tempmailg' });
    const response = await fetch(domainsUrl(), { headers: AUTH });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Just a moment...');
  });

  it('malformed-json: answers truncated JSON with a JSON content type', async () => {
    server.injectFault({ type: 'malformed-json', api: 'selfhosted' });
    const response = await fetch(selfhostedDomains());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('delay: answers normally after the delay', async () => {
    server.injectFault({ type: 'delay', delayMs: 300, count: 1 });
    const started = Date.now();
    const response = await request(selfhostedDomains());
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(obj(response.body).success).toBe(true);
  });

  it('hang: never answers (the client has to time out)', async () => {
    server.injectFault({ type: 'hang', api: 'tempmail-lol' });
    await expect(fetch(lolStats(), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    server.clearFaults();
    expect((await request(lolStats())).status).toBe(200);
  });

  it('reset: destroys the socket, a network error for the client', async () => {
    server.injectFault({ type: 'reset', path: '/v2/stats' });
    await expect(fetch(lolStats())).rejects.toThrow(TypeError);
  });

  it('quota-exhausted: each API says it in its own words', async () => {
    server.injectFault({ type: 'quota-exhausted', retryAfter: 30 });
    const tempmailg = await request(domainsUrl(), { headers: AUTH });
    expect(tempmailg.status).toBe(429);
    expect(tempmailg.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(tempmailg.headers.get('retry-after')).toBe('30');
    expect(tempmailg.body).toEqual({ status: false, message: 'API quota exceeded.' });
    const create = await fetch(`${server.httpUrl}/v2/inbox/create`, { method: 'POST' });
    expect(create.status).toBe(429);
    expect(await create.text()).toBe('Rate limited: free');
    const poll = await request(`${server.httpUrl}/v2/inbox?token=x`);
    expect(poll.body).toEqual({ error: 'Rate limited', code: 7 });
    expect((await request(`${server.apiUrls.selfhosted}/generate`)).status).toBe(429);
  });

  it('count: applies to the next N matching requests only', async () => {
    server.injectFault({
      type: 'status',
      status: 500,
      count: 2,
      api: 'selfhosted',
      path: '/api.php/domains',
    });
    expect((await request(`${server.apiUrls.selfhosted}/stats`)).status).toBe(200);
    expect((await request(selfhostedDomains())).status).toBe(500);
    expect((await request(lolStats())).status).toBe(200);
    expect((await request(selfhostedDomains())).status).toBe(500);
    expect((await request(selfhostedDomains())).status).toBe(200);
  });

  it('durationMs: lapses after the window', async () => {
    server.injectFault({ type: 'status', status: 502, durationMs: 200 });
    expect((await request(lolStats())).status).toBe(502);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await request(lolStats())).status).toBe(200);
  });

  it('is logged with the fault type and status', async () => {
    server.resetLog();
    server.injectFault({ type: 'status', status: 500, count: 1 });
    await request(lolStats());
    expect(server.log()).toMatchObject([
      { api: 'tempmail-lol', path: '/v2/stats', status: 500, fault: 'status' },
    ]);
  });
});

describe('faults through the control API', () => {
  it('injects, lists and clears faults over HTTP and validates them', async () => {
    const control = `${server.httpUrl}/_control/faults`;
    const invalid = await request(control, { method: 'POST', body: JSON.stringify({ type: 'explode' }) });
    expect(invalid.status).toBe(400);
    const added = await request(control, {
      method: 'POST',
      body: JSON.stringify({ api: 'tempmail-lol', type: 'status', status: 418 }),
    });
    expect(added.status).toBe(201);
    expect((await request(lolStats())).status).toBe(418);
    expect(obj((await request(control)).body).faults).toHaveLength(1);
    expect((await request(control, { method: 'DELETE' })).status).toBe(200);
    expect((await request(lolStats())).status).toBe(200);
  });
});
