import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail, startLocalServer, type LocalServer } from './index';
import { ATTACHMENT_BYTES, list, obj, request, richMail } from './test-helpers';

let server: LocalServer;
let api: string;

beforeAll(async () => {
  server = await startLocalServer({ mailtmRateLimit: 0, mailtmHeartbeatMs: 200 });
  api = server.apiUrls.mailtm;
});
afterAll(() => server.close());

const ld = { Accept: 'application/ld+json', 'Content-Type': 'application/json' };
let counter = 0;

async function account(): Promise<{ address: string; id: string; token: string; password: string }> {
  const address = `user${Date.now().toString(36)}${counter++}@mailtm.test`;
  const password = 'pass-word-123';
  const created = await request(`${api}/accounts`, {
    method: 'POST',
    headers: ld,
    body: JSON.stringify({ address, password }),
  });
  expect(created.status).toBe(201);
  const token = await request(`${api}/token`, {
    method: 'POST',
    headers: ld,
    body: JSON.stringify({ address, password }),
  });
  expect(token.status).toBe(200);
  const { token: jwt, id } = obj(token.body) as { token: string; id: string };
  expect(obj(created.body).id).toBe(id);
  return { address, id, token: jwt, password };
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${token}`,
  ...extra,
});

describe('Mail.tm on the local server', () => {
  it('lists its domain as a Hydra collection or a plain array, by Accept', async () => {
    const hydra = obj((await request(`${api}/domains`, { headers: { Accept: 'application/ld+json' } })).body);
    expect(list(hydra['hydra:member']).map((d) => d.domain)).toEqual(['mailtm.test']);
    expect(hydra['hydra:totalItems']).toBe(1);
    const plain = list((await request(`${api}/domains`, { headers: { Accept: 'application/json' } })).body);
    expect(plain.map((d) => d.domain)).toEqual(['mailtm.test']);
    expect(plain[0]!['@id']).toBeUndefined();
    const gw = obj((await request(`${server.apiUrls.mailgw}/domains`)).body);
    expect(list(gw['hydra:member']).map((d) => d.domain)).toEqual(['mailgw.test']);
  });

  it('refuses an address already used, a foreign domain and a wrong password in the documented shapes', async () => {
    const { address, password } = await account();
    const again = await request(`${api}/accounts`, {
      method: 'POST',
      headers: ld,
      body: JSON.stringify({ address, password }),
    });
    expect(again.status).toBe(422);
    expect(list(obj(again.body).violations)[0]).toEqual({
      propertyPath: 'address',
      message: 'This value is already used.',
    });
    const foreign = await request(`${api}/accounts`, {
      method: 'POST',
      headers: ld,
      body: JSON.stringify({ address: 'someone@lol.test', password }),
    });
    expect(foreign.status).toBe(422);
    const wrong = await request(`${api}/token`, {
      method: 'POST',
      headers: ld,
      body: JSON.stringify({ address, password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    expect(obj(wrong.body).message).toBe('Invalid credentials.');
    expect((await request(`${api}/messages`)).status).toBe(401);
  });

  it('delivers SMTP mail: list, detail, merge-patch seen, attachment, delete, account delete', async () => {
    const { address, id, token } = await account();
    await sendMail(richMail(server, address));
    const listed = obj(
      (await request(`${api}/messages?page=1`, { headers: bearer(token, { Accept: 'application/ld+json' }) }))
        .body,
    );
    const [summary] = list(listed['hydra:member']);
    expect(summary).toMatchObject({ subject: 'Welcome to Mayfly', seen: false, hasAttachments: true });
    expect(summary!.text).toBeUndefined();
    const detail = obj(
      (await request(`${api}/messages/${String(summary!.id)}`, { headers: bearer(token) })).body,
    );
    expect(detail.html).toEqual(['<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>']);
    const [attachment] = list(detail.attachments);
    const bytes = await fetch(`${server.httpUrl}/mailtm${String(attachment!.downloadUrl)}`, {
      headers: bearer(token),
    });
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(ATTACHMENT_BYTES);
    expect((await fetch(`${server.httpUrl}/mailtm${String(attachment!.downloadUrl)}`)).status).toBe(401);

    const plainPatch = await request(`${api}/messages/${String(summary!.id)}`, {
      method: 'PATCH',
      headers: bearer(token, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ seen: true }),
    });
    expect(plainPatch.status).toBe(415);
    const patch = await request(`${api}/messages/${String(summary!.id)}`, {
      method: 'PATCH',
      headers: bearer(token, { 'Content-Type': 'application/merge-patch+json' }),
      body: JSON.stringify({ seen: true }),
    });
    expect(obj(patch.body).seen).toBe(true);

    expect(
      (await request(`${api}/messages/${String(summary!.id)}`, { method: 'DELETE', headers: bearer(token) }))
        .status,
    ).toBe(204);
    expect(
      list(
        (await request(`${api}/messages`, { headers: bearer(token, { Accept: 'application/json' }) })).body,
      ),
    ).toEqual([]);
    expect(
      (await request(`${api}/accounts/${id}`, { method: 'DELETE', headers: bearer(token) })).status,
    ).toBe(204);
    expect((await request(`${api}/me`, { headers: bearer(token) })).status).toBe(401);
  });

  it('expires tokens on demand; logging in again gives one that works', async () => {
    const { address, token, password } = await account();
    expect((await request(`${api}/me`, { headers: bearer(token) })).status).toBe(200);
    server.expireMailtmTokens();
    const refused = await request(`${api}/me`, { headers: bearer(token) });
    expect(refused.status).toBe(401);
    expect(obj(refused.body).message).toBe('Expired JWT Token');
    const fresh = obj(
      (
        await request(`${api}/token`, {
          method: 'POST',
          headers: ld,
          body: JSON.stringify({ address, password }),
        })
      ).body,
    );
    expect((await request(`${api}/me`, { headers: bearer(String(fresh.token)) })).status).toBe(200);
  });

  it('streams an Account event on the hub for each delivered mail, only to its own topic and token', async () => {
    const { address, id, token } = await account();
    const hub = `${api}/.well-known/mercure?topic=${encodeURIComponent(`/accounts/${id}`)}`;
    expect((await fetch(hub)).status).toBe(401);
    expect(
      (await fetch(`${api}/.well-known/mercure?topic=/accounts/other`, { headers: bearer(token) })).status,
    ).toBe(403);
    const controller = new AbortController();
    const response = await fetch(hub, {
      headers: bearer(token, { Accept: 'text/event-stream' }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    await sendMail(richMail(server, address));
    while (!/\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    const data = JSON.parse(/\ndata: (.*)\n/.exec(text)![1]!) as Record<string, unknown>;
    expect(data).toMatchObject({ '@type': 'Account', id, address });
    expect(data.used).toBeGreaterThan(0);
    controller.abort();
  });

  it('drops open streams and refuses new ones while the hub is down', async () => {
    const { id, token } = await account();
    const hub = `${api}/.well-known/mercure?topic=${encodeURIComponent(`/accounts/${id}`)}`;
    const response = await fetch(hub, { headers: bearer(token) });
    const reader = response.body!.getReader();
    await reader.read();
    expect(server.mailtmHub().open).toBeGreaterThan(0);
    server.mailtmHub({ down: true });
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow();
    expect((await fetch(hub, { headers: bearer(token) })).status).toBe(503);
    server.mailtmHub({ down: false });
    const back = await fetch(hub, { headers: bearer(token) });
    expect(back.status).toBe(200);
    await back.body!.cancel();
  });

  it('answers 429 beyond 8 requests a second from one IP', async () => {
    const limited = await startLocalServer();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 12 }, () => fetch(`${limited.apiUrls.mailtm}/domains`).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(8);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    } finally {
      await limited.close();
    }
  });
});

describe('the Mail.tm adapter against the local server', () => {
  it('creates, reads by SMTP, follows the hub, renews an expired token and deletes', async () => {
    const { createProvider } = await import('../../lib/providers/registry');
    const p = createProvider('mailtm', { baseUrl: api });
    const created = await p.createMailbox();
    expect(created.address).toMatch(/@mailtm\.test$/);
    const saved: unknown[] = [];
    const mb = {
      address: created.address,
      credentials: created.credentials,
      expiresAt: null,
      saveCredentials: async (c: unknown) => {
        saved.push(c);
      },
    };
    const controller = new AbortController();
    let resolveEvent: () => void;
    const event = new Promise<void>((resolve) => (resolveEvent = resolve));
    const watching = p.watch!(mb, { onEvent: () => resolveEvent(), signal: controller.signal }).catch(
      () => undefined,
    );
    await sendMail(richMail(server, created.address));
    await event;
    const { messages } = await p.listMessages(mb);
    expect(messages.map((m) => m.subject)).toEqual(['Welcome to Mayfly']);
    server.expireMailtmTokens();
    const full = await p.getMessage(mb, messages[0]!.id);
    expect(saved).toHaveLength(1);
    expect(full.text).toContain('123456');
    const file = await p.downloadAttachment!(mb, full.attachments[0]!);
    expect(Buffer.from(file.bytes)).toEqual(ATTACHMENT_BYTES);
    await p.markSeen!(mb, messages[0]!.id);
    expect((await p.listMessages(mb)).messages[0]!.seen).toBe(true);
    await p.deleteMessage!(mb, messages[0]!.id);
    expect((await p.listMessages(mb)).messages).toEqual([]);
    controller.abort();
    await watching;
    await p.deleteMailbox!(mb);
    expect(server.mailboxes().some((m) => m.address === created.address)).toBe(false);
  });
});
