import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail, startLocalServer, type LocalServer } from './index';
import { list, obj, request, richMail } from './test-helpers';

const ADDRESS = /^[0-9a-f]{6}[0-9a-f]{8}@lol\.test$/;

let server: LocalServer;
let base: string;

beforeAll(async () => {
  server = await startLocalServer({ lolPollThrottle: false });
  base = server.apiUrls.tempmailLol;
});
afterAll(() => server.close());

async function createInbox(body?: unknown): Promise<{ address: string; token: string }> {
  const response = await request(`${base}/v2/inbox/create`, {
    method: 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(201);
  const { address, token } = obj(response.body);
  return { address: String(address), token: String(token) };
}

describe('TempMail.lol v2: create', () => {
  it('creates with no body: random hex plus hex timestamp, 86-char base64url token', async () => {
    const { address, token } = await createInbox();
    expect(address).toMatch(ADDRESS);
    const secondsHex = address.slice(6, 14);
    expect(Math.abs(parseInt(secondsHex, 16) - Date.now() / 1000)).toBeLessThan(5);
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('honours a valid prefix, a community request and an explicit domain', async () => {
    expect((await createInbox({ prefix: 'Joe', domain: null })).address).toMatch(
      /^joe[0-9a-f]{8}@lol\.test$/,
    );
    expect((await createInbox({ prefix: 'not valid!' })).address).toMatch(ADDRESS);
    expect((await createInbox({ community: true })).address).toMatch(/@rush\.lol\.test$/);
    expect((await createInbox({ domain: 'rush.lol.test' })).address).toMatch(/@rush\.lol\.test$/);
  });

  it('keeps addresses unique for the same prefix within one second', async () => {
    const a = await createInbox({ prefix: 'twin' });
    const b = await createInbox({ prefix: 'twin' });
    expect(a.address).not.toBe(b.address);
  });

  it('accepts GET as the official web client used to send', async () => {
    const response = await request(`${base}/v2/inbox/create`);
    expect(response.status).toBe(201);
  });

  it('rejects an unknown domain and bad JSON with the upstream codes', async () => {
    const domain = await request(`${base}/v2/inbox/create`, {
      method: 'POST',
      body: JSON.stringify({ domain: 'not-ours.com' }),
    });
    expect(domain.status).toBe(400);
    expect(domain.body).toEqual({
      error: 'BananaCrumbs.US TempMail Endpoint Error: Invalid domain.  Did you provide a valid domain name?',
      code: 1,
    });
    const bad = await request(`${base}/v2/inbox/create`, { method: 'POST', body: 'prefix=joe' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'Invalid JSON data provided for POST request', code: 2 });
  });

  it('accepts an API key and refuses a malformed Authorization header', async () => {
    const withKey = await request(`${base}/v2/inbox/create`, {
      method: 'POST',
      headers: { Authorization: 'Bearer tm.1234567890.abcdef' },
    });
    expect(withKey.status).toBe(201);
    const legacy = await request(`${base}/v2/inbox/create`, {
      method: 'POST',
      headers: { Authorization: 'x,y' },
    });
    expect(legacy.status).toBe(401);
    expect(obj(legacy.body).code).toBe(11);
  });
});

describe('TempMail.lol v2: destructive inbox over real SMTP', () => {
  it('hands each email out exactly once, without attachments', async () => {
    const { address, token } = await createInbox();
    await sendMail(richMail(server, address));

    const first = await request(`${base}/v2/inbox?token=${token}`);
    expect(first.status).toBe(200);
    const body = obj(first.body);
    expect(body.expired).toBe(false);
    const [email] = list(body.emails);
    expect(Object.keys(email ?? {}).sort()).toEqual(['body', 'date', 'from', 'html', 'ip', 'subject', 'to']);
    expect(email).toMatchObject({
      from: 'hello@example.org',
      to: address,
      subject: 'Welcome to Mayfly',
      html: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
      ip: '127.0.0.1',
    });
    expect(String(email?.body)).toContain('Your code is 123456');
    expect(Math.abs(Number(email?.date) - Date.now())).toBeLessThan(10_000);

    const second = await request(`${base}/v2/inbox?token=${token}`);
    expect(second.body).toEqual({ emails: [], expired: false });
  });

  it('omits html for a text-only mail and fills an empty subject', async () => {
    const { address, token } = await createInbox();
    await sendMail({ smtpPort: server.smtpPort, to: address, subject: '', text: 'only text' });
    const [email] = list(obj((await request(`${base}/v2/inbox?token=${token}`)).body).emails);
    expect(email && 'html' in email).toBe(false);
    expect(email?.subject).toBe('[no subject]');
  });

  it('reports expired for an unknown token and for an expired inbox', async () => {
    expect((await request(`${base}/v2/inbox?token=bogus`)).body).toEqual({ emails: [], expired: true });
    const { address, token } = await createInbox();
    server.expire(address);
    expect((await request(`${base}/v2/inbox?token=${token}`)).body).toEqual({ emails: [], expired: true });
    await expect(sendMail(richMail(server, address))).rejects.toThrow(/550/);
  });

  it('answers 401 without a token, 405 for a wrong method, 404 for an unknown path', async () => {
    const noToken = await request(`${base}/v2/inbox`);
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ error: 'Unauthenticated', code: 6 });
    const wrongMethod = await request(`${base}/v2/inbox?token=x`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(obj(wrongMethod.body).code).toBe(4);
    const unknown = await request(`${base}/v2/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error:
        'No endpoint with that name exists on v2.  See https://github.com/tempmail-lol/server/wiki/v2-API-Endpoints',
    });
  });

  it('reports stats', async () => {
    const stats = obj((await request(`${base}/v2/stats`)).body);
    expect(Number(stats.emails_received)).toBeGreaterThan(0);
    expect(typeof stats.clients_connected).toBe('number');
  });
});

describe('TempMail.lol v2: throttles', () => {
  it('answers 429 code 7 to a second poll of one token within a second', async () => {
    const throttled = await startLocalServer();
    try {
      const created = obj((await request(`${throttled.httpUrl}/v2/inbox/create`, { method: 'POST' })).body);
      const url = `${throttled.httpUrl}/v2/inbox?token=${String(created.token)}`;
      expect((await request(url)).status).toBe(200);
      const second = await request(url);
      expect(second.status).toBe(429);
      expect(second.body).toEqual({ error: 'Rate limited', code: 7 });
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect((await request(url)).status).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('limits creations per IP when configured, with the plain-text 429', async () => {
    const limited = await startLocalServer({ lolCreateLimit: 2 });
    try {
      const create = () => fetch(`${limited.httpUrl}/v2/inbox/create`, { method: 'POST' });
      expect((await create()).status).toBe(201);
      expect((await create()).status).toBe(201);
      const third = await create();
      expect(third.status).toBe(429);
      expect(third.headers.get('content-type')).toBe('application/json');
      expect(await third.text()).toBe('Rate limited: free');
      const v1 = await request(`${limited.httpUrl}/v1/generate`);
      expect(v1.status).toBe(429);
      expect(v1.body).toEqual({ error: 'rate limited (free)' });
    } finally {
      await limited.close();
    }
  });
});

describe('TempMail.lol v1', () => {
  it('generates normal, community and chosen-domain inboxes', async () => {
    const normal = await request(`${base}/v1/generate`);
    expect(normal.status).toBe(201);
    expect(obj(normal.body).address).toMatch(ADDRESS);
    expect(obj((await request(`${base}/v1/generate/rush`)).body).address).toMatch(/@rush\.lol\.test$/);
    expect(obj((await request(`${base}/v1/generate/lol.test`)).body).address).toMatch(ADDRESS);
    const invalid = await request(`${base}/v1/generate/not-ours.com`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ error: 'invalid domain' });
  });

  it('reads destructively under "email" and flags unknown tokens', async () => {
    const created = obj((await request(`${base}/v1/generate`)).body);
    await sendMail(richMail(server, String(created.address)));
    const first = obj((await request(`${base}/v1/auth/${String(created.token)}`)).body);
    expect(list(first.email)).toHaveLength(1);
    expect((await request(`${base}/v1/auth/${String(created.token)}`)).body).toEqual({ email: [] });
    expect((await request(`${base}/v1/auth/bogus`)).body).toEqual({ email: null, token: 'invalid' });
    server.expire(String(created.address));
    expect((await request(`${base}/v1/auth/${String(created.token)}`)).body).toEqual({
      email: null,
      token: 'invalid',
    });
  });

  it('reports stats with clients_connected 0 and redirects unknown paths', async () => {
    expect(obj((await request(`${base}/v1/stats`)).body).clients_connected).toBe(0);
    const unknown = await fetch(`${base}/v1/nope`, { redirect: 'manual' });
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get('location')).toContain('github.com/tempmail-lol');
  });

  it('gives inboxes a 1 h lifetime by default and the configured one otherwise', async () => {
    const lifetimeOf = (target: LocalServer) => {
      const [mailbox] = target
        .mailboxes()
        .filter((m) => m.api === 'tempmail-lol' && !m.expired && !m.address.startsWith('*@'));
      return Date.parse(mailbox?.expiresAt ?? '') - Date.parse(mailbox?.createdAt ?? '');
    };
    expect(lifetimeOf(server)).toBe(3_600_000);
    const short = await startLocalServer({ ttlSeconds: { tempmailLol: 120 } });
    try {
      await request(`${short.httpUrl}/v2/inbox/create`, { method: 'POST' });
      expect(lifetimeOf(short)).toBe(120_000);
    } finally {
      await short.close();
    }
  });
});

describe('TempMail.lol custom domains (legacy flows)', () => {
  const key = { Authorization: 'Bearer tm.test' };
  const custom = 'custom.lol.test';
  const password = 'custom-domain-password';

  it('v2: mail to any address on the domain, read once with the password; a wrong one is code 8', async () => {
    await sendMail({ smtpPort: server.smtpPort, to: `shop@${custom}`, subject: 'One', text: 'a' });
    await sendMail({ smtpPort: server.smtpPort, to: `news@${custom}`, subject: 'Two', text: 'b' });
    const url = (pw: string) => `${base}/v2/custom?domain=${custom}&password=${encodeURIComponent(pw)}`;
    const wrong = await request(url('nope'), { headers: key });
    expect(wrong.status).toBe(403);
    expect(obj(wrong.body).code).toBe(8);
    expect((await request(url(password))).status).toBe(403);
    const read = list(obj((await request(url(password), { headers: key })).body).email);
    expect(read.map((e) => [e.to, e.subject])).toEqual([
      [`shop@${custom}`, 'One'],
      [`news@${custom}`, 'Two'],
    ]);
    expect(list(obj((await request(url(password), { headers: key })).body).email)).toEqual([]);
  });

  it('v1: 402 without a login; a wrong password reads as no mail, without a word', async () => {
    await sendMail({ smtpPort: server.smtpPort, to: `v1@${custom}`, subject: 'Old', text: 'c' });
    expect((await request(`${base}/v1/custom/${password}/${custom}`)).status).toBe(402);
    expect(obj((await request(`${base}/v1/custom/nope/${custom}`, { headers: key })).body)).toEqual({
      email: null,
    });
    const read = list(
      obj((await request(`${base}/v1/custom/${password}/${custom}`, { headers: key })).body).email,
    );
    expect(read.map((e) => e.subject)).toEqual(['Old']);
  });
});
