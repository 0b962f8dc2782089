import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPlural, LOCALES, mergeTables, type Locale, type StringTable } from './catalog';

const STRINGS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'strings');

/** Node-side loader (build hook, tests, benches): every strings/<area>.json merged. */
export function loadStringTable(dir = STRINGS_DIR): StringTable {
  const tables: Record<string, StringTable> = {};
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    tables[f] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as StringTable;
  }
  return mergeTables(tables);
}

/**
 * The table as plain text per language, for tests and benches that look a string up to find it on screen: a
 * plural string gives its `other` form (the one shown for most counts).
 */
export function loadTextTable(dir = STRINGS_DIR): Record<string, Record<Locale, string>> {
  const out: Record<string, Record<Locale, string>> = {};
  for (const [key, entry] of Object.entries(loadStringTable(dir))) {
    const texts = {} as Record<Locale, string>;
    for (const l of LOCALES) {
      const message = entry[l];
      texts[l] = isPlural(message) ? message.other : message;
    }
    out[key] = texts;
  }
  return out;
}
