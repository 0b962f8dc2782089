import { beforeEach, describe, expect, it } from 'vitest';
import { checkedSettings, saveSettings, setSiteButton } from '../../../lib/background/settings';
import { DEFAULT_SETTINGS, settingsItem, type Settings } from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const stored = (patch: Partial<Settings> = {}): Settings => ({
  ...structuredClone(DEFAULT_SETTINGS),
  ...patch,
});

describe('checkedSettings', () => {
  it('takes an offered expiry warning window and a boolean notification switch, keeps the rest', () => {
    const next = checkedSettings({ expiryWarningMinutes: 60, expiryNotify: true }, DEFAULT_SETTINGS);
    expect(next).toMatchObject({ expiryWarningMinutes: 60, expiryNotify: true });
    const kept = checkedSettings({ expiryWarningMinutes: 45, expiryNotify: 'yes' }, next);
    expect(kept).toMatchObject({ expiryWarningMinutes: 60, expiryNotify: true });
    // Settings saved before these existed take the defaults.
    const { expiryWarningMinutes: _w, expiryNotify: _n, ...older } = DEFAULT_SETTINGS;
    expect(checkedSettings({}, older as typeof DEFAULT_SETTINGS)).toMatchObject({
      expiryWarningMinutes: 10,
      expiryNotify: false,
    });
  });

  it('stores each API base in its own form, whatever common form was pasted', () => {
    const next = checkedSettings(
      {
        baseUrls: {
          'tempmail-lol': 'https://api.tempmail.lol/v2',
          tempmailg: 'https://v1.tempmailg.com/',
          selfhosted: 'https://example.org/api.php/',
        },
      },
      DEFAULT_SETTINGS,
    );
    expect(next.baseUrls).toEqual({
      'tempmail-lol': 'https://api.tempmail.lol',
      tempmailg: 'https://v1.tempmailg.com/api',
      selfhosted: 'https://example.org/api.php',
      mailtm: 'https://api.mail.tm',
      mailgw: 'https://api.mail.gw',
    });
  });

  it('fills in the address of a provider that settings saved before it existed lack', () => {
    const { mailtm: _t, mailgw: _g, ...older } = DEFAULT_SETTINGS.baseUrls;
    const next = checkedSettings(
      {},
      { ...DEFAULT_SETTINGS, baseUrls: older as typeof DEFAULT_SETTINGS.baseUrls },
    );
    expect(next.baseUrls.mailtm).toBe('https://api.mail.tm');
    expect(next.baseUrls.mailgw).toBe('https://api.mail.gw');
  });

  it('takes well-typed fields, holds numbers to their bounds and trims URLs', () => {
    const next = checkedSettings(
      {
        ...stored(),
        provider: 'selfhosted',
        baseUrls: { selfhosted: '  http://127.0.0.1:8080/api.php ', tempmailg: 'https://mirror.example/api' },
        idlePollSeconds: 1,
        hotPollSeconds: 2.6,
        hotMinutes: 10_000,
        notifications: false,
        theme: 'dark',
        tempmailLolApi: 'v1',
      },
      stored(),
    );
    expect(next).toMatchObject({
      provider: 'selfhosted',
      baseUrls: {
        selfhosted: 'http://127.0.0.1:8080/api.php',
        tempmailg: 'https://mirror.example/api',
        'tempmail-lol': DEFAULT_SETTINGS.baseUrls['tempmail-lol'],
      },
      idlePollSeconds: 15,
      hotPollSeconds: 3,
      hotMinutes: 60,
      notifications: false,
      theme: 'dark',
      tempmailLolApi: 'v1',
    });
  });

  it('keeps the current value for a field of the wrong type, and never takes the site list from the sender', () => {
    const current = stored({ inlineButtonSites: ['shop.example'], hotMinutes: 7 });
    const next = checkedSettings(
      {
        provider: 'gmail',
        baseUrls: { tempmailg: 42 },
        idlePollSeconds: Number.NaN,
        hotMinutes: '9',
        notifications: 'yes',
        theme: 'neon',
        inlineButtonSites: ['evil.example'],
        extra: true,
      },
      current,
    );
    expect(next).toEqual(current);
    expect(checkedSettings(null, current)).toEqual(current);
  });
});

describe('settings writes in the background', () => {
  beforeEach(resetBackgroundWorld);

  it('lists and unlists one site, leaving the others and refusing what is not a hostname', async () => {
    await settingsItem.setValue(stored({ inlineButtonSites: ['a.example'] }));
    await setSiteButton('Shop.Example', true);
    await setSiteButton('shop.example', true);
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['a.example', 'shop.example']);
    await setSiteButton('a.example', false);
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['shop.example']);
    for (const bad of ['', 'a b.example', 'https://x.example/', 'x.example/path', 42, null]) {
      await expect(setSiteButton(bad, true)).rejects.toMatchObject({ kind: 'validation' });
    }
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['shop.example']);
  });

  it('an Options save and a popup switch at the same moment both take effect', async () => {
    await settingsItem.setValue(stored());
    // Options loaded its draft before the popup listed the site; both writes start together.
    const draft = { ...(await settingsItem.getValue()), hotMinutes: 12 };
    await Promise.all([setSiteButton('shop.example', true), saveSettings(draft)]);
    const after = await settingsItem.getValue();
    expect(after.hotMinutes).toBe(12);
    expect(after.inlineButtonSites).toEqual(['shop.example']);
  });
});
