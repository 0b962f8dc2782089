import { beforeEach, describe, expect, it } from 'vitest';
import type { MailboxCredentials } from '../../../lib/core/types';
import {
  MAX_NAME_ATTEMPTS,
  PAGE_SIZE,
  mercureHubUrl,
  readEvents,
  resetMailTmPacing,
} from '../../../lib/providers/mailtm';
import { createProvider } from '../../../lib/providers/registry';
import type { MailboxHandle } from '../../../lib/providers/types';
import {
  caught,
  fakeFetch,
  fixtureResponse,
  jsonResponse,
  loadFixture,
  type RecordedRequest,
  type Reply,
} from './fake-fetch';

const BASE = 'https://api.mail.tm';
const TOKEN = (loadFixture('mailtm', 'token.200').response.body as { token: string }).token;
const ACCOUNT_ID = '66a1f0c2e4b0a1b2c3d4e5f6';
const MESSAGE_ID = '66a1f3a9e4b0a1b2c3d4e5f7';

function provider(route: (r: RecordedRequest, i: number) => Reply | Promise<Reply>, base = BASE) {
  const server = fakeFetch(route);
  const p = createProvider(base.includes('mail.gw') ? 'mailgw' : 'mailtm', {
    baseUrl: base,
    fetch: server.fetch,
  });
  return { p, requests: server.requests };
}

function handle(token = TOKEN, saved: MailboxCredentials[] = []): MailboxHandle {
  return {
    address: 'q7h2k9x1@example-mailtm.com',
    credentials: { kind: 'mailtm', accountId: ACCOUNT_ID, password: 's3cret-Pa55', token },
    expiresAt: null,
    saveCredentials: async (c) => {
      saved.push(c);
    },
  };
}

const path = (r: RecordedRequest) => {
  const u = new URL(r.url);
  return `${r.method} ${u.pathname}${u.search}`;
};

beforeEach(() => resetMailTmPacing());

