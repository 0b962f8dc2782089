/**
 * The verification extractor's patterns: every language's mail words (lib/vocabulary, merged) turned into the
 * regular expressions verification.ts uses, with the word boundaries, flags and shapes the algorithm needs.
 * Non-language parts (ISO currency codes, separators) are written here.
 *
 * Written in NFC; the text is NFC-normalised too (Bengali য় has two spellings otherwise). Like the detector's
 * patterns, this module is replaced by its literals at build time (build/vocabulary-literals.ts), so the
 * background carries the patterns, not the word lists and merge code.
 */
import { merged } from '../vocabulary';
import type { MailWords } from '../vocabulary/types';

/**
 * A letter, mark or digit: what a word boundary must not touch (JS `\b` only knows ASCII). Han, hiragana and
 * katakana are left out: Chinese and Japanese write no spaces, so their words and codes sit right against
 * other letters ("確認コードは123456です", "验证码为382910") and are found as substrings.
 */
export const WORD_CHAR = String.raw`(?:(?![\p{scx=Han}\p{scx=Hira}\p{scx=Kana}])[\p{L}\p{M}\p{N}])`;
export const START = `(?<!${WORD_CHAR})`;
export const END = `(?!${WORD_CHAR})`;

const words = (field: keyof MailWords): string[] => merged('mail', field).map((w) => w.normalize('NFC'));
/** One alternation; a pattern that never matches when the list is empty. */
const either = (alternatives: string[]): string => (alternatives.length ? alternatives.join('|') : '(?!)');

function wordsPattern(field: keyof MailWords, flags = 'iu', trailingBoundary = true): RegExp {
  return new RegExp(`${START}(?:${either(words(field))})${trailingBoundary ? END : ''}`, flags);
}

/** Labels that name a one-time code on their own. */
export const STRONG_CODE_LABELS = wordsPattern('codeLabels', 'giu');
/** Bare "code" words: a label only when very close to the code. */
export const WEAK_CODE_LABELS = wordsPattern('codeWords', 'giu');

/**
 * Words that mark a number as something else: orders, money, phone numbers, addresses, coupons,
 * tracking. Matched around a candidate and its label; any hit vetoes the candidate.
 */
export const DECOY_WORDS_WHOLE = wordsPattern('decoyWords');
/** Decoy stems matched at a word start only: Norwegian compounds, Arabic and Bengali inflections. */
export const DECOY_WORDS_PREFIX = wordsPattern('decoyStems', 'iu', false);

export const MONTH_NAMES = new RegExp(`(?:${either(words('months'))})`, 'iu');

/** Money units written after an amount ("1234 kr", "১২৩৪ টাকা", "١٢٣٤ ريال"): ISO codes and each language's words. */
export const CURRENCY_AFTER = new RegExp(
  `^\\s?(?:${['nok', 'sek', 'dkk', 'usd', 'eur', 'gbp', 'inr', 'bdt', 'sar', 'aed', 'egp', ...words('currencyAfter')].join('|')})${END}`,
  'iu',
);
export const CURRENCY_BEFORE = new RegExp(
  `(?:${['nok', 'usd', 'eur', 'gbp', 'inr', 'bdt', 'sar', ...words('currencyBefore')].join('|')})\\s?$`,
  'i',
);

/**
 * Words that say what a code is for (verify, confirm, sign in, activate...). A bare "code" label whose sentence
 * holds one counts as a strong label ("use this code to verify your account", "código para verificar").
 */
export const CODE_PURPOSE = wordsPattern('purposes', 'iu', false);

/**
 * Verbs that hand a code over with no "code" word: "Use 918223 to verify", "Bruk 553201 for å bekrefte",
 * "استخدم 482913 للتحقق". They count only right next to the number and when the sentence says what for.
 */
export const HANDOVER_VERBS_BEFORE = wordsPattern('handoverBefore');
/** The languages that put the verb after the code: "যাচাই করতে ৪৮২৯১৩ ব্যবহার করুন". */
export const HANDOVER_VERBS_AFTER = wordsPattern('handoverAfter');

/** Strong labels that only say "the code" or "passcode", without saying what for. */
export const GENERIC_LABEL = new RegExp(either(words('genericLabels')), 'iu');
/** "Confirmation code" labels: in a booking or order mail they name a reference, not a one-time code. */
export const CONFIRMATION_LABEL = new RegExp(either(words('confirmationLabels')), 'iu');

/**
 * Mails about an order, booking or invoice, or a meeting invitation. In these a generic or "confirmation" label
 * names a reference or a meeting passcode, so only labels that say what the code verifies count.
 */
export const TRANSACTION_OR_MEETING_THEME = wordsPattern('transactionThemes', 'iu', false);

const COPULAS = either(words('copulas'));
/** What may stand between a label and an alphanumeric code: separators and "is". */
export const TIGHT_GAP = new RegExp(`^[\\s:：=\\-–—>»(]*(?:(?:${COPULAS})[\\s:：=\\-–—]*)?$`, 'iu');

/**
 * What may stand between a displayed code and a label that starts the next line ("918 223" / "is your Acme
 * code"): "is", "your" and up to two words such as a brand name.
 */
export const LABEL_LINE_UNDER_CODE = new RegExp(
  `^\\s*\\n\\s*(?:(?:${COPULAS})\\s+)?(?:(?:${either(words('possessives'))})\\s+)?(?:[\\p{L}\\p{N}.&'’-]+\\s+){0,2}$`,
  'iu',
);

/** Words on a button or in a URL that say "this verifies you". */
export const LINK_POSITIVE = wordsPattern('linkVerify', 'iu', false);
/** Buttons that are wanted but weaker evidence: sign in (magic links), reset password, set up account. */
export const LINK_MEDIUM = wordsPattern('linkSignIn');
/** Context that makes a sign-in button a magic sign-in link rather than site navigation. */
export const MAGIC_CONTEXT = wordsPattern('magicLinkContext');
/** Links that must never be returned, by their words or URL. */
export const LINK_NEGATIVE = wordsPattern('linkNegative', 'iu', false);
/** Anchor words that say nothing by themselves, so the sentence around them decides ("click here to verify"). */
export const GENERIC_ANCHOR = new RegExp(`^(?:${either(words('genericAnchors'))})[.!:]?$`, 'iu');
