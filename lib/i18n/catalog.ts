/**
 * Every visible string lives in lib/i18n/strings/<area>.json, one entry per key with all languages side by
 * side, so a string cannot be added in one language and forgotten in another (test/unit/i18n checks it).
 * The build turns them into public _locales/<lang>/messages.json (see wxt.config.ts).
 *
 * A string that says a count is written once per plural category of each language (CLDR, as
 * `Intl.PluralRules` reports them: English one/other, Arabic zero/one/two/few/many/other, Japanese only
 * other). chrome.i18n knows no plurals, so the build emits one message per category (`key__one`) and
 * `tCount` in lib/ui/i18n.ts picks the one `Intl.PluralRules` selects.
 */
export const LOCALES = [
  'en',
  'nb',
  'ar',
  'bn',
  'es',
  'de',
  'fr',
  'pt_BR',
  'ru',
  'tr',
  'ja',
  'zh_CN',
  'hi',
  'id',
  'fa',
] as const;
export type Locale = (typeof LOCALES)[number];

/** One form per plural category the language has; `other` is always there. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

export type StringEntry = { [L in Locale]: Message } & {
  /** Note for translators. */
  description?: string;
  /** chrome.i18n placeholders, e.g. { "count": { "content": "$1" } } */
  placeholders?: Record<string, { content: string; example?: string }>;
};

export type StringTable = Record<string, StringEntry>;

/** The separator between a key and its plural category in messages.json (`bgNotifySummaryTitle__few`). */
export const PLURAL_SEPARATOR = '__';

export function isPlural(message: Message): message is PluralForms {
  return typeof message === 'object';
}

/** The BCP 47 tag Intl wants for one of our locale ids (`pt_BR` → `pt-BR`). */
export function intlTag(locale: string): string {
  return locale.replace('_', '-');
}

/** Our locale id for a tag `intlTag` made (`pt-BR` → `pt_BR`): how files per locale are named. */
export function localeId(tag: string): string {
  return tag.replace('-', '_');
}

/** Merges area tables, refusing a key defined twice. */
export function mergeTables(tables: Record<string, StringTable>): StringTable {
  const out: StringTable = {};
  for (const [area, table] of Object.entries(tables)) {
    for (const [key, entry] of Object.entries(table)) {
      if (key in out) throw new Error(`i18n key "${key}" is defined twice (again in ${area})`);
      out[key] = entry;
    }
  }
  return out;
}

/** The chrome.i18n messages.json object for one locale. */
export function toMessagesJson(table: StringTable, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(table)) {
    const extra = {
      ...(entry.description && locale === 'en' ? { description: entry.description } : {}),
      ...(entry.placeholders ? { placeholders: entry.placeholders } : {}),
    };
    const message = entry[locale];
    if (isPlural(message)) {
      for (const [category, text] of Object.entries(message)) {
        out[`${key}${PLURAL_SEPARATOR}${category}`] = { message: text, ...extra };
      }
    } else {
      out[key] = { message, ...extra };
    }
  }
  return out;
}
