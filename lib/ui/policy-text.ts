/**
 * The privacy page shows PRIVACY.md as shipped in the package, so the policy a person reads offline is the
 * file the repository and the store listing link to. Only the little Markdown that file uses is understood:
 * `#`/`##` headings, paragraphs, `- ` list items (continued on indented lines), **bold** and `code`. The page
 * is built with DOM calls and text nodes only: no HTML string is parsed.
 */
export type Inline = { kind: 'text' | 'strong' | 'code'; text: string };
export type Block = { kind: 'h1' | 'h2' | 'p'; parts: Inline[] } | { kind: 'ul'; items: Inline[][] };

/** Splits one line of prose into plain, **bold** and `code` runs. */
export function inlineParts(text: string): Inline[] {
  const parts: Inline[] = [];
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) parts.push({ kind: 'strong', text: match[1] });
    else parts.push({ kind: 'code', text: match[2] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Han, kana and the CJK punctuation blocks: scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Joins the wrapped lines of one paragraph or list item: with a space, except between two characters of a
 * script written without spaces (a Japanese or Chinese line wrapped mid-sentence).
 */
export function joinLines(lines: string[]): string {
  let text = '';
  for (const line of lines.map((l) => l.trim()).filter((l) => l !== '')) {
    const unspaced = UNSPACED.test(text.at(-1) ?? '') && UNSPACED.test(line[0] ?? '');
    text += text === '' || unspaced ? line : ` ${line}`;
  }
  return text;
}

export function policyBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    const first = lines[0];
    if (first === undefined) continue;
    if (first.startsWith('## ')) blocks.push({ kind: 'h2', parts: inlineParts(first.slice(3).trim()) });
    else if (first.startsWith('# ')) blocks.push({ kind: 'h1', parts: inlineParts(first.slice(2).trim()) });
    else if (first.startsWith('- ')) {
      const items: string[][] = [];
      for (const line of lines) {
        if (line.startsWith('- ')) items.push([line.slice(2)]);
        else items.at(-1)?.push(line);
      }
      blocks.push({ kind: 'ul', items: items.map((item) => inlineParts(joinLines(item))) });
    } else blocks.push({ kind: 'p', parts: inlineParts(joinLines(lines)) });
  }
  return blocks;
}

function appendInline(doc: Document, parent: Element, parts: Inline[]): void {
  for (const part of parts) {
    if (part.kind === 'text') parent.append(doc.createTextNode(part.text));
    else {
      const el = doc.createElement(part.kind);
      el.textContent = part.text;
      parent.append(el);
    }
  }
}

/** Renders the policy into `container` and returns its first heading's text (the page title). */
export function renderPolicy(doc: Document, container: Element, markdown: string): string {
  let title = '';
  for (const block of policyBlocks(markdown)) {
    if (block.kind === 'ul') {
      const list = doc.createElement('ul');
      for (const item of block.items) {
        const li = doc.createElement('li');
        appendInline(doc, li, item);
        list.append(li);
      }
      container.append(list);
      continue;
    }
    const el = doc.createElement(block.kind);
    appendInline(doc, el, block.parts);
    container.append(el);
    if (block.kind === 'h1' && !title) title = el.textContent ?? '';
  }
  return title;
}
