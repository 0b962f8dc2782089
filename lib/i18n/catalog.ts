/**
 * Every visible string lives in lib/i18n/strings/<area>.json, one entry per key with all four languages side
 * by side, so a string cannot be added in one language and forgotten in another (test/unit/i18n checks it).
 * The build turns them into public _locales/<lang>/messages.json (see wxt.config.ts).
 */
export const LOCALES = ['en', 'nb', 'ar', 'bn'] as const;
export type Locale = (typeof LOCALES)[number];

export interface StringEntry {
  en: string;
  nb: string;
  ar: string;
  bn: string;
  /** Note for translators. */
  description?: string;
  /** chrome.i18n placeholders, e.g. { "count": { "content": "$1" } } */
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type StringTable = Record<string, StringEntry>;

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
    out[key] = {
      message: entry[locale],
      ...(entry.description && locale === 'en' ? { description: entry.description } : {}),
      ...(entry.placeholders ? { placeholders: entry.placeholders } : {}),
    };
  }
  return out;
}
