import { describe, expect, it } from 'vitest';
import type { Mailbox, MessageSummary } from '../../../lib/core/types';
import { fold, indexMail, MAIL_HITS_SHOWN, queryTerms, searchAll, sitesOf } from '../../../lib/ui/search';

const box = (address: string, extra: Partial<Mailbox> = {}): Mailbox => ({
  id: `p:${address}`,
  provider: 'tempmail-lol',
  address,
  domain: address.split('@')[1]!,
  createdAt: 0,
  expiresAt: null,
  expired: false,
  ...extra,
});

const summary = (id: string, mailboxId: string, extra: Partial<MessageSummary> = {}): MessageSummary => ({
  id,
  mailboxId,
  from: { address: 'someone@else.test' },
  subject: 'Hello',
  receivedAt: 1,
  fetchedAt: 1,
  seen: false,
  hasBody: true,
  attachmentCount: 0,
  size: 0,
  ...extra,
});

describe('fold and queryTerms', () => {
  it.each([
    ['Café', 'cafe'],
    ['ÅSE', 'ase'],
    ['ShOp.Example', 'shop.example'],
    ['كود', 'كود'],
    ['যাচাই', 'যাচাই'.normalize('NFKD').replace(/\p{M}+/gu, '')],
  ])('%s folds to %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('splits a query into folded words and ignores blank ones', () => {
    expect(queryTerms('  Shop   CODE ')).toEqual(['shop', 'code']);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('searchAll', () => {
  const shop = box('x7@lol.test', { site: 'shop.example', sites: ['forum.example'], label: 'Groceries' });
  const other = box('q2@lol.test');
  const mail = {
    [shop.id]: indexMail([
      summary('s1', shop.id, {
        from: { name: 'Shop', address: 'no-reply@shop.example' },
        subject: 'Verify',
        code: '482913',
        receivedAt: 10,
      }),
      summary('s2', shop.id, { subject: 'Your receipt', receivedAt: 30 }),
    ]),
    [other.id]: indexMail([summary('o1', other.id, { subject: 'Receipt for order 77', receivedAt: 20 })]),
  };

  it.each([
    ['an address', 'q2@', ['q2@lol.test'], []],
    ['a label', 'grocer', ['x7@lol.test'], []],
    ['the site it was made for', 'shop.example', ['x7@lol.test'], ['s1']],
    ['another site it was given to', 'forum', ['x7@lol.test'], []],
    ['a sender name', 'shop', ['x7@lol.test'], ['s1']],
    ['a subject, newest first over mailboxes', 'receipt', [], ['s2', 'o1']],
    ['a code', '4829', [], ['s1']],
    ['every word, in any field', 'verify 482913', [], ['s1']],
    ['nothing', 'zzz', [], []],
  ])('finds by %s', (_what, query, boxes, mails) => {
    const r = searchAll(query, [shop, other], mail);
    expect(r.mailboxes.map((m) => m.address)).toEqual(boxes);
    expect(r.mail.map((h) => h.message.id)).toEqual(mails);
  });

  it('shows at most MAIL_HITS_SHOWN mails and counts the rest', () => {
    const many = indexMail(
      Array.from({ length: MAIL_HITS_SHOWN + 7 }, (_, i) => summary(`m${i}`, other.id, { receivedAt: i })),
    );
    const r = searchAll('hello', [other], { [other.id]: many });
    expect(r.mail).toHaveLength(MAIL_HITS_SHOWN);
    expect(r.mail[0]?.message.id).toBe(`m${MAIL_HITS_SHOWN + 6}`);
    expect(r.moreMail).toBe(7);
  });

  it('lists every site once', () => {
    expect(sitesOf({ site: 'a.example', sites: ['b.example', 'a.example'] })).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(sitesOf({})).toEqual([]);
  });
});
