import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMail, startLocalServer, type LocalServer } from './index';
import { ATTACHMENT_BYTES, list, obj, request, richMail } from './test-helpers';

let server: LocalServer;
let control: string;

beforeAll(async () => {
  server = await startLocalServer({ lolPollThrottle: false });
  control = `${server.httpUrl}/_control`;
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  request(`${control}${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('request log and counts', () => {
  it('logs API requests with mailbox and token, filters by since, counts and resets', async () => {
    await post('/reset-log', {});
    const created = obj((await request(`${server.httpUrl}/v2/inbox/create`, { method: 'POST' })).body);
    const since = Date.now();
    await request(`${server.httpUrl}/v2/inbox?token=${String(created.token)}`);
    const generated = obj((await request(`${server.apiUrls.selfhosted}/generate`)).body);
    await request(`${server.apiUrls.selfhosted}/inbox/${String(generated.email)}`);

    const entries = list(obj((await request(`${control}/log`)).body).entries);
    expect(entries.map((e) => `${String(e.api)} ${String(e.method)} ${String(e.status)}`)).toEqual([
      'tempmail-lol POST 201',
      'tempmail-lol GET 200',
      'selfhosted GET 200',
      'selfhosted GET 200',
    ]);
    expect(entries[1]).toMatchObject({ token: created.token, mailbox: created.address });
    expect(entries[3]).toMatchObject({ mailbox: generated.email });
    expect(typeof entries[0]?.t).toBe('number');

    const recent = list(obj((await request(`${control}/log?since=${since}`)).body).entries);
    expect(recent.length).toBeGreaterThanOrEqual(3);
    expect(recent.every((e) => Number(e.t) >= since)).toBe(true);

    const counts = obj((await request(`${control}/counts`)).body);
    expect(counts.apis).toEqual({ tempmailg: 0, selfhosted: 2, 'tempmail-lol': 2, mailtm: 0, mailgw: 0 });
    expect(obj(counts.mailboxes)[String(generated.email)]).toBe(2);

    await post('/reset-log', {});
    expect(server.log()).toEqual([]);
    expect(server.counts().apis['tempmail-lol']).toBe(0);
  });

  it('does not log control requests', async () => {
    server.resetLog();
    await request(`${control}/mailboxes`);
    expect(server.log()).toEqual([]);
  });
});

describe('mailboxes, expiry, send and deliveries', () => {
  it('lists mailboxes and expires one on request', async () => {
    const generated = obj((await request(`${server.apiUrls.selfhosted}/generate`)).body);
    const find = async () =>
      list(obj((await request(`${control}/mailboxes`)).body).mailboxes).find(
        (m) => m.address === generated.email,
      );
    expect(await find()).toMatchObject({ api: 'selfhosted', expired: false, messageCount: 0 });
    expect((await post('/expire', { address: generated.email })).status).toBe(200);
    expect(await find()).toMatchObject({ expired: true });
    expect((await post('/expire', { address: 'nobody@nowhere.test' })).status).toBe(404);
  });

  it('sends over real SMTP to itself, base64 attachments included, and records the accept time', async () => {
    const generated = obj((await request(`${server.apiUrls.selfhosted}/generate`)).body);
    const before = Date.now();
    const sent = await post('/send', {
      to: generated.email,
      subject: 'Demo',
      html: '<b>hi</b>',
      attachments: [{ filename: 'a.bin', content: ATTACHMENT_BYTES.toString('base64'), encoding: 'base64' }],
    });
    expect(sent.body).toEqual({ ok: true });
    const inbox = obj((await request(`${server.apiUrls.selfhosted}/inbox/${String(generated.email)}`)).body);
    expect(list(inbox.emails)[0]?.subject).toBe('Demo');

    const deliveries = list(obj((await request(`${control}/deliveries?since=${before}`)).body).deliveries);
    const delivery = deliveries.find((d) => d.to === generated.email);
    expect(delivery).toMatchObject({ api: 'selfhosted', subject: 'Demo' });
    expect(Number(delivery?.t)).toBeGreaterThanOrEqual(before);
    expect(Number(delivery?.t)).toBeLessThanOrEqual(Date.now());

    const refused = await post('/send', { to: 'nobody@selfhosted.test', subject: 'x', text: 'y' });
    expect(refused.status).toBe(502);
    expect(String(obj(refused.body).error)).toMatch(/550/);
  });
});

describe('SMTP routing', () => {
  it('delivers one mail to recipients of all three APIs at once', async () => {
    const g = obj(
      obj(
        (
          await request(`${server.apiUrls.tempmailg}/emails`, {
            method: 'POST',
            headers: { Authorization: 'Bearer test-key' },
          })
        ).body,
      ).data,
    );
    const s = obj((await request(`${server.apiUrls.selfhosted}/generate`)).body);
    const l = obj((await request(`${server.httpUrl}/v2/inbox/create`, { method: 'POST' })).body);
    await sendMail(richMail(server, [String(g.email), String(s.email), String(l.address)], 'To everyone'));

    const deliveries = server.deliveries().filter((d) => d.subject === 'To everyone');
    expect(deliveries.map((d) => d.api).sort()).toEqual(['selfhosted', 'tempmail-lol', 'tempmailg']);
    expect(new Set(deliveries.map((d) => d.t)).size).toBe(1);
    const lolInbox = obj((await request(`${server.httpUrl}/v2/inbox?token=${String(l.token)}`)).body);
    expect(list(lolInbox.emails)[0]?.subject).toBe('To everyone');
  });

  it('refuses unknown recipients with 550 but delivers to the known ones', async () => {
    const s = obj((await request(`${server.apiUrls.selfhosted}/generate`)).body);
    await expect(
      sendMail({
        smtpPort: server.smtpPort,
        to: [String(s.email), 'ghost@selfhosted.test'],
        subject: 'Mixed',
        text: 'x',
      }),
    ).rejects.toThrow(/ghost@selfhosted\.test/);
    const inbox = obj((await request(`${server.apiUrls.selfhosted}/inbox/${String(s.email)}`)).body);
    expect(inbox.total).toBe(1);
    await expect(
      sendMail({ smtpPort: server.smtpPort, to: 'someone@foreign.example', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/550/);
  });
});
