import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { preactWithoutInnerHtml } from '../../../build/preact-without-inner-html';
import { runTransform } from './run-transform';

const preactPath = createRequire(import.meta.url).resolve('preact');
const preactCode = readFileSync(preactPath, 'utf8');

function transform(code: string, id: string): { code: string } | null {
  return runTransform(preactWithoutInnerHtml(), code, id);
}

describe('Preact without dangerouslySetInnerHTML', () => {
  it('leaves the installed Preact with no innerHTML assignment, and only Preact is touched', () => {
    expect(preactPath).toMatch(/node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/);
    expect(preactCode).toMatch(/\.innerHTML=/);
    const out = transform(preactCode, preactPath)!;
    expect(out.code).not.toMatch(/\.innerHTML\s*=[^=]/);
    expect(out.code).toContain('dangerouslySetInnerHTML is not supported');
    // Everything else of the renderer is as published.
    expect(out.code.length - preactCode.length).toBe(
      '(()=>{throw Error("Mayfly: dangerouslySetInnerHTML is not supported")})()'.length -
        '(t.innerHTML=h.__html)'.length,
    );
    expect(transform(preactCode, '/app/lib/ui/other.ts')).toBeNull();
  });

  it('fails the build when a Preact version no longer has the expected code', () => {
    const changed = preactCode.replace('(t.innerHTML=h.__html)', '(e.innerHTML=h.__html)');
    expect(() => transform(changed, preactPath)).toThrow(/found it 0 times/);
  });
});
