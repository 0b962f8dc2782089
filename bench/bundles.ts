import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Size of each shipped bundle of a build (raw and gzip -9), grouped by what loads it: the background,
 * each page (popup, options, reader) with the chunks its HTML pulls in, and each content script.
 */
export interface Size {
  raw: number;
  gzip: number;
}

const sizeOf = (file: string): Size => {
  const buf = readFileSync(file);
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};
const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** JS files an HTML page loads, following static imports between chunks. */
function pageScripts(outDir: string, html: string): string[] {
  const seen = new Set<string>();
  const queue = [...readFileSync(join(outDir, html), 'utf8').matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(join(outDir, file), 'utf8');
    for (const m of src.matchAll(/(?:import|from)\s*["'](\.{0,2}\/[^"']+\.js)["']/g)) {
      const target = relative(outDir, join(outDir, file, '..', m[1]!));
      queue.push(target);
    }
  }
  return [...seen];
}

export function bundleSizes(outDir: string): Record<string, Size & { files?: number }> {
  const out: Record<string, Size & { files?: number }> = {};
  out.background = sizeOf(join(outDir, 'background.js'));
  for (const html of readdirSync(outDir).filter((f) => f.endsWith('.html'))) {
    const scripts = pageScripts(outDir, html);
    const total = scripts.map((f) => sizeOf(join(outDir, f))).reduce(add, { raw: 0, gzip: 0 });
    out[html.replace(/\.html$/, '')] = { ...total, files: scripts.length };
  }
  const cs = join(outDir, 'content-scripts');
  for (const f of statSafe(cs) ? walk(cs).filter((p) => p.endsWith('.js')) : []) {
    out[`content:${relative(cs, f).replace(/\.js$/, '')}`] = sizeOf(f);
  }
  out.total = walk(outDir).map(sizeOf).reduce(add, { raw: 0, gzip: 0 });
  return out;
}

function statSafe(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
