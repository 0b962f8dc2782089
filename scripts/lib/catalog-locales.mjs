// The shipped locale ids, read from `LOCALES` in lib/i18n/catalog.ts, for the plain-Node scripts that cannot
// import TypeScript (the package check, the translation import). Empty when the list cannot be found.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function catalogLocales(root) {
  const source = readFileSync(join(root, 'lib/i18n/catalog.ts'), 'utf8');
  const list = /export const LOCALES = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}
