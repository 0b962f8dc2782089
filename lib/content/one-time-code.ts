import { hiddenReason } from './detector';
import { deepQueryAll, type SearchRoot } from './dom-walk';
import { fillField, isEditableTextField } from './fill';

/**
 * Finding and filling a verification-code field: `autocomplete="one-time-code"` first, then a row of
 * one-character boxes (split code inputs), then a single field named or labelled as a code.
 */

const CODE_WORDS =
  /one.?time|otp|verification|verify|security code|confirmation code|auth(entication)? code|2fa|mfa|totp|passcode|\bcode\b|\bpin\b|kode|bestätigungscode|sicherheitscode|code de (vérification|confirmation)|código|رمز|কোড|код/i;
const NOT_CODE_WORDS =
  /promo|coupon|voucher|discount|gift|zip|postal|post ?code|postnummer|country|area|referral|invite|captcha/i;
/** A split code has at least this many boxes (codes are 4 to 8 characters). */
const MIN_SPLIT_BOXES = 4;

function labelText(input: HTMLInputElement): string {
  const labels = Array.from(input.labels ?? []).map((l) => l.textContent ?? '');
  return [
    ...labels,
    input.getAttribute('aria-label'),
    input.getAttribute('placeholder'),
    input.getAttribute('name'),
    input.id,
  ].join(' ');
}

function usable(input: HTMLInputElement): boolean {
  return isEditableTextField(input) && hiddenReason(input) === null;
}

function isSingleCharBox(input: HTMLInputElement): boolean {
  return input.maxLength === 1 || input.getAttribute('size') === '1';
}

/**
 * Groups of one-character boxes that sit together: consecutive usable inputs (in document order) whose
 * maxlength is 1, sharing an ancestor within three levels.
 */
function splitGroups(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const groups: HTMLInputElement[][] = [];
  let current: HTMLInputElement[] = [];
  const near = (a: HTMLInputElement, b: HTMLInputElement): boolean => {
    let ancestor: Element | null = a.parentElement;
    for (let depth = 0; ancestor && depth < 4; depth++, ancestor = ancestor.parentElement) {
      if (ancestor.contains(b)) return true;
    }
    return false;
  };
  for (const input of inputs) {
    const last = current[current.length - 1];
    if (isSingleCharBox(input) && (!last || near(last, input))) {
      current.push(input);
    } else {
      if (current.length >= MIN_SPLIT_BOXES) groups.push(current);
      current = isSingleCharBox(input) ? [input] : [];
    }
  }
  if (current.length >= MIN_SPLIT_BOXES) groups.push(current);
  return groups;
}

function fillSplit(boxes: HTMLInputElement[], code: string): boolean {
  if (boxes.length < code.length) return false;
  const chars = [...code];
  if (boxes.some((box, i) => box.value !== '' && box.value !== (chars[i] ?? ''))) return false;
  chars.forEach((char, i) => fillField(boxes[i]!, char, { keepFocus: i < chars.length - 1 }));
  return true;
}

/**
 * Fills a verification code into the page's code field(s). Returns `filled: false` when no code field is
 * found or when the person already typed something different into it.
 */
export function fillOneTimeCode(root: SearchRoot, code: string): { filled: boolean } {
  const inputs = deepQueryAll<HTMLInputElement>(root, 'input').filter(usable);
  const marked = inputs.filter((i) =>
    i.getAttribute('autocomplete')?.toLowerCase().includes('one-time-code'),
  );
  if (marked.length === 1 && !isSingleCharBox(marked[0]!)) {
    return { filled: fillField(marked[0]!, code).filled };
  }
  const markedSplit = splitGroups(marked)[0];
  if (markedSplit) return { filled: fillSplit(markedSplit, code) };
  const split = splitGroups(inputs)[0];
  if (split) return { filled: fillSplit(split, code) };
  const named = inputs.find((i) => {
    const text = labelText(i);
    return CODE_WORDS.test(text) && !NOT_CODE_WORDS.test(text);
  });
  return { filled: named ? fillField(named, code).filled : false };
}

/** What a code may look like when it arrives from the background; anything else is refused, not filled. */
const CODE_PATTERN = /^[A-Za-z0-9-]{3,12}$/;

/** Answers the background's `fillCode` request: checks its shape and origin, then fills the page's code field. */
export function answerFillCode(doc: Document, data: unknown): { filled: boolean } {
  const request = data as { code?: unknown; origin?: unknown } | null;
  const code = request?.code;
  // The code goes to the page the person was shown; a tab that navigated elsewhere since gets nothing.
  if (request?.origin !== doc.defaultView?.location.origin) return { filled: false };
  return typeof code === 'string' && CODE_PATTERN.test(code) ? fillOneTimeCode(doc, code) : { filled: false };
}
