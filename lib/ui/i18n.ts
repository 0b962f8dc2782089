import { browser } from 'wxt/browser';
import { intlTag, LOCALES, PLURAL_SEPARATOR } from '../i18n/catalog';
import { formatNumber } from './format';

type GetMessage = (k: string, s?: string | string[]) => string;
// WXT types getMessage with the keys it finds in public/_locales; ours are generated at build time from
// lib/i18n/strings (checked by test/unit/i18n), so the key is a plain string here.
const getMessage = (key: string, substitutions?: string | string[]) =>
  (browser.i18n.getMessage as GetMessage)(key, substitutions);

/** Looks up a visible string. Falls back to the key so a missing string is obvious, never blank. */
export function t(key: string, substitutions?: string | string[]): string {
  return getMessage(key, substitutions) || key;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const pluralRulesFor = (lang: string) => {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
};

/**
 * A string that says a count, in the plural form the language uses for it ("1 new message", "5 new
 * messages", Arabic's six forms). `count` is shown as $1 in the language's digits; `more` fill $2, $3….
 */
export function tCount(key: string, count: number, more: string[] = [], lang = uiLanguage()): string {
  const rules = pluralRulesFor(lang);
  const substitutions = [formatNumber(count, lang), ...more];
  return (
    getMessage(`${key}${PLURAL_SEPARATOR}${rules.select(count)}`, substitutions) ||
    getMessage(`${key}${PLURAL_SEPARATOR}other`, substitutions) ||
    key
  );
}

/** Makes the plural rules tCount uses for `lang` ahead of the first counted string (see prepareFormatters). */
export function preparePlurals(lang: string): void {
  pluralRulesFor(lang);
}

/** Our locale ids by the BCP 47 tag they stand for: `pt-br` → `pt-BR`, `en` → `en`. */
const SHIPPED = new Map(LOCALES.map((l) => [intlTag(l).toLowerCase(), intlTag(l)]));

/**
 * The language Mayfly's strings are shown in, as a BCP 47 tag for Intl and `lang`. The browser picks the
 * messages file (`pt-PT` falls back to English when only `pt_BR` ships); each file names itself in
 * `localeId`, so numbers and dates always match the words around them. Without it (an old build), the
 * browser's UI language when we ship it, else English.
 */
export function uiLanguage(): string {
  const picked = getMessage('localeId');
  if (picked && SHIPPED.has(intlTag(picked).toLowerCase())) return intlTag(picked);
  const ui = (browser.i18n.getUILanguage?.() ?? 'en').toLowerCase().replace('_', '-');
  return SHIPPED.get(ui) ?? SHIPPED.get(ui.split('-')[0] ?? '') ?? 'en';
}

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'ur', 'he']);

export function textDirection(lang = uiLanguage()): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(lang.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}
