/**
 * bench:xss: renders every vector of an unsafe-HTML corpus in the REAL reader page of the built extension,
 * in headless Chromium, and counts what must never happen: script executions, requests to any host, and
 * navigations. Each vector is rendered with remote content blocked (the default) and, when the reader
 * offers it, again after pressing "Load remote content" (then only image requests are allowed).
 *
 *   npx wxt build && npm run bench:xss -- [vectors.json]
 *
 * Default corpus: ../shared/corpus/xss/dev/vectors.json next to the project (skipped if absent).
 * MAYFLY_EXTENSION_DIR overrides the extension directory (default .output/chrome-mv3).
 * The last line of output is the JSON summary.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';
import type { StoredMessage } from '../lib/core/types';
import type { StringTable } from '../lib/i18n/catalog';
import { CHROMIUM, extensionChromiumArgs, seedMail } from '../test/e2e/harness';

interface Vector {
  id: string;
  html: string;
  must_not: string[];
}

interface VectorFindings {
  scripts: string[];
  requests: string[];
  navigations: string[];
  /** Attempts a lower layer (sanitizer) let through and the frame's CSP or sandbox stopped. */
  stoppedByFrame: string[];
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_MAILBOX = 'bench-xss';
/** How long a rendered vector may keep acting (lazy loads, meta refresh 0, CSS fetches) before we move on. */
const SETTLE_MS = 120;
const RENDER_TIMEOUT_MS = 5_000;

function newFindings(): VectorFindings {
  return { scripts: [], requests: [], navigations: [], stoppedByFrame: [] };
}

