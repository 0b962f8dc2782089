import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_DOMAIN_ATTEMPTS,
  communityDomains,
  createAvoiding,
  isNoOtherDomain,
  refuseDomain,
  refusedDomainsFor,
  setCommunityDomains,
} from '../../../lib/background/other-domain';
import type { CreatedMailbox } from '../../../lib/core/types';
import type {
  CreateMailboxOptions,
  ProviderCapabilities,
  TempMailProvider,
} from '../../../lib/providers/types';
import { capabilitiesOf } from '../../../lib/providers/registry';
import { resetBackgroundWorld } from './setup';

const made = (address: string): CreatedMailbox => ({
  provider: 'tempmail-lol',
  address,
  domain: address.split('@')[1]!,
  createdAt: 0,
  expiresAt: null,
  credentials: { kind: 'tempmail-lol', token: `t-${address}`, api: 'v2' },
});

/** A provider that hands out mailboxes on `domains` in turn (or on the domain asked for), listing `listed`. */
function provider(caps: Partial<ProviderCapabilities>, domains: string[], listed?: string[]) {
  let n = 0;
  const createMailbox = vi.fn(async (opts: CreateMailboxOptions = {}) =>
    made(`box${++n}@${opts.domain ?? domains[(n - 1) % domains.length]}`),
  );
  const renameMailbox = vi.fn(async (_mb: unknown, to: { username: string; domain: string }) =>
    made(`${to.username}@${to.domain}`),
  );
  const p = {
    id: 'tempmail-lol',
    capabilities: { ...capabilitiesOf('tempmail-lol'), ...caps },
    createMailbox,
    renameMailbox,
    ...(listed ? { listDomains: vi.fn(async () => listed.map((domain) => ({ domain }))) } : {}),
  } as unknown as TempMailProvider;
  return { p, createMailbox, renameMailbox };
}

describe('createAvoiding', () => {
  beforeEach(resetBackgroundWorld);

  it('chooses a listed domain the site has not refused when the provider takes one on create', async () => {
    const { p, createMailbox } = provider(
      { canListDomains: true, canChooseDomain: 'on-create' },
      ['a.test'],
      ['a.test', 'b.test', 'c.test'],
    );
    const mb = await createAvoiding(p, {}, new Set(['a.test', 'b.test']), () => 0);
    expect(mb.domain).toBe('c.test');
    expect(createMailbox).toHaveBeenCalledTimes(1);
  });

  it('makes nothing when every listed domain is refused, and says so', async () => {
    const { p, createMailbox } = provider(
      { canListDomains: true, canChooseDomain: 'no' },
      ['a.test'],
      ['a.test'],
    );
    const error = await createAvoiding(p, {}, new Set(['a.test'])).catch((e: unknown) => e);
    expect(isNoOtherDomain(error)).toBe(true);
    expect(createMailbox).not.toHaveBeenCalled();
  });

  it('moves a mailbox by rename only when it landed on a refused domain (tempmailg)', async () => {
    const { p, renameMailbox } = provider(
      { canListDomains: true, canChooseDomain: 'via-rename' },
      ['a.test'],
      ['a.test', 'b.test'],
    );
    const moved = await createAvoiding(p, {}, new Set(['a.test']));
    expect(moved.address).toBe('box1@b.test');
    expect(renameMailbox).toHaveBeenCalledTimes(1);
    const kept = await createAvoiding(p, {}, new Set(['x.test']));
    expect(kept.domain).toBe('a.test');
    expect(renameMailbox).toHaveBeenCalledTimes(1);
  });

  it('asks the person before a community domain, once: nothing more is made until they answer', async () => {
    const { p, createMailbox } = provider({ canListDomains: false }, ['lol.test', 'rush.lol.test']);
    const error = await createAvoiding(p, {}, new Set(['lol.test'])).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unsupported', details: { reason: 'community-ask' } });
    expect(createMailbox).toHaveBeenCalledTimes(1);
    expect(await communityDomains()).toBe('ask');
  });

  it('after a yes, asks again from the community pool when the provider picks the domain itself', async () => {
    await setCommunityDomains(true);
    const { p, createMailbox } = provider({ canListDomains: false }, ['lol.test', 'rush.lol.test']);
    const mb = await createAvoiding(p, {}, new Set(['lol.test']));
    expect(mb.domain).toBe('rush.lol.test');
    expect(createMailbox.mock.calls.map(([opts]) => opts)).toEqual([{}, { community: true }]);
  });

  it("after a no, asks only for the service's own domains", async () => {
    await setCommunityDomains(false);
    const { p, createMailbox } = provider({ canListDomains: false }, ['lol.test', 'lol.test', 'other.test']);
    const mb = await createAvoiding(p, {}, new Set(['lol.test']));
    expect(mb.domain).toBe('other.test');
    expect(createMailbox.mock.calls.map(([opts]) => opts)).toEqual([{}, {}, {}]);
  });

  it('gives up after a few fresh mailboxes on refused domains', async () => {
    await setCommunityDomains(true);
    const { p, createMailbox } = provider({ canListDomains: false }, ['lol.test']);
    const error = await createAvoiding(p, {}, new Set(['lol.test'])).catch((e: unknown) => e);
    expect(isNoOtherDomain(error)).toBe(true);
    expect(createMailbox).toHaveBeenCalledTimes(MAX_DOMAIN_ATTEMPTS);
  });
});

describe('refused domains per site', () => {
  beforeEach(resetBackgroundWorld);

  it('remembers each refused domain once, in lower case, for its site only', async () => {
    await refuseDomain('shop.example', 'LOL.test');
    await refuseDomain('shop.example', 'lol.test');
    await refuseDomain('shop.example', 'rush.lol.test');
    expect([...(await refusedDomainsFor('shop.example'))]).toEqual(['lol.test', 'rush.lol.test']);
    expect((await refusedDomainsFor('news.example')).size).toBe(0);
  });
});
