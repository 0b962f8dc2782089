// Size budgets of the content scripts that go into web pages (run after `npx wxt build && npx wxt build -b
// firefox`): gzip at level 9 with Node's zlib, the measure of bench/bundles.ts and BENCHMARKS.md. Exit 1 when
// a script is over its budget or missing; every figure is printed.
//
// - autofill.js: injected on demand into one frame (context menu, keyboard command, in-field button click);
// - inline-button.js: registered on the sites the person enabled, where it runs on every page load and
//   carries the signup-field detector.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Budgets since issue 12: the detector's words for every language ship in both scripts (leaving one language
// out saves 200 to 700 B gzip; `npm run bench:vocabulary-size`). Issue 12's eleven languages took autofill.js
// from 8,009 to 10,499 B and inline-button.js from 9,193 to 11,701 B, so each budget grew by 3 KB, from 8 and
// 9 KB. A new language must fit in what is left, or the words must start loading per page language.
export const BUDGETS = {
  'content-scripts/autofill.js': 11 * 1024,
  'content-scripts/inline-button.js': 12 * 1024,
};

const root = new URL('..', import.meta.url).pathname;
const targets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['.output/chrome-mv3', '.output/firefox-mv2'];

let failed = false;
for (const target of targets) {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const path = join(root, target, file);
    if (!existsSync(path)) {
      console.error(`${target}/${file}: missing (build first)`);
      failed = true;
      continue;
    }
    const size = gzipSync(readFileSync(path), { level: 9 }).length;
    const over = size > budget;
    failed ||= over;
    const line = `${target}/${file}: ${size} B gzip, budget ${budget} B (${over ? `${size - budget} B over` : `${budget - size} B left`})`;
    if (over) console.error(line);
    else console.log(line);
  }
}
if (failed) process.exit(1);
