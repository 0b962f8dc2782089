/**
 * What each language's detector and refusal words cost the content scripts that carry them.
 *
 *   npx wxt build && npm run bench:vocabulary-size -- [output dir]      (default .output/chrome-mv3)
 *
 * Leave one out: for each language of lib/vocabulary, the detector and refusal patterns are built again
 * without it, their literals in the built autofill.js and inline-button.js are swapped for those, and the
 * script is gzipped (level 9, the measure of scripts/check-sizes.mjs). The difference is what that language
 * costs now; the mail words cost the content scripts nothing (they go to the background only). Last line JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { VOCABULARIES } from '../lib/vocabulary';
import type { Vocabulary } from '../lib/vocabulary/types';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.cwd(), process.argv[2] ?? join(root, '.output/chrome-mv3'));
const SCRIPTS = ['content-scripts/autofill.js', 'content-scripts/inline-button.js'] as const;
const MODULES = ['../lib/content/detector-vocabulary.ts', '../lib/content/refusal-words.ts'];

type Patterns = Record<string, unknown>;

let instance = 0;
/** Fresh instances of the pattern modules, built from VOCABULARIES as it is now. */
async function patterns(): Promise<Patterns[]> {
  instance++;
  return Promise.all(MODULES.map((m) => import(`${m}?instance=${instance}`) as Promise<Patterns>));
}

const gzip = (text: string): number => gzipSync(text, { level: 9 }).length;

/** The script with every pattern literal of `from` replaced by the same export of `to`. */
function swapped(script: string, from: Patterns[], to: Patterns[]): { text: string; swaps: number } {
  let text = script;
  let swaps = 0;
  from.forEach((module, i) => {
    for (const [name, value] of Object.entries(module)) {
      const replacement = to[i]![name];
      if (!(value instanceof RegExp) || !(replacement instanceof RegExp)) continue;
      const literal = value.toString();
      if (!text.includes(literal)) continue;
      text = text.replace(literal, () => replacement.toString());
      swaps++;
    }
  });
  return { text, swaps };
}

/** Characters of a language's detector and refusal entries (UTF-8 bytes). */
function wordBytes(v: Vocabulary): number {
  const entries = [...Object.values(v.detector), ...Object.values(v.refusal)].flat();
  return Buffer.byteLength(entries.join('|'));
}

async function main(): Promise<void> {
  if (!SCRIPTS.every((s) => existsSync(join(outDir, s)))) {
    console.log(`bench:vocabulary-size: no build in ${outDir} (run npx wxt build first), skipped`);
    return;
  }
  const scripts = Object.fromEntries(SCRIPTS.map((s) => [s, readFileSync(join(outDir, s), 'utf8')]));
  const full = await patterns();
  const list = VOCABULARIES as Vocabulary[];
  const rows: Record<string, { wordBytes: number } & Record<string, number>> = {};
  for (const vocabulary of [...list]) {
    const at = list.indexOf(vocabulary);
    list.splice(at, 1);
    const without = await patterns();
    list.splice(at, 0, vocabulary);
    const row: { wordBytes: number } & Record<string, number> = { wordBytes: wordBytes(vocabulary) };
    for (const script of SCRIPTS) {
      const { text, swaps } = swapped(scripts[script]!, full, without);
      if (swaps === 0) throw new Error(`${script}: no pattern literal found; is ${outDir} a current build?`);
      row[script] = gzip(scripts[script]!) - gzip(text);
    }
    rows[vocabulary.language] = row;
  }
  const sizes = Object.fromEntries(SCRIPTS.map((s) => [s, gzip(scripts[s]!)]));
  console.log(`bench:vocabulary-size on ${outDir}: gzip bytes each language adds (leave one out)\n`);
  console.log(
    `${'lang'.padEnd(6)}${'words B'.padStart(9)}${'autofill'.padStart(10)}${'inline-button'.padStart(15)}`,
  );
  for (const [lang, row] of Object.entries(rows)) {
    console.log(
      `${lang.padEnd(6)}${String(row.wordBytes).padStart(9)}` +
        `${String(row[SCRIPTS[0]]).padStart(10)}${String(row[SCRIPTS[1]]).padStart(15)}`,
    );
  }
  for (const script of SCRIPTS) console.log(`${script}: ${sizes[script]} B gzip in all`);
  console.log(JSON.stringify({ outDir, sizes, perLanguage: rows }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
