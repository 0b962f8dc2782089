import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, MAX_HTML_CHARS } from '../../../lib/core/html-text';

describe('decodeEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;b&gt;', '<b>'],
    ['&#1633;&#x0662;', '١٢'],
    ['caf&eacute; &nbsp;x', 'café  x'],
    ['&unknown; stays', '&unknown; stays'],
  ])('%s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('drops head, script and style content and puts blocks on their own lines', () => {
    const { text } = htmlToText(
      '<html><head><title>123456</title><style>p{color:#999999}</style></head><body>' +
        '<script>var x = "654321";</script><p>Hello <b>world</b></p><div>Second&nbsp;line</div></body></html>',
    );
    expect(text).toBe('Hello world\nSecond line');
  });

  it('keeps each link with its anchor text (and image alt text) and its offset in the text', () => {
    const { text, links } = htmlToText(
      '<p>Click <a href="https://x.example/verify?a=1&amp;b=2">Confirm <i>email</i></a> now.</p>' +
        '<a href=\'https://x.example/logo\'><img src="l.png" alt="Acme logo"></a>',
    );
    expect(links).toEqual([
      { href: 'https://x.example/verify?a=1&b=2', text: 'Confirm email', start: text.indexOf('Confirm') },
      { href: 'https://x.example/logo', text: 'Acme logo', start: text.length },
    ]);
  });

  it('strips invisible preheader padding', () => {
    expect(htmlToText('<p>Code&zwnj;&#8203; is&#xFEFF; here</p>').text).toBe('Code is here');
  });

  it('undoes quoted-printable soft breaks when a body is still encoded', () => {
    const { text } = htmlToText(
      '<p style=3D"x">Your code is 12=\n34=\n56 =E2=80=93 thanks=\n and=\n bye=\n</p>',
    );
    expect(text).toBe('Your code is 123456 – thanks and bye');
  });

  it('ignores input beyond the size cap', () => {
    const { text } = htmlToText(`<p>start</p>${'x'.repeat(MAX_HTML_CHARS)}<p>tail-marker</p>`);
    expect(text.startsWith('start')).toBe(true);
    expect(text).not.toContain('tail-marker');
  });
});

describe('htmlToText: preformatted text', () => {
  it('keeps the line breaks inside <pre> and collapses them elsewhere', () => {
    expect(htmlToText('<p>a\nb</p><pre>line one\n\nline  two</pre><p>c\nd</p>').text).toBe(
      'a b\nline one\nline two\nc d',
    );
  });
});
