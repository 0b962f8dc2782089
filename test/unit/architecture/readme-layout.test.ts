import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's "How the code is laid out" block and the tree agree: every folder of lib/, every
 * entrypoint, every background and content module and every top-level folder is named there, and every
 * lib/ folder it names exists. A new module or entrypoint fails here until the README says what it is.
 */
const ROOT = resolve(__dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## How the code is laid out'));
const block = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));

const dirs = (path: string) =>
  readdirSync(join(ROOT, path)).filter((name) => statSync(join(ROOT, path, name)).isDirectory());
const modules = (path: string) =>
  readdirSync(join(ROOT, path))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.replace(/\.ts$/, ''));
const named = (word: string) =>
  new RegExp(`(^|[^\\w-])${word.replace(/[.]/g, '\\.')}([^\\w-]|$)`, 'm').test(block);

describe('README layout section', () => {
  it('is found', () => {
    expect(block.length).toBeGreaterThan(200);
  });

  it.each(dirs('lib'))('names lib/%s/', (dir) => {
    expect(block).toContain(`lib/${dir}/`);
  });

  it('names only lib/ folders that exist', () => {
    for (const [, dir] of block.matchAll(/lib\/([a-z-]+)\//g))
      expect(existsSync(join(ROOT, 'lib', dir!))).toBe(true);
  });

  it.each(readdirSync(join(ROOT, 'entrypoints')).map((e) => e.replace(/\.tsx?$/, '')))(
    'names entrypoint %s',
    (entry) => {
      expect(named(entry) || block.includes(`${entry}/`) || block.includes(`${entry}.ts`)).toBe(true);
    },
  );

  it.each([...modules('lib/background'), ...modules('lib/content')])('names module %s', (module) => {
    expect(named(module)).toBe(true);
  });

  it.each([
    'entrypoints',
    'lib',
    'components',
    'public',
    'test',
    'bench',
    'scripts',
    ...dirs('test').map((d) => d),
  ])('names the folder %s', (dir) => {
    expect(block).toContain(`${dir}/`);
  });
});
