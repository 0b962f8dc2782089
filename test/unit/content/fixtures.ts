import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../../fixtures/forms');

/** Loads one of our own small form pages into the current jsdom document. */
export function loadFixture(name: string): Document {
  document.body.innerHTML = readFileSync(join(FIXTURES, name), 'utf8');
  document.title = '';
  return document;
}

export function byId<T extends Element = HTMLInputElement>(
  id: string,
  root: Document | ShadowRoot = document,
): T {
  const el = root.getElementById(id);
  if (!el) throw new Error(`fixture has no #${id}`);
  return el as unknown as T;
}
