import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVED_USERNAMES, sendMail, startLocalServer, type LocalServer } from './index';
import { ATTACHMENT_BYTES, list, obj, request, richMail } from './test-helpers';

const NAIVE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
/** Parses a naive `YYYY-MM-DD HH:MM:SS` as local time, as the server writes it. */
const naiveMs = (value: unknown) => new Date(String(value).replace(' ', 'T')).getTime();

let server: LocalServer;
let api: string;

beforeAll(async () => {
  server = await startLocalServer();
  api = server.apiUrls.selfhosted;
});
afterAll(() => server.close());

describe('self-hosted: /generate', () => {
  it('generates a random name-plus-digits address with a 24 h naive expiry', async () => {
    const before = Date.now();
    const response = await request(`${api}/generate`);
    expect(response.status).toBe(200);
    const body = obj(response.body);
    expect(body.success).toBe(true);
    expect(body.username).toMatch(/^[a-z]+\d{3}$/);
    expect(body.email).toBe(`${String(body.username)}@selfhosted.test`);
    expect(body.domain).toBe('selfhosted.test');
    expect(body.expires_at).toMatch(NAIVE_TIME);
    const lifetime = naiveMs(body.expires_at) - before;
    expect(lifetime).toBeGreaterThan(86_400_000 - 2_000);
    expect(lifetime).toBeLessThanOrEqual(86_400_000 + 1_000);
  });

  it('accepts a custom 3-20 alphanumeric username and refuses it once taken', async () => {
    const first = await request(`${api}/generate?username=johnsmith`);
    expect(obj(first.body)).toMatchObject({
      success: true,
      email: 'johnsmith@selfhosted.test',
      username: 'johnsmith',
    });
    const again = await request(`${api}/generate?username=johnsmith`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      success: false,
      error: 'Username already taken. Please choose another one.',
    });
  });

  it.each(['ab', 'a'.repeat(21), 'john.smith', 'john-smith', 'john_smith', ''])(
    'rejects "%s"',
    async (name) => {
      const response = await request(`${api}/generate?username=${encodeURIComponent(name)}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        success: false,
        error: 'Invalid username. Use 3-20 alphanumeric characters only.',
      });
    },
  );

  it('blocks the 13 documented reserved names, case-insensitively', async () => {
    expect(RESERVED_USERNAMES).toHaveLength(13);
    for (const name of [...RESERVED_USERNAMES, 'Admin', 'POSTMASTER']) {
      const response = await request(`${api}/generate?username=${name}`);
      expect(response.body).toEqual({
        success: false,
        error: 'This username is reserved and cannot be used.',
      });
    }
  });
});

describe('self-hosted: inbox, detail, attachment, delete over real SMTP', () => {
  it('shows a summary, marks read on detail, serves the file_path and deletes', async () => {
    const created = obj((await request(`${api}/generate?username=reader1`)).body);
    await sendMail(richMail(server, String(created.email)));

    const inbox = await request(`${api}/inbox/${encodeURIComponent(String(created.email))}`);
    expect(inbox.status).toBe(200);
    const inboxBody = obj(inbox.body);
    expect(inboxBody).toMatchObject({ success: true, email: 'reader1@selfhosted.test', total: 1 });
    expect(inboxBody.created_at).toMatch(NAIVE_TIME);
    expect(naiveMs(inboxBody.expires_at) - naiveMs(inboxBody.created_at)).toBe(86_400_000);
    const [summary] = list(inboxBody.emails);
    expect(Object.keys(summary ?? {}).sort()).toEqual(
      ['from_email', 'from_name', 'id', 'is_read', 'received_at', 'subject'].sort(),
    );
    expect(summary).toMatchObject({
      from_email: 'hello@example.org',
      from_name: 'Example Sender',
      subject: 'Welcome to Mayfly',
      is_read: 0,
    });
    expect(typeof summary?.id).toBe('number');

    const detail = await request(`${api}/email/${String(summary?.id)}`);
    const detailBody = obj(detail.body);
    const email = obj(detailBody.email);
    expect(email).toMatchObject({
      id: summary?.id,
      from_email: 'hello@example.org',
      body_html: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
      is_read: 1,
    });
    expect(String(email.body_text)).toContain('Your code is 123456');
    expect(typeof email.email_address_id).toBe('number');
    const [attachment] = list(detailBody.attachments);
    expect(attachment).toMatchObject({
      filename: 'file.txt',
      size: ATTACHMENT_BYTES.length,
      content_type: 'text/plain',
    });
    expect(attachment?.file_path).toMatch(/^\/uploads\/attachments\/.+file\.txt$/);

    const file = await fetch(new URL(String(attachment?.file_path), server.httpUrl));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(ATTACHMENT_BYTES);

    const reread = await request(`${api}/inbox/${String(created.email)}`);
    expect(list(obj(reread.body).emails)[0]?.is_read).toBe(1);

    const deleted = await request(`${api}/email/${String(summary?.id)}`, { method: 'DELETE' });
    expect(deleted.body).toEqual({ success: true, deleted_id: String(summary?.id) });
    const gone = await request(`${api}/email/${String(summary?.id)}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: 'Email not found' });
    expect((await fetch(new URL(String(attachment?.file_path), server.httpUrl))).status).toBe(404);
  });

  it('gives a text-only mail a null body_html and no attachments', async () => {
    const created = obj((await request(`${api}/generate`)).body);
    await sendMail({
      smtpPort: server.smtpPort,
      to: String(created.email),
      subject: 'Plain',
      text: 'Your code is 42',
    });
    const inbox = obj((await request(`${api}/inbox/${String(created.email)}`)).body);
    const id = list(inbox.emails)[0]?.id;
    const detail = obj((await request(`${api}/email/${String(id)}`)).body);
    expect(obj(detail.email).body_html).toBeNull();
    expect(detail.attachments).toEqual([]);
  });

  it('numbers emails globally and sequentially', async () => {
    const a = obj((await request(`${api}/generate`)).body);
    const b = obj((await request(`${api}/generate`)).body);
    await sendMail({
      smtpPort: server.smtpPort,
      to: [String(a.email), String(b.email)],
      subject: 'Both',
      text: 'x',
    });
    const idA = Number(list(obj((await request(`${api}/inbox/${String(a.email)}`)).body).emails)[0]?.id);
    const idB = Number(list(obj((await request(`${api}/inbox/${String(b.email)}`)).body).emails)[0]?.id);
    expect(Math.abs(idA - idB)).toBe(1);
  });
});

