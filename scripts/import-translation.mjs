// Imports a translator's file into the string catalog: `node scripts/import-translation.mjs <locale> <file>`.
//
// <file> is one flat JSON object with every key of lib/i18n/strings/*.json and its message in <locale>
// (a plural string as an object of CLDR categories). The messages are written into each area file next to
// the other languages, in the order of LOCALES in lib/i18n/catalog.ts (add the locale there first). Refuses a
// file with a missing or unknown key; test/unit/i18n checks placeholders and plural forms afterwards.
// `localeId` is filled in with <locale> itself.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogLocales } from './lib/catalog-locales.mjs';

const [locale, file] = process.argv.slice(2);
if (!locale || !file) {
  console.error('usage: node scripts/import-translation.mjs <locale> <file.json>');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const locales = catalogLocales(root);
if (!locales.includes(locale)) {
  console.error(`${locale} is not in LOCALES of lib/i18n/catalog.ts: add it there first`);
  process.exit(2);
}

const incoming = JSON.parse(readFileSync(file, 'utf8'));
const dir = join(root, 'lib/i18n/strings');
const areas = readdirSync(dir).filter((f) => f.endsWith('.json'));
const seen = new Set();
const problems = [];
const updated = new Map();
for (const area of areas) {
  const table = JSON.parse(readFileSync(join(dir, area), 'utf8'));
  for (const [key, entry] of Object.entries(table)) {
    seen.add(key);
    // Not a translation: each messages file names its own locale (see lib/ui/i18n.ts, uiLanguage).
    if (key === 'localeId') incoming[key] = locale;
    if (!(key in incoming)) {
      problems.push(`missing ${key}`);
      continue;
    }
    const next = {};
    for (const l of locales) {
      if (l === locale) next[l] = incoming[key];
      else if (l in entry) next[l] = entry[l];
    }
    for (const [field, value] of Object.entries(entry)) if (!locales.includes(field)) next[field] = value;
    table[key] = next;
  }
  updated.set(area, table);
}
for (const key of Object.keys(incoming)) if (!seen.has(key)) problems.push(`unknown key ${key}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
for (const [area, table] of updated) writeFileSync(join(dir, area), `${JSON.stringify(table, null, 2)}\n`);
console.log(`${locale}: ${Object.keys(incoming).length} messages written into ${updated.size} area files`);
