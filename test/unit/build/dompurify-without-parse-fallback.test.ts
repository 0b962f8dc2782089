import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dompurifyWithoutParseFallback } from '../../../build/dompurify-without-parse-fallback';
import { runTransform } from './run-transform';

const purifyPath = createRequire(import.meta.url)
  .resolve('dompurify')
  .replace(/purify\.cjs\.js$/, 'purify.es.mjs');
const purifyCode = readFileSync(purifyPath, 'utf8');

function transform(code: string, id: string): { code: string } | null {
  return runTransform(dompurifyWithoutParseFallback(), code, id);
}

describe('DOMPurify without its innerHTML parse fallback', () => {
  it('removes the one innerHTML assignment and touches only DOMPurify', () => {
    expect(purifyPath).toMatch(/node_modules[\\/]dompurify[\\/]dist[\\/]purify\.es\.mjs$/);
    expect(purifyCode.match(/\.innerHTML\s*=[^=]/g)).toHaveLength(1);
    const out = transform(purifyCode, purifyPath)!;
    expect(out.code).not.toMatch(/\.innerHTML\s*=[^=]/);
    // The DOMParser path, which every Mayfly page uses, is untouched.
    expect(out.code).toContain('new DOMParser().parseFromString(dirtyPayload, PARSER_MEDIA_TYPE)');
    expect(transform(purifyCode, '/app/lib/ui/other.ts')).toBeNull();
  });

  it('fails the build when a DOMPurify version no longer has the expected code', () => {
    const changed = purifyCode.replace('IS_EMPTY_INPUT ? emptyHTML : dirtyPayload;', 'dirtyPayload;');
    expect(() => transform(changed, purifyPath)).toThrow(/found it 0 times/);
  });
});
