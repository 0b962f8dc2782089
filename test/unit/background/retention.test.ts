import { beforeEach, describe, expect, it } from 'vitest';
import { forgetExpiredMail } from '../../../lib/background/retention';
import { mailboxesPastRetention } from '../../../lib/core/expiry';
import { toBody, toSummary } from '../../../lib/core/mail-merge';
import type { Mailbox, StoredMessage } from '../../../lib/core/types';
import { DEFAULT_SETTINGS, mailboxesItem, settingsItem } from '../../../lib/storage/items';
import {
  commitInbox,
  mailCountsItem,
  readBody,
  readInbox,
  writeBodies,
} from '../../../lib/storage/mail-store';
import { resetBackgroundWorld } from './setup';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

const box = (id: string, extra: Partial<Mailbox>): Mailbox => ({
  id,
  provider: 'tempmail-lol',
  address: `${id}@lol.test`,
  domain: 'lol.test',
  createdAt: NOW - 100 * DAY,
  expiresAt: null,
  expired: false,
  ...extra,
});

describe('retention: forget expired mailboxes after N days', () => {
  beforeEach(resetBackgroundWorld);

  it('counts from the announced expiry, else from when Mayfly found the mailbox gone; 0 never forgets', () => {
    const list = [
      box('a', { expiresAt: NOW - 8 * DAY }),
      box('b', { expired: true, expiredAt: NOW - 31 * DAY }),
      box('c', { expired: true, expiredAt: NOW - 1 * DAY }),
      box('live', { expiresAt: NOW + DAY }),
    ];
    expect(mailboxesPastRetention(list, 7, NOW).map((m) => m.id)).toEqual(['a', 'b']);
    expect(mailboxesPastRetention(list, 30, NOW).map((m) => m.id)).toEqual(['b']);
    expect(mailboxesPastRetention(list, 0, NOW)).toEqual([]);
  });

  it('forgets those mailboxes with their summaries, bodies and counts, and keeps the rest', async () => {
    const old = box('old', { expired: true, expiredAt: NOW - 10 * DAY });
    const keep = box('keep', { expiresAt: NOW + DAY });
    await mailboxesItem.setValue([old, keep]);
    for (const mb of [old, keep]) {
      const m: StoredMessage = {
        id: 'm1',
        mailboxId: mb.id,
        from: {},
        subject: 's',
        receivedAt: NOW,
        fetchedAt: NOW,
        seen: false,
        hasBody: true,
        text: 'hello',
        attachments: [],
      };
      await writeBodies([toBody(m)]);
      await commitInbox(mb.id, [toSummary(m)]);
    }
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, forgetExpiredAfterDays: 0 });
    expect(await forgetExpiredMail(NOW)).toEqual([]);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, forgetExpiredAfterDays: 7 });
    expect(await forgetExpiredMail(NOW)).toEqual(['old']);
    expect((await mailboxesItem.getValue()).map((m) => m.id)).toEqual(['keep']);
    expect(await readInbox('old')).toEqual([]);
    expect(await readBody('old', 'm1')).toBeUndefined();
    expect(Object.keys(await mailCountsItem.getValue())).toEqual(['keep']);
    expect(await readBody('keep', 'm1')).toBeDefined();
  });
});
