import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PageLabels, PageResult } from '../detect-page';

/**
 * The page runner and the figures of bench:detect, shared with bench:languages: the shipped detector bundled
 * with esbuild and evaluated in each page in headless Chromium, network and page scripts off. See
 * bench/detect.ts for how pages are served and what the figures mean.
 */

const projectRoot = resolve(import.meta.dirname, '../..');
const PAGE_ORIGIN = 'http://corpus.invalid/';

export interface FieldLabel {
  selector: string;
  reason?: string;
}
export interface ManifestPage {
  file: string;
  is_fragment: boolean;
  url?: string;
  form_type?: string;
  expected_fill: FieldLabel[];
  optional_fill: FieldLabel[];
  must_not_fill: FieldLabel[];
  ambiguous: FieldLabel[];
  /** The refusal message the site shows for a disposable address (language fixtures). */
  refusal_text?: string;
}

export async function bundleDetector(): Promise<string> {
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

export function pageHtml(raw: string, isFragment: boolean): string {
  if (!isFragment) return raw;
  const collapsed = raw.replace(/>\s+</g, '><');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div>${collapsed}</div></body></html>`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per form class: right fills, and the median and lowest score the detector gave them. */
export function confidenceByClass(
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

/** One page's outcome; `visibleText` only when asked for (the refusal check reads it). */
export interface PageRun {
  file: string;
  page: ManifestPage;
  result: PageResult;
  visibleText?: string;
}

/** Headless Chromium with one tab that serves each page from memory; `close` when done. */
export interface PageRunner {
  run(dir: string, pages: ManifestPage[], opts?: { visibleText?: boolean }): Promise<PageRun[]>;
  close(): Promise<void>;
}

export async function openPageRunner(): Promise<PageRunner> {
  const detectorCode = await bundleDetector();
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page: Page = await context.newPage();
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

  return {
    async run(dir, pages, opts = {}) {
      const results: PageRun[] = [];
      for (const [i, p] of pages.entries()) {
        currentHtml = pageHtml(readFileSync(join(dir, p.file), 'utf8'), p.is_fragment);
        await page.goto(p.url ?? `${PAGE_ORIGIN}page/${i}`, { waitUntil: 'domcontentloaded' });
        // Read before the detector runs, so nothing it does could change what the page shows.
        const visibleText = opts.visibleText
          ? await page.evaluate(() => document.body?.innerText ?? '')
          : undefined;
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
        results.push({ file: p.file, page: p, result, ...(opts.visibleText ? { visibleText } : {}) });
      }
      return results;
    },
    close: () => browser.close(),
  };
}

/** The pages of a manifest folder whose files exist. */
export function readPages(dir: string, known: Set<string>): ManifestPage[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] };
  return manifest.pages.filter((p) => known.has(p.file));
}

/** The figures bench:detect prints as JSON, and the pages behind them. */
export function detectFigures(results: PageRun[]) {
  const withExpected = results.filter((r) => r.page.expected_fill.length > 0);
  const withLoginId = results.filter((r) =>
    r.page.must_not_fill.some((m) => m.reason === 'login_identifier'),
  );
  const misses = withExpected.filter((r) => !r.result.filledExpected);
  const badFills = results.filter((r) => r.result.filledMustNot);
  const countReason = (test: (reason: string) => boolean): number =>
    badFills.filter((r) => test(r.result.filledMustNot!)).length;
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
  return { summary, withExpected, misses, badFills };
}
