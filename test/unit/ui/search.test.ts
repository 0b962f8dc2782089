import { describe, expect, it } from 'vitest';
import type { Mailbox, MessageSummary } from '../../../lib/core/types';
import { groupForSite, sitesByMailbox } from '../../../lib/ui/mailbox-sites';
import { fold, indexMail, MAIL_HITS_SHOWN, queryTerms, searchAll } from '../../../lib/ui/search';

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
  const shop = box('x7@lol.test', { site: 'shop.example', label: 'Groceries' });
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
    const sites = sitesByMailbox([shop, other], { 'forum.example': shop.id, 'shop.example': shop.id });
    const r = searchAll(query, [shop, other], mail, sites);
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

  it('lists every site a mailbox was given to once: the one it was made for, then the remembered ones', () => {
    const memory = { 'a.example': 'p:one@x', 'b.example': 'p:one@x', 'c.example': 'p:gone@x' };
    expect(
      sitesByMailbox([box('one@x', { id: 'p:one@x', site: 'a.example' }), box('two@x')], memory),
    ).toEqual({
      'p:one@x': ['a.example', 'b.example'],
      'p:two@x': [],
    });
  });
});

describe('groupForSite', () => {
  const [a, b, c] = ['a@x', 'b@x', 'c@x'].map((address) => box(address));
  const sites = { [a!.id]: ['shop.example'], [b!.id]: [], [c!.id]: ['www.shop.example', 'forum.example'] };
  it.each([
    ['shop.example', ['a@x', 'c@x'], ['b@x']],
    ['WWW.Shop.Example', ['a@x', 'c@x'], ['b@x']],
    ['forum.example', ['c@x'], ['a@x', 'b@x']],
    ['elsewhere.example', [], ['a@x', 'b@x', 'c@x']],
    [null, [], ['a@x', 'b@x', 'c@x']],
  ] as const)('on %s: %j first, then %j, order kept', (site, first, rest) => {
    const g = groupForSite([a!, b!, c!], site, sites);
    expect(g.thisSite.map((m) => m.address)).toEqual(first);
    expect(g.others.map((m) => m.address)).toEqual(rest);
  });
});
