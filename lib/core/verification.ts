/**
 * Finds the verification code or the verification link in a mail.
 *
 * Pure and DOM-free so it runs in the MV3 service worker. The approach is label-driven: a number or
 * short token only counts as a code when a code label ("verification code", "engangskode", "رمز التحقق",
 * "যাচাইকরণ কোড", ...) sits right next to it, and nothing that marks a decoy (order, price, phone, ZIP,
 * coupon, tracking, ...) does. A link only counts when its words or its URL say verify/confirm/activate/
 * sign in, and nothing says unsubscribe/revoke/"not you"/upgrade/preferences. When in doubt it returns
 * nothing: a wrong code pasted into a form is worse than no code.
 *
 * Structure counts too: a code alone on its line (a styled box, one character per table cell) may sit a few
 * lines under its label, and a bare "code" label counts when its sentence says what for ("to sign in").
 * In an order, booking or meeting mail, labels that only say "your code", "passcode" or "confirmation code"
 * are ignored: there they name a reference, and a meeting passcode or dial-in PIN admits anyone holding the
 * invitation rather than verifying the reader, so it is deliberately never returned. Letter-prefixed codes
 * ("G-123456") come back as their digits, which is what the form expects.
 */
import { htmlToText, MAX_HTML_CHARS, type TextLink } from './html-text';
import {
  CODE_PURPOSE,
  CONFIRMATION_LABEL,
  CURRENCY_AFTER,
  CURRENCY_BEFORE,
  DECOY_WORDS_PREFIX,
  DECOY_WORDS_WHOLE,
  END,
  GENERIC_ANCHOR,
  GENERIC_LABEL,
  HANDOVER_VERBS_AFTER,
  HANDOVER_VERBS_BEFORE,
  LABEL_LINE_UNDER_CODE,
  LINK_MEDIUM,
  LINK_NEGATIVE,
  LINK_POSITIVE,
  MAGIC_CONTEXT,
  MONTH_NAMES,
  START,
  STRONG_CODE_LABELS,
  TIGHT_GAP,
  TRANSACTION_OR_MEETING_THEME,
  WEAK_CODE_LABELS,
  WORD_CHAR,
} from './verification-patterns';

/** The mail fields the extractor reads. */
export interface VerificationInput {
  subject: string;
  text?: string;
  html?: string;
  /** Accepted so callers can pass a mail as is; the sender is not used as evidence today. */
  from?: string;
}

/** What was found. Both may be set (a mail with a code and a link); neither when nothing is certain. */
export interface VerificationResult {
  /** The code as the user types it: ASCII digits, digit groups joined (`123 456` → `123456`). */
  code?: string;
  /** An http(s) URL. */
  link?: string;
}

const DIGIT_BLOCKS: ReadonlyArray<readonly [zero: number, nine: number]> = [
  [0x0660, 0x0669], // Arabic-Indic
  [0x06f0, 0x06f9], // Extended Arabic-Indic (Persian, Urdu)
  [0x09e6, 0x09ef], // Bengali
  [0x0966, 0x096f], // Devanagari
  [0xff10, 0xff19], // Fullwidth
];

/** Rewrites Arabic-Indic, Extended Arabic-Indic, Bengali, Devanagari and fullwidth digits as ASCII 0-9. */
export function normalizeDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0966-\u096f\uff10-\uff19]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const block = DIGIT_BLOCKS.find(([zero, nine]) => code >= zero && code <= nine);
    return block ? String(code - block[0]) : digit;
  });
}

/**
 * Rewrites fullwidth ASCII forms (U+FF01–FF5E: "：", "－", "（", "Ａ") as ASCII, one UTF-16 unit for one, so
 * offsets into the text stay valid. Japanese and Chinese mail writes punctuation (and sometimes codes and phone
 * numbers) this way; folded, "電話：０３－１２３４" has the shape of "電話:03-1234". Applied to text, never to HTML.
 */
function foldFullwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// ---------------------------------------------------------------------------------------------------------
// Patterns. The words are in lib/vocabulary (one file per language), turned into patterns by
// verification-patterns.ts; what is left here is not language (symbols, URL slugs).

