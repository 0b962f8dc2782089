import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeTables, type StringTable } from './catalog';

/** Node-side loader (build hook, tests, benches): every strings/<area>.json merged. */
export function loadStringTable(dir = join(dirname(fileURLToPath(import.meta.url)), 'strings')): StringTable {
  const tables: Record<string, StringTable> = {};
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    tables[f] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as StringTable;
  }
  return mergeTables(tables);
}