async function main(): Promise<void> {
  const vectorsPath = resolve(process.argv[2] ?? join(projectRoot, '../shared/corpus/xss/dev/vectors.json'));
  if (!existsSync(vectorsPath)) {
    console.log(`bench:xss skipped: no corpus at ${vectorsPath}`);
    return;
  }
  const extensionDir = resolve(process.env.MAYFLY_EXTENSION_DIR ?? join(projectRoot, '.output/chrome-mv3'));
  if (!existsSync(join(extensionDir, 'reader.html'))) {
    console.error(`bench:xss needs the built extension at ${extensionDir}: run \`npx wxt build\` first.`);
    process.exit(2);
  }
  const corpus = JSON.parse(readFileSync(vectorsPath, 'utf8')) as { vectors: Vector[] };
  const loadRemoteName = englishString('readerLoadRemote');

  const userDataDir = mkdtempSync(join(tmpdir(), 'mayfly-bench-xss-'));
  // Run from a snapshot: a rebuild of .output during the run must not pull files from under the browser.
  const extensionCopy = mkdtempSync(join(tmpdir(), 'mayfly-bench-xss-extension-'));
  cpSync(extensionDir, extensionCopy, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    args: [
      ...extensionChromiumArgs(extensionCopy),
      // Nothing a vector names may resolve, even if every other guard failed.
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
  const deadline = setTimeout(() => {
    console.error('bench:xss timed out');
    process.exit(3);
  }, 15 * 60_000);

  try {
    const summary = await runBench(context, corpus.vectors, loadRemoteName);
    console.log(JSON.stringify(summary));
  } finally {
    clearTimeout(deadline);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(extensionCopy, { recursive: true, force: true });
  }
}

async function runBench(context: BrowserContext, vectors: Vector[], loadRemoteName: string) {
  // BENCH_ONLY=id1,id2 renders just those vectors (for looking into one failure).
  const only = process.env.BENCH_ONLY?.split(',');
  const selected = vectors.filter((v) => !only || only.includes(v.id));
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;

  // Every vector becomes one stored message of one mailbox, exactly as the background would store it.
  const messages: StoredMessage[] = vectors.map((vector, index) => ({
    id: vector.id,
    mailboxId: BENCH_MAILBOX,
    from: { name: 'XSS bench', address: 'bench@mayfly.test' },
    subject: vector.id,
    receivedAt: Date.UTC(2025, 0, 1) + index,
    fetchedAt: Date.UTC(2025, 0, 1) + index,
    seen: false,
    hasBody: true,
    html: vector.html,
    attachments: [],
  }));
  await seedMail(worker, BENCH_MAILBOX, messages);

  let current = newFindings();
  /** The only URL the reader tab may be at, and the only one its mail frame may be at. */
  let expectedReaderUrl = '';
  let phase: 'blocked' | 'remote-allowed' = 'blocked';

  const isExtensionOrInline = (url: string) =>
    url.startsWith(extensionOrigin) || url.startsWith('data:') || url.startsWith('about:');

  // Layer 1 of request detection: route every request; nothing but the extension itself is let through.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isExtensionOrInline(url)) await route.continue();
    else await route.abort('blockedbyclient');
  });
  // Layer 2: every request any frame, worker or page of the profile makes.
  context.on('request', (request) => {
    const url = request.url();
    if (isExtensionOrInline(url)) return;
    if (phase === 'remote-allowed' && request.resourceType() === 'image') return;
    current.requests.push(`${request.resourceType()} ${url.slice(0, 120)}`);
  });
  await detectorSelfTest(context);
  const page = await context.newPage();
  // From here on the bench opens no page itself: a vector that opens a tab or window has navigated.
  context.on('page', (popup) => {
    current.navigations.push(`new page ${popup.url()}`);
    void popup.close();
  });
  page.on('dialog', (dialog) => {
    current.scripts.push(`dialog ${dialog.type()}`);
    void dialog.dismiss();
  });
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame === page.mainFrame()) {
      if (url !== expectedReaderUrl) current.navigations.push(`reader tab -> ${url.slice(0, 120)}`);
    } else if (url !== 'about:srcdoc' && url !== 'about:blank') {
      current.navigations.push(`mail frame -> ${url.slice(0, 120)}`);
    }
  });
  page.on('console', (message) => {
    const text = message.text();
    if (!/Content Security Policy|sandboxed|allow-scripts|allow-forms/i.test(text)) return;
    // Chromium checks the page's CSP when the sanitizer's inert DOMParser documents meet an event-handler
    // attribute; nothing runs there. Only reports from the mail frame mean a layer behind the sanitizer acted.
    if (message.location().url.startsWith(extensionOrigin)) return;
    current.stoppedByFrame.push(text.slice(0, 160));
  });
  await watchScripts(await context.newCDPSession(page), page, (what) => current.scripts.push(what));
  let mailFrameWatch: Promise<'watched' | 'prohibited' | 'unwatched'> = Promise.resolve('unwatched');
  const frameStates = { watched: 0, prohibited: 0, unwatched: 0 };
  const checkFrame = async (vectorId: string) => {
    const state = await mailFrameWatch;
    frameStates[state]++;
    if (state === 'unwatched') unwatched.push(vectorId);
  };
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame())
      mailFrameWatch = watchMailFrame(context, frame, (what) => current.scripts.push(what));
  });

  const failures: string[] = [];
  /** Vectors whose mail frame the script detector could not attach to: their script count is unproven. */
  const unwatched: string[] = [];
  let totals = { scripts: 0, requests: 0, navigations: 0, stoppedByFrame: 0 };
  let controls = 0;
  let controlsRendered = 0;
  const controlsBlank: string[] = [];

  for (const vector of selected) {
    current = newFindings();
    phase = 'blocked';
    expectedReaderUrl = `${extensionOrigin}/reader.html?mailbox=${encodeURIComponent(BENCH_MAILBOX)}&message=${encodeURIComponent(vector.id)}`;
    await page.goto(expectedReaderUrl, { waitUntil: 'load' });
    const frame = await renderedMailFrame(page);
    await page.waitForTimeout(SETTLE_MS);
    if (frame) await checkFrame(vector.id);

    const isControl = vector.must_not.length === 0;
    if (isControl) {
      controls++;
      if (frame && (await frame.locator('.mayfly-mail *, .mayfly-mail').evaluateAll(hasVisibleContent)))
        controlsRendered++;
      else controlsBlank.push(vector.id);
    }

    const loadRemote = page.getByRole('button', { name: loadRemoteName });
    if (await loadRemote.isVisible()) {
      phase = 'remote-allowed';
      await loadRemote.click();
      await renderedMailFrame(page);
      await page.waitForTimeout(SETTLE_MS);
      await checkFrame(vector.id);
    }

    const found = current;
    totals = {
      scripts: totals.scripts + found.scripts.length,
      requests: totals.requests + found.requests.length,
      navigations: totals.navigations + found.navigations.length,
      stoppedByFrame: totals.stoppedByFrame + found.stoppedByFrame.length,
    };
    for (const [label, list] of [
      ['script', found.scripts],
      ['request', found.requests],
      ['navigation', found.navigations],
    ] as const) {
      for (const what of list) failures.push(`FAIL ${vector.id} ${label}: ${what}`);
    }
    if (found.stoppedByFrame.length > 0) {
      console.log(`note ${vector.id}: CSP/sandbox report: ${found.stoppedByFrame[0]}`);
    }
  }

  for (const failure of failures) console.log(failure);
  if (controlsBlank.length > 0) console.log(`benign controls showing nothing: ${controlsBlank.join(', ')}`);
  if (unwatched.length > 0) console.log(`WARNING mail frame not watched for: ${unwatched.join(', ')}`);
  console.log(
    `mail frames: ${frameStates.prohibited} with script execution prohibited by the browser, ` +
      `${frameStates.watched} able to run script (watched), ${frameStates.unwatched} not watched`,
  );
  console.log(
    `${selected.length} vectors; benign controls rendering content: ${controlsRendered}/${controls}; ` +
      `CSP/sandbox reports (attempts a later layer stopped): ${totals.stoppedByFrame}`,
  );
  return {
    vectors: selected.length,
    script_executions: totals.scripts,
    remote_requests: totals.requests,
    navigations: totals.navigations,
    controls_rendered: controlsRendered,
  };
}

