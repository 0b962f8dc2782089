import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createRefusalHandler,
  refusedNotificationId,
  refusedTarget,
  otherProviderNotificationId,
  otherProviderTarget,
} from '../../../lib/background/refusal';
import type { Mailbox } from '../../../lib/core/types';
import { mailboxesItem, siteMemoryItem } from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const mailbox = (address: string): Mailbox => ({
  id: `tempmail-lol:${address}`,
  provider: 'tempmail-lol',
  address,
  domain: address.split('@')[1]!,
  createdAt: 1,
  expiresAt: null,
  expired: false,
});

const fromPage = (url: string, extra: Partial<Browser.runtime.MessageSender> = {}) =>
  ({
    id: fakeBrowser.runtime.id,
    tab: { id: 7 },
    frameId: 2,
    url,
    ...extra,
  }) as Browser.runtime.MessageSender;

describe('refused-address offers', () => {
  beforeEach(resetBackgroundWorld);

  it('tells a "try another provider" offer from a refusal offer by its id', () => {
    const where = { tabId: 3, frameId: 0, url: 'https://shop.example/join' };
    const id = otherProviderNotificationId(where);
    expect(otherProviderTarget(id)).toEqual({ ...where, target: 'detected' });
    expect(refusedTarget(id)).toBeNull();
    expect(otherProviderTarget(refusedNotificationId(where))).toBeNull();
  });

  it('round-trips where to fill through the notification id, and ignores other ids', () => {
    const id = refusedNotificationId({ tabId: 7, frameId: 2, url: 'https://shop.example/join' });
    expect(refusedTarget(id)).toEqual({
      tabId: 7,
      frameId: 2,
      url: 'https://shop.example/join',
      target: 'detected',
    });
    for (const other of ['mayfly-auth|tempmailg', 'mayfly-refused|not json', 'mayfly-refused|["7",2,"x"]'])
      expect(refusedTarget(other)).toBeNull();
  });

  it("offers another domain once, and only for the address Mayfly filled on the sender's own site", async () => {
    const shop = mailbox('old@lol.test');
    await mailboxesItem.setValue([shop, mailbox('news@lol.test')]);
    await siteMemoryItem.setValue({ 'shop.example': shop.id, 'news.example': 'tempmail-lol:news@lol.test' });
    const offer = vi.fn(async (_id: string, _title: string, _message: string, _other?: string) => undefined);
    const refused = createRefusalHandler({ offer });
    const page = fromPage('https://shop.example/join');

    // Another site's address, an address Mayfly never filled, a malformed request: nothing is offered.
    await refused({ address: 'news@lol.test' }, page);
    await refused({ address: 'me@example.com' }, page);
    await expect(refused({}, page)).rejects.toMatchObject({ kind: 'blocked' });
    await expect(refused({ address: 'old@lol.test' }, fromPage('chrome://settings'))).rejects.toMatchObject({
      kind: 'blocked',
    });
    expect(offer).not.toHaveBeenCalled();

    await refused({ address: 'old@lol.test' }, page);
    await refused({ address: 'old@lol.test' }, page);
    expect(offer).toHaveBeenCalledTimes(1);
    const [id, title, message, other] = offer.mock.calls[0]!;
    // A TempMail.lol address the site refused: Mail.tm is offered beside another domain.
    expect(other).toBe('Mail.tm');
    expect(refusedTarget(id)).toEqual({
      tabId: 7,
      frameId: 2,
      url: 'https://shop.example/join',
      target: 'detected',
    });
    expect(title).toBe('shop.example refused this address?');
    expect(message).toContain('@lol.test');
  });
});