describe('self-hosted: other endpoints and errors', () => {
  it('lists domains and stats', async () => {
    expect((await request(`${api}/domains`)).body).toEqual({ success: true, domains: ['selfhosted.test'] });
    const stats = obj(obj((await request(`${api}/stats`)).body).stats);
    expect(stats.id).toBe(1);
    expect(Number(stats.total_addresses)).toBeGreaterThan(0);
    expect(Number(stats.total_received)).toBeGreaterThan(0);
    expect(stats.last_updated).toMatch(NAIVE_TIME);
  });

  it('answers unknown addresses with the documented hint', async () => {
    const response = await request(`${api}/inbox/test%40selfhosted.test`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: 'Email not found',
      searched_for: 'test@selfhosted.test',
      hint: 'Generate this email first via /generate endpoint',
    });
  });

  it('echoes unknown endpoints and refuses wrong methods', async () => {
    expect((await request(`${api}/unknown`)).body).toEqual({ error: 'Invalid endpoint: /unknown' });
    const none = await request(api);
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ error: 'Invalid endpoint: /' });
    const post = await request(`${api}/generate`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.body).toEqual({ error: 'Method not allowed' });
  });

  it('forgets an expired address: inbox 404, SMTP 550, name free again', async () => {
    const created = obj((await request(`${api}/generate?username=shortlived`)).body);
    server.expire(String(created.email));
    expect((await request(`${api}/inbox/${String(created.email)}`)).status).toBe(404);
    await expect(sendMail(richMail(server, String(created.email)))).rejects.toThrow(/550/);
    expect(obj((await request(`${api}/generate?username=shortlived`)).body).success).toBe(true);
  });

  it('uses the configured lifetime', async () => {
    const short = await startLocalServer({ ttlSeconds: { selfhosted: 60 } });
    try {
      const inboxOf = async (address: string) =>
        obj((await request(`${short.apiUrls.selfhosted}/inbox/${address}`)).body);
      const created = obj((await request(`${short.apiUrls.selfhosted}/generate`)).body);
      const inbox = await inboxOf(String(created.email));
      expect(naiveMs(inbox.expires_at) - naiveMs(inbox.created_at)).toBe(60_000);
    } finally {
      await short.close();
    }
  });
});
