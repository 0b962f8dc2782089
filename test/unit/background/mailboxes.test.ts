import { beforeEach, describe, expect, it } from 'vitest';
import { addCustomDomain, markHot, storeNewMailbox } from '../../../lib/background/mailboxes';
import { getCredentials } from '../../../lib/storage/secrets';
import {
  activeMailboxItem,
  DEFAULT_SETTINGS,
  mailboxesItem,
  pollStateItem,
  settingsItem,
} from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const T0 = 1_800_000_000_000;

describe('markHot', () => {
  beforeEach(resetBackgroundWorld);

  it('polls a known mailbox hot for the configured minutes, keeping its state', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hotMinutes: 7 });
    const mb = await storeNewMailbox(
      {
        provider: 'tempmail-lol',
        address: 'x@lol.test',
        domain: 'lol.test',
        createdAt: T0,
        expiresAt: null,
        credentials: { kind: 'tempmail-lol', token: 't', api: 'v2' },
      },
      {},
      T0,
      0,
    );
    await markHot(mb.id, T0 + 1_000);
    expect((await pollStateItem.getValue())[mb.id]).toMatchObject({
      primed: true,
      hotUntil: T0 + 1_000 + 7 * 60_000,
    });
  });

  it('leaves a mailbox without state unprimed, so old mail is not announced', async () => {
    await markHot('tempmail-lol:y@lol.test', T0);
    expect((await pollStateItem.getValue())['tempmail-lol:y@lol.test']).toEqual({
      failures: 0,
      primed: false,
      hotUntil: T0 + DEFAULT_SETTINGS.hotMinutes * 60_000,
    });
  });
});

describe('addCustomDomain', () => {
  beforeEach(resetBackgroundWorld);

  it("stores the domain's catch-all with its password as the credential, never expiring, shown at once", async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, tempmailLolApi: 'v1' });
    const mb = await addCustomDomain(' @Custom.Example ', ' pw ', T0);
    expect(mb).toMatchObject({
      id: 'tempmail-lol:*@custom.example',
      address: '*@custom.example',
      domain: 'custom.example',
      expiresAt: null,
      customDomain: true,
    });
    expect(await getCredentials(mb.id)).toEqual({
      kind: 'tempmail-lol',
      token: 'pw',
      api: 'v1',
      customDomain: true,
    });
    expect(await activeMailboxItem.getValue()).toBe(mb.id);
  });

  it('refuses what is not a domain name, and an empty password', async () => {
    await expect(addCustomDomain('not a domain', 'pw')).rejects.toMatchObject({ kind: 'validation' });
    await expect(addCustomDomain('custom.example', '  ')).rejects.toMatchObject({ kind: 'validation' });
    expect(await mailboxesItem.getValue()).toEqual([]);
  });
});
