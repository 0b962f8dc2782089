import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail, startLocalServer, type LocalServer } from './index';
import { ATTACHMENT_BYTES, list, obj, request, richMail } from './test-helpers';

const KEY = 'test-key';
const OTHER_KEY = 'other-key';
const auth = (key = KEY) => ({ Authorization: `Bearer ${key}`, Accept: 'application/json' });

let server: LocalServer;
let api: string;

beforeAll(async () => {
  server = await startLocalServer({ additionalApiKeys: [OTHER_KEY] });
  api = server.apiUrls.tempmailg;
});
afterAll(() => server.close());

async function createMailbox(key = KEY): Promise<Record<string, unknown>> {
  const created = await request(`${api}/emails`, { method: 'POST', headers: auth(key) });
  expect(created.status).toBe(200);
  return obj(obj(created.body).data);
}

describe('tempmailg: domains', () => {
  it('lists free, premium and all domains with the documented casing', async () => {
    const free = obj(obj((await request(`${api}/domains?type=free`, { headers: auth() })).body).data);
    expect(free.requested_type).toBe('free');
    expect(free.allowed_types).toEqual(['free', 'premium', 'all']);
    expect(free.domains).toEqual([{ domain: 'mayfly-g.test', type: 'Free', custom: false }]);

    const all = obj(obj((await request(`${api}/domains?type=all`, { headers: auth() })).body).data);
    expect(list(all.domains).map((d) => d.type)).toEqual(['Free', 'Premium']);
  });

  it('rejects an unknown type with a Laravel validation body', async () => {
    const response = await request(`${api}/domains?type=gold`, { headers: auth() });
    expect(response.status).toBe(422);
    expect(obj(response.body).errors).toEqual({ type: ['The selected type is invalid.'] });
  });

  it('refuses premium domains to a free plan', async () => {
    const freePlan = await startLocalServer({ tempmailgPlan: 'free' });
    try {
      const response = await request(`${freePlan.apiUrls.tempmailg}/domains?type=premium`, {
        headers: auth(),
      });
      expect(response.status).toBe(403);
      expect(obj(response.body).status).toBe(false);
      const free = await request(`${freePlan.apiUrls.tempmailg}/domains?type=free`, { headers: auth() });
      expect(obj(obj(free.body).data).allowed_types).toEqual(['free']);
    } finally {
      await freePlan.close();
    }
  });
});

