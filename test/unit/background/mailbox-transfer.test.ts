import { beforeEach, describe, expect, it } from 'vitest';
import { storeNewMailbox } from '../../../lib/background/mailboxes';
import { mailboxTransfer } from '../../../lib/background/transfer';
import type { MailboxCredentials, ProviderId } from '../../../lib/core/types';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/storage/items';
import { setApiKey } from '../../../lib/storage/secrets';
import { resetBackgroundWorld } from './setup';

const T0 = 1_800_000_000_000;

async function stored(provider: ProviderId, address: string, credentials: MailboxCredentials) {
  return storeNewMailbox(
    { provider, address, domain: address.split('@')[1]!, createdAt: T0, expiresAt: null, credentials },
    {},
    T0,
    0,
  );
}

describe('mailboxTransfer (what the QR code of a mailbox is built from)', () => {
  beforeEach(resetBackgroundWorld);

  it('reads the mailbox token from the secrets store, with the configured API', async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      baseUrls: { ...DEFAULT_SETTINGS.baseUrls, 'tempmail-lol': 'https://lol.example.test' },
    });
    const mb = await stored('tempmail-lol', 'a@lol.test', {
      kind: 'tempmail-lol',
      token: 'tok-1',
      api: 'v2',
    });
    expect(await mailboxTransfer(mb.id)).toEqual({
      provider: 'tempmail-lol',
      address: 'a@lol.test',
      apiBaseUrl: 'https://lol.example.test',
      secret: { kind: 'token', value: 'tok-1' },
    });
  });

  it('never hands out the account API key, even where the mailbox has no secret of its own', async () => {
    const api = 'https://mail.example.test';
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      baseUrls: { ...DEFAULT_SETTINGS.baseUrls, selfhosted: api },
    });
    await setApiKey('selfhosted', 'the-account-key', api);
    await setApiKey('tempmail-lol', 'lol-plus-key', DEFAULT_SETTINGS.baseUrls['tempmail-lol']);
    const own = await stored('selfhosted', 'me@mail.example.test', { kind: 'selfhosted' });
    const lol = await stored('tempmail-lol', 'b@lol.test', {
      kind: 'tempmail-lol',
      token: 'tok-2',
      api: 'v2',
    });
    const ownTransfer = await mailboxTransfer(own.id);
    expect(ownTransfer).toMatchObject({ address: 'me@mail.example.test', apiBaseUrl: api, secret: null });
    expect(JSON.stringify(ownTransfer)).not.toContain('the-account-key');
    expect(JSON.stringify(await mailboxTransfer(lol.id))).not.toContain('lol-plus-key');
  });

  it('refuses an unknown mailbox', async () => {
    await expect(mailboxTransfer('tempmail-lol:nobody@lol.test')).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
