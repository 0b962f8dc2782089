import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromiumWithExtension } from './lib/chromium';
import { seedPopupState } from './lib/popup-state';

/**
 * The toolbar popup's window size, in headed Chromium (it needs a display: run under `xvfb-run -a`). Chrome
 * shows a toolbar popup when its page's load event has fired, sized to the page, and resizes it as the page
 * grows. This opens the real popup (`chrome.action.openPopup()`) several times and reports the window's size
 * at the load event, when the inbox was drawn, and every resize, from a probe script added to a copy of the
 * production build (the shipped build is not changed). State: bench:popup's (bench/lib/popup-state.ts), 3
 * mailboxes with 10 messages each.
 *
 * Run: `xvfb-run -a npx tsx bench/popup-window.ts` (builds nothing: uses .output/chrome-mv3). The JSON summary
 * is the last line.
 */

const BUILD_DIR = resolve(process.env.MAYFLY_BENCH_BUILD ?? '.output/chrome-mv3');
const OPENS = Number(process.env.MAYFLY_BENCH_OPENS ?? 5);
const MESSAGES_PER_MAILBOX = 10;

/** Notes the window's size at each step and leaves them in storage once the popup has settled. */
const PROBE = `(() => {
  const steps = [];
  const note = (what) => steps.push({ what, at: Math.round(performance.now()), size: innerWidth + 'x' + innerHeight });
  addEventListener('resize', () => note('resize'));
  addEventListener('load', () => note('load'));
  new PerformanceObserver((list) => {
    if (!list.getEntriesByName('mayfly:inbox-painted').length) return;
    note('inbox drawn');
    setTimeout(() => chrome.storage.local.set({ benchPopupWindow: steps }), 500);
  }).observe({ type: 'mark', buffered: true });
})();`;

interface Step {
  what: string;
  at: number;
  size: string;
}

function probedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mayfly-popup-window-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'bench-window-probe.js'), PROBE);
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  writeFileSync(
    join(dir, 'popup.html'),
    html.replace('<head>', '<head><script src="/bench-window-probe.js"></script>'),
  );
  return dir;
}

async function main(): Promise<void> {
  if (!process.env.DISPLAY) throw new Error('no display: run under `xvfb-run -a`');
  const dir = probedCopy();
  const session = await launchChromiumWithExtension({ headless: false, extensionDir: dir });
  const opens: {
    load: string | null;
    drawn: string | null;
    final: string | null;
    resizesAfterLoad: number;
  }[] = [];
  try {
    const worker = await session.worker();
    await seedPopupState(worker, MESSAGES_PER_MAILBOX);
    const tab = await session.context.newPage();
    await tab.goto('about:blank');
    for (let i = 0; i < OPENS; i++) {
      await tab.bringToFront();
      await worker.evaluate(() => chrome.storage.local.remove('benchPopupWindow'));
      await worker.evaluate(() => chrome.action.openPopup());
      let steps: Step[] | undefined;
      const deadline = Date.now() + 10_000;
      while (!steps && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        steps = (await worker.evaluate(() => chrome.storage.local.get('benchPopupWindow')))
          .benchPopupWindow as Step[] | undefined;
      }
      if (!steps) throw new Error(`open ${i + 1}: the popup never reported`);
      const load = steps.find((s) => s.what === 'load');
      const drawn = steps.find((s) => s.what === 'inbox drawn');
      const after = steps.filter(
        (s) => s.what === 'resize' && load && s.at >= load.at && s.size !== load.size,
      );
      opens.push({
        load: load?.size ?? null,
        drawn: drawn?.size ?? null,
        final: steps.at(-1)?.size ?? null,
        resizesAfterLoad: after.length,
      });
      console.log(`open ${i + 1}: ${steps.map((s) => `${s.what} ${s.at} ms ${s.size}`).join(', ')}`);
      // A popup closes when its window loses focus.
      await tab.bringToFront();
      await tab.mouse.click(5, 5);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ bench: 'popup-window', opens }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
