import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, mergeTables, toMessagesJson } from '../../../lib/i18n/catalog';
import { loadStringTable } from '../../../lib/i18n/load-node';

const table = loadStringTable();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

describe('string catalog', () => {
  it('has every key in all four languages, non-empty', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(table)) {
      for (const l of LOCALES) if (!entry[l]?.trim()) missing.push(`${key}.${l}`);
    }
    expect(missing).toEqual([]);
  });

  it('uses the same $n substitutions in every language', () => {
    const bad: string[] = [];
    for (const [key, entry] of Object.entries(table)) {
      const subs = (s: string) =>
        [...s.matchAll(/\$(\d|[A-Za-z_]+)\$?/g)]
          .map((m) => m[0])
          .sort()
          .join(',');
      const en = subs(entry.en);
      for (const l of LOCALES) if (subs(entry[l]) !== en) bad.push(`${key}.${l}`);
    }
    expect(bad).toEqual([]);
  });

  it('refuses a key defined in two areas', () => {
    const e = { en: 'a', nb: 'a', ar: 'a', bn: 'a' };
    expect(() => mergeTables({ a: { k: e }, b: { k: e } })).toThrow(/defined twice/);
  });

  it('emits chrome.i18n messages for each locale', () => {
    const ar = toMessagesJson(table, 'ar') as Record<string, { message: string }>;
    expect(ar.extName?.message).toBe(table.extName?.ar);
  });

  it('defines every key that the code looks up with t()', () => {
    const used = new Set<string>();
    for (const dir of ['entrypoints', 'components', 'lib']) {
      for (const f of sourceFiles(dir)) {
        for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
      }
    }
    const undefinedKeys = [...used].filter((k) => !(k in table));
    expect(undefinedKeys).toEqual([]);
  });
});
