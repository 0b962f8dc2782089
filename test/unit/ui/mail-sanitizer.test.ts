// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMail } from '../../../lib/ui/mail-sanitizer';

const BLOCKED = { allowRemote: false };
const ALLOWED = { allowRemote: true };

/** Parses sanitized output so assertions look at the DOM the frame would build, not at string details. */
function render(html: string, opts = BLOCKED) {
  const result = sanitizeMail(html, opts);
  const root = document.createElement('div');
  root.innerHTML = result.html;
  return { ...result, root };
}

/** Every attribute value and style text in the output, for "nothing of this survived" checks. */
function everything(root: Element): string {
  const parts = [root.innerHTML];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) parts.push(`${attr.name}=${attr.value}`);
  }
  return parts.join('\n');
}

describe('sanitizeMail: script', () => {
  it.each([
    ['script element', '<p>hi</p><script>alert(1)</script>'],
    [
      'event handler',
      '<img src="data:image/png;base64,AAAA" onerror="alert(1)"><div onclick="alert(1)">x</div>',
    ],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['javascript: with tab and entity', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>'],
    ['data:text/html link', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="2"/></svg>'],
    [
      'svg animate href',
      '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    ],
    ['svg set', '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>'],
    ['object/embed/applet', '<object data="x.swf"></object><embed src="x.swf"><applet code="x"></applet>'],
    ['iframe and frame', '<iframe src="https://evil.test/"></iframe><frameset><frame src="x"></frameset>'],
    ['css expression', '<div style="width: expression(alert(1))">x</div>'],
    ['css behavior', '<div style="behavior: url(x.htc); -moz-binding: url(x.xml#y)">x</div>'],
  ])('neutralises %s', (_name, html) => {
    const { root } = render(html);
    const out = everything(root).toLowerCase();
    expect(root.querySelector('script, iframe, frame, object, embed, applet, animate, set')).toBeNull();
    expect(out).not.toMatch(/\son[a-z]+=/);
    expect(out).not.toMatch(/javascript:|vbscript:|data:text|expression\(|behavior|binding/);
  });
});

describe('sanitizeMail: navigation and forms', () => {
  it('removes forms and their controls, formaction included', () => {
    const { root } = render(
      '<form action="https://evil.test/"><input name="q"><button formaction="https://evil.test/b">Go</button>' +
        '<select><option>a</option></select><textarea>t</textarea></form>',
    );
    expect(root.querySelector('form, input, button, select, textarea, option')).toBeNull();
    expect(everything(root)).not.toMatch(/action/);
  });

  it('removes base, meta (refresh included) and link of any rel', () => {
    const { root } = render(
      '<base href="https://evil.test/"><meta http-equiv="refresh" content="0;url=https://evil.test/">' +
        '<link rel="stylesheet" href="https://evil.test/a.css"><link rel="prefetch" href="https://evil.test/p">' +
        '<p>body</p>',
    );
    expect(root.querySelector('base, meta, link')).toBeNull();
    expect(root.textContent).toContain('body');
  });

  it('gives links target=_blank, rel=noopener noreferrer and a title with the destination', () => {
    const { root, links } = render(
      '<a href="https://example.com/a" target="_top" ping="https://t.test/">a</a>' +
        '<a href="mailto:someone@example.com" target="_parent">m</a>',
    );
    const [web, mail] = Array.from(root.querySelectorAll('a'));
    expect(links).toBe(2);
    expect(web?.getAttribute('href')).toBe('https://example.com/a');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(web?.getAttribute('title')).toBe('https://example.com/a');
    expect(web?.hasAttribute('ping')).toBe(false);
    expect(mail?.getAttribute('href')).toBe('mailto:someone@example.com');
    expect(mail?.getAttribute('target')).toBe('_blank');
    expect(mail?.getAttribute('title')).toBe('someone@example.com');
  });

  it('takes the href from links with other schemes or relative targets, and target from everything else', () => {
    const { root, links } = render(
      '<a href="/relative">r</a><a href="#top">f</a><a href="cid:part1">c</a><a href="ftp://x.test/">f</a>' +
        '<div target="_top">d</div>',
    );
    expect(links).toBe(0);
    expect(root.querySelector('[href]')).toBeNull();
    expect(root.querySelector('[target]')).toBeNull();
  });

  it('keeps every link exactly as written, redirect parameters and tokens included', () => {
    const written = [
      'https://accounts.example.com/verify?token=SECRET&redirect=https://example.com/welcome',
      'https://www.google.com/url?q=https://example.com/verify%3Ftoken%3D1&sa=D',
      'https://l.facebook.test/l.php?u=https%3A%2F%2Fexample.net%2F',
    ];
    const { root, destinations } = render(written.map((href) => `<a href="${href}">x</a>`).join(''));
    const hrefs = Array.from(root.querySelectorAll('a'), (a) => a.getAttribute('href'));
    expect(hrefs).toEqual(written);
    expect(root.querySelector('a')?.getAttribute('title')).toBe(written[0]);
    const lines = document.createElement('div');
    lines.innerHTML = destinations;
    const first = lines.querySelector(`#${root.querySelector('a')!.getAttribute('interestfor')}`);
    expect(first?.getAttribute('popover')).toBe('hint');
    expect(first?.textContent).toContain(written[0]);
    expect(first?.textContent).toContain('https://example.com/welcome');
  });

  it('gives every link its own destination line and removes titles that would hide its address', () => {
    const { root, destinations } = render(
      '<a href="https://evil.test/" popover interestfor="x"><span title="https://www.paypal.com/">Pay</span></a>' +
        '<svg><a href="https://evil.test/svg"><title>https://www.paypal.com/</title><text>t</text></a></svg>' +
        '<a href="https://www.paypal.com@evil.test/">u</a><div popover id="x">fake</div>',
    );
    expect(root.querySelector('span')?.hasAttribute('title')).toBe(false);
    expect(root.querySelector('[popover]')).toBeNull();
    expect(root.querySelector('svg title')?.textContent).toBe('https://evil.test/svg');
    const ids = Array.from(root.querySelectorAll('a'), (a) => a.getAttribute('interestfor'));
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => id?.startsWith('mayfly-') && id !== 'x')).toBe(true);
    const lines = document.createElement('div');
    lines.innerHTML = destinations;
    expect(lines.querySelectorAll('[popover="hint"]').length).toBe(3);
    expect(lines.querySelector(`#${ids[2]}`)?.textContent).toMatch(/not the site.*evil\.test/);
  });
});

describe('sanitizeMail: remote content', () => {
  const remoteMail =
    '<img src="https://cdn.test/logo.png" alt="logo"><img src="//cdn.test/b.png">' +
    '<table background="http://cdn.test/bg.png"><tr><td>t</td></tr></table>' +
    '<div style="background-image: url(https://cdn.test/c.png); color: red">styled</div>';

  it('blocks remote images and CSS backgrounds by default and counts them', () => {
    const { root, blockedRemote } = render(remoteMail, BLOCKED);
    expect(everything(root)).not.toMatch(/cdn\.test/);
    expect(blockedRemote).toBe(4);
    expect(root.querySelector('img')?.getAttribute('alt')).toBe('logo');
    expect(root.querySelector('div[style]')?.getAttribute('style')).toMatch(/color: red/);
  });

  it('allows http(s) images and CSS backgrounds when the person asked', () => {
    const { root, blockedRemote } = render(remoteMail, ALLOWED);
    const sources = Array.from(root.querySelectorAll('img'), (img) => img.getAttribute('src'));
    expect(sources).toEqual(['https://cdn.test/logo.png', 'https://cdn.test/b.png']);
    expect(root.querySelector('table')?.getAttribute('background')).toBe('http://cdn.test/bg.png');
    expect(root.querySelector('div[style]')?.getAttribute('style')).toMatch(
      /url\("?https:\/\/cdn\.test\/c\.png/,
    );
    expect(blockedRemote).toBe(0);
  });

  it('drops relative image URLs (they would resolve to the extension) in both modes', () => {
    for (const opts of [BLOCKED, ALLOWED]) {
      const { root } = render('<img src="images/logo.png"><img src="/x.png">', opts);
      expect(root.querySelector('img[src]')).toBeNull();
    }
  });

  it.each([
    ['srcset', '<img src="data:image/png;base64,AAAA" srcset="https://cdn.test/a.png 2x">'],
    [
      'poster/dynsrc/lowsrc',
      '<img dynsrc="https://cdn.test/a" lowsrc="https://cdn.test/b"><video poster="https://cdn.test/p.png"></video>',
    ],
    [
      'svg use',
      '<svg><use href="https://cdn.test/s.svg#a"></use><use xlink:href="https://cdn.test/t.svg#b"></use></svg>',
    ],
    [
      'svg presentation attributes',
      '<svg><rect fill="url(https://cdn.test/f#p)" mask="url(\'//cdn.test/m#x\')"/></svg>',
    ],
    [
      'css escapes in svg presentation attributes',
      '<svg><rect fill="u\\72l(https://cdn.test/f#p)" filter="\\75 rl(//cdn.test/x#f)"' +
        ' stroke="\\u\\r\\l(https://cdn.test/s#s)" clip-path="u\\000072l(https://cdn.test/c#c)"' +
        ' marker-start="ur\\6c (https://cdn.test/m#m)" mask="URL(https://cdn.test/k#k)"/></svg>',
    ],
    ['svg feImage', '<svg><filter><feImage href="https://cdn.test/f.png"/></filter></svg>'],
    ['@import', '<style>@import url(https://cdn.test/a.css); p { color: blue }</style>'],
    ['@font-face', '<style>@font-face { font-family: x; src: url(https://cdn.test/f.woff) }</style>'],
    ['image-set', '<div style="background-image: image-set(\'https://cdn.test/a.png\' 1x)">x</div>'],
    ['css escapes', '<style>p { background: u\\72 l(https://cdn.test/esc.png) }</style>'],
    ['cursor url', '<div style="cursor: url(https://cdn.test/c.cur), auto">x</div>'],
    ['custom property', '<div style="--bg: url(https://cdn.test/v.png); background: var(--bg)">x</div>'],
    ['audio/source', '<audio src="https://cdn.test/a.mp3"><source src="https://cdn.test/b.mp3"></audio>'],
  ])('never loads %s, even with remote content allowed', (_name, html) => {
    for (const opts of [BLOCKED, ALLOWED]) {
      const { root } = render(html, opts);
      expect(everything(root)).not.toMatch(/cdn\.test/);
    }
  });

  it('keeps local references in svg presentation attributes', () => {
    const { root } = render('<svg><rect fill="url(#grad)" stroke="red" mask="url(\'#m\')"/></svg>');
    const rect = root.querySelector('rect');
    expect(rect?.getAttribute('fill')).toBe('url(#grad)');
    expect(rect?.getAttribute('stroke')).toBe('red');
    expect(rect?.getAttribute('mask')).toBe("url('#m')");
  });

  it('keeps style rules that make no request, inside @media too', () => {
    const { root } = render(
      '<html><head><style>p { color: blue; background: url(https://cdn.test/x.png) } ' +
        '@media (max-width: 600px) { .col { width: 100% } }</style></head><body><p class="col">x</p></body></html>',
    );
    const css = root.querySelector('style')?.textContent ?? '';
    expect(css).toMatch(/p \{[^}]*color: blue/);
    expect(css).toMatch(/@media[^{]*max-width: 600px/);
    expect(css).not.toMatch(/cdn\.test/);
  });

  it('cannot be broken out of <style> by a string holding </style>', () => {
    // The CSS escapes are decoded by the CSS parser and would come back as a literal `</style>` on output.
    const { root } = render(
      '<style>p::after { content: "\\3c /style>\\3c img src=x onerror=alert(1)>" }</style><p>x</p>',
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('style')?.textContent).not.toContain('<');
    expect(root.querySelectorAll('style')).toHaveLength(1);
  });

  it('drops tracking pixels even when remote content is allowed, and counts them', () => {
    const pixels =
      '<img src="https://t.test/open.gif" width="1" height="1">' +
      '<img src="https://t.test/o2.gif" style="display:none">' +
      '<img src="https://t.test/o3.gif" style="width:1px;height:1px">' +
      '<img src="https://cdn.test/hero.png" width="600" height="200">';
    for (const opts of [BLOCKED, ALLOWED]) {
      const { root, trackingPixels } = render(pixels, opts);
      expect(trackingPixels).toBe(3);
      expect(everything(root)).not.toMatch(/t\.test/);
    }
    expect(render(pixels, ALLOWED).root.querySelector('img')?.getAttribute('src')).toBe(
      'https://cdn.test/hero.png',
    );
  });
});

describe('sanitizeMail: fidelity', () => {
  it('keeps SVG references to elements of the mail itself', () => {
    const { root } = render(
      '<svg><defs><filter id="f1"></filter></defs><rect filter="url(#f1)" fill="red"/></svg>',
    );
    expect(root.querySelector('rect')?.getAttribute('filter')).toBe('url(#f1)');
  });

  it('keeps formatting, tables, ARIA and data: raster images', () => {
    const { root } = render(
      '<h1>Welcome</h1><p><b>bold</b> <i>it</i> <u>u</u> <span style="color:#c00;font-weight:bold">red</span></p>' +
        '<table role="presentation" width="600" cellpadding="4"><tr><td align="center" bgcolor="#eeeeee">cell</td></tr></table>' +
        '<div aria-label="greeting" role="note">hi</div>' +
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">',
    );
    expect(root.querySelector('h1')?.textContent).toBe('Welcome');
    expect(root.querySelector('b')?.textContent).toBe('bold');
    expect(root.querySelector('span')?.getAttribute('style')).toMatch(/color/);
    expect(root.querySelector('td')?.getAttribute('bgcolor')).toBe('#eeeeee');
    expect(root.querySelector('table')?.getAttribute('role')).toBe('presentation');
    expect(root.querySelector('[aria-label="greeting"]')?.getAttribute('role')).toBe('note');
    expect(root.querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('keeps the text of elements marked as customised built-ins', () => {
    expect(render('<b is="foo">bar</b>').root.querySelector('b')?.textContent).toBe('bar');
    expect(
      render('<i is="x" onload.="alert(1)" class="k">t</i>').root.querySelector('i.k')?.textContent,
    ).toBe('t');
  });

  it('refuses data: URLs that are not raster images', () => {
    const { root } = render(
      '<img src="data:image/svg+xml,<svg onload=alert(1)>"><img src="data:text/html,x">',
    );
    expect(root.querySelector('img[src]')).toBeNull();
  });

  it('keeps head styles and body colours of a whole-document mail', () => {
    const { root } = render(
      '<html><head><style>.x { color: green }</style></head><body bgcolor="#123456"><p class="x">t</p></body></html>',
    );
    expect(root.querySelector('style')?.textContent).toMatch(/\.x \{ color: green/);
    expect(root.firstElementChild?.getAttribute('style')).toMatch(/background-color/);
    expect(root.querySelector('p.x')?.textContent).toBe('t');
  });
});