const DECOY_SYMBOLS = /[$€£¥₹৳¢#%]/u;

function hasDecoy(window: string): boolean {
  return DECOY_WORDS_WHOLE.test(window) || DECOY_WORDS_PREFIX.test(window) || DECOY_SYMBOLS.test(window);
}

/** Words between a code and a label that follows it ("123456 is your code", "١٢٣٤ هو رمزك"). */
const MAX_GAP_AFTER_CODE = 25;
const MAX_GAP_STRONG = 60;
const MAX_GAP_WEAK = 25;
/** Label to a code that stands alone on its line, usually the heading or sentence above a code box. */
const MAX_GAP_DISPLAYED = 200;
/** Bounds the work on long, number-dense mails; real codes sit near the top, among the first few. */
const MAX_LABELLED_CANDIDATES = 200;
/** Bounds label finding on label-dense mails: the first MAX_LABELS strong labels, up to twice that in all. */
const MAX_LABELS = 500;

// ---------------------------------------------------------------------------------------------------------
// Codes

interface Label {
  start: number;
  end: number;
  strong: boolean;
  /** The label or its sentence says what the code is for (verify, sign in...), not just "code". */
  saysPurpose: boolean;
  /** "Your code", "passcode", "confirmation code": fine in a sign-up mail, a reference number in an order mail. */
  ambiguous: boolean;
  /** A hand-over verb ("use", "bruk", "استخدم"): vouches only for a number right next to it, on this side. */
  verb?: 'before' | 'after';
}

interface CodeCandidate {
  value: string;
  start: number;
  end: number;
  alphanumeric: boolean;
}

// Digit boxes first (one digit per table cell: "4 7 1 9"), then character boxes ("K 7 Q 2 X Z", capitals and
// digits), then digit groups (123 456, 12 34 56, 1234-5678), then plain digit runs, then letter+digit tokens
// (K7Q2XZ, ABC-123).
const CODE_TOKEN = new RegExp(
  `${START}(?:\\d(?:\\s\\d){3,7}|[A-Z0-9](?:\\s[A-Z0-9]){3,7}|\\d{2} \\d{2} \\d{2}|\\d{3}[ -]\\d{3}|\\d{4}[ -]\\d{4}|\\d{4,8}|[A-Za-z0-9]{2,12}(?:-[A-Za-z0-9]{2,12})?)${END}`,
  'gu',
);

function findCandidates(text: string): CodeCandidate[] {
  const found: CodeCandidate[] = [];
  for (const match of text.matchAll(CODE_TOKEN)) {
    const raw = match[0];
    const start = match.index;
    const isDigits = /^\d+(?:[ -]\d+)*$|^\d(?:\s\d)+$/.test(raw);
    if (isDigits) {
      const value = raw.replace(/[\s-]/g, '');
      if (value.length >= 4 && value.length <= 8)
        found.push({ value, start, end: start + raw.length, alphanumeric: false });
      continue;
    }
    // "G-123456": a letter prefix the site shows next to the field; the user types the digits.
    const prefixed = /^[A-Za-z]{1,3}-(\d{4,8})$/.exec(raw);
    if (prefixed?.[1]) {
      const digitsStart = start + raw.indexOf('-') + 1;
      found.push({ value: prefixed[1], start: digitsStart, end: start + raw.length, alphanumeric: false });
      continue;
    }
    const boxed = /\s/.test(raw);
    const compact = boxed ? raw.replace(/\s/g, '') : raw.replace('-', '');
    const looksLikeCode = /\d/.test(compact) && /[A-Za-z]/.test(compact) && compact.length >= 4;
    const value = boxed ? compact : raw;
    if (looksLikeCode) found.push({ value, start, end: start + raw.length, alphanumeric: true });
  }
  return found;
}

/** Rejects numbers that the characters right around them mark as money, dates, times, phone or IDs. */
function isShapedLikeDecoy(text: string, candidate: CodeCandidate): boolean {
  const before = text.slice(Math.max(0, candidate.start - 8), candidate.start);
  const after = text.slice(candidate.end, candidate.end + 10);
  const prev = before.slice(-1);
  const prev2 = before.slice(-2, -1);
  const next = after.slice(0, 1);
  const next2 = after.slice(1, 2);

  if (/[$€£¥₹৳¢#+/\\@&=?_~(*]/u.test(prev) || /[%/\\@$€£¥₹৳)*#]/u.test(next)) return true;
  if (/[.,:\-–]/.test(prev) && /\d/.test(prev2)) return true; // 1.234 / 12:3456 / 555-1234
  if (/[.,:\-–]/.test(next) && /\d/.test(next2)) return true;
  if (/^\s?%/.test(after) || CURRENCY_AFTER.test(after) || CURRENCY_BEFORE.test(before)) return true;
  if (!candidate.alphanumeric && /^[ -]?\d/.test(after)) return true; // part of a longer spaced number
  if (!candidate.alphanumeric && /\d[ -]?$/.test(before)) return true;
  return false;
}

function isYearLike(value: string): boolean {
  return /^(?:19|20)\d{2}$/.test(value);
}

function sentenceSaysPurpose(text: string, start: number, end: number): boolean {
  return CODE_PURPOSE.test(phraseBefore(text, start, 60)) || CODE_PURPOSE.test(phraseAfter(text, end, 60));
}

/**
 * Code labels in `text`. In a mail about an order, booking or meeting (`transactional`), labels that do not
 * say what the code verifies are dropped.
 */
function findLabels(text: string, transactional: boolean): Label[] {
  const labels: Label[] = [];
  for (const match of text.matchAll(STRONG_CODE_LABELS)) {
    if (labels.length >= MAX_LABELS) break;
    const start = match.index;
    const end = start + match[0].length;
    const words = match[0].trim();
    const ambiguous = GENERIC_LABEL.test(words) || CONFIRMATION_LABEL.test(words);
    const saysPurpose = !ambiguous || sentenceSaysPurpose(text, start, end);
    labels.push({ start, end, strong: true, saysPurpose, ambiguous });
  }
  for (const match of text.matchAll(WEAK_CODE_LABELS)) {
    if (labels.length >= 2 * MAX_LABELS) break;
    const start = match.index;
    const end = start + match[0].length;
    const insideStrong = labels.some((l) => l.strong && start >= l.start && end <= l.end);
    if (insideStrong) continue;
    const saysPurpose = sentenceSaysPurpose(text, start, end);
    labels.push({ start, end, strong: saysPurpose, saysPurpose, ambiguous: true });
  }
  for (const [pattern, verb] of [
    [HANDOVER_VERBS_BEFORE, 'before'],
    [HANDOVER_VERBS_AFTER, 'after'],
  ] as const) {
    for (const match of text.matchAll(new RegExp(pattern, 'giu'))) {
      if (labels.length >= 3 * MAX_LABELS) break;
      const start = match.index;
      const end = start + match[0].length;
      if (sentenceSaysPurpose(text, start, end))
        labels.push({ start, end, strong: true, saysPurpose: true, ambiguous: false, verb });
    }
  }
  return transactional ? labels.filter((label) => label.saysPurpose) : labels;
}

const LEADING_PARTIAL_WORD = new RegExp(`^${WORD_CHAR}+`, 'u');
const TRAILING_PARTIAL_WORD = new RegExp(`${WORD_CHAR}+$`, 'u');

/** The few words just before a label, back to the start of its phrase: "discount code", "Your promo code". */
function phraseBefore(text: string, index: number, maxChars: number): string {
  const from = Math.max(0, index - maxChars);
  let window = text.slice(from, index);
  // A window that starts mid-word would make a word start out of a word's tail ("postadressen" → "adressen").
  if (from > 0 && LEADING_PARTIAL_WORD.test(text.slice(from - 1, from))) {
    window = window.replace(LEADING_PARTIAL_WORD, '');
  }
  const cut = Math.max(...['\n', '.', '!', '?', '؟', '।', '。', ':', ';'].map((c) => window.lastIndexOf(c)));
  return window.slice(cut + 1);
}

/** The few words just after a position, up to the end of its phrase. */
function phraseAfter(text: string, index: number, maxChars: number): string {
  const to = index + maxChars;
  let window = text.slice(index, to);
  if (to < text.length && TRAILING_PARTIAL_WORD.test(text.slice(to, to + 1))) {
    window = window.replace(TRAILING_PARTIAL_WORD, '');
  }
  const cut = window.search(/[\n.!?؟।。;]/u);
  return cut < 0 ? window : window.slice(0, cut);
}

/** True when the candidate is the only thing on its line (a code box, a table cell). */
function isAloneOnLine(text: string, candidate: CodeCandidate): boolean {
  const lineStart = text.lastIndexOf('\n', candidate.start - 1) + 1;
  const lineEnd = text.indexOf('\n', candidate.end);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  return line.trim().length === candidate.end - candidate.start;
}

/** A whole line that looks like a code on display (K9TQ4M, 482 913): a label above it does not reach past it. */
const DISPLAYED_CODE_LINE = /^(?=.*\d)[A-Za-z0-9]{4,12}$|^\d[\d -]{2,12}\d$/;

/** How strongly `label` vouches for `candidate`; null when it does not. */
function labelScore(text: string, candidate: CodeCandidate, label: Label): number | null {
  const labelBefore = label.end <= candidate.start;
  const labelAfter = candidate.end <= label.start;
  if (!labelBefore && !labelAfter) return null;
  const gap = labelBefore ? text.slice(label.end, candidate.start) : text.slice(candidate.end, label.start);
  if (label.verb && (!/^[ \t:：]{0,2}$/.test(gap) || labelBefore !== (label.verb === 'before'))) return null;
  const aloneOnLine = isAloneOnLine(text, candidate);
  // A code set on its own line (a big box, a table cell) may sit a few lines under a strong label or heading.
  const displayed = aloneOnLine && label.strong;
  const lineBreaks = gap.match(/\n/g)?.length ?? 0;

  if (labelBefore) {
    const maxGap = displayed ? MAX_GAP_DISPLAYED : label.strong ? MAX_GAP_STRONG : MAX_GAP_WEAK;
    if (gap.length > maxGap || lineBreaks > (displayed ? 4 : 2)) return null;
    if (
      gap
        .split('\n')
        .slice(1, -1)
        .some((line) => DISPLAYED_CODE_LINE.test(line.trim()))
    )
      return null;
  } else if (gap.length > MAX_GAP_AFTER_CODE) {
    return null;
  } else if (gap.includes('\n') && !(aloneOnLine && label.strong && LABEL_LINE_UNDER_CODE.test(gap))) {
    return null;
  }
  const tight = labelBefore && TIGHT_GAP.test(gap);
  // An alphanumeric token needs the label right before it, or a strong label on the line just above.
  const onLineUnderLabel = displayed && labelBefore && /^[^\n]*\n\s*$/.test(gap);
  if (candidate.alphanumeric && !tight && !onLineUnderLabel) return null;
  if (isYearLike(candidate.value) && !tight) return null;

  const labelText = text.slice(label.start, label.end);
  const around = [gap, labelText, phraseBefore(text, label.start, 24), phraseAfter(text, label.end, 16)];
  if (around.some(hasDecoy)) return null;

  return (
    (label.strong ? 3 : 2) +
    (labelBefore ? 0.3 : 0) +
    (aloneOnLine ? 0.5 : 0) +
    (tight ? 0.5 : 0) -
    gap.length / 30
  );
}

/** True when the words right next to the number (its own phrase) call it an order, a price, a phone... */
function neighbourhoodHasDecoy(text: string, candidate: CodeCandidate): boolean {
  const before = phraseBefore(text, candidate.start, 28);
  const after = phraseAfter(text, candidate.end, 20);
  if (hasDecoy(before) || hasDecoy(after)) return true;
  return isYearLike(candidate.value) && (MONTH_NAMES.test(before) || MONTH_NAMES.test(after));
}

/**
 * True when the line above or below holds another token of the same length: a list of recovery codes, serial
 * numbers or IDs, where no single entry is the code to type now.
 */
function isInListOfCodes(text: string, candidate: CodeCandidate): boolean {
  if (!isAloneOnLine(text, candidate)) return false;
  const lineStart = text.lastIndexOf('\n', candidate.start - 1);
  const lineEnd = text.indexOf('\n', candidate.end);
  const previous = lineStart <= 0 ? '' : text.slice(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart);
  const nextEnd = lineEnd < 0 ? -1 : text.indexOf('\n', lineEnd + 1);
  const next = lineEnd < 0 ? '' : text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd);
  const length = text.slice(candidate.start, candidate.end).trim().length;
  return [previous, next].some((line) => {
    const entry = line.trim();
    return entry.length === length && /\d/.test(entry) && /^[A-Za-z0-9 -]+$/.test(entry);
  });
}

interface ScoredCode {
  value: string;
  score: number;
}

function bestCodeIn(text: string, transactional: boolean): ScoredCode | undefined {
  const labels = findLabels(text, transactional).sort((a, b) => a.start - b.start);
  if (labels.length === 0) return undefined;
  let best: ScoredCode | undefined;
  let firstLabel = 0;
  let labelledCandidates = 0;
  for (const candidate of findCandidates(text)) {
    // Candidates come in text order, so labels that ended too far back never matter again.
    while (firstLabel < labels.length && labels[firstLabel]!.end < candidate.start - MAX_GAP_DISPLAYED)
      firstLabel++;
    const nearby: Label[] = [];
    for (
      let i = firstLabel;
      i < labels.length && labels[i]!.start <= candidate.end + MAX_GAP_AFTER_CODE;
      i++
    ) {
      nearby.push(labels[i]!);
    }
    if (nearby.length === 0) continue;
    if (++labelledCandidates > MAX_LABELLED_CANDIDATES) break;
    if (isShapedLikeDecoy(text, candidate) || neighbourhoodHasDecoy(text, candidate)) continue;
    if (isInListOfCodes(text, candidate)) continue;
    for (const label of nearby) {
      const score = labelScore(text, candidate, label);
      if (score !== null && score >= 1 && (!best || score > best.score))
        best = { value: candidate.value, score };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Links

/** URL path words that mark a verification endpoint (`/verify`, `/confirm?token=`, `/magic-link`). */
const URL_POSITIVE =
  /(?<![a-z])(?:verify|verification|confirm|confirmation|activate|activation|validate|magic|magiclink|email[-_]?confirm|bekreft|verifiser|aktiver|best(?:ae|a|ä)tigen|verifizieren|aktivieren|confirmer|confirmar|verificar|activer|activar)(?![a-z])/i;
/** URL path words of a password-reset or sign-in-by-link endpoint: wanted, but weaker than verify/confirm. */
const URL_MEDIUM =
  /(?<![a-z])(?:reset[-_]?password|password[-_/]reset|new[-_]password|nytt[-_]passord|passwort[-_]zuruecksetzen|login[-_/](?:link|token)|auth[-_/](?:link|token|callback)|sign[-_]?in[-_/](?:link|token))(?![a-z])/i;
const URL_NEGATIVE =
  /(?<![a-z])(?:unsubscribe|optout|opt-out|revoke|preferences|upgrade|privacy|terms|settings|manage|help|support)(?![a-z])/i;

interface LinkCandidate {
  href: string;
  /** Anchor text; empty for bare URLs. */
  text: string;
  /** The words around the link: the line above, its own line. */
  context: string;
  /** The line after the link ("This link expires in 15 minutes."): read for sign-in context only, never for vetoes. */
  nextLine: string;
}

function isUsableHref(href: string): boolean {
  return /^https?:\/\/[^\s/{}]+\.[^\s{}]*$|^https?:\/\/[^\s/{}]+$/i.test(href) && !href.includes('{{');
}

/** Path and query of a URL, without the host (tracking hosts would otherwise vote). */
function urlPath(href: string): string {
  const afterHost = href.replace(/^https?:\/\/[^/?#]+/i, '');
  try {
    return decodeURIComponent(afterHost);
  } catch {
    return afterHost;
  }
}

function linkScore(link: LinkCandidate): number | null {
  if (!isUsableHref(link.href)) return null;
  const path = urlPath(link.href);
  const anchor = link.text.trim();
  const anchorIsUrl = /^(?:https?:\/\/|www\.)/i.test(anchor);
  const words = anchorIsUrl ? '' : anchor;
  if (LINK_NEGATIVE.test(words) || URL_NEGATIVE.test(path)) return null;

  let score = 0;
  if (LINK_POSITIVE.test(words)) score += 3;
  else if (LINK_MEDIUM.test(words)) {
    const signInContext = MAGIC_CONTEXT.test(link.context) || MAGIC_CONTEXT.test(link.nextLine);
    score += signInContext || URL_POSITIVE.test(path) || URL_MEDIUM.test(path) ? 2.5 : 1;
  }
  if (URL_POSITIVE.test(path)) score += 1.5;

  // A link without telling words leans on its sentence ("click here to verify", "paste this link: …").
  if (score < 3) {
    if (LINK_NEGATIVE.test(link.context)) return null;
    const saysNothing = words === '' || GENERIC_ANCHOR.test(words);
    if (LINK_POSITIVE.test(link.context)) score += saysNothing ? 2.5 : 1;
  }
  return score >= 2.5 ? score : null;
}

/**
 * The words around a link: the line above, the line up to the link and the rest of the link's line
 * (`context`), and the next line (`nextLine`).
 */
function contextAround(text: string, start: number): Pick<LinkCandidate, 'context' | 'nextLine'> {
  const lineStart = text.lastIndexOf('\n', start - 1);
  const previousLineStart = lineStart <= 0 ? 0 : text.lastIndexOf('\n', lineStart - 1) + 1;
  const lineEnd = text.indexOf('\n', start);
  const before = text.slice(Math.max(previousLineStart, start - 200), start);
  const after = text.slice(start, Math.min(lineEnd < 0 ? text.length : lineEnd, start + 120));
  const nextLineEnd = lineEnd < 0 ? -1 : text.indexOf('\n', lineEnd + 1);
  const nextLine =
    lineEnd < 0
      ? ''
      : text.slice(lineEnd + 1, Math.min(nextLineEnd < 0 ? text.length : nextLineEnd, lineEnd + 121));
  return { context: `${before}${after}`, nextLine };
}

const BARE_URL = /https?:\/\/[^\s<>"'()[\]{}]+/gi;

function bareUrlLinks(text: string): LinkCandidate[] {
  return [...text.matchAll(BARE_URL)].map((match) => ({
    href: match[0].replace(/[.,;:!?]+$/, ''),
    text: '',
    ...contextAround(text, match.index),
  }));
}

function anchorLinks(text: string, links: TextLink[]): LinkCandidate[] {
  return links.map((link) => ({
    href: link.href,
    text: foldFullwidth(normalizeDigits(link.text)),
    ...contextAround(text, link.start),
  }));
}

function bestLink(candidates: LinkCandidate[]): string | undefined {
  let best: { href: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = linkScore(candidate);
    if (score !== null && (!best || score > best.score)) best = { href: candidate.href, score };
  }
  return best?.href;
}

// ---------------------------------------------------------------------------------------------------------

function prepare(s: string): string {
  return normalizeDigits(s.slice(0, MAX_HTML_CHARS).normalize('NFC'));
}

/** A text section as the matching reads it: prepared, and fullwidth forms folded. */
function prepareText(s: string): string {
  return foldFullwidth(prepare(s));
}

/**
 * Finds the one-time code and/or the verification (confirm, activate, magic sign-in) link in a mail.
 * Reads the subject, the plain-text body and the HTML body (converted to text here, capped at
 * MAX_HTML_CHARS). Prefers precision: it returns nothing rather than an order number or an unsubscribe link.
 */
export function extractVerification(mail: VerificationInput): VerificationResult {
  // Normalise before converting so that link offsets stay valid in the text they point into.
  const fromHtml = mail.html ? htmlToText(prepare(mail.html)) : { text: '', links: [] };
  const htmlText = foldFullwidth(normalizeDigits(fromHtml.text));
  const plainText = prepareText(mail.text ?? '');
  const sections = [prepareText(mail.subject), plainText, htmlText];

  // An order or meeting mail whose subject does not itself ask to verify or sign in.
  const subject = sections[0] ?? '';
  const subjectAsksToVerify = CODE_PURPOSE.test(subject) && !TRANSACTION_OR_MEETING_THEME.test(subject);
  const transactional = !subjectAsksToVerify && sections.some((s) => TRANSACTION_OR_MEETING_THEME.test(s));

  let code: ScoredCode | undefined;
  for (const section of sections) {
    const found = section ? bestCodeIn(section, transactional) : undefined;
    if (found && (!code || found.score > code.score)) code = found;
  }

  const link = bestLink([
    ...anchorLinks(htmlText, fromHtml.links),
    ...bareUrlLinks(plainText),
    ...bareUrlLinks(htmlText),
  ]);

  const result: VerificationResult = {};
  if (code) result.code = code.value;
  if (link) result.link = link;
  return result;
}