/** Waits for the reader to show the mail (frame loaded) or a notice; returns the mail frame, if any. */
async function renderedMailFrame(page: Page): Promise<Frame | null> {
  await page.locator('.mail-view, .reader__notice').first().waitFor({ timeout: RENDER_TIMEOUT_MS });
  const iframe = page.locator('iframe.mail-view__frame');
  if ((await iframe.count()) === 0) return null;
  const frame = await (await iframe.elementHandle())?.contentFrame();
  if (!frame) return null;
  await frame.waitForLoadState('load', { timeout: RENDER_TIMEOUT_MS });
  return frame;
}

/** Runs in the mail frame's isolated world: does the mail show anything at all? */
function hasVisibleContent(elements: Element[]): boolean {
  return elements.some((element) => {
    if (element.classList.contains('mayfly-mail')) return (element.textContent ?? '').trim().length > 0;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
}

/**
 * Script detection through the DevTools protocol: any script compiled in a page world other than the
 * extension's own bundles, any console call from such a world, any dialog. Evaluations by Playwright run in
 * isolated worlds and are ignored.
 */
async function watchScripts(
  session: CDPSession,
  page: Page | null,
  report: (what: string) => void,
): Promise<'watched' | 'prohibited'> {
  /** Page (default) worlds by context id, with the origin they run for. */
  const pageWorlds = new Map<number, string>();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { isDefault?: boolean; type?: string } | undefined;
    if (aux?.isDefault === true || aux?.type === 'default') pageWorlds.set(context.id, context.origin);
    else pageWorlds.delete(context.id);
  });
  session.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
    pageWorlds.delete(executionContextId),
  );
  session.on('Runtime.executionContextsCleared', () => pageWorlds.clear());
  session.on('Debugger.scriptParsed', (script) => {
    const origin = pageWorlds.get(script.executionContextId);
    // The reader page's own bundles and the browser's extension bindings run in the extension's world.
    if (origin === undefined || origin.startsWith('chrome-extension://')) return;
    report(`script compiled in ${origin || 'an opaque origin'} ${script.url.slice(0, 80)}`);
  });
  session.on('Runtime.consoleAPICalled', (call) => {
    const origin = pageWorlds.get(call.executionContextId);
    if (origin !== undefined && !origin.startsWith('chrome-extension://'))
      report(`console.${call.type} in ${origin}`);
  });
  session.on('Page.javascriptDialogOpening', (dialog) => report(`dialog ${dialog.type}`));
  session.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
    const origin = pageWorlds.get(exceptionDetails.executionContextId ?? -1);
    if (origin !== undefined && !origin.startsWith('chrome-extension://')) report(`exception in ${origin}`);
  });
  await session.send('Runtime.enable');
  await session.send('Page.enable');
  let scriptingProhibited = false;
  try {
    await session.send('Debugger.enable');
  } catch (error) {
    // Chromium refuses a debugger where the frame may not run script at all: the best possible answer.
    if (!/Script execution is prohibited/i.test(String(error))) throw error;
    scriptingProhibited = true;
  }
  if (page) await page.mainFrame().waitForLoadState();
  return scriptingProhibited ? 'prohibited' : 'watched';
}

/**
 * The sandboxed mail frame runs in its own process (an out-of-process iframe), out of sight of the reader
 * page's session: watch it through its own. Enabling the debugger replays every script already compiled
 * there, so attaching once the frame has navigated misses nothing. Chromium refuses the debugger outright
 * in a frame that may not run script ('prohibited'), which is the answer we hope for.
 */
async function watchMailFrame(
  context: BrowserContext,
  frame: Frame,
  report: (what: string) => void,
): Promise<'watched' | 'prohibited' | 'unwatched'> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await watchScripts(await context.newCDPSession(frame), null, report);
    } catch {
      if (frame.isDetached()) return 'unwatched';
      await new Promise((done) => setTimeout(done, 25));
    }
  }
  return 'unwatched';
}

/**
 * Proves the detectors can see what they count: a throwaway page (not the extension) runs an inline
 * handler in a child frame, makes a request and navigates; each counter must move.
 */
async function detectorSelfTest(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  const seen = { scripts: 0, requests: 0 };
  await watchScripts(await context.newCDPSession(page), page, () => seen.scripts++);
  page.on('request', (request) => {
    if (request.url().startsWith('http')) seen.requests++;
  });
  page.on('dialog', (dialog) => void dialog.dismiss());
  await page.setContent(
    '<iframe srcdoc="<img src=x onerror=console.log(1)>"></iframe><img src="https://self-test.invalid/x.png">',
  );
  await page.waitForTimeout(300);
  await page.close();
  if (seen.scripts === 0 || seen.requests === 0) {
    throw new Error(
      `bench:xss detector self-test failed (scripts ${seen.scripts}, requests ${seen.requests})`,
    );
  }
  console.log(`detector self-test ok (scripts ${seen.scripts}, requests ${seen.requests})`);
}

function englishString(key: string): string {
  const table = JSON.parse(
    readFileSync(join(projectRoot, 'lib/i18n/strings/reader.json'), 'utf8'),
  ) as StringTable;
  const entry = table[key];
  if (!entry || typeof entry.en !== 'string') throw new Error(`missing string ${key}`);
  return entry.en;
}

await main();
