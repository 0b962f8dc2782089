import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendMail, startLocalServer, type LocalServer } from './index';
import { list, obj, request } from './test-helpers';

/** The drift switches: each turns one documented shape into the one seen in the wild, and back. */

let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({ lolPollThrottle: false });
});
afterAll(() => server.close());
afterEach(() => request(`${server.httpUrl}/_control/drift`, { method: 'DELETE' }));

const drift = (switches: Record<string, boolean>) =>
  request(`${server.httpUrl}/_control/drift`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(switches),
  });

async function lolInbox(prefix?: string) {
  const response = await request(`${server.apiUrls.tempmailLol}/v2/inbox/create`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(prefix ? { prefix } : {}),
  });
  return obj(response.body) as { address: string; token: string };
}

const read = async (token: string) =>
  obj((await request(`${server.apiUrls.tempmailLol}/v2/inbox?token=${encodeURIComponent(token)}`)).body);

describe('drift switches', () => {
  it('refuses an unknown switch', async () => {
    expect((await drift({ nope: true })).status).toBe(400);
  });

  it('TempMail.lol: emails null, missing fields, extra id, odd subject', async () => {
    const { address, token } = await lolInbox();
    expect(await drift({ lolEmailsNull: true })).toMatchObject({ status: 200 });
    expect(await read(token)).toEqual({ emails: null, expired: false });

    await drift({ lolEmailsNull: false, lolMissingFields: true, lolExtraId: true, lolOddSubject: true });
    await sendMail({ smtpPort: server.smtpPort, to: address, subject: 'One', text: 'code 111111' });
    await sendMail({ smtpPort: server.smtpPort, to: address, subject: 'Two', text: 'code 222222' });
    const answer = await read(token);
    expect('expired' in answer).toBe(false);
    const emails = list(answer.emails);
    expect(emails).toHaveLength(2);
    expect(emails[0]!.subject).toEqual({ text: 'One' });
    expect(emails[1]!.subject).toBe('Two');
    for (const email of emails) {
      expect(typeof email.id).toBe('string');
      expect(email.date).toBeUndefined();
      expect(email.html).toBeUndefined();
    }
  });

  it('TempMail.lol: the newer prefix rule takes dashes and underscores', async () => {
    expect((await lolInbox('joe_doe-1')).address).not.toMatch(/^joe_doe-1/);
    await drift({ lolLongPrefix: true });
    expect((await lolInbox('joe_doe-1')).address).toMatch(/^joe_doe-1[0-9a-f]{8}@/);
  });

  it('TempMail.lol: the no-token answer on a read that had a token, then the unknown-path answer everywhere', async () => {
    const { address, token } = await lolInbox();
    await sendMail({ smtpPort: server.smtpPort, to: address, subject: 'Kept', text: 'x' });
    await drift({ lolNoToken: true });
    const refused = await request(
      `${server.apiUrls.tempmailLol}/v2/inbox?token=${encodeURIComponent(token)}`,
    );
    expect(refused).toMatchObject({ status: 401, body: { error: 'Unauthenticated', code: 6 } });
    await drift({ lolNoToken: false, lolUnknownPath: true });
    for (const path of ['/v2/inbox/create', `/v2/inbox?token=${encodeURIComponent(token)}`, '/v1/generate']) {
      const answer = await request(`${server.apiUrls.tempmailLol}${path}`);
      expect(answer.status).toBe(404);
      expect(obj(answer.body)).toEqual({ error: expect.stringMatching(/^No endpoint with that name/) });
    }
    // Neither answer handed the mail out: it is still there once the drift is over.
    await drift({ lolUnknownPath: false });
    expect(list((await read(token)).emails).map((e) => e.subject)).toEqual(['Kept']);
  });

  it('tempmailg: the list under data.messages, one message under message', async () => {
    const auth = { Authorization: 'Bearer test-key', Accept: 'application/json' };
    const created = obj(
      obj((await request(`${server.apiUrls.tempmailg}/emails`, { method: 'POST', headers: auth })).body).data,
    );
    await sendMail({ smtpPort: server.smtpPort, to: String(created.email), subject: 'Hi', text: 'x' });
    await drift({ tempmailgDataMessages: true, tempmailgSingleMessage: true });
    const listed = obj(
      (
        await request(`${server.apiUrls.tempmailg}/messages?email=${String(created.email)}`, {
          headers: auth,
        })
      ).body,
    );
    expect(listed.messages).toBeUndefined();
    const messages = list(obj(listed.data).messages);
    expect(messages).toHaveLength(1);
    const one = obj(
      (await request(`${server.apiUrls.tempmailg}/messages/${String(messages[0]!.id)}`, { headers: auth }))
        .body,
    );
    expect(one.data).toBeUndefined();
    expect(obj(one.message).subject).toBe('Hi');
  });
});
