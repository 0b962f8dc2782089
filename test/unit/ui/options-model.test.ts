import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refuseDomain } from '../../../lib/background/other-domain';
import { setSiteButton } from '../../../lib/background/settings';
import { AppError } from '../../../lib/core/errors';
import {
  DEFAULT_BASE_URLS,
  DEFAULT_SETTINGS,
  refusedDomainsItem,
  communityDomainsItem,
  settingsItem,
  type Settings,
} from '../../../lib/storage/items';
import { createOptionsModel, originNeedingPermission } from '../../../lib/ui/models/options-model';
import { capabilitiesOf, fakeSend, PLAIN, RICH } from './fixtures';

function setup(send = fakeSend().send, granted = true) {
  const requestOrigins = vi.fn(async (_origins: string[]) => granted);
  const model = createOptionsModel({
    settings: settingsItem,
    refusedDomains: refusedDomainsItem,
    communityDomains: communityDomainsItem,
    send,
    capabilitiesOf: capabilitiesOf({ tempmailg: RICH, selfhosted: PLAIN }),
    requestOrigins,
  });
  return { model, requestOrigins };
}

beforeEach(() => fakeBrowser.reset());

describe('originNeedingPermission', () => {
  it.each([
    ['tempmailg', 'https://v1.tempmailg.com/api', null],
    ['tempmail-lol', 'https://api.tempmail.lol', null],
    ['tempmailg', 'https://mirror.example/api', 'https://mirror.example'],
    ['selfhosted', 'http://127.0.0.1:8080/api.php', 'http://127.0.0.1:8080'],
    ['selfhosted', 'not a url', 'invalid'],
    ['selfhosted', 'ftp://host/api.php', 'invalid'],
  ] as const)('%s %s -> %s', (provider, url, expected) => {
    expect(originNeedingPermission(provider, url)).toBe(expected);
  });
});

