import { signal } from '@preact/signals';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeSend } from './fixtures';
import { DEFAULT_SETTINGS, settingsItem, type Settings } from '../../../lib/storage/items';
import {
  activeSiteOf,
  createSiteButtonModel,
  type HostPermissions,
} from '../../../lib/ui/models/site-button-model';

/** Host permissions as the browser keeps them; `answer` is what the person clicks in the prompt. */
function fakePermissions(answer: () => boolean) {
  const held = new Set<string>();
  const calls: string[] = [];
  const permissions: HostPermissions = {
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      calls.push('request');
      if (!answer()) return false;
      origins.forEach((o) => held.add(o));
      return true;
    }),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      calls.push('remove');
      origins.forEach((o) => held.delete(o));
      return true;
    }),
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => held.has(o))),
  };
  return { permissions, held, calls };
}

async function setup(url: string | undefined, answer = () => true, settings: Partial<Settings> = {}) {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...settings });
  const current = signal(await settingsItem.getValue());
  settingsItem.watch((v) => (current.value = v));
  const fake = fakePermissions(answer);
  const model = createSiteButtonModel({
    settings: current,
    send: fakeSend().send,
    activeTabUrl: async () => url,
    permissions: fake.permissions,
  });
  await model.load();
  return { model, ...fake };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('activeSiteOf', () => {
  it('keeps http(s) pages and nothing else', () => {
    expect(activeSiteOf('https://shop.example:8443/signup?x=1')).toEqual({
      hostname: 'shop.example',
      origin: 'https://shop.example:8443',
    });
    expect(activeSiteOf('http://127.0.0.1:5173/')?.origin).toBe('http://127.0.0.1:5173');
    for (const url of [
      'chrome://newtab/',
      'chrome-extension://abc/popup.html',
      'file:///tmp/a.html',
      'about:blank',
      '',
      undefined,
    ]) {
      expect(activeSiteOf(url)).toBeNull();
    }
  });
});

describe('site button model', () => {
  it('is off by default and absent on a page that is not a web site', async () => {
    const web = await setup('https://shop.example/login');
    expect(web.model.site.value?.hostname).toBe('shop.example');
    expect(web.model.enabled.value).toBe(false);
    const internal = await setup('chrome://settings/');
    expect(internal.model.site.value).toBeNull();
  });

  it('asks for the origin first, then lists the hostname; off unlists it and gives the access back', async () => {
    const { model, permissions, held, calls } = await setup('https://shop.example/login');
    const turningOn = model.setEnabled(true);
    // The request is made before the handler awaits anything, inside the click's user gesture.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://shop.example/*'] });
    expect(model.enabled.value).toBe(true);
    await turningOn;
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['shop.example']);
    expect(held.has('https://shop.example/*')).toBe(true);
    expect(model.enabled.value).toBe(true);

    await model.setEnabled(false);
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual([]);
    expect(held.size).toBe(0);
    expect(model.enabled.value).toBe(false);
    expect(calls).toEqual(['request', 'remove']);
  });

  it('stays off and unlisted when the person refuses access, and says so', async () => {
    const { model } = await setup('https://shop.example/', () => false, {
      inlineButtonSites: ['other.example'],
    });
    await model.setEnabled(true);
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual(['other.example']);
    expect(model.enabled.value).toBe(false);
    expect(model.refused.value).toBe(true);
  });

  it('shows off when the site is listed but its access was taken away elsewhere', async () => {
    const { model } = await setup('https://shop.example/', () => true, {
      inlineButtonSites: ['shop.example'],
    });
    expect(model.enabled.value).toBe(false);
  });

  it('never gives back the access of an API origin', async () => {
    const { model, held, permissions } = await setup('https://mail.example/', () => true, {
      baseUrls: { ...DEFAULT_SETTINGS.baseUrls, selfhosted: 'https://mail.example/api' },
    });
    await model.setEnabled(true);
    await model.setEnabled(false);
    expect((await settingsItem.getValue()).inlineButtonSites).toEqual([]);
    expect(permissions.remove).not.toHaveBeenCalled();
    expect(held.has('https://mail.example/*')).toBe(true);
  });
});
