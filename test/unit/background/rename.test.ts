import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatedMailbox } from '../../../lib/core/types';
import { renameMailbox, storeNewMailbox } from '../../../lib/background/mailboxes';
import { mailboxesItem, siteMemoryItem } from '../../../lib/storage/items';
import { commitInbox, readBody, readInbox, writeBodies } from '../../../lib/storage/mail-store';
import { toBody, toSummary } from '../../../lib/core/mail-merge';
import type { StoredMessage } from '../../../lib/core/types';
import { resetBackgroundWorld } from './setup';

const T0 = 1_800_000_000_000;

const onTempmailg = (address: string, id: number): CreatedMailbox => ({
  provider: 'tempmailg',
  address,
  domain: address.split('@')[1]!,
  createdAt: T0,
  expiresAt: null,
  credentials: { kind: 'tempmailg', id, emailToken: `token-${id}` },
});

// tempmailg renames by replacing the mailbox: a new address, id and token.
vi.mock('../../../lib/background/provider-access', () => ({
  providerFor: async () => ({
    renameMailbox: async (_mb: unknown, to: { username: string; domain: string }) =>
      onTempmailg(`${to.username}@${to.domain}`, 2),
  }),
}));

describe('renameMailbox', () => {
  beforeEach(resetBackgroundWorld);

  it('moves the mail and every site that knew the old address to the new one', async () => {
    const old = await storeNewMailbox(onTempmailg('old@g.test', 1), { site: 'shop.example' }, T0, 0);
    // The same address was also filled on a second site.
    await siteMemoryItem.setValue({ ...(await siteMemoryItem.getValue()), 'forum.example': old.id });
    const m1: StoredMessage = {
      id: 'm1',
      mailboxId: old.id,
      from: { address: 'a@site.example' },
      subject: 'Hi',
      receivedAt: T0,
      fetchedAt: T0,
      seen: false,
      hasBody: true,
      text: 'Hello there',
      attachments: [],
    };
    await writeBodies([toBody(m1)]);
    await commitInbox(old.id, [toSummary(m1)]);

    const next = await renameMailbox(old.id, { username: 'new', domain: 'g.test' });

    expect(next.address).toBe('new@g.test');
    expect((await mailboxesItem.getValue()).map((m) => m.id)).toEqual([next.id]);
    expect(await siteMemoryItem.getValue()).toEqual({ 'shop.example': next.id, 'forum.example': next.id });
    expect((await readInbox(next.id)).map((m) => [m.id, m.mailboxId])).toEqual([['m1', next.id]]);
    expect((await readBody(next.id, 'm1'))?.text).toBe('Hello there');
    // The old mailbox's mail is gone with it.
    expect(await readInbox(old.id)).toEqual([]);
    expect(await readBody(old.id, 'm1')).toBeUndefined();
  });
});
