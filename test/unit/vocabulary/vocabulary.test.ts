import { describe, expect, it } from 'vitest';
import { literalModule, PATTERN_MODULES } from '../../../build/vocabulary-literals';
import { VOCABULARIES } from '../../../lib/vocabulary';
import { SECTIONS } from '../../../lib/vocabulary/types';

/** The flags each section's entries are compiled with (types.ts): detector and refusal `i`, mail `iu`. */
const FLAGS = { detector: 'i', refusal: 'i', mail: 'iu' } as const;

/**
 * What is wrong with one language's file, judged against the field lists of types.ts: a missing or unknown
 * section or field, a field that is not a list of strings, an entry that does not compile on its own. Runs at
 * run time because a file that skips the type check (a cast, a JavaScript edit) must fail here too.
 */
function problems(vocabulary: unknown): string[] {
  const found: string[] = [];
  if (typeof vocabulary !== 'object' || vocabulary === null) return ['not an object'];
  const whole = vocabulary as Record<string, unknown>;
  if (typeof whole.language !== 'string' || !/^[a-z]{2,3}$/.test(whole.language))
    found.push(`language: ${String(whole.language)} is not a BCP 47 base language`);
  for (const key of Object.keys(whole)) {
    if (key !== 'language' && !(key in SECTIONS)) found.push(`${key}: not a section`);
  }
  for (const [section, fields] of Object.entries(SECTIONS) as [keyof typeof SECTIONS, readonly string[]][]) {
    const words = whole[section];
    if (typeof words !== 'object' || words === null) {
      found.push(`${section}: missing`);
      continue;
    }
    for (const key of Object.keys(words)) {
      if (!fields.includes(key)) found.push(`${section}.${key}: not a field of ${section}`);
    }
    for (const field of fields) {
      const entries = (words as Record<string, unknown>)[field];
      if (entries === undefined) {
        found.push(`${section}.${field}: missing (write [] when the language has nothing)`);
      } else if (!Array.isArray(entries) || entries.some((e) => typeof e !== 'string')) {
        found.push(`${section}.${field}: not a list of strings`);
      } else {
        for (const entry of entries as string[]) {
          const quoted = JSON.stringify(entry);
          try {
            // An entry that matches the empty text would make its whole pattern match everywhere.
            if (new RegExp(`^(?:${entry})$`, FLAGS[section]).test(''))
              found.push(`${section}.${field}: ${quoted} matches the empty text`);
          } catch (error) {
            found.push(`${section}.${field}: ${quoted} does not compile: ${String(error)}`);
          }
          // Without the u flag `\p{L}` is the letters "p{L}", not a class: it compiles and silently misses.
          if (FLAGS[section] === 'i' && /\\[pP]\{/.test(entry))
            found.push(`${section}.${field}: ${quoted} uses \\p{…}, which needs the u flag`);
        }
      }
    }
  }
  return found;
}

describe('vocabulary files', () => {
  it.each(VOCABULARIES.map((v) => [v.language, v] as const))('%s has every field, well formed', (_, v) => {
    expect(problems(v)).toEqual([]);
  });

  it('lists each language once', () => {
    const languages = VOCABULARIES.map((v) => v.language);
    expect(new Set(languages).size).toBe(languages.length);
  });

  it('finds a missing field, a field of the wrong kind, an unknown field and a pattern that does not compile', () => {
    const en = VOCABULARIES.find((v) => v.language === 'en')!;
    const { signup: _dropped, ...detectorWithoutSignup } = en.detector;
    expect(problems({ ...en, detector: detectorWithoutSignup })).toEqual([
      'detector.signup: missing (write [] when the language has nothing)',
    ]);
    expect(problems({ ...en, mail: { ...en.mail, months: 'jan|feb' } })).toEqual([
      'mail.months: not a list of strings',
    ]);
    expect(problems({ ...en, refusal: { ...en.refusal, throwaway: [] } })).toEqual([
      'refusal.throwaway: not a field of refusal',
    ]);
    expect(problems({ ...en, mail: { ...en.mail, codeWords: ['code(s'] } })[0]).toMatch(
      /^mail\.codeWords: "code\(s" does not compile/,
    );
    expect(problems({ ...en, detector: { ...en.detector, login: ['log ?in', '(sign in)?'] } })).toEqual([
      'detector.login: "(sign in)?" matches the empty text',
    ]);
    expect(problems({ ...en, mail: { ...en.mail, months: [''] } })).toEqual([
      'mail.months: "" matches the empty text',
    ]);
    expect(problems({ ...en, refusal: { disposableAddress: [String.raw`\p{L}+ jetable`] } })).toEqual([
      String.raw`refusal.disposableAddress: "\\p{L}+ jetable" uses \p{…}, which needs the u flag`,
    ]);
    const { mail: _mail, ...withoutMail } = en;
    expect(problems(withoutMail)).toEqual(['mail: missing']);
  });
});

describe('merged patterns', () => {
  it('every pattern module compiles and exports only expressions and strings', () => {
    for (const [file, exports] of Object.entries(PATTERN_MODULES)) {
      expect(Object.keys(exports).length, file).toBeGreaterThan(0);
      expect(() => literalModule(file, exports)).not.toThrow();
    }
  });

  it('the build literals are the same expressions as the modules', () => {
    for (const [file, exports] of Object.entries(PATTERN_MODULES)) {
      const text = literalModule(file, exports);
      for (const [name, value] of Object.entries(exports)) {
        const line = text.split('\n').find((l) => l.startsWith(`export const ${name} = `))!;
        const literal = line.slice(`export const ${name} = `.length, -1);
        if (value instanceof RegExp) {
          const parsed = /^\/(.*)\/([a-z]*)$/s.exec(literal)!;
          const rebuilt = new RegExp(parsed[1]!, parsed[2]);
          expect([rebuilt.source, rebuilt.flags], `${file} ${name}`).toEqual([value.source, value.flags]);
        } else {
          expect(JSON.parse(literal), `${file} ${name}`).toBe(value);
        }
      }
    }
  });

  it('a word from each language reaches the merged detector and refusal patterns', async () => {
    const detector = await import('../../../lib/content/detector-vocabulary');
    const { REFUSAL_WORDS } = await import('../../../lib/content/refusal-words');
    expect(detector.SIGNUP_WORDS.test('Opprett konto')).toBe(true); // nb
    expect(detector.SIGNUP_WORDS.test('会員登録')).toBe(true); // ja
    expect(detector.LOGIN_WORDS.test('Войти')).toBe(true); // ru
    expect(detector.SIGNUP_WORDS.test('Войти')).toBe(false);
    expect(REFUSAL_WORDS.test('Les adresses jetables ne sont pas acceptées')).toBe(true); // fr
    expect(REFUSAL_WORDS.test('Wegwerfadressen')).toBe(true); // de
    expect(REFUSAL_WORDS.test('Nous avons envoyé un code')).toBe(false);
  });
});