describe('tempmailg: mailbox and message life cycle over real SMTP', () => {
  it('creates, renames, receives, lists, downloads, reads and deletes', async () => {
    const first = await createMailbox();
    expect(first.email).toMatch(/^[a-z0-9]+@mayfly-g\.test$/);
    expect(first.expires_in_seconds).toBe(600);
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(Date.parse(String(first.expire_at)) - Date.parse(String(first.created_at))).toBe(600_000);
    expect(typeof first.email_token).toBe('string');

    const renamed = await request(`${api}/emails/${first.email}/demo123/premium.mayfly-g.test`, {
      method: 'POST',
      headers: auth(),
    });
    expect(renamed.status).toBe(200);
    const mailbox = obj(obj(renamed.body).data);
    expect(mailbox.email).toBe('demo123@premium.mayfly-g.test');
    expect(mailbox.id).not.toBe(first.id);
    expect(mailbox.email_token).not.toBe(first.email_token);
    expect(mailbox.expire_at).toBe(first.expire_at);
    const old = await request(`${api}/messages?email=${first.email}`, { headers: auth() });
    expect(old.status).toBe(404);

    await sendMail(richMail(server, 'demo123@premium.mayfly-g.test'));

    const listed = await request(`${api}/messages?email=demo123@premium.mayfly-g.test`, { headers: auth() });
    expect(listed.status).toBe(200);
    const listBody = obj(listed.body);
    expect(listBody.status).toBe(true);
    expect(listBody.mailbox).toBe('demo123@premium.mayfly-g.test');
    const [message] = list(listBody.messages);
    expect(message).toMatchObject({
      is_seen: false,
      subject: 'Welcome to Mayfly',
      from: 'Example Sender',
      from_email: 'hello@example.org',
      to: 'demo123@premium.mayfly-g.test',
      html: true,
      content: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
    });
    expect(message?.id).toMatch(/^[A-Za-z0-9]{46}$/);
    expect(message?.receivedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const [attachment] = list(message?.attachments);
    expect(attachment).toEqual({
      name: 'file.txt',
      extension: 'txt',
      size: ATTACHMENT_BYTES.length,
      url: `${api}/messages/${String(message?.id)}/attachments/file.txt`,
    });

    const download = await fetch(String(attachment?.url), { headers: auth() });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(ATTACHMENT_BYTES);
    expect((await fetch(String(attachment?.url), { headers: auth(OTHER_KEY) })).status).toBe(404);

    const shown = await request(`${api}/messages/${String(message?.id)}`, { headers: auth() });
    expect(obj(obj(shown.body).data).is_seen).toBe(true);
    const relisted = await request(`${api}/messages?email=demo123@premium.mayfly-g.test`, {
      headers: auth(),
    });
    expect(list(obj(relisted.body).messages)[0]?.is_seen).toBe(true);

    const deletedMessage = await request(`${api}/messages/${String(message?.id)}`, {
      method: 'DELETE',
      headers: auth(),
    });
    expect(deletedMessage.body).toEqual({ status: true, message: 'Message was deleted successfully.' });
    expect((await request(`${api}/messages/${String(message?.id)}`, { headers: auth() })).status).toBe(404);

    const deletedMailbox = await request(`${api}/emails/demo123@premium.mayfly-g.test`, {
      method: 'DELETE',
      headers: auth(),
    });
    expect(deletedMailbox.body).toEqual({ status: true, message: 'Email has been successfully deleted.' });
    await expect(sendMail(richMail(server, 'demo123@premium.mayfly-g.test'))).rejects.toThrow();
  });

  it('gives a text-only mail html:false and the text as content', async () => {
    const mailbox = await createMailbox();
    await sendMail({
      smtpPort: server.smtpPort,
      to: String(mailbox.email),
      subject: 'Plain',
      text: 'just text',
    });
    const listed = await request(`${api}/messages?email=${String(mailbox.email)}`, { headers: auth() });
    const [message] = list(obj(listed.body).messages);
    expect(message?.html).toBe(false);
    expect(String(message?.content).trim()).toBe('just text');
    expect(message?.attachments).toEqual([]);
  });

  it('answers 409 when the rename target belongs to a live mailbox', async () => {
    const a = await createMailbox();
    const b = await createMailbox();
    const [local, domain] = String(b.email).split('@');
    const response = await request(`${api}/emails/${String(a.email)}/${local}/${domain}`, {
      method: 'POST',
      headers: auth(),
    });
    expect(response.status).toBe(409);
    expect(obj(response.body)).toEqual({ status: false, message: 'This email address is already in use.' });
  });
});

describe('tempmailg: auth and ownership', () => {
  it('answers 401 without a key or with an unknown key', async () => {
    expect((await request(`${api}/domains?type=free`)).status).toBe(401);
    const wrong = await request(`${api}/domains?type=free`, { headers: auth('nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ status: false, message: 'Unauthenticated.' });
  });

  it("hides another key's mailbox and messages", async () => {
    const mailbox = await createMailbox(OTHER_KEY);
    await sendMail(richMail(server, String(mailbox.email)));
    const mine = await request(`${api}/messages?email=${String(mailbox.email)}`, { headers: auth() });
    expect(mine.status).toBe(404);
    const theirs = await request(`${api}/messages?email=${String(mailbox.email)}`, {
      headers: auth(OTHER_KEY),
    });
    const id = String(list(obj(theirs.body).messages)[0]?.id);
    expect((await request(`${api}/messages/${id}`, { headers: auth() })).status).toBe(404);
    expect(
      (await request(`${api}/emails/${String(mailbox.email)}`, { method: 'DELETE', headers: auth() })).status,
    ).toBe(404);
  });
});

describe('tempmailg: quota headers', () => {
  it('counts only 2xx responses and answers 429 with Remaining 0 when the quota is used up', async () => {
    const small = await startLocalServer({ quotaLimit: 3 });
    try {
      const base = small.apiUrls.tempmailg;
      const first = await request(`${base}/domains?type=free`, { headers: auth() });
      expect(first.headers.get('x-ratelimit-limit')).toBe('3');
      expect(first.headers.get('x-ratelimit-used')).toBe('1');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
      expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-01T00:00:00\+00:00$/);

      const failed = await request(`${base}/messages?email=nobody@mayfly-g.test`, { headers: auth() });
      expect(failed.status).toBe(404);
      expect(failed.headers.get('x-ratelimit-used')).toBe('1');

      await request(`${base}/domains?type=free`, { headers: auth() });
      const third = await request(`${base}/domains?type=free`, { headers: auth() });
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');

      const exhausted = await request(`${base}/domains?type=free`, { headers: auth() });
      expect(exhausted.status).toBe(429);
      expect(exhausted.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(obj(exhausted.body)).toEqual({ status: false, message: 'API quota exceeded.' });
    } finally {
      await small.close();
    }
  });
});

describe('tempmailg: expiry', () => {
  it('answers 404 for the message list once the mailbox expired, and SMTP refuses it', async () => {
    const mailbox = await createMailbox();
    expect(server.expire(String(mailbox.email))).toBe(true);
    const listed = await request(`${api}/messages?email=${String(mailbox.email)}`, { headers: auth() });
    expect(listed.status).toBe(404);
    await expect(sendMail(richMail(server, String(mailbox.email)))).rejects.toThrow(/550|refused/i);
  });

  it('uses the configured lifetime', async () => {
    const short = await startLocalServer({ ttlSeconds: { tempmailg: 1 } });
    try {
      const created = await request(`${short.apiUrls.tempmailg}/emails`, { method: 'POST', headers: auth() });
      const mailbox = obj(obj(created.body).data);
      expect(mailbox.expires_in_seconds).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const listed = await request(`${short.apiUrls.tempmailg}/messages?email=${String(mailbox.email)}`, {
        headers: auth(),
      });
      expect(listed.status).toBe(404);
    } finally {
      await short.close();
    }
  });
});
