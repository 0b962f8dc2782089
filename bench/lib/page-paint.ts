import type { BrowserContext } from 'playwright-core';
import { FIRST_PAINT_KEYS } from '../../lib/storage/keys';

/**
 * Time to a painted extension page, as bench:popup and bench:scale measure it: navigation start → the page is
 * ready (the popup's `mayfly:inbox-painted` mark, or DOMContentLoaded for the empty baseline page) → two
 * animation frames later (that frame has been painted).
 */

/** Set by the popup when its first render from storage is committed. */
export const INBOX_PAINTED_MARK = 'mayfly:inbox-painted';
/** The smallest page in the build (a textarea and a 0.3 KB script): the "empty extension page" baseline. */
export const BASELINE_PAGE = 'offscreen.html';

/**
 * When a page counts as ready: the popup's mark; DOMContentLoaded (the empty baseline); or DOMContentLoaded
 * and one `storage.local.get` of the popup's first-paint keys, sent as the document starts (the baseline that
 * waits for storage as a popup must, and draws nothing).
 */
export type PageReady = 'mark' | 'dom' | 'dom+read';

/**
 * Runs in the page before its own scripts: when the page is ready, waits two animation frames and stores the
 * time. A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
 */
function paintProbe(ready: PageReady): string {
  const record = `requestAnimationFrame(() => requestAnimationFrame(() => { globalThis.__mayflyPainted = performance.now(); }))`;
  if (ready === 'dom')
    return `document.addEventListener('DOMContentLoaded', () => ${record}, { once: true });`;
  if (ready === 'dom+read') {
    const keys = JSON.stringify(FIRST_PAINT_KEYS.map((key) => key.slice('local:'.length)));
    return `{
      const read = chrome.storage.local.get(${keys});
      const loaded = new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      Promise.all([read, loaded]).then(() => ${record});
    }`;
  }
  return `{
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(${JSON.stringify(INBOX_PAINTED_MARK)}).length === 0) return;
      observer.disconnect();
      ${record};
    });
    observer.observe({ type: 'mark', buffered: true });
  }`;
}

export interface PageOpenTiming {
  /** Navigation start → two frames after the page was ready. */
  paintedMs: number;
  /** The popup's mark, when the page set it. */
  markMs: number | null;
  /** DOMContentLoaded: the page's module scripts have been loaded and run. */
  scriptsRunMs: number;
  /** Messages listed (`.messages .list-item`) when the popup had painted; 0 for the baseline. */
  listedMessages: number;
}

/**
 * Opens `url` in a fresh tab and returns ms from navigation start until two frames after the page was ready:
 * ready is the popup's mark, or DOMContentLoaded for the baseline. Also returns the mark's own time.
 */
export async function timePageOpen(
  context: BrowserContext,
  url: string,
  ready: PageReady,
): Promise<PageOpenTiming> {
  const page = await context.newPage();
  try {
    await page.addInitScript(paintProbe(ready));
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (globalThis as { __mayflyPainted?: number }).__mayflyPainted,
      undefined,
      { timeout: 30_000 },
    );
    const paintedMs = (await handle.jsonValue()) as number;
    const [markMs, scriptsRunMs] = await page.evaluate((mark) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return [
        performance.getEntriesByName(mark)[0]?.startTime ?? null,
        navigation.domContentLoadedEventStart,
      ];
    }, INBOX_PAINTED_MARK);
    const listedMessages = ready === 'mark' ? await page.locator('.messages .list-item').count() : 0;
    return { paintedMs, markMs, scriptsRunMs, listedMessages };
  } finally {
    await page.close();
  }
}
