import { describe, expect, it } from 'vitest';
import { CreationPacer, TempmailLolProvider, messageId } from '../../../lib/providers/tempmail-lol';
import { readDate } from '../../../lib/providers/tempmail-lol-emails';
import type { MailboxHandle } from '../../../lib/providers/types';
import { always, caught, fakeFetch, jsonResponse, textResponse } from './fake-fetch';

/**
 * TempMail.lol inbox reads delete what they return, so every answer the wild may send must keep its mail:
 * one odd email never costs the others, and what cannot be read is kept raw.
 */

const BASE = 'https://api.tempmail.lol';
const NOW = Date.parse('2025-06-01T12:00:00Z');
const DATE = 1748779260123;

function provider(fetchImpl: typeof fetch, api: 'v1' | 'v2' = 'v2', timeoutMs?: number) {
  return new TempmailLolProvider(
    { baseUrl: BASE, fetch: fetchImpl, tempmailLolApi: api, ...(timeoutMs ? { timeoutMs } : {}) },
    { now: () => NOW, retryDelayMs: () => 1, pacer: new CreationPacer() },
  );
}

const mailbox = (api: 'v1' | 'v2' = 'v2'): MailboxHandle => ({
  address: 'a1b2c3683c40c0@theeyeoftruth.com',
  credentials: { kind: 'tempmail-lol', token: 'tok', api },
  expiresAt: NOW + 3_600_000,
});

const good = (n: number) => ({
  from: `sender${n}@example.org`,
  to: 'a1b2c3683c40c0@theeyeoftruth.com',
  subject: `Mail ${n}`,
  body: `Your code is 12345${n}`,
  date: DATE + n,
  ip: '203.0.113.25',
});

const inbox = (body: unknown) => fakeFetch(() => jsonResponse(200, body)).fetch;

describe('TempMail.lol destructive reads keep every email', () => {
  it('one email with a field of an unexpected type costs neither the others nor itself', async () => {
    const odd = { ...good(2), subject: { text: 'Mail 2' }, body: 'Your code is 777000' };
    const result = await provider(inbox({ emails: [good(1), odd, good(3)], expired: false })).listMessages(
      mailbox(),
    );
    expect(result.expired).toBe(false);
    expect(result.messages.map((m) => m.subject)).toEqual(['Mail 1', '', 'Mail 3']);
    expect(result.messages[0]).toMatchObject({ text: 'Your code is 123451', receivedAt: DATE + 1 });
    expect(result.messages[0]!.malformed).toBeUndefined();
    const kept = result.messages[1]!;
    expect(kept.malformed).toBe(true);
    expect(kept.from).toEqual({ address: 'sender2@example.org' });
    // The raw JSON, so the person can still read the code the mail carried.
    expect(JSON.parse(kept.text!)).toEqual(odd);
  });

  it('emails: null is an empty inbox; a missing expired means not expired', async () => {
    expect(await provider(inbox({ emails: null, expired: false })).listMessages(mailbox())).toEqual({
      messages: [],
      expired: false,
    });
    const result = await provider(inbox({ emails: [good(1)] })).listMessages(mailbox());
    expect(result).toMatchObject({ expired: false, messages: [{ subject: 'Mail 1' }] });
  });

  it('missing strings read as empty, and an unreadable or missing date as the time of fetching', async () => {
    const result = await provider(
      inbox({
        emails: [
          { body: 'only a body', date: 'yesterday-ish' },
          { from: 'a@b.c', subject: 's' },
        ],
        expired: false,
      }),
    ).listMessages(mailbox());
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0]).toMatchObject({ subject: '', from: {}, text: 'only a body', receivedAt: NOW });
    expect(result.messages[0]!.malformed).toBeUndefined();
    expect(result.messages[1]).toMatchObject({ subject: 's', from: { address: 'a@b.c' }, text: '' });
    expect(result.messages[1]!.receivedAt).toBe(NOW);
  });

  it('uses the real id when the answer carries one, and the documented hash otherwise', async () => {
    const result = await provider(
      inbox({ emails: [{ ...good(1), id: 'srv-42' }, { ...good(2), id: 7 }, good(3)], expired: false }),
    ).listMessages(mailbox());
    expect(result.messages.map((m) => m.id)).toEqual(['srv-42', '7', await messageId({ ...good(3) })]);
  });

  it('keeps an entry that is not an object at all, raw and flagged', async () => {
    const result = await provider(inbox({ emails: ['garbled', good(1)], expired: false })).listMessages(
      mailbox(),
    );
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0]).toMatchObject({ malformed: true, text: '"garbled"', receivedAt: NOW });
    expect(result.messages[0]!.id).toMatch(/^raw-[0-9a-f]{64}$/);
    expect(result.messages[1]).toMatchObject({ subject: 'Mail 1' });
  });

  it('an object with none of the documented fields is kept raw and flagged', async () => {
    const result = await provider(inbox({ emails: [{ payload: 'x' }], expired: false })).listMessages(
      mailbox(),
    );
    expect(result.messages[0]).toMatchObject({ malformed: true });
    expect(JSON.parse(result.messages[0]!.text!)).toEqual({ payload: 'x' });
  });

  it('v1: the same tolerance under "email", and email: null without "invalid" is an empty inbox', async () => {
    const result = await provider(inbox({ email: [good(1), { ...good(2), date: null }] }), 'v1').listMessages(
      mailbox('v1'),
    );
    expect(result.messages.map((m) => m.receivedAt)).toEqual([DATE + 1, NOW]);
    expect(await provider(inbox({ email: null }), 'v1').listMessages(mailbox('v1'))).toEqual({
      messages: [],
      expired: false,
    });
  });

  it('a 200 that carries an error and no list is a refusal, not an empty inbox', async () => {
    const error = await caught(() => provider(inbox({ error: 'Captcha required' })).listMessages(mailbox()));
    expect(error.kind).toBe('bad-response');
    expect(error.details.serverMessage).toBe('Captcha required');
  });

  it('once the headers arrived, a slow body is read to the end, not abandoned at the request timeout', async () => {
    const json = JSON.stringify({ emails: [good(1)], expired: false });
    const slow = () =>
      new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode(json.slice(0, 20)));
          await new Promise((resolve) => setTimeout(resolve, 200));
          controller.enqueue(new TextEncoder().encode(json.slice(20)));
          controller.close();
        },
      });
    const server = fakeFetch(() => new Response(slow(), { status: 200 }));
    const result = await provider(server.fetch, 'v2', 50).listMessages(mailbox());
    expect(result.messages.map((m) => m.subject)).toEqual(['Mail 1']);
    // A request that deletes nothing still gives up at its timeout.
    const stats = fakeFetch(() => new Response(slow(), { status: 200 }));
    expect((await caught(() => provider(stats.fetch, 'v2', 50).probe())).kind).toBe('timeout');
  });
});

