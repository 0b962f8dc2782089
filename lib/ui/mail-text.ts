import { absoluteRemoteUrl } from './mail-url';

/** A run of a plain-text mail body: text as it is, or a web address turned into a link. */
export type TextRun = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address (`see https://x.example/a.`). */
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/**
 * Splits a plain-text body into text and http(s) links, for rendering as text nodes and anchors (never as
 * HTML). Links open exactly the address written, like links in HTML mail.
 */
export function splitLinks(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = trimAddress(match[0]);
    const href = absoluteRemoteUrl(address);
    if (href === null) continue;
    const start = match.index;
    if (start > last) runs.push({ kind: 'text', text: text.slice(last, start) });
    runs.push({ kind: 'link', text: address, href });
    last = start + address.length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}

function trimAddress(address: string): string {
  let trimmed = address.replace(TRAILING_PUNCTUATION, '');
  // A closing bracket belongs to the address only when it opened one: `(see https://x.example/a)`.
  while (
    /[)\]]$/.test(trimmed) &&
    count(trimmed, ')') + count(trimmed, ']') > count(trimmed, '(') + count(trimmed, '[')
  ) {
    trimmed = trimmed.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return trimmed;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