describe('options model', () => {
  it('shows the kept answer about community domains and changes it through the background', async () => {
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    expect(model.communityDomains.value).toBe('ask');
    await communityDomainsItem.setValue('no');
    await vi.waitFor(() => expect(model.communityDomains.value).toBe('no'));
    await model.setCommunityDomains(true);
    expect(fake.ofType('setCommunityDomains').map((m) => m.data)).toEqual([{ allow: true }]);
    expect(model.communityDomains.value).toBe('yes');
  });

  it('adds a TempMail.lol custom domain through the background, forgets the typed password, says the outcome', async () => {
    let fail = false;
    const fake = fakeSend({
      addCustomDomain: () => {
        if (fail) throw new AppError('validation', 'That is not a domain name.').toJSON();
        return undefined as never;
      },
    });
    const { model } = setup(fake.send);
    await model.load();
    model.customDomainInput.value = 'custom.example';
    model.customPasswordInput.value = 'secret';
    await model.addCustomDomain();
    expect(fake.ofType('addCustomDomain').map((m) => m.data)).toEqual([
      { domain: 'custom.example', password: 'secret' },
    ]);
    expect(model.customPasswordInput.value).toBe('');
    expect(model.customDomainStatus.value).toEqual({ kind: 'ok', messageKey: 'optionsCustomDomainAdded' });
    fail = true;
    await model.addCustomDomain();
    expect(model.customDomainStatus.value).toMatchObject({
      kind: 'app-error',
      error: { kind: 'validation' },
    });
    expect(model.busy.value).toBeNull();
  });

  it('loads the saved settings and whether each provider has a key, without reading the key', async () => {
    const fake = fakeSend({
      apiKeyOrigin: ({ provider }) =>
        provider === 'tempmailg' ? new URL(DEFAULT_BASE_URLS.tempmailg).origin : null,
    });
    const { model } = setup(fake.send);
    await model.load();
    expect(model.draft.value).toEqual(DEFAULT_SETTINGS);
    expect(model.keySaved.value).toEqual({
      'tempmail-lol': false,
      mailtm: false,
      mailgw: false,
      tempmailg: true,
      selfhosted: false,
    });
  });

  it('asks for the key again, or an explicit "use my saved key", when the API address changes', async () => {
    const keyOrigin = new URL(DEFAULT_BASE_URLS.tempmailg).origin;
    const fake = fakeSend({ apiKeyOrigin: ({ provider }) => (provider === 'tempmailg' ? keyOrigin : null) });
    const { model } = setup(fake.send);
    await model.load();
    model.setProvider('tempmailg');
    expect(model.keyForOtherAddress.value).toBeNull();
    expect(model.needsKey.value).toBe(false);
    model.setBaseUrl('https://mirror.example/api');
    expect(model.keyForOtherAddress.value).toBe(keyOrigin);
    expect(model.needsKey.value).toBe(true);
    model.useSavedKeyHere.value = true;
    expect(model.needsKey.value).toBe(false);
    await model.save();
    expect(fake.ofType('saveApiKey')).toEqual([]);
    expect(fake.ofType('useSavedApiKey')[0]?.data).toEqual({
      provider: 'tempmailg',
      baseUrl: 'https://mirror.example/api',
    });
    expect(model.keyForOtherAddress.value).toBeNull();
  });

  it('asks for host access inside the click, before testing a custom origin', async () => {
    const fake = fakeSend({ testConnection: () => ({ detail: '3 domains' }) });
    const { model, requestOrigins } = setup(fake.send);
    await model.load();
    model.setProvider('selfhosted');
    model.setBaseUrl('https://mail.example.org/api.php');
    const pending = model.testConnection();
    // Synchronously, before any await: still inside the user gesture.
    expect(requestOrigins).toHaveBeenCalledWith(['https://mail.example.org/*']);
    await pending;
    expect(fake.ofType('testConnection')[0]?.data).toEqual({
      provider: 'selfhosted',
      baseUrl: 'https://mail.example.org/api.php',
    });
    expect(model.connectionStatus.value).toEqual({
      kind: 'ok',
      messageKey: 'optionsConnectionOk',
      detail: '3 domains',
    });
  });

  it('tests and saves the API base in place of a pasted /v2 form, and says what it uses', async () => {
    const fake = fakeSend({ testConnection: () => ({}), saveSettings: ({ settings }) => settings });
    const { model } = setup(fake.send);
    await model.load();
    model.setBaseUrl('https://api.tempmail.lol/v2/');
    await model.testConnection();
    expect(fake.ofType('testConnection')[0]?.data).toMatchObject({ baseUrl: 'https://api.tempmail.lol' });
    expect(model.baseUrl.value).toBe('https://api.tempmail.lol');
    expect(model.urlNote.value).toEqual({
      typed: 'https://api.tempmail.lol/v2/',
      used: 'https://api.tempmail.lol',
    });
    model.setProvider('tempmailg');
    model.setBaseUrl('https://v1.tempmailg.com');
    await model.save();
    expect((fake.ofType('saveSettings')[0]?.data as { settings: Settings }).settings.baseUrls.tempmailg).toBe(
      'https://v1.tempmailg.com/api',
    );
  });

  it('says where mail goes once a TempMail.lol key works (a webhook takes it away from the inbox)', async () => {
    const fake = fakeSend({ testConnection: () => ({}) });
    const { model } = setup(fake.send);
    await model.load();
    await model.testConnection();
    expect(model.webhookNote.value).toBe(false); // no key: no webhook possible
    model.apiKeyInput.value = 'tm.123.abc';
    await model.testConnection();
    expect(model.webhookNote.value).toBe(true);
    model.setProvider('tempmailg');
    expect(model.webhookNote.value).toBe(false);
  });

  it('neither tests nor saves when access is refused, and says so', async () => {
    const fake = fakeSend();
    const { model } = setup(fake.send, false);
    await model.load();
    model.setProvider('selfhosted');
    model.setBaseUrl('https://mail.example.org/api.php');
    await model.testConnection();
    await model.save();
    expect(fake.sent.filter((m) => m.type !== 'apiKeyOrigin')).toEqual([]);
    expect(model.saveStatus.value).toMatchObject({ kind: 'error', messageKey: 'optionsPermissionRefused' });
    expect((await settingsItem.getValue()).provider).toBe('tempmail-lol');
  });

  it('does not ask for access to the default origins', async () => {
    const { model, requestOrigins } = setup();
    await model.load();
    await model.save();
    expect(requestOrigins).not.toHaveBeenCalled();
  });

  it('refuses a missing or malformed base URL before anything else', async () => {
    const { model, requestOrigins } = setup();
    await model.load();
    model.setProvider('selfhosted');
    await model.testConnection();
    expect(model.connectionStatus.value).toMatchObject({ messageKey: 'optionsBaseUrlMissing' });
    model.setBaseUrl('mail.example.org');
    await model.testConnection();
    expect(model.connectionStatus.value).toMatchObject({ messageKey: 'optionsBaseUrlInvalid' });
    expect(requestOrigins).not.toHaveBeenCalled();
  });

  it('reports a failed test as an AppError to explain', async () => {
    const fake = fakeSend({
      testConnection: () => {
        throw new AppError('misconfigured', 'PATH_INFO').toJSON();
      },
    });
    const { model } = setup(fake.send);
    await model.load();
    await model.testConnection();
    expect(model.connectionStatus.value).toMatchObject({
      kind: 'app-error',
      error: { kind: 'misconfigured' },
    });
  });

  it('saves the key through the background, forgets the typed text, and saves settings', async () => {
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    model.setProvider('tempmailg');
    model.apiKeyInput.value = ' secret-key ';
    model.setNumber('hotPollSeconds', 0);
    model.update({ theme: 'dark' });
    await model.save();
    expect(fake.ofType('saveApiKey')[0]?.data).toEqual({
      provider: 'tempmailg',
      apiKey: 'secret-key',
      baseUrl: DEFAULT_BASE_URLS.tempmailg,
    });
    expect(model.apiKeyInput.value).toBe('');
    expect(model.keySaved.value.tempmailg).toBe(true);
    const saved = await settingsItem.getValue();
    expect(saved).toMatchObject({ provider: 'tempmailg', theme: 'dark', hotPollSeconds: 2 });
    expect(JSON.stringify(saved)).not.toContain('secret-key');
    expect(model.dirty.value).toBe(false);
  });

  it('removes an inline-button site at once', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, inlineButtonSites: ['a.test', 'b.test'] });
    const { model } = setup();
    await model.load();
    await model.removeSite('a.test');
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['b.test']);
  });

  it('a site listed from the popup while Options has unsaved edits survives the Save', async () => {
    const { model } = setup();
    await model.load();
    model.update({ theme: 'light' });
    // The popup's switch goes straight to the background, not through this page's draft.
    await setSiteButton('shop.test', true);
    await model.save();
    const after = await settingsItem.getValue();
    expect(after).toMatchObject({ theme: 'light', inlineButtonSites: ['shop.test'] });
    expect(model.draft.value.inlineButtonSites).toEqual(['shop.test']);
    expect(model.dirty.value).toBe(false);
  });

  it('shows the domains sites refused, follows new ones, and allows a site every domain again', async () => {
    await refusedDomainsItem.setValue({ 'shop.test': ['lol.test'] });
    const { model } = setup();
    const stop = await model.load();
    expect(model.refusedDomains.value).toEqual({ 'shop.test': ['lol.test'] });
    await refuseDomain('forum.test', 'rush.lol.test');
    await vi.waitFor(() =>
      expect(Object.keys(model.refusedDomains.value)).toEqual(['shop.test', 'forum.test']),
    );
    await model.allowDomainsAgain('shop.test');
    expect(await refusedDomainsItem.getValue()).toEqual({ 'forum.test': ['rush.lol.test'] });
    expect(model.refusedDomains.value).toEqual({ 'forum.test': ['rush.lol.test'] });
    stop();
  });

  it('exports and imports through the background, reporting the counts', async () => {
    const fake = fakeSend({
      exportMailboxes: () => '{"v":1}',
      importMailboxes: () => ({ imported: 2, skipped: 1 }),
    });
    const { model } = setup(fake.send);
    await model.load();
    expect(await model.exportMailboxes()).toBe('{"v":1}');
    await model.importMailboxes('{"v":1}');
    expect(fake.ofType('importMailboxes')[0]?.data).toEqual({ json: '{"v":1}' });
    expect(model.transferStatus.value).toEqual({ kind: 'ok', messageKey: 'optionsImported', counts: [2, 1] });
  });
});
