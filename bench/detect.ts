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
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { PageLabels, PageResult } from './detect-page';

interface FieldLabel {
  selector: string;
  reason?: string;
}
interface ManifestPage {
  file: string;
  is_fragment: boolean;
  url?: string;
  form_type?: string;
  expected_fill: FieldLabel[];
  optional_fill: FieldLabel[];
  must_not_fill: FieldLabel[];
  ambiguous: FieldLabel[];
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE_ORIGIN = 'http://corpus.invalid/';

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

async function bundleDetector(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { evaluateInPage } from './detect-page';\nglobalThis.__mayflyBench = evaluateInPage;",
      resolveDir: join(projectRoot, 'bench'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    // The shipped build leaves out the detector's explanatory notes; the bench keeps them for its miss table.
    define: { 'import.meta.env.COMMAND': '"bench"' },
    write: false,
  });
  return result.outputFiles[0]!.text;
}

function pageHtml(raw: string, isFragment: boolean): string {
  if (!isFragment) return raw;
  const collapsed = raw.replace(/>\s+</g, '><');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div>${collapsed}</div></body></html>`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per form class: right fills, and the median and lowest score the detector gave them. */
function confidenceByClass(
  pages: { page: ManifestPage; result: PageResult }[],
): Record<string, { fills: number; of: number; median: number; min: number }> {
  const out: Record<string, { fills: number; of: number; median: number; min: number }> = {};
  const classes = [...new Set(pages.map((r) => r.page.form_type ?? 'unknown'))].sort();
  for (const cls of classes) {
    const inClass = pages.filter((r) => (r.page.form_type ?? 'unknown') === cls);
    const scores = inClass.filter((r) => r.result.filledExpected).map((r) => r.result.filledScore ?? 0);
    out[cls] = {
      fills: scores.length,
      of: inClass.length,
      median: round(median(scores), 1),
      min: scores.length ? round(Math.min(...scores), 1) : 0,
    };
  }
  return out;
}

async function main(): Promise<void> {
  const { dir, jsonOut } = parseArgs(process.argv.slice(2));
  if (!dir || !existsSync(join(dir, 'manifest.json'))) {
    console.log('bench:detect: corpus not found, skipped (pass a folder with manifest.json)');
    return;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] };
  const known = new Set(readdirSync(dir));
  const pages = manifest.pages.filter((p) => known.has(p.file));
  const detectorCode = await bundleDetector();

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let currentHtml = '';
  await context.route('**/*', (route) => {
    if (route.request().isNavigationRequest()) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': "script-src 'none'" },
        body: currentHtml,
      });
    }
    return route.abort();
  });

  const results: { file: string; page: ManifestPage; result: PageResult }[] = [];
  for (const [i, p] of pages.entries()) {
    currentHtml = pageHtml(readFileSync(join(dir, p.file), 'utf8'), p.is_fragment);
    await page.goto(p.url ?? `${PAGE_ORIGIN}page/${i}`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(detectorCode);
    const labels: PageLabels = {
      expected: p.expected_fill.map((f) => f.selector),
      optional: p.optional_fill.map((f) => f.selector),
      mustNot: p.must_not_fill.map((f) => ({ selector: f.selector, reason: f.reason ?? 'unknown' })),
      ambiguous: p.ambiguous.map((f) => f.selector),
    };
    const result = await page.evaluate(
      (l) => (globalThis as unknown as { __mayflyBench(l: PageLabels): PageResult }).__mayflyBench(l),
      labels,
    );
    results.push({ file: p.file, page: p, result });
  }
  await browser.close();

  const withExpected = results.filter((r) => r.page.expected_fill.length > 0);
  const withLoginId = results.filter((r) =>
    r.page.must_not_fill.some((m) => m.reason === 'login_identifier'),
  );
  const misses = withExpected.filter((r) => !r.result.filledExpected);
  const badFills = results.filter((r) => r.result.filledMustNot);
  const countReason = (test: (reason: string) => boolean): number =>
    badFills.filter((r) => test(r.result.filledMustNot!)).length;

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

  const summary = {
    pages: results.length,
    unit: 'one fill per page (findSignupEmailField(document))',
    pages_with_expected_fill: withExpected.length,
    recall: round(withExpected.length ? (withExpected.length - misses.length) / withExpected.length : 1),
    login_identifier_fill_rate: round(
      withLoginId.length ? countReason((r) => r === 'login_identifier') / withLoginId.length : 0,
    ),
    login_identifier_fills: countReason((r) => r === 'login_identifier'),
    login_or_signup_fills: countReason((r) => r === 'login_or_signup_identifier'),
    password_fills: countReason((r) => r === 'password'),
    search_fills: countReason((r) => r.startsWith('search')),
    must_not_fills: countReason((r) => r !== 'login_identifier'),
    optional_fills: results.filter((r) => r.result.filledOptional).length,
    ms_per_page_median: round(median(results.map((r) => r.result.ms)), 2),
    confidence: confidenceByClass(withExpected),
  };
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
