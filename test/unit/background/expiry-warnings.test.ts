import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPIRY_ALARM, createExpiryWarnings } from '../../../lib/background/notifier';
import type { Mailbox } from '../../../lib/core/types';
import {
  DEFAULT_SETTINGS,
  expiryWarnedItem,
  mailboxesItem,
  pauseItem,
  settingsItem,
  siteMemoryItem,
} from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

const box = (id: string, expiresAt: number, site?: string): Mailbox => ({
  id,
  provider: 'tempmail-lol',
  address: `${id}@lol.test`,
  domain: 'lol.test',
  createdAt: T0 - 40 * MIN,
  expiresAt,
  expired: false,
  ...(site ? { site } : {}),
});

describe('expiry warnings (background)', () => {
  let now = T0;
  const create = vi.fn(async () => '');
  const alarms = { create: vi.fn(async () => undefined), clear: vi.fn(async () => true) };
  const warnings = () =>
    createExpiryWarnings({
      notifications: { create } as never,
      alarms: alarms as never,
      iconUrl: 'icon.png',
      now: () => now,
      lang: 'en',
    });

  beforeEach(async () => {
    resetBackgroundWorld();
    now = T0;
    create.mockClear();
    alarms.create.mockClear();
    alarms.clear.mockClear();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, expiryNotify: true, expiryWarningMinutes: 10 });
    await mailboxesItem.setValue([box('a', T0 + 25 * MIN, 'shop.example'), box('b', T0 + 5 * MIN)]);
    await siteMemoryItem.setValue({ 'shop.example': 'a' });
  });

  it('plans an alarm for the first warning, warns once when it comes, then clears the alarm', async () => {
    const w = warnings();
    // "b" is known to no site: no warning for it. "a" falls due 10 min before its expiry.
    expect(await w.check()).toEqual([]);
    expect(alarms.create).toHaveBeenLastCalledWith(EXPIRY_ALARM, { when: T0 + 15 * MIN });
    now = T0 + 16 * MIN;
    expect(await w.check()).toEqual(['a']);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]).toMatchObject([
      expect.stringContaining('a'),
      {
        message:
          'The address shop.example knows, a@lol.test, expires in 9:00. Open Mayfly to make a new one for it.',
      },
    ]);
    expect(await expiryWarnedItem.getValue()).toEqual(['a']);
    expect(alarms.clear).toHaveBeenLastCalledWith(EXPIRY_ALARM);
    // A restarted worker checks again: nothing twice.
    expect(await warnings().check()).toEqual([]);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('says nothing with notifications for expiry off, or while paused (then warns after)', async () => {
    now = T0 + 16 * MIN;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, expiryNotify: false });
    expect(await warnings().check()).toEqual([]);
    expect(alarms.clear).toHaveBeenLastCalledWith(EXPIRY_ALARM);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, expiryNotify: true });
    await pauseItem.setValue({ since: T0, until: null });
    expect(await warnings().check()).toEqual([]);
    expect(await expiryWarnedItem.getValue()).toEqual([]);
    await pauseItem.setValue(null);
    expect(await warnings().check()).toEqual(['a']);
  });

  it('forgets warned ids of mailboxes no longer kept', async () => {
    await expiryWarnedItem.setValue(['gone', 'a']);
    await warnings().check();
    expect(await expiryWarnedItem.getValue()).toEqual(['a']);
  });
});
