// @vitest-environment jsdom
import shipped from '../../../PRIVACY.md?raw';
import { describe, expect, it } from 'vitest';
import { inlineParts, joinLines, policyBlocks, renderPolicy } from '../../../lib/ui/policy-text';

describe('privacy page', () => {
  it('splits bold and code runs out of prose', () => {
    expect(inlineParts('see **Export** at `api.tempmail.lol` now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'strong', text: 'Export' },
      { kind: 'text', text: ' at ' },
      { kind: 'code', text: 'api.tempmail.lol' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('joins a list item continued on indented lines', () => {
    const blocks = policyBlocks('## Kept\n\n- one\n  two\n- three\n\nA para\ngoes on.');
    expect(blocks).toEqual([
      { kind: 'h2', parts: [{ kind: 'text', text: 'Kept' }] },
      {
        kind: 'ul',
        items: [[{ kind: 'text', text: 'one two' }], [{ kind: 'text', text: 'three' }]],
      },
      { kind: 'p', parts: [{ kind: 'text', text: 'A para goes on.' }] },
    ]);
  });

  it('joins wrapped Japanese and Chinese lines without a space, and other lines with one', () => {
    expect(joinLines(['メールは', 'ブラウザに残ります。'])).toBe('メールはブラウザに残ります。');
    expect(joinLines(['邮件保存在', '浏览器中，', '不会同步。'])).toBe('邮件保存在浏览器中，不会同步。');
    expect(joinLines(['使用 Mayfly', '时'])).toBe('使用 Mayfly 时');
    expect(joinLines(['Mail stays', '  until deleted.'])).toBe('Mail stays until deleted.');
    expect(policyBlocks('- 一つ目の\n  項目')).toEqual([
      { kind: 'ul', items: [[{ kind: 'text', text: '一つ目の項目' }]] },
    ]);
  });

  it('renders the shipped PRIVACY.md with its sections and no Markdown marks left', () => {
    const main = document.createElement('main');
    const title = renderPolicy(document, main, shipped);
    expect(title).toBe('Mayfly privacy policy');
    const sections = Array.from(main.querySelectorAll('h2'), (h) => h.textContent);
    expect(sections).toEqual([
      'What Mayfly keeps, and where',
      'What Mayfly sends, and to whom',
      'What Mayfly never does',
      'Questions',
    ]);
    expect(main.querySelectorAll('li').length).toBeGreaterThanOrEqual(10);
    expect(main.textContent).not.toMatch(/\*\*|`|^#/m);
    expect(main.querySelector('code')?.textContent).toBe('api.tempmail.lol');
  });

  it('treats HTML in the text as text', () => {
    const main = document.createElement('main');
    renderPolicy(document, main, 'A <img src=x onerror=alert(1)> and **<b>x</b>**');
    expect(main.querySelector('img')).toBeNull();
    expect(main.querySelector('b')).toBeNull();
    expect(main.querySelector('strong')?.textContent).toBe('<b>x</b>');
  });
});
