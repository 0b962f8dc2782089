import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Guards the layering described in ARCHITECTURE: a pure core, providers that never read storage, content
 * scripts that reach neither storage nor providers (a web page shares their renderer), and components
 * that never touch browser APIs.
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** Project-relative targets of the relative imports of a file, plus its bare package imports. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => {
    const spec = m[1]!;
    return spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec;
  });
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return files(dir).flatMap((f) =>
    importsOf(f)
      .filter(forbidden)
      .map((t) => `${f} -> ${t}`),
  );
}

describe('architecture', () => {
  it('lib/core imports nothing of ours outside core but the vocabulary, and no browser API', () => {
    expect(
      violations(
        'lib/core',
        (t) =>
          (t.startsWith('lib/') && !t.startsWith('lib/core') && !t.startsWith('lib/vocabulary')) ||
          t.startsWith('wxt'),
      ),
    ).toEqual([]);
  });

  it('lib/vocabulary is data: it imports nothing outside itself', () => {
    expect(violations('lib/vocabulary', (t) => !t.startsWith('lib/vocabulary'))).toEqual([]);
  });

  it('providers never read storage or talk to the browser: the key is passed in', () => {
    expect(
      violations(
        'lib/providers',
        (t) => t.startsWith('lib/storage') || t.startsWith('lib/background') || t === 'wxt/browser',
      ),
    ).toEqual([]);
  });

  it('content-script code imports no storage, no providers, no background', () => {
    const bad = (t: string) =>
      t.startsWith('lib/storage') || t.startsWith('lib/providers') || t.startsWith('lib/background');
    expect([
      ...violations('lib/content', bad),
      ...files('entrypoints')
        .filter((f) => f.includes('.content.'))
        .flatMap((f) =>
          importsOf(f)
            .filter(bad)
            .map((t) => `${f} -> ${t}`),
        ),
    ]).toEqual([]);
  });

  it('components never touch browser APIs or storage', () => {
    expect(
      violations(
        'components',
        (t) => t === 'wxt/browser' || t.startsWith('lib/storage') || t.startsWith('lib/background'),
      ),
    ).toEqual([]);
  });

  it('only the background and extension pages import the secrets store', () => {
    const users = files('.')
      .filter((f) => !f.startsWith('node_modules') && !f.startsWith('test') && !f.startsWith('.'))
      .filter((f) => importsOf(f).some((t) => t === 'lib/storage/secrets'));
    expect(users.every((f) => f.startsWith('lib/background') || f.startsWith('entrypoints/options'))).toBe(
      true,
    );
  });
});
