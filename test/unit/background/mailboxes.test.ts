import { beforeEach, describe, expect, it } from 'vitest';
import { markHot, storeNewMailbox } from '../../../lib/background/mailboxes';
import { DEFAULT_SETTINGS, pollStateItem, settingsItem } from '../../../lib/storage/items';
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
