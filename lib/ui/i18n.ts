import { browser } from 'wxt/browser';

/** Looks up a visible string. Falls back to the key so a missing string is obvious, never blank. */
export function t(key: string, substitutions?: string | string[]): string {
  // WXT types getMessage with the keys it finds in public/_locales; ours are generated at build time from
  // lib/i18n/strings (checked by test/unit/i18n), so the key is a plain string here.
  const getMessage = browser.i18n.getMessage as (k: string, s?: string | string[]) => string;
  const msg = getMessage(key, substitutions);
  return msg || key;
}

/** The language the browser shows the extension in (one of ours, or English). */
export function uiLanguage(): string {
  const ui = browser.i18n.getUILanguage?.() ?? 'en';
  const base = ui.toLowerCase().split(/[-_]/)[0] ?? 'en';
  if (base === 'no' || base === 'nn') return 'nb';
  return ['en', 'nb', 'ar', 'bn'].includes(base) ? base : 'en';
}

export function textDirection(lang = uiLanguage()): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
