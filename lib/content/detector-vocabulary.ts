/**
 * The signup-field detector's patterns: every language's detector words (lib/vocabulary, merged) turned into the
 * regular expressions detector.ts tests, plus the patterns that are not language (name attributes, autocomplete
 * tokens, address shapes), which stay here. detector.ts holds the weights and rules.
 *
 * All are tested with `.test()` only, so the order of alternatives does not matter. Flags are `i` without `u`:
 * Latin-script entries are mostly word starts, other scripts are matched as substrings.
 *
 * The shipped content scripts do not run this merge: build/vocabulary-literals.ts evaluates this module at
 * build time and replaces it with the resulting regular-expression literals, so no word list or merge code is
 * bundled. Tests, benchmarks and `wxt dev` run it as written.
 */
import { alternation, merged } from '../vocabulary';
import type { DetectorWords } from '../vocabulary/types';

const words = (field: keyof DetectorWords): string => alternation('detector', field);
const pattern = (field: keyof DetectorWords): RegExp => new RegExp(words(field), 'i');

export const EMAIL_WORDS = pattern('email');
export const OTHER_IDENTIFIER_WORDS = pattern('identifier');
export const SEARCH_WORDS = pattern('search');
export const SEARCH_NAMES = /^(q|s|query|search|keywords?|term|searchterm|search_query)$/i;
export const CONFIRM_WORDS = pattern('confirm');

export const SIGNUP_WORDS = pattern('signup');
export const LOGIN_WORDS = pattern('login');
export const FORGOT_WORDS = pattern('forgot');
export const REMEMBER_WORDS = pattern('remember');
export const TERMS_WORDS = pattern('terms');
export const NEWSLETTER_WORDS = pattern('newsletter');
export const CHECKOUT_WORDS = pattern('checkout');

/** "Already have an account?" sits under signup forms; "No account yet?" under login forms. */
export const HAVE_ACCOUNT_WORDS = pattern('haveAccount');
export const NO_ACCOUNT_WORDS = pattern('noAccount');
/** Password rules are shown while choosing a password, not while typing an existing one. */
export const PASSWORD_RULE_WORDS = pattern('passwordRule');
export const NEW_PASSWORD_WORDS = pattern('newPassword');
/** Fields about an email rather than for an address: "email subject", "email verification code". */
export const ABOUT_EMAIL_WORDS = new RegExp(`\\b(${words('aboutEmail')})\\b`, 'i');
/** An example address ("you@example.com") or an address pattern: a hint, never enough alone. */
export const ADDRESS_HINT = /\S@\S/;
/** Short names for an address field that the word list above does not cover: `mail`, `Member.Mail`. */
export const MAIL_NAME = /(^|[^a-z])mail([^a-z]|$)/i;
export const CONTACT_WORDS = pattern('contact');
/** Decoy fields some sites add to trap browser autofill or bots. */
export const DECOY_NAMES =
  /fake|dummy|honey|trap|^hp[-_]|[-_]hp$|do[-_]?not[-_]?fill|leave[-_]?(this[-_]?)?(blank|empty)/i;
export const SOCIAL_BUTTON = new RegExp(
  `\\b(${words('socialWith')}) (google|facebook|apple|microsoft|twitter|github|linkedin|amazon|yahoo|x)\\b`,
  'i',
);
/** "or" between two identifiers, or a slash: ASCII words whole (`\b` is ASCII-only here), others as written. */
const OR = merged('detector', 'or');
const ASCII_WORD = /^[a-z]+$/i;
export const IDENTIFIER_SEPARATOR = new RegExp(
  [
    `\\b(${OR.filter((w) => ASCII_WORD.test(w)).join('|')})\\b`,
    ...OR.filter((w) => !ASCII_WORD.test(w)),
    '\\/',
  ].join('|'),
  'i',
);

/** `fname` and `lname` are name attributes, not words of a language. */
export const NAME_HINTS = new RegExp(`${words('nameField')}|fname|lname`, 'i');
export const PHONE_HINTS = pattern('phoneField');
export const CARD_AUTOCOMPLETE = /\bcc-(number|csc|exp)/;
export const ADDRESS_AUTOCOMPLETE = /\b(address-line1|postal-code|street-address|address-level2)\b/;

/** Forms that look something up by the email a person already used: "Track your order", "Find my order". */
export const LOOKUP_WORDS = pattern('lookup');
