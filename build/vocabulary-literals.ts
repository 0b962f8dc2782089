import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import * as detectorPatterns from '../lib/content/detector-vocabulary';
import * as refusalWords from '../lib/content/refusal-words';
import * as verificationPatterns from '../lib/core/verification-patterns';

/**
 * Ships the vocabulary as regular-expression literals. The pattern modules build their expressions at run time
 * from the per-language word lists (lib/vocabulary), which keeps one file per language; in a build this plugin
 * evaluates those modules once and replaces each with its results, `export const SIGNUP_WORDS = /…/i;`. The
 * bundles then carry exactly the patterns the code tests, and neither the word lists nor the merge code: the
 * content scripts stay within their size budgets (scripts/check-sizes.mjs), and no script gets another's words.
 *
 * The literal is the same expression (`RegExp.prototype.toString` gives source and flags), so behaviour cannot
 * differ between a build and the tests, which run the modules as written. A pattern module that exports
 * anything but expressions and strings fails the build here.
 */
export const PATTERN_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'lib/content/detector-vocabulary.ts': detectorPatterns,
  'lib/content/refusal-words.ts': refusalWords,
  'lib/core/verification-patterns.ts': verificationPatterns,
};

/**
 * The module text that exports the same values as literals, in the order `source` declares them (a namespace
 * lists its exports alphabetically; declaration order keeps related patterns together, which compresses better).
 */
export function literalModule(file: string, exports: Readonly<Record<string, unknown>>, source = ''): string {
  const at = (name: string): number => source.indexOf(`export const ${name} `);
  const names = Object.keys(exports).sort((a, b) => at(a) - at(b));
  const lines = names.map((name) => {
    const value = exports[name];
    if (value instanceof RegExp) return `export const ${name} = ${value.toString()};`;
    if (typeof value === 'string') return `export const ${name} = ${JSON.stringify(value)};`;
    throw new Error(`${file}: export ${name} is neither a RegExp nor a string; it cannot be inlined`);
  });
  return `${lines.join('\n')}\n`;
}

export function vocabularyLiterals(): Plugin {
  return {
    name: 'mayfly:vocabulary-literals',
    enforce: 'pre',
    // Production builds only: `wxt dev` rebuilds on change, and these values were read once, at config load.
    apply: (_config, env) => env.command === 'build' && env.mode === 'production',
    load(id) {
      const path = id.split('?')[0]!.replace(/\\/g, '/');
      const file = Object.keys(PATTERN_MODULES).find((f) => path.endsWith(`/${f}`));
      if (!file) return null;
      return { code: literalModule(file, PATTERN_MODULES[file]!, readFileSync(path, 'utf8')), map: null };
    },
  };
}