describe('Mail.tm adapter against the recorded fixtures', () => {
  it('reads domains from a Hydra collection and from a plain array, dropping inactive and private ones', async () => {
    const hydra = provider(() => fixtureResponse('mailtm', 'domains.ldjson.200'));
    expect(await hydra.p.listDomains!()).toEqual([{ domain: 'example-mailtm.com', tier: 'free' }]);
    expect(hydra.requests[0]!.headers.accept).toBe('application/ld+json');

    const plain = provider(() =>
      jsonResponse(200, [
        { id: '1', domain: 'Plain.Example', isActive: true, isPrivate: false },
        { id: '2', domain: 'off.example', isActive: false, isPrivate: false },
        { id: '3', domain: 'private.example', isActive: true, isPrivate: true },
      ]),
    );
    expect(await plain.p.listDomains!()).toEqual([{ domain: 'plain.example', tier: 'free' }]);
  });

  it('creates an account with a generated password, then logs in; the password is kept with the token', async () => {
    const { p, requests } = provider((r) => {
      if (r.url.endsWith('/domains')) return fixtureResponse('mailtm', 'domains.ldjson.200');
      if (r.url.endsWith('/accounts')) {
        const { address } = JSON.parse(r.body) as { address: string };
        const fixture = loadFixture('mailtm', 'accounts.create.201').response.body as Record<string, unknown>;
        return jsonResponse(201, { ...fixture, address });
      }
      return fixtureResponse('mailtm', 'token.200');
    });
    const created = await p.createMailbox();
    expect(requests.map(path)).toEqual(['GET /domains', 'POST /accounts', 'POST /token']);
    const sent = JSON.parse(requests[1]!.body) as { address: string; password: string };
    expect(sent.address).toMatch(/^[a-z][a-z0-9]{9}@example-mailtm\.com$/);
    expect(sent.password.length).toBeGreaterThanOrEqual(20);
    expect(JSON.parse(requests[2]!.body)).toEqual(sent);
    expect(created).toMatchObject({
      provider: 'mailtm',
      address: sent.address,
      domain: 'example-mailtm.com',
      expiresAt: null,
      credentials: { kind: 'mailtm', accountId: ACCOUNT_ID, password: sent.password, token: TOKEN },
    });
    // No cookies on any request.
    expect(requests.every((r) => r.headers.cookie === undefined)).toBe(true);
  });

  it('draws a new name when the address is already used, and gives up after a few tries', async () => {
    let accounts = 0;
    const { p, requests } = provider((r) => {
      if (r.url.endsWith('/accounts')) {
        accounts++;
        if (accounts < 2) return fixtureResponse('mailtm', 'accounts.create.address-used.422');
        return fixtureResponse('mailtm', 'accounts.create.201');
      }
      return fixtureResponse('mailtm', 'token.200');
    });
    await p.createMailbox({ domain: 'example-mailtm.com' });
    const names = requests
      .filter((r) => r.url.endsWith('/accounts'))
      .map((r) => (JSON.parse(r.body) as { address: string }).address);
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);

    const always = provider(() => fixtureResponse('mailtm', 'accounts.create.address-used.422'));
    const error = await caught(() => always.p.createMailbox({ domain: 'example-mailtm.com' }));
    expect(error.details.reason).toBe('name-taken');
    expect(always.requests).toHaveLength(MAX_NAME_ATTEMPTS);
  });

  it('does not redraw a name the person chose: it is a conflict at once', async () => {
    const { p, requests } = provider(() => fixtureResponse('mailtm', 'accounts.create.address-used.422'));
    const error = await caught(() => p.createMailbox({ username: 'taken', domain: 'example-mailtm.com' }));
    expect(error.kind).toBe('conflict');
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ address: 'taken@example-mailtm.com' });
  });

  it('lists summaries with the mailbox token and fetches a whole message, html parts joined', async () => {
    const { p, requests } = provider((r) =>
      r.url.includes('/messages?')
        ? fixtureResponse('mailtm', 'messages.list.200')
        : fixtureResponse('mailtm', 'message.get.200'),
    );
    const list = await p.listMessages(handle());
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(path(requests[0]!)).toBe('GET /messages?page=1');
    expect(list.expired).toBe(false);
    expect(list.messages).toHaveLength(1);
    expect(list.messages[0]).toMatchObject({
      id: MESSAGE_ID,
      subject: 'Welcome to Example',
      from: { name: 'Example Sender', address: 'hello@example.org' },
      hasBody: false,
      seen: false,
      receivedAt: Date.parse('2025-06-01T12:01:00+00:00'),
    });

    const full = await p.getMessage(handle(), MESSAGE_ID);
    expect(path(requests[1]!)).toBe(`GET /messages/${MESSAGE_ID}`);
    expect(full).toMatchObject({
      hasBody: true,
      text: 'Hello from the inbox.\nYour code is 123456',
      html: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
      to: 'q7h2k9x1@example-mailtm.com',
      attachments: [
        {
          filename: 'file.txt',
          url: `${BASE}/messages/${MESSAGE_ID}/attachment/ATTACH000001`,
          auth: 'bearer-mailbox',
          contentType: 'text/plain',
          size: 1,
        },
      ],
    });
  });

  it('follows further pages only while a page is full', async () => {
    const summary = (
      loadFixture('mailtm', 'messages.list.200').response.body as { 'hydra:member': object[] }
    )['hydra:member'][0] as Record<string, unknown>;
    const page = (n: number, count: number) =>
      jsonResponse(200, {
        'hydra:member': Array.from({ length: count }, (_, i) => ({ ...summary, id: `p${n}m${i}` })),
        'hydra:totalItems': PAGE_SIZE + 2,
      });
    const { p, requests } = provider((r) => (r.url.endsWith('page=1') ? page(1, PAGE_SIZE) : page(2, 2)));
    const list = await p.listMessages(handle());
    expect(requests.map(path)).toEqual(['GET /messages?page=1', 'GET /messages?page=2']);
    expect(list.messages).toHaveLength(PAGE_SIZE + 2);
  });

  it('marks a message seen with a merge-patch PATCH, and deletes messages and the account', async () => {
    const { p, requests } = provider((r) => {
      if (r.method === 'PATCH') return fixtureResponse('mailtm', 'message.patch-seen.200');
      if (r.url.includes('/accounts/')) return fixtureResponse('mailtm', 'accounts.delete.204');
      return fixtureResponse('mailtm', 'message.delete.204');
    });
    await p.markSeen!(handle(), MESSAGE_ID);
    await p.deleteMessage!(handle(), MESSAGE_ID);
    await p.deleteMailbox!(handle());
    expect(requests.map(path)).toEqual([
      `PATCH /messages/${MESSAGE_ID}`,
      `DELETE /messages/${MESSAGE_ID}`,
      `DELETE /accounts/${ACCOUNT_ID}`,
    ]);
    expect(requests[0]!.headers['content-type']).toBe('application/merge-patch+json');
    expect(JSON.parse(requests[0]!.body)).toEqual({ seen: true });
    expect(requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('counts a message or account the server no longer knows as deleted', async () => {
    const { p } = provider(() => fixtureResponse('mailtm', 'error.not-found.404'));
    await expect(p.deleteMessage!(handle(), MESSAGE_ID)).resolves.toBeUndefined();
    await expect(p.deleteMailbox!(handle())).resolves.toBeUndefined();
  });

  it('renews an expired token from the stored password once, keeps it, and goes on', async () => {
    const saved: MailboxCredentials[] = [];
    const { p, requests } = provider((r) => {
      if (r.url.endsWith('/token')) return jsonResponse(200, { token: 'fresh.jwt.token', id: ACCOUNT_ID });
      if (r.headers.authorization === 'Bearer fresh.jwt.token')
        return fixtureResponse('mailtm', 'messages.list.200');
      return jsonResponse(401, { code: 401, message: 'Expired JWT Token' });
    });
    const mb = handle('old.jwt.token', saved);
    const list = await p.listMessages(mb);
    expect(list.messages).toHaveLength(1);
    expect(requests.map(path)).toEqual(['GET /messages?page=1', 'POST /token', 'GET /messages?page=1']);
    expect(JSON.parse(requests[1]!.body)).toEqual({ address: mb.address, password: 's3cret-Pa55' });
    expect(saved).toEqual([
      { kind: 'mailtm', accountId: ACCOUNT_ID, password: 's3cret-Pa55', token: 'fresh.jwt.token' },
    ]);
    // The renewed token is used from then on, without another login.
    await p.listMessages(mb);
    expect(requests.filter((r) => r.url.endsWith('/token'))).toHaveLength(1);
  });

  it('says the mailbox is gone when the password is refused, never "key refused" for the provider', async () => {
    const { p } = provider((r) =>
      r.url.endsWith('/token')
        ? fixtureResponse('mailtm', 'token.invalid-credentials.401')
        : fixtureResponse('mailtm', 'error.jwt-missing.401'),
    );
    const error = await caught(() => p.listMessages(handle()));
    expect(error.kind).toBe('expired');
    expect(error.details.reason).toBe('mailbox-expired');
  });

  it('paces a 429 and asks again after a second', async () => {
    const { p, requests } = provider((_, i) =>
      i === 0
        ? fixtureResponse('mailtm', 'error.rate-limited.429', { 'Retry-After': '0' })
        : fixtureResponse('mailtm', 'messages.list.200'),
    );
    const list = await p.listMessages(handle());
    expect(list.messages).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('keeps requests to one host at least 125 ms apart', async () => {
    const times: number[] = [];
    const { p } = provider(() => {
      times.push(performance.now());
      return fixtureResponse('mailtm', 'messages.list.200');
    });
    await Promise.all([p.listMessages(handle()), p.listMessages(handle()), p.listMessages(handle())]);
    expect(times).toHaveLength(3);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(2 * 125 - 5);
  });

  it('downloads an attachment with the mailbox token from the API origin only', async () => {
    const { p, requests } = provider(
      () => new Response('x', { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    );
    const file = await p.downloadAttachment!(handle(), {
      filename: 'file.txt',
      url: `${BASE}/messages/${MESSAGE_ID}/attachment/ATTACH000001`,
      auth: 'bearer-mailbox',
    });
    expect(new TextDecoder().decode(file.bytes)).toBe('x');
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const error = await caught(() =>
      p.downloadAttachment!(handle(), {
        filename: 'f',
        url: 'https://elsewhere.example/f',
        auth: 'bearer-mailbox',
      }),
    );
    expect(error.kind).toBe('bad-response');
    expect(requests).toHaveLength(1);
  });

  it('drops attachment links that leave the API origin', async () => {
    const body = structuredClone(loadFixture('mailtm', 'message.get.200').response.body) as {
      attachments: { downloadUrl: string }[];
    };
    body.attachments[0]!.downloadUrl = 'https://evil.example/steal';
    const { p } = provider(() => jsonResponse(200, body));
    expect((await p.getMessage(handle(), MESSAGE_ID)).attachments).toEqual([]);
  });

  it('speaks to Mail.gw the same way on its own host', async () => {
    const { p, requests } = provider(
      () => fixtureResponse('mailtm', 'messages.list.200'),
      'https://api.mail.gw',
    );
    expect(p.id).toBe('mailgw');
    await p.listMessages(handle());
    expect(new URL(requests[0]!.url).host).toBe('api.mail.gw');
  });
});

describe('Mail.tm realtime', () => {
  it('names the documented hubs, and a hub beside any other API', () => {
    expect(mercureHubUrl('https://api.mail.tm')).toBe('https://mercure.mail.tm/.well-known/mercure');
    expect(mercureHubUrl('https://api.mail.gw')).toBe('https://mercure.mail.gw/.well-known/mercure');
    expect(mercureHubUrl('http://127.0.0.1:8025/mailtm')).toBe(
      'http://127.0.0.1:8025/mailtm/.well-known/mercure',
    );
  });

  function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    return new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(encoder.encode(c));
        controller.close();
      },
    });
  }

  it('reports every event with data, split anywhere, and not heartbeats', async () => {
    const fixture = loadFixture('mailtm', 'mercure.account-event').response.body as string;
    let events = 0;
    let activity = 0;
    const whole = `:heartbeat\n\n${fixture}data: 42\r\n\r\n`;
    const chunks = [whole.slice(0, 7), whole.slice(7, 50), whole.slice(50)];
    await readEvents(streamOf(chunks), {
      onEvent: () => events++,
      onActivity: () => activity++,
      signal: new AbortController().signal,
    });
    expect(events).toBe(2);
    expect(activity).toBe(3);
  });

  it('opens the hub for the account topic with the Bearer header and no cookies, renewing a refused token', async () => {
    const fixture = loadFixture('mailtm', 'mercure.account-event').response.body as string;
    const { p, requests } = provider((r) => {
      if (r.url.endsWith('/token')) return jsonResponse(200, { token: 'fresh', id: ACCOUNT_ID });
      if (r.headers.authorization !== 'Bearer fresh')
        return jsonResponse(401, { code: 401, message: 'Expired JWT Token' });
      return new Response(fixture, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    });
    let events = 0;
    let opened = 0;
    await p.watch!(handle('stale'), {
      onEvent: () => events++,
      onOpen: () => opened++,
      signal: new AbortController().signal,
    });
    const hub = requests.filter((r) => r.url.includes('/.well-known/mercure'));
    expect(hub).toHaveLength(2);
    expect(hub[1]!.url).toBe(
      `https://mercure.mail.tm/.well-known/mercure?topic=${encodeURIComponent(`/accounts/${ACCOUNT_ID}`)}`,
    );
    expect(hub[1]!.headers.accept).toBe('text/event-stream');
    expect(opened).toBe(1);
    expect(events).toBe(1);
  });
});
