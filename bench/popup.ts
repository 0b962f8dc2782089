import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumWithExtension } from './lib/chromium';
import {
  BASELINE_PAGE,
  INBOX_PAINTED_MARK,
  timePageOpen,
  type PageOpenTiming,
  type PageReady,
} from './lib/page-paint';
import { seedPopupState } from './lib/popup-state';
import { percentile } from './lib/stats';

/**
 * How fast the toolbar popup shows the inbox, in the production build (.output/chrome-mv3) in headless
 * Chromium, next to a nearly empty page of the same extension.
 *
 * - State: 3 mailboxes with 10 messages each (MAYFLY_BENCH_MESSAGES), bodies included, seeded into
 *   storage.local through the service worker. The APIs point at a closed local port, so background polls
 *   fail at once instead of reaching out.
 * - Popup figure: navigation start -> the popup's `mayfly:inbox-painted` mark (set when the first render
 *   from storage is committed) -> two animation frames later (that frame has been painted).
 * - Baseline: `offscreen.html`, the smallest page in the build (a textarea and a 0.3 KB script that imports
 *   the browser polyfill): navigation start -> DOMContentLoaded (its script has run) -> two animation frames.
 * - Second baseline, for reading only (the target is against the first): the same page, ready when
 *   DOMContentLoaded has fired and one `storage.local.get` of the popup's first-paint keys, sent as the
 *   document starts, has answered. No page that shows stored data can be ready sooner; the popup against it
 *   shows what the popup's own work costs.
 * - Each page is opened in a fresh tab, 30 times (MAYFLY_BENCH_OPENS), popup and baselines alternating; one
 *   unrecorded warm-up of each first.
 * - JS size: the files popup.html loads before the first paint (its scripts, and for module scripts their
 *   preloads and static imports), raw and gzip -9 per file, summed. The popup's one classic script carries
 *   the lazily used mail view and QR code too.
 *
 * Run: `npx tsx bench/popup.ts` (builds with `npx wxt build` when the build is missing or predates the mark).
 * The JSON summary is the last line.
 */

const BUILD_DIR = resolve(process.env.MAYFLY_BENCH_BUILD ?? '.output/chrome-mv3');
/** Opens of each page; MAYFLY_BENCH_OPENS overrides (the median steadies with more). */
const OPENS = Number(process.env.MAYFLY_BENCH_OPENS ?? 30);
/** Messages per mailbox; MAYFLY_BENCH_MESSAGES overrides (bench:scale keeps 20). */
const MESSAGES_PER_MAILBOX = Number(process.env.MAYFLY_BENCH_MESSAGES ?? 10);

interface PopupFigures {
  popup: {
    paint_ms_median: number;
    empty_page_ms_median: number;
    opens: number;
    js_gzip_bytes: number;
    js_raw_bytes: number;
    mark_ms_median: number;
    scripts_run_ms_median: number;
    paint_ms_p90: number;
    empty_page_ms_p90: number;
    paint_vs_empty: number;
    baseline_page: string;
    read_page_ms_median: number;
    paint_vs_read_page: number;
  };
}

