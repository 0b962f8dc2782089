import { describe, expect, it } from 'vitest';
import { qrPayload, transferSecret, type MailboxTransfer } from '../../../lib/core/mailbox-qr';
import { qrPath } from '../../../lib/ui/qr-svg';

describe('transferSecret: what a phone can use', () => {
  it('gives the inbox token of TempMail.lol and TempMailG', () => {
    expect(transferSecret({ kind: 'tempmail-lol', token: 'tok-lol', api: 'v2' })).toEqual({
      kind: 'token',
      value: 'tok-lol',
    });
    expect(transferSecret({ kind: 'tempmailg', id: 7, emailToken: 'tok-g' })).toEqual({
      kind: 'token',
      value: 'tok-g',
    });
  });

  it('gives the account password of Mail.tm and Mail.gw, not their expiring JWT', () => {
    expect(transferSecret({ kind: 'mailtm', accountId: 'a1', password: 'pw-tm', token: 'jwt' })).toEqual({
      kind: 'password',
      value: 'pw-tm',
    });
    expect(transferSecret({ kind: 'mailgw', accountId: 'a2', password: 'pw-gw', token: 'jwt' })).toEqual({
      kind: 'password',
      value: 'pw-gw',
    });
  });

  it('gives nothing for self-hosted, a custom domain, or missing credentials', () => {
    expect(transferSecret({ kind: 'selfhosted' })).toBeNull();
    expect(
      transferSecret({ kind: 'tempmail-lol', token: 'domain-password', api: 'v1', customDomain: true }),
    ).toBeNull();
    expect(transferSecret(undefined)).toBeNull();
    expect(transferSecret({ kind: 'tempmailg', id: 1, emailToken: '' })).toBeNull();
  });
});

describe('qrPayload', () => {
  const base: MailboxTransfer = {
    provider: 'tempmail-lol',
    address: 'ada@example.test',
    apiBaseUrl: 'https://api.example.test',
    secret: { kind: 'token', value: 't0k"en' },
  };

  it('is compact JSON with the documented keys in order', () => {
    const text = qrPayload(base);
    expect(text).toBe(
      '{"mayfly":"mailbox","v":1,"provider":"tempmail-lol","address":"ada@example.test","api":"https://api.example.test","token":"t0k\\"en"}',
    );
    expect(JSON.parse(text)).toMatchObject({ address: 'ada@example.test', token: 't0k"en' });
  });

  it('names a password as such and leaves the secret out when there is none', () => {
    expect(JSON.parse(qrPayload({ ...base, secret: { kind: 'password', value: 'pw' } }))).toMatchObject({
      password: 'pw',
    });
    const addressOnly = JSON.parse(qrPayload({ ...base, provider: 'selfhosted', secret: null })) as object;
    expect(Object.keys(addressOnly)).toEqual(['mayfly', 'v', 'provider', 'address', 'api']);
  });
});

describe('qrPath', () => {
  it('draws a square code with the top-left finder pattern, larger for a longer text', async () => {
    const short = await qrPath('{"mayfly":"mailbox"}');
    expect((short.size - 17) % 4).toBe(0);
    // Finder pattern: a dark 7x7 ring whose corner modules are dark, with a light ring inside.
    expect(short.d).toContain('M0 0h1v1h-1z');
    expect(short.d).toContain('M6 6h1v1h-1z');
    expect(short.d).not.toContain('M1 1h1v1h-1z');
    const long = await qrPath(
      qrPayload({
        provider: 'mailtm',
        address: 'someone.with.a.long.name@example.test',
        apiBaseUrl: 'https://api.mail.tm',
        secret: { kind: 'password', value: 'x'.repeat(120) },
      }),
    );
    expect(long.size).toBeGreaterThan(short.size);
  });

  it('encodes text as UTF-8 (a non-ASCII address needs more modules than its ASCII twin)', async () => {
    const ascii = await qrPath('a'.repeat(40));
    const utf8 = await qrPath('ø'.repeat(40));
    expect(utf8.size).toBeGreaterThan(ascii.size);
  });
});
