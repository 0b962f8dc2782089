import { describe, expect, it } from 'vitest';
import {
  expiryWarningsDue,
  mailboxSiteKnows,
  nextExpiryWarningAt,
  siteExpiry,
} from '../../../lib/core/expiry-warning';
import type { Mailbox } from '../../../lib/core/types';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

function mb(id: string, patch: Partial<Mailbox> = {}): Mailbox {
  return {
    id,
    provider: 'tempmail-lol',
    address: `${id}@example.test`,
    domain: 'example.test',
    createdAt: NOW - 50 * MIN,
    expiresAt: NOW + 60 * MIN,
    expired: false,
    ...patch,
  };
}

describe('mailboxSiteKnows', () => {
  it('prefers the address remembered for the site over one made for it', () => {
    const made = mb('made', { site: 'shop.example' });
    const remembered = mb('remembered');
    expect(mailboxSiteKnows([made, remembered], 'shop.example', { 'shop.example': 'remembered' })).toBe(
      remembered,
    );
  });

  it('falls back to the newest mailbox made for the site, matching www. and case', () => {
    const older = mb('older', { site: 'shop.example', createdAt: NOW - 90 * MIN });
    const newer = mb('newer', { site: 'www.Shop.example', createdAt: NOW - 10 * MIN });
    expect(mailboxSiteKnows([older, newer], 'shop.example', {})).toBe(newer);
    expect(mailboxSiteKnows([older, newer], 'other.example', {})).toBeUndefined();
  });

  it('ignores a remembered id whose mailbox is gone', () => {
    const made = mb('made', { site: 'shop.example' });
    expect(mailboxSiteKnows([made], 'shop.example', { 'shop.example': 'forgotten' })).toBe(made);
  });
});

describe('siteExpiry', () => {
  const memory = { 'shop.example': 'a' };

  it('says nothing while the address is further off than the window', () => {
    const a = mb('a', { expiresAt: NOW + 11 * MIN });
    expect(siteExpiry([a], 'shop.example', memory, 10, NOW)).toBeNull();
  });

  it('says how long is left once inside the window', () => {
    const a = mb('a', { expiresAt: NOW + 8 * MIN });
    expect(siteExpiry([a], 'shop.example', memory, 10, NOW)).toEqual({
      mailbox: a,
      expired: false,
      msLeft: 8 * MIN,
    });
    // The same mailbox a minute earlier with a 30-minute window.
    expect(siteExpiry([a], 'shop.example', memory, 30, NOW - MIN)?.msLeft).toBe(9 * MIN);
  });

  it('says an address has expired, by time or by the provider, even with the window off', () => {
    const past = mb('a', { expiresAt: NOW - 1 });
    expect(siteExpiry([past], 'shop.example', memory, 0, NOW)).toMatchObject({ expired: true });
    const marked = mb('a', { expiresAt: null, expired: true });
    expect(siteExpiry([marked], 'shop.example', memory, 10, NOW)).toMatchObject({ expired: true });
  });

  it('says nothing with the window off before expiry, without a site, or for a live newer address', () => {
    const a = mb('a', { expiresAt: NOW + 5 * MIN });
    expect(siteExpiry([a], 'shop.example', memory, 0, NOW)).toBeNull();
    expect(siteExpiry([a], null, memory, 10, NOW)).toBeNull();
    // After "Make a new address for this site" the memory points at the new one: the notice goes.
    const old = mb('old', { expired: true, site: 'shop.example' });
    const fresh = mb('fresh', { expiresAt: NOW + 60 * MIN });
    expect(siteExpiry([old, fresh], 'shop.example', { 'shop.example': 'fresh' }, 10, NOW)).toBeNull();
  });
});

describe('expiry warnings', () => {
  const memory = { 'forum.example': 'b' };
  const a = mb('a', { site: 'shop.example', expiresAt: NOW + 5 * MIN });
  const b = mb('b', { expiresAt: NOW + 25 * MIN });
  const unknown = mb('c', { expiresAt: NOW + 2 * MIN });

  it('warns for mailboxes a site knows inside the window, once', () => {
    expect(expiryWarningsDue([a, b, unknown], memory, 10, [], NOW).map((m) => m.id)).toEqual(['a']);
    expect(expiryWarningsDue([a, b, unknown], memory, 30, [], NOW).map((m) => m.id)).toEqual(['a', 'b']);
    expect(expiryWarningsDue([a, b, unknown], memory, 30, ['a'], NOW).map((m) => m.id)).toEqual(['b']);
  });

  it('does not warn for gone mailboxes or with the window off', () => {
    const gone = mb('g', { site: 'shop.example', expiresAt: NOW - MIN });
    expect(expiryWarningsDue([gone], {}, 10, [], NOW)).toEqual([]);
    expect(expiryWarningsDue([a], {}, 0, [], NOW)).toEqual([]);
  });

  it('plans the next warning at expiry minus the window, skipping warned and due ones', () => {
    expect(nextExpiryWarningAt([a, b, unknown], memory, 10, [], NOW)).toBe(NOW + 15 * MIN);
    expect(nextExpiryWarningAt([a, b], memory, 10, ['b'], NOW)).toBeNull();
    expect(nextExpiryWarningAt([a, b], memory, 0, [], NOW)).toBeNull();
  });
});

describe('expiredSites (context menu)', () => {
  it('lists sites whose remembered address expired or is no longer kept, sorted', async () => {
    const { expiredSites } = await import('../../../lib/background/context-menu');
    const live = mb('live', { expiresAt: NOW + MIN });
    const gone = mb('gone', { expiresAt: NOW - MIN });
    const memory = { 'b.example': 'gone', 'a.example': 'live', 'c.example': 'forgotten' };
    expect(expiredSites(memory, [live, gone], NOW)).toEqual(['b.example', 'c.example']);
    expect(expiredSites(memory, [live, gone], NOW - 2 * MIN)).toEqual(['c.example']);
  });
});
