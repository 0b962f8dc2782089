/**
 * The shape of one language's vocabulary: the words the signup-field detector, the refusal watch and the
 * verification-mail extractor look for. One file per language (`en.ts`, `nb.ts`, ...) exports the three
 * sections as named exports (`detector`, `refusal`, `mail`) and the typed whole (`vocabulary`); index.ts lists
 * the files. The matching code (weights, gaps, scores, word boundaries) lives with the algorithms:
 * lib/content/detector-vocabulary.ts, lib/content/refusal-words.ts and lib/core/verification-patterns.ts turn
 * the merged lists into regular expressions.
 *
 * Every field is required; an empty list says "nothing in this language" explicitly. Each entry is the source
 * of one regular-expression alternative (no slashes, no flags), usually a word or a word stem: keep it compact
 * (stems, not every inflection). The field lists below are the runtime copy of the shape, so a unit test can
 * check every language file against them.
 *
 * Flags: detector and refusal patterns are compiled with `i` only (`\b` and `\w` are ASCII there, so write
 * other scripts as plain substrings); mail patterns with `iu`, inside Unicode word boundaries that the
 * extractor adds (text is NFC-normalised and digits are made ASCII first).
 */

/** Regular-expression alternatives, source text. */
export type Patterns = readonly string[];

/** Signup-field detector (content scripts): matched as substrings of labels, buttons, headings, names. */
export const DETECTOR_FIELDS = [
  /** "Email" in a label, name or placeholder. */
  'email',
  /** Another account identifier (user name, phone) that a login field may take instead of an email. */
  'identifier',
  /** A search box. */
  'search',
  /** "Confirm / repeat" on a second email or password field. */
  'confirm',
  /** Sign up, register, create an account. */
  'signup',
  /** Log in, sign in, welcome back. */
  'login',
  /** Forgot or reset password. */
  'forgot',
  /** "Remember me", "stay signed in". */
  'remember',
  /** Terms, privacy, "I agree" check boxes. */
  'terms',
  /** Newsletter, subscribe. */
  'newsletter',
  /** Checkout, payment, shipping. */
  'checkout',
  /** "Already have an account?" under a signup form. */
  'haveAccount',
  /** "No account yet?" under a login form. */
  'noAccount',
  /** Password rules shown while choosing a password ("at least 8 characters"). */
  'passwordRule',
  /** New / choose / repeat on a password field that is being set, not typed. */
  'newPassword',
  /** Words (matched as whole ASCII words) of fields about an email rather than for one: subject, template. */
  'aboutEmail',
  /** Contact or feedback forms, where an email is the person's own. */
  'contact',
  /** "with" in "Continue with Google" (a whole word before a provider name). */
  'socialWith',
  /**
   * "or" between two identifiers ("Email or phone"). Words in ASCII letters are matched as whole words; others
   * as substrings, so give them their spaces where the script has them (" или ").
   */
  'or',
  /** Name fields (first name, surname) next to the email. */
  'nameField',
  /** Phone fields. */
  'phoneField',
  /** Forms that look something up by the person's own email ("Track your order"). */
  'lookup',
] as const;

/** A site's refusal of disposable addresses ("Disposable email addresses are not allowed"). */
export const REFUSAL_FIELDS = [
  /** Whole phrases: "disposable" next to "email"/"address"/"domain" in the language's order. */
  'disposableAddress',
] as const;

/** Verification-mail extractor (background only). */
export const MAIL_FIELDS = [
  /**
   * Labels that name a one-time code on their own ("verification code", "engangskode"). Order matters here
   * (the first alternative that matches at a position wins), so longer phrases go first.
   */
  'codeLabels',
  /** Bare "code" words: a label only right next to the code or when the sentence says what for. */
  'codeWords',
  /** Code labels that only say "your code" or "passcode"; tested on the label's words, anchor with ^ and $. */
  'genericLabels',
  /** "Confirmation code" words: in an order or booking mail they name a reference, not a one-time code. */
  'confirmationLabels',
  /** What a code is for: verify, confirm, sign in, finish signing up (word starts). */
  'purposes',
  /** Verbs that hand a code over before it with no "code" word: "Use 123456 to verify". */
  'handoverBefore',
  /** The same verbs where the language puts them after the code: "৪৮২৯১৩ ব্যবহার করুন". */
  'handoverAfter',
  /** "is" between a label and the code ("your code is 123456", "koden er", "الرمز هو"). */
  'copulas',
  /** "your" / "the" opening a label on the line under a displayed code ("482 913" / "is your code"). */
  'possessives',
  /** Whole words that mark a number as something else: order, price, phone, street, coupon. */
  'decoyWords',
  /** Decoy word starts (compounds, inflections): "bestilling…", "فاتور…", "অর্ডার…". */
  'decoyStems',
  /** Month names and abbreviations (a year next to one is a date). Matched anywhere near a year. */
  'months',
  /** Money words written after an amount ("1234 kroner", "١٢٣٤ ريال"). */
  'currencyAfter',
  /** Money abbreviations written before an amount ("kr 1234", "Rs. 1234"); compiled without the u flag. */
  'currencyBefore',
  /** Subjects and bodies of order, booking, invoice or meeting mails. */
  'transactionThemes',
  /** Words on a button or around a link that say "this verifies you" (word starts). */
  'linkVerify',
  /** Sign-in and password-reset buttons: wanted, weaker evidence. */
  'linkSignIn',
  /** Wording that makes a sign-in button a magic sign-in link: "this link", "expires". */
  'magicLinkContext',
  /** Links never returned: unsubscribe, "not you", settings, orders (word starts). */
  'linkNegative',
  /** Anchor texts that say nothing alone ("click here", "this link"): the sentence around decides. */
  'genericAnchors',
] as const;

export type DetectorWords = Readonly<Record<(typeof DETECTOR_FIELDS)[number], Patterns>>;
export type RefusalWords = Readonly<Record<(typeof REFUSAL_FIELDS)[number], Patterns>>;
export type MailWords = Readonly<Record<(typeof MAIL_FIELDS)[number], Patterns>>;

/** One language's file, whole. */
export interface Vocabulary {
  /** BCP 47 base language (`en`, `pt`, `zh`). */
  language: string;
  detector: DetectorWords;
  refusal: RefusalWords;
  mail: MailWords;
}

/** Every section and its fields, for checks that walk the shape. */
export const SECTIONS = {
  detector: DETECTOR_FIELDS,
  refusal: REFUSAL_FIELDS,
  mail: MAIL_FIELDS,
} as const;
