/**
 * Every language's vocabulary, listed once. Adding a language: write `<lang>.ts` (copy the shape of en.ts, every
 * field present, empty lists where the language has nothing), import it here and add it to VOCABULARIES, add
 * fixtures under test/fixtures/languages/<lang>/.
 *
 * Order matters only for the mail's code labels, where the first alternative that matches at a position wins:
 * the languages whose labels exist longest come first so their matches stay what they were.
 *
 * Not here: what is not language. Name attributes (`fname`, `q`), autocomplete tokens, URL path slugs
 * (`/verify`, `/bestaetigen`), ISO currency codes, digit blocks and symbols stay with the matching code
 * (lib/content/detector-vocabulary.ts, lib/core/verification.ts and verification-patterns.ts): they are
 * formats shared by every language, and a translator has nothing to say about them.
 */
import { vocabulary as ar } from './ar';
import { vocabulary as bn } from './bn';
import { vocabulary as de } from './de';
import { vocabulary as en } from './en';
import { vocabulary as es } from './es';
import { vocabulary as fa } from './fa';
import { vocabulary as fr } from './fr';
import { vocabulary as hi } from './hi';
import { vocabulary as id } from './id';
import { vocabulary as it } from './it';
import { vocabulary as ja } from './ja';
import { vocabulary as ko } from './ko';
import { vocabulary as nb } from './nb';
import { vocabulary as nl } from './nl';
import { vocabulary as pl } from './pl';
import { vocabulary as pt } from './pt';
import { vocabulary as ru } from './ru';
import { vocabulary as tr } from './tr';
import { vocabulary as zh } from './zh';
import type { Patterns, Vocabulary } from './types';

export const VOCABULARIES: readonly Vocabulary[] = [
  en,
  nb,
  ar,
  bn,
  de,
  fr,
  es,
  pt,
  it,
  nl,
  pl,
  tr,
  ru,
  ja,
  zh,
  ko,
  hi,
  id,
  fa,
];

type Section = 'detector' | 'refusal' | 'mail';

/** One field of one section, every language's entries in language order, duplicates dropped. */
export function merged<S extends Section>(section: S, field: keyof Vocabulary[S]): string[] {
  const all = VOCABULARIES.flatMap(
    (v) => (v[section] as Readonly<Record<string, Patterns>>)[field as string]!,
  );
  return [...new Set(all)];
}

/** Latin, Arabic, Bengali, Cyrillic, then the rest by code block: the order the lists were written in. */
const SCRIPT_ORDER = [0, 0x600 >> 7, 0x980 >> 7, 0x400 >> 7];

/** Rank of the script of an entry's first letter (regex syntax skipped): what groups entries of one script. */
function scriptOf(entry: string): number {
  const letter = /[^\\[\](){}?*+|^$.\s\d-]/.exec(entry)?.[0] ?? '';
  const code = letter.codePointAt(0) ?? 0;
  const block = code < 0x250 ? 0 : code >> 7;
  const known = SCRIPT_ORDER.indexOf(block);
  return known < 0 ? block : known;
}

/**
 * The merged entries as one alternation, for patterns only ever tested whole (`.test()`), where the order of
 * alternatives does not matter: grouped by script, which compresses better in the content scripts. A pattern
 * that never matches when no language has any entry.
 */
export function alternation<S extends Section>(section: S, field: keyof Vocabulary[S]): string {
  const words = merged(section, field);
  const byScript = words
    .map((word, i) => ({ word, i, script: scriptOf(word) }))
    .sort((a, b) => a.script - b.script || a.i - b.i);
  return words.length ? byScript.map((w) => w.word).join('|') : '(?!)';
}
