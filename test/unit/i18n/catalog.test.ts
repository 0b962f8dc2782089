import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  intlTag,
  isPlural,
  localeId,
  LOCALES,
  mergeTables,
  toMessagesJson,
  type Message,
  type StringEntry,
} from '../../../lib/i18n/catalog';
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
  it('has every key in every language, non-empty', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(table)) {
      for (const l of LOCALES) {
        const message = entry[l] as Message | undefined;
        const forms = message === undefined ? [] : isPlural(message) ? Object.values(message) : [message];
        if (forms.length === 0 || forms.some((f) => typeof f !== 'string' || !f.trim()))
          missing.push(`${key}.${l}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives a counted string exactly the plural forms each language has', () => {
    const bad: string[] = [];
    for (const [key, entry] of Object.entries(table)) {
      if (!LOCALES.some((l) => isPlural(entry[l]))) continue;
      for (const l of LOCALES) {
        const message = entry[l];
        const wanted = new Intl.PluralRules(intlTag(l)).resolvedOptions().pluralCategories.slice().sort();
        const given = isPlural(message) ? Object.keys(message).sort() : ['(not plural)'];
        if (given.join() !== wanted.join())
          bad.push(`${key}.${l}: has ${given.join()}, needs ${wanted.join()}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('uses the same $n substitutions in every language', () => {
    const subs = (s: string) =>
      [...s.matchAll(/\$(\d|[A-Za-z_]+)\$?/g)]
        .map((m) => m[0])
        .sort()
        .join(',');
    const bad: string[] = [];
    for (const [key, entry] of Object.entries(table)) {
      const en = entry.en;
      const wanted = subs(isPlural(en) ? en.other : en);
      for (const l of LOCALES) {
        const message = entry[l];
        if (!isPlural(message)) {
          if (subs(message) !== wanted) bad.push(`${key}.${l}`);
          continue;
        }
        // The `other` form says every value; "one", "two" and "zero" may spell the count out as words
        // (Arabic "رسالتان"), so they may leave $1 out, but never another value.
        if (subs(message.other) !== wanted) bad.push(`${key}.${l}.other`);
        for (const [category, form] of Object.entries(message)) {
          const givenSubs = subs(form).split(',').filter(Boolean);
          const allowed = wanted.split(',').filter(Boolean);
          const required = ['zero', 'one', 'two'].includes(category)
            ? allowed.filter((s) => s !== '$1')
            : allowed;
          if (givenSubs.some((s) => !allowed.includes(s)) || required.some((s) => !givenSubs.includes(s)))
            bad.push(`${key}.${l}.${category}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps the name and description within the stores' limits in every language", () => {
    const tooLong: string[] = [];
    for (const l of LOCALES) {
      const name = table.extName?.[l];
      const description = table.extDescription?.[l];
      if (typeof name !== 'string' || [...name].length > 75) tooLong.push(`extName.${l}`);
      if (typeof description !== 'string' || [...description].length > 132)
        tooLong.push(`extDescription.${l}`);
    }
    expect(tooLong).toEqual([]);
  });

  it('turns a locale id into its Intl tag and back', () => {
    expect(intlTag('pt_BR')).toBe('pt-BR');
    for (const locale of LOCALES) expect(localeId(intlTag(locale))).toBe(locale);
  });

  it('refuses a key defined in two areas', () => {
    const e = Object.fromEntries(LOCALES.map((l) => [l, 'a'])) as unknown as StringEntry;
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

  // A string nothing shows still costs every translator a sentence in fifteen languages. Keys are looked for
  // as written anywhere in the code or the build config (t('key'), maps of reasons to keys, __MSG_key__).
  it('ships no string that no code names', () => {
    const code = ['entrypoints', 'components', 'lib']
      .flatMap(sourceFiles)
      .concat('wxt.config.ts')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unnamed = Object.keys(table).filter((key) => !code.includes(key));
    expect(unnamed).toEqual([]);
  });
});