/** The popup's scripts as built, joined, or null when there is no build. */
function popupScriptSource(): string | null {
  const html = join(BUILD_DIR, 'popup.html');
  if (!existsSync(html)) return null;
  const sources = [...readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) =>
    readFileSync(join(BUILD_DIR, m[1]!.replace(/^\//, '')), 'utf8'),
  );
  return sources.length > 0 ? sources.join('\n') : null;
}

function ensureBuild(): void {
  if (popupScriptSource()?.includes(INBOX_PAINTED_MARK)) return;
  console.log('building the production extension: npx wxt build');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  if (!popupScriptSource()?.includes(INBOX_PAINTED_MARK)) {
    throw new Error(`the built popup sets no ${INBOX_PAINTED_MARK} mark`);
  }
}

/** Every JS file the popup loads before it can paint: the entry, modulepreloads and static imports. */
function popupScripts(): string[] {
  const html = readFileSync(join(BUILD_DIR, 'popup.html'), 'utf8');
  const queue = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g),
  ].map((m) => posix.normalize(m[1]!.replace(/^\//, '')));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(BUILD_DIR, file), 'utf8');
    // Static imports only (`import{x}from"./a.js"`, `import"./b.js"`); `import("./c.js")` is lazy.
    for (const m of source.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
      queue.push(posix.normalize(posix.join(dirname(file), m[1]!)));
    }
  }
  return [...seen];
}

function jsSize(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(BUILD_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Opens the page once and checks that the popup listed every message of the active mailbox. */
async function timeOpen(context: BrowserContext, url: string, ready: PageReady): Promise<PageOpenTiming> {
  const timing = await timePageOpen(context, url, ready);
  if (ready === 'mark' && timing.listedMessages !== MESSAGES_PER_MAILBOX)
    throw new Error(`popup painted ${timing.listedMessages} messages, not ${MESSAGES_PER_MAILBOX}`);
  return timing;
}

const median = (values: number[]) => percentile(values, 50);
const round1 = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  ensureBuild();
  const scripts = popupScripts();
  const size = jsSize(scripts);

  const session = await launchChromiumWithExtension({ headless: true, extensionDir: BUILD_DIR });
  const paint: number[] = [];
  const marks: number[] = [];
  const scriptsRun: number[] = [];
  const empty: number[] = [];
  const readPage: number[] = [];
  try {
    const worker = await session.worker();
    await seedPopupState(worker, MESSAGES_PER_MAILBOX);
    const prefix = `chrome-extension://${session.extensionId}/`;
    await timeOpen(session.context, prefix + 'popup.html', 'mark');
    await timeOpen(session.context, prefix + BASELINE_PAGE, 'dom');
    await timeOpen(session.context, prefix + BASELINE_PAGE, 'dom+read');
    for (let i = 0; i < OPENS; i++) {
      const popup = await timeOpen(session.context, prefix + 'popup.html', 'mark');
      paint.push(popup.paintedMs);
      if (popup.markMs !== null) marks.push(popup.markMs);
      scriptsRun.push(popup.scriptsRunMs);
      empty.push((await timeOpen(session.context, prefix + BASELINE_PAGE, 'dom')).paintedMs);
      readPage.push((await timeOpen(session.context, prefix + BASELINE_PAGE, 'dom+read')).paintedMs);
    }
  } finally {
    await session.close();
  }

  const figures: PopupFigures = {
    popup: {
      paint_ms_median: round1(median(paint)),
      empty_page_ms_median: round1(median(empty)),
      opens: OPENS,
      js_gzip_bytes: size.gzip,
      js_raw_bytes: size.raw,
      mark_ms_median: round1(median(marks)),
      scripts_run_ms_median: round1(median(scriptsRun)),
      paint_ms_p90: round1(percentile(paint, 90)),
      empty_page_ms_p90: round1(percentile(empty, 90)),
      paint_vs_empty: Math.round((median(paint) / median(empty)) * 100) / 100,
      baseline_page: BASELINE_PAGE,
      read_page_ms_median: round1(median(readPage)),
      paint_vs_read_page: Math.round((median(paint) / median(readPage)) * 100) / 100,
    },
  };
  const p = figures.popup;
  console.log(`popup JS before first paint: ${scripts.join(', ')}`);
  console.log(`  ${p.js_raw_bytes} bytes raw, ${p.js_gzip_bytes} bytes gzip -9`);
  console.log(
    `popup painted (median of ${OPENS}): ${p.paint_ms_median} ms (p90 ${p.paint_ms_p90}; mark at ${p.mark_ms_median} ms, scripts run by ${p.scripts_run_ms_median} ms)`,
  );
  console.log(
    `empty page ${BASELINE_PAGE} painted (median of ${OPENS}): ${p.empty_page_ms_median} ms (p90 ${p.empty_page_ms_p90})`,
  );
  console.log(`popup / empty page: ${p.paint_vs_empty}x; target <= 150 ms and <= 2x`);
  console.log(
    `empty page that first reads the popup's state (median of ${OPENS}): ${p.read_page_ms_median} ms; popup / that page: ${p.paint_vs_read_page}x`,
  );
  console.log(`all popup opens (ms): ${paint.map(round1).join(' ')}`);
  console.log(`all empty-page opens (ms): ${empty.map(round1).join(' ')}`);
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