describe('readDate', () => {
  it('reads unix ms, unix seconds, digit strings and ISO dates; refuses the unbelievable', () => {
    expect(readDate(DATE, NOW)).toBe(DATE);
    expect(readDate(DATE / 1000, NOW)).toBe(DATE);
    expect(readDate(String(DATE), NOW)).toBe(DATE);
    expect(readDate('2025-06-01T11:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(readDate(0, NOW)).toBeUndefined();
    expect(readDate(NOW + 7 * 24 * 3_600_000, NOW)).toBeUndefined();
    expect(readDate('soon', NOW)).toBeUndefined();
    expect(readDate(null, NOW)).toBeUndefined();
  });
});

describe('TempMail.lol free-tier creation pacing', () => {
  const created = () =>
    jsonResponse(201, { address: `x${Math.random()}@lol.test`.replace('0.', ''), token: 't' });

  it('stays under 25 per 5 minutes: the 25th waits until the oldest leaves the window', async () => {
    let now = NOW;
    const pacer = new CreationPacer();
    const server = fakeFetch(() => created());
    const lol = new TempmailLolProvider(
      { baseUrl: BASE, fetch: server.fetch },
      { now: () => now, retryDelayMs: () => 1, pacer },
    );
    for (let i = 0; i < 24; i++) {
      await lol.createMailbox();
      now += 1000;
    }
    const error = await caught(() => lol.createMailbox());
    expect(error).toMatchObject({
      kind: 'rate-limited',
      details: { reason: 'create-paced', params: { seconds: 276 } },
    });
    expect(server.requests).toHaveLength(24);
    now = NOW + 300_001;
    await lol.createMailbox();
    expect(server.requests).toHaveLength(25);
  });

  it('after a plain-text 429 it waits out the ban instead of asking again', async () => {
    let now = NOW;
    const pacer = new CreationPacer();
    const server = fakeFetch(() => textResponse(429, 'Rate limited: free', 'application/json'));
    const lol = new TempmailLolProvider({ baseUrl: BASE, fetch: server.fetch }, { now: () => now, pacer });
    expect((await caught(() => lol.createMailbox())).details).toMatchObject({
      reason: 'retry-in',
      params: { seconds: 300 },
    });
    now += 60_000;
    expect((await caught(() => lol.createMailbox())).details).toMatchObject({
      reason: 'create-paced',
      params: { seconds: 240 },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a key, or another server than the public one, is not paced', async () => {
    const pacer = new CreationPacer();
    const server = fakeFetch(() => created());
    const keyed = new TempmailLolProvider(
      { baseUrl: BASE, fetch: server.fetch, apiKey: 'tm.k' },
      { now: () => NOW, pacer },
    );
    const local = new TempmailLolProvider(
      { baseUrl: 'http://127.0.0.1:8025', fetch: server.fetch },
      { now: () => NOW, pacer },
    );
    for (let i = 0; i < 30; i++) {
      await keyed.createMailbox();
      await local.createMailbox();
    }
    expect(server.requests).toHaveLength(60);
  });
});

describe('the recorded drift fixtures', () => {
  it('read without loss', async () => {
    const lol = (name: string) => provider(always('tempmail-lol', name).fetch);
    expect(await lol('v2.inbox.emails-null.200').listMessages(mailbox())).toEqual({
      messages: [],
      expired: false,
    });
    const missing = await lol('v2.inbox.missing-fields.200').listMessages(mailbox());
    expect(missing).toMatchObject({
      expired: false,
      messages: [{ subject: 'Welcome to Example', receivedAt: NOW }],
    });
    const withId = await lol('v2.inbox.extra-id.200').listMessages(mailbox());
    expect(withId.messages[0]!.id).toBe('6651f0c2e4b0a1b2c3d4e5f6');
    const blocked = await caught(() =>
      new TempmailLolProvider(
        {
          baseUrl: BASE,
          apiKey: 'tm.k',
          fetch: always('tempmail-lol', 'v2.inbox-create.region-blocked.403').fetch,
        },
        { now: () => NOW, pacer: new CreationPacer() },
      ).createMailbox(),
    );
    expect(blocked).toMatchObject({ kind: 'blocked', details: { reason: 'blocked-network' } });
  });
});

describe('TempMail.lol probe wording', () => {
  it('says "1 email", not "1 emails"', async () => {
    const one = fakeFetch(() => jsonResponse(200, { emails_received: 1, clients_connected: 0 }));
    expect((await provider(one.fetch).probe()).detail).toBe('1 email received by TempMail.lol so far.');
  });
});

describe('TempMail.lol custom domains (legacy flows)', () => {
  const custom = { domain: 'Example.com', password: 'my-long-password' };

  it('v2: GET /v2/custom?domain=&password= with the key; every email kept', async () => {
    const server = always('tempmail-lol', 'v2.custom.emails.200');
    const lol = new TempmailLolProvider(
      { baseUrl: BASE, fetch: server.fetch, apiKey: 'tm.1234567890.abc' },
      { now: () => NOW, pacer: new CreationPacer() },
    );
    const messages = await lol.readCustomDomain(custom);
    expect(server.requests[0]!.url).toBe(`${BASE}/v2/custom?domain=example.com&password=my-long-password`);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tm.1234567890.abc');
    expect(messages[0]).toMatchObject({ to: 'anything@example.com', subject: 'Welcome to Example' });
  });

  it('v1: GET /v1/custom/{password}/{domain}; email: null is none', async () => {
    const server = fakeFetch(() => jsonResponse(200, { email: null }));
    expect(await provider(server.fetch, 'v1').readCustomDomain(custom)).toEqual([]);
    expect(server.requests[0]!.url).toBe(`${BASE}/v1/custom/my-long-password/example.com`);
  });

  it('a wrong domain password is not a refused key; 402 is a plan without custom domains', async () => {
    const wrong = new TempmailLolProvider(
      {
        baseUrl: BASE,
        fetch: always('tempmail-lol', 'v2.custom.invalid-password.403').fetch,
        apiKey: 'tm.k',
      },
      { now: () => NOW, pacer: new CreationPacer() },
    );
    expect(await caught(() => wrong.readCustomDomain(custom))).toMatchObject({
      kind: 'validation',
      details: { reason: 'domain-password-refused' },
    });
    // Both concern this one domain: 'validation', so the account's other mailboxes go on being polled.
    const free = provider(always('tempmail-lol', 'v1.custom.not-premium.402').fetch, 'v1');
    expect(await caught(() => free.readCustomDomain(custom))).toMatchObject({
      kind: 'validation',
      details: { reason: 'plan-not-allowed' },
    });
    const noLogin = provider(
      fakeFetch(() => jsonResponse(403, { error: 'You must be logged in.', code: 6 })).fetch,
    );
    expect(await caught(() => noLogin.readCustomDomain(custom))).toMatchObject({
      kind: 'validation',
      details: { reason: 'plan-not-allowed' },
    });
  });

  it("a custom-domain mailbox is read as the domain's catch-all, with its own API version, and only forgotten", async () => {
    const server = always('tempmail-lol', 'v2.custom.emails.200');
    const lol = new TempmailLolProvider(
      { baseUrl: BASE, fetch: server.fetch, apiKey: 'tm.k', tempmailLolApi: 'v1' },
      { now: () => NOW, pacer: new CreationPacer() },
    );
    const catchAll = {
      address: '*@example.com',
      credentials: {
        kind: 'tempmail-lol' as const,
        token: 'my-long-password',
        api: 'v2' as const,
        customDomain: true as const,
      },
      expiresAt: null,
    };
    const read = await lol.listMessages(catchAll);
    expect(server.requests[0]!.url).toBe(`${BASE}/v2/custom?domain=example.com&password=my-long-password`);
    expect(read).toMatchObject({ expired: false, messages: [{ to: 'anything@example.com' }] });
    await lol.deleteMailbox(catchAll);
    expect(server.requests).toHaveLength(1);
  });
});
