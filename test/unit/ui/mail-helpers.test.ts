// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../lib/core/types';
import { buildMailDocument, mailFramePolicy } from '../../../lib/ui/mail-document';
import { loadReaderMessage, readerTarget, readerUrl, type ReaderSources } from '../../../lib/ui/mail-reader';
import { splitLinks } from '../../../lib/ui/mail-text';
import { describeDestination, hostToUnicode } from '../../../lib/ui/link-destination';
import { classifyUrl } from '../../../lib/ui/mail-url';

describe('classifyUrl', () => {
  it.each([
    ['https://a.test/x', 'remote'],
    ['//a.test/x', 'remote'],
    ['\\\\a.test/x', 'remote'],
    ['  HTTP://a.test', 'remote'],
    ['data:image/png;base64,AA', 'data-image'],
    ['data:image/svg+xml,<svg/>', 'other'],
    ['data:text/html,x', 'other'],
    ['java\tscript:alert(1)', 'other'],
    ['\u0001javascript:alert(1)', 'other'],
    ['mailto:a@b.test', 'mailto'],
    ['#top', 'fragment'],
    ['images/a.png', 'relative'],
    ['cid:part1', 'other'],
  ])('%s is %s', (url, kind) => {
    expect(classifyUrl(url)).toBe(kind);
  });
});

describe('describeDestination', () => {
  it('keeps the address as written and names a redirect target as information only', () => {
    const verify = 'https://accounts.example.com/verify?token=SECRET&redirect=https://example.com/welcome';
    expect(describeDestination(verify)).toEqual({
      href: verify,
      saysItLeadsTo: 'https://example.com/welcome',
      hiddenUserinfo: null,
      internationalHost: null,
    });
    expect(describeDestination('https://shop.test/?q=shoes')?.saysItLeadsTo).toBeNull();
    expect(describeDestination('https://r.test/?url=javascript:alert(1)')?.saysItLeadsTo).toBeNull();
  });

  it('flags userinfo before the host and shows an international host in both forms', () => {
    expect(describeDestination('https://www.paypal.com@evil.test/')?.hiddenUserinfo).toEqual({
      host: 'evil.test',
    });
    expect(describeDestination('https://пример.рф/')?.internationalHost).toEqual({
      ascii: 'xn--e1afmkfd.xn--p1ai',
      unicode: 'пример.рф',
    });
    expect(describeDestination('https://xn--pypal-4ve.com/')?.internationalHost?.unicode).toBe('pаypal.com');
  });

  it('decodes punycode labels and keeps labels that are not valid punycode', () => {
    expect(hostToUnicode('xn--bcher-kva.example')).toBe('bücher.example');
    expect(hostToUnicode('xn--mnchen-3ya.de')).toBe('münchen.de');
    expect(hostToUnicode('xn--!!.test')).toBe('xn--!!.test');
  });
});

describe('splitLinks', () => {
  it('turns web addresses into links without the sentence punctuation around them', () => {
    expect(splitLinks('Open https://a.test/x?y=1. Or (https://b.test/p) now')).toEqual([
      { kind: 'text', text: 'Open ' },
      { kind: 'link', text: 'https://a.test/x?y=1', href: 'https://a.test/x?y=1' },
      { kind: 'text', text: '. Or (' },
      { kind: 'link', text: 'https://b.test/p', href: 'https://b.test/p' },
      { kind: 'text', text: ') now' },
    ]);
  });

  it('keeps a link in plain text exactly as written, its redirect parameter included', () => {
    const link = 'https://accounts.example.com/verify?token=SECRET&redirect=https://example.com/welcome';
    expect(splitLinks(`Confirm: ${link}`)).toEqual([
      { kind: 'text', text: 'Confirm: ' },
      { kind: 'link', text: link, href: link },
    ]);
  });

  it('leaves markup in plain text as text', () => {
    expect(splitLinks('<b>hi</b> javascript:alert(1)')).toEqual([
      { kind: 'text', text: '<b>hi</b> javascript:alert(1)' },
    ]);
  });
});

describe('buildMailDocument', () => {
  it('starts with a strict CSP that opens images only when remote content is allowed', () => {
    expect(mailFramePolicy(false)).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'",
    );
    expect(mailFramePolicy(true)).toContain('img-src data: https: http:');
    const doc = new DOMParser().parseFromString(buildMailDocument('<p>x</p>', false), 'text/html');
    const first = doc.head.firstElementChild?.nextElementSibling;
    expect(first?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(doc.querySelector('.mayfly-mail')?.getAttribute('dir')).toBe('auto');
  });
});

describe('readerUrl', () => {
  it('names a message that readerTarget reads back, whatever characters its ids hold', () => {
    const url = readerUrl('tempmail-lol:a+b@x.test', 'id&message=other#1');
    expect(url.startsWith('reader.html?')).toBe(true);
    expect(readerTarget(url.slice(url.indexOf('?')))).toEqual({
      mailboxId: 'tempmail-lol:a+b@x.test',
      messageId: 'id&message=other#1',
    });
  });
});

describe('loadReaderMessage', () => {
  const stored: StoredMessage = {
    id: 'm1',
    mailboxId: 'box',
    from: { address: 'a@b.test' },
    subject: 's',
    receivedAt: 1,
    fetchedAt: 1,
    seen: false,
    hasBody: false,
    attachments: [],
  };
  const sources = (fetchMessage: ReaderSources['fetchMessage']): ReaderSources => ({
    readMessage: ({ mailboxId, messageId }) =>
      Promise.resolve(mailboxId === 'box' && messageId === 'm1' ? stored : undefined),
    fetchMessage,
  });

  it('asks the background for a body that is not stored', async () => {
    const full = { ...stored, hasBody: true, html: '<p>x</p>' };
    const state = await loadReaderMessage(
      '?mailbox=box&message=m1',
      sources(() => Promise.resolve(full)),
    );
    expect(state).toEqual({ status: 'ready', message: full });
  });

  it('keeps the header and says the body is unavailable when the background fails', async () => {
    const state = await loadReaderMessage(
      '?mailbox=box&message=m1',
      sources(() =>
        Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      ),
    );
    expect(state).toEqual({ status: 'body-unavailable', message: stored });
  });

  it('shows the summary while fetching, and gives up on a background that never answers', async () => {
    const progress: string[] = [];
    const state = await loadReaderMessage(
      '?mailbox=box&message=m1',
      sources(() => new Promise(() => {})),
      (p) => progress.push(p.status),
      50,
    );
    expect(progress).toEqual(['fetching-body']);
    expect(state).toEqual({ status: 'body-unavailable', message: stored });
  });

  it('reports a message the provider no longer knows as not found', async () => {
    const gone = { name: 'AppError', kind: 'not-found', message: 'gone', details: {} };
    const state = await loadReaderMessage(
      '?mailbox=box&message=m1',
      sources(() => Promise.reject(gone)),
    );
    expect(state).toEqual({ status: 'not-found' });
  });

  it('handles missing ids and unknown messages', async () => {
    const never = () => Promise.reject(new Error('not called'));
    expect(await loadReaderMessage('?mailbox=box', sources(never))).toEqual({ status: 'missing-message' });
    expect(await loadReaderMessage('?mailbox=box&message=zz', sources(never))).toEqual({
      status: 'not-found',
    });
  });
});
