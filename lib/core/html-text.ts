/**
 * HTML mail → plain text, without a DOM.
 *
 * Runs in the MV3 service worker, where there is no DOMParser, so this is a small forgiving tag scanner.
 * It is meant for reading mail text (finding codes and links), not for rendering: the output keeps the
 * words, puts block elements on their own lines, and returns every link with its anchor text.
 */

/** A link found in the mail: its target and the words the reader clicks on. */
export interface TextLink {
  href: string;
  /** Visible anchor text (image alt text included), whitespace collapsed. */
  text: string;
  /** Offset of the anchor in `HtmlText.text`, so callers can read the words around it. */
  start: number;
}

/** The readable text of an HTML mail and its links. */
export interface HtmlText {
  text: string;
  links: TextLink[];
}

/** Mails larger than this are cut before parsing: codes and links sit near the top, and work must stay bounded. */
export const MAX_HTML_CHARS = 200_000;

/** Elements whose content is never read: code, styles, metadata and non-visible templates. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'xml']);

/** Elements that start a new line in the text. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  zwnj: '', zwj: '', lrm: '', rlm: '', shy: '', ndash: '–', mdash: '—', hellip: '…', bull: '•',
  middot: '·', copy: '©', reg: '®', trade: '™', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', euro: '€', pound: '£', yen: '¥', cent: '¢', times: '×', deg: '°',
  aring: 'å', Aring: 'Å', oslash: 'ø', Oslash: 'Ø', aelig: 'æ', AElig: 'Æ', eacute: 'é', uuml: 'ü',
  ouml: 'ö', auml: 'ä', szlig: 'ß', larr: '←', rarr: '→',
}; // prettier-ignore

/** Characters that take no space on screen; mail templates pad preheaders with them. */
const INVISIBLE_CHARS = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|\u034f/g;

// One token: a comment, a doctype/CDATA/processing instruction, or a tag with quoted attribute values.
const TOKEN_PATTERN =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/** Decodes HTML character references (named ones from a short list, and all numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/**
 * Undoes quoted-printable soft line breaks and `=XX` escapes when a body was handed over still encoded
 * (some forwarders wrap a text part as-is). Only applied when the body clearly looks encoded.
 */
function undoQuotedPrintable(s: string): string {
  const looksEncoded = /=3D["']?/i.test(s) || (s.match(/=\r?\n/g)?.length ?? 0) > 3;
  if (!looksEncoded) return s;
  const joined = s.replace(/=\r?\n/g, '');
  // Decode runs of =XX bytes as UTF-8, so multi-byte characters survive.
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return run;
    }
  });
}

function readAttribute(attributes: string, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const match = pattern.exec(attributes);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/**
 * Builds tidy text as it goes (one space between words, one line break between blocks), so that offsets
 * taken while writing stay valid in the result.
 */
class TextWriter {
  /** Written pieces; joined once at the end (appending to one big string would re-flatten it on every read). */
  private readonly parts: string[] = [];
  length = 0;

  private lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i];
      if (part) return part.slice(-1);
    }
    return '';
  }

  /** Appends inline text; any run of whitespace in HTML source is one space. */
  write(chunk: string): void {
    let words = chunk.replace(INVISIBLE_CHARS, '').replace(/\s+/g, ' ');
    const last = this.lastChar();
    if (words.startsWith(' ') && (last === '' || last === ' ' || last === '\n')) words = words.slice(1);
    if (!words) return;
    this.parts.push(words);
    this.length += words.length;
  }

  lineBreak(): void {
    const index = this.parts.findLastIndex((part) => part !== '');
    const last = this.parts[index];
    if (last?.endsWith(' ')) {
      // Emptied rather than removed, so part indexes held by open links stay valid.
      this.parts[index] = last.slice(0, -1);
      this.length -= 1;
    }
    const lastChar = this.lastChar();
    if (lastChar !== '' && lastChar !== '\n') {
      this.parts.push('\n');
      this.length += 1;
    }
  }

  /** A position to read back from with `textSince`. */
  mark(): { offset: number; part: number } {
    return { offset: this.length, part: this.parts.length };
  }

  textSince(mark: { part: number }): string {
    return this.parts.slice(mark.part).join('');
  }

  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Converts an HTML mail body to readable text plus its links. Script, style and head content is dropped,
 * entities are decoded, block elements become line breaks, and input beyond MAX_HTML_CHARS is ignored.
 */
export function htmlToText(html: string): HtmlText {
  const source = undoQuotedPrintable(html.slice(0, MAX_HTML_CHARS));
  const lowerSource = source.toLowerCase();
  const out = new TextWriter();
  const links: TextLink[] = [];
  let openLink: { href: string; mark: ReturnType<TextWriter['mark']>; alt: string[] } | null = null;

  const closeLink = () => {
    if (!openLink) return;
    const anchor = [out.textSince(openLink.mark), ...openLink.alt].join(' ');
    links.push({
      href: openLink.href,
      text: anchor.replace(/\s+/g, ' ').trim(),
      start: openLink.mark.offset,
    });
    openLink = null;
  };

  /** Inside <pre>, source line breaks are real ones (plain-text mails wrapped as HTML). */
  let preDepth = 0;
  const writeText = (raw: string) => {
    const decoded = decodeEntities(raw);
    if (preDepth === 0) return out.write(decoded);
    decoded.split(/\r?\n/).forEach((line, index) => {
      if (index > 0) out.lineBreak();
      out.write(line);
    });
  };

  let cursor = 0;
  const tokens = new RegExp(TOKEN_PATTERN.source, 'g');
  for (let token = tokens.exec(source); token; token = tokens.exec(source)) {
    writeText(source.slice(cursor, token.index));
    cursor = token.index + token[0].length;
    const tagName = token[2]?.toLowerCase();
    if (!tagName) continue;
    const isClosing = token[1] === '/';
    const attributes = token[3] ?? '';

    if (!isClosing && SKIPPED_ELEMENTS.has(tagName) && !attributes.trimEnd().endsWith('/')) {
      const end = lowerSource.indexOf(`</${tagName}`, cursor);
      const resume = end < 0 ? -1 : source.indexOf('>', end);
      cursor = resume < 0 ? source.length : resume + 1;
      tokens.lastIndex = cursor;
      continue;
    }
    if (tagName === 'a') {
      closeLink();
      const href = isClosing ? undefined : readAttribute(attributes, 'href');
      if (href !== undefined) openLink = { href, mark: out.mark(), alt: [] };
    } else if (tagName === 'img' && openLink) {
      const alt = readAttribute(attributes, 'alt');
      if (alt) openLink.alt.push(alt);
    }
    if (tagName === 'pre') preDepth = Math.max(0, preDepth + (isClosing ? -1 : 1));
    if (BLOCK_ELEMENTS.has(tagName)) out.lineBreak();
  }
  writeText(source.slice(cursor));
  closeLink();
  const text = out.toString().trimEnd();
  return { text, links: links.map((link) => ({ ...link, start: Math.min(link.start, text.length) })) };
}
