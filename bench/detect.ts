/**
 * bench:detect: runs the shipped signup-email detector over a labelled form corpus in headless Chromium.
 *
 *   npm run bench:detect -- [corpus-dir] [--json out.json]
 *
 * Each page is served from memory through `page.route` with `script-src 'none'` (page scripts off) and every
 * other request aborted (network off). A page is served at its manifest `url` when it has one (our own probes
 * that test the URL path as page context), otherwise at a neutral address: never at its file name, which in the
 * corpus names the page's category (`…_login.html`) and would hand the detector the answer. Fragments are wrapped in a <div> with whitespace between tags
 * collapsed, as the corpus README describes. lib/content/detector.ts is bundled to an IIFE with esbuild and
 * evaluated in the page, then `findSignupEmailField(document)` picks ONE field per page: that field is the
 * page's "fill".
 *
 * Figures (last line, JSON):
 * - recall: pages with >=1 expected_fill whose fill is one of them / pages with >=1 expected_fill.
 * - login_identifier_fill_rate: pages whose fill is a login_identifier / pages that have a login_identifier.
 * - password_fills, search_fills: pages whose fill is a password / a search box.
 * - must_not_fills: pages whose fill is any other must_not_fill entry (login identifiers counted apart;
 *   login_or_signup_identifier is counted here too, as `login_or_signup_fills`).
 * - ms_per_page_median: median in-page time of one findSignupEmailField call.
 * - confidence: per form_type of the manifest, how sure the right fills were (the detector's score of the
 *   filled expected field: median and lowest), so a loss of certainty shows before it becomes a miss.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFigures, openPageRunner, readPages } from './lib/detect-run';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: string[]): { dir: string | null; jsonOut: string | null } {
  let dir: string | null = null;
  let jsonOut: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') jsonOut = argv[++i] ?? null;
    else dir = argv[i] ?? null;
  }
  if (!dir) {
    const fallback = resolve(projectRoot, '../shared/corpus/forms/dev');
    dir = existsSync(join(fallback, 'manifest.json')) ? fallback : null;
  }
  return { dir: dir ? resolve(dir) : null, jsonOut };
}

async function main(): Promise<void> {
  const { dir, jsonOut } = parseArgs(process.argv.slice(2));
  if (!dir || !existsSync(join(dir, 'manifest.json'))) {
    console.log('bench:detect: corpus not found, skipped (pass a folder with manifest.json)');
    return;
  }
  const pages = readPages(dir, new Set(readdirSync(dir)));
  const runner = await openPageRunner();
  const results = await runner.run(dir, pages);
  await runner.close();

  const { summary, withExpected, misses, badFills } = detectFigures(results);
  console.log(`\nMisses (${misses.length} of ${withExpected.length} pages with expected_fill):`);
  for (const { file, result } of misses) {
    console.log(`- ${file}`);
    console.log(
      `    filled: ${result.filled ?? 'nothing'} ${result.filledKind ?? ''} ${result.filledReasons.join(' ')}`,
    );
    result.expectedSeen.forEach((s) => console.log(`    expected field: ${s}`));
  }
  console.log(`\nFills on must_not_fill fields (${badFills.length}):`);
  for (const { file, result } of badFills) {
    console.log(
      `- ${file}: ${result.filledMustNot} ${result.filled} ${result.filledKind} ${result.filledReasons.join(' ')}`,
    );
  }
  const unmatched = results.filter((r) => r.result.unmatchedSelectors.length);
  if (unmatched.length) {
    console.log(`\nSelectors that matched nothing after wrapping (${unmatched.length} pages):`);
    unmatched.forEach((r) => console.log(`- ${r.file}: ${r.result.unmatchedSelectors.join(', ')}`));
  }
  if (jsonOut)
    writeFileSync(
      jsonOut,
      JSON.stringify(
        results.map((r) => ({ file: r.file, ...r.result })),
        null,
        1,
      ),
    );

  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
