import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { ProviderId, StoredMessage } from '../../lib/core/types';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/core/settings';

/**
 * Real-browser harness: the built extension (e2e variant, see wxt.config.ts) in headless Debian Chromium,
 * driven through playwright-core. No test tool downloads a browser.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const E2E_CHROME_DIR = resolve('.output-e2e/chrome-mv3');
export const E2E_FIREFOX_DIR = resolve('.output-e2e/firefox-mv2');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The current service worker (a new one after a restart). */
  worker(): Promise<Worker>;
  /** Opens an extension page, e.g. 'popup.html'. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** UI language (Chromium's --lang), e.g. 'ar'. */
  lang?: string;
  /** Defaults to the e2e build of the Chrome extension. */
  extensionDir?: string;
  /** Tests always run headless; the demo shows a window when there is a display. */
  headless?: boolean;
  /** null: the page fills the window (a headed window of a given size). */
  viewport?: { width: number; height: number } | null;
  /** More Chromium flags (the store screenshots' headed window: its size, dark mode). */
  args?: string[];
  /** The profile's starting preferences (Default/Preferences), e.g. `{ translate: { enabled: false } }`. */
  preferences?: Record<string, unknown>;
}

/**
 * Chromium flags for a run with exactly one unpacked extension and none of the browser's own background
 * traffic (sync, updates, first-run pages). Every Chromium launch of tests and benchmarks uses these.
 */
export function extensionChromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const ext = opts.extensionDir ?? E2E_CHROME_DIR;
  const userDataDir = mkdtempSync(join(tmpdir(), 'mayfly-e2e-'));
  if (opts.preferences) {
    mkdirSync(join(userDataDir, 'Default'));
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(opts.preferences));
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ...(opts.viewport !== undefined ? { viewport: opts.viewport } : {}),
    ...(opts.lang ? { locale: opts.lang } : {}),
    args: [
      ...extensionChromiumArgs(ext),
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ...(opts.args ?? []),
    ],
  });
  let first = context.serviceWorkers()[0];
  try {
    first ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  } catch (error) {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const extensionId = new URL(first.url()).host;
  const prefix = `chrome-extension://${extensionId}/`;

  return {
    context,
    extensionId,
    async worker() {
      const live = context.serviceWorkers().filter((w) => w.url().startsWith(prefix));
      return live.at(-1) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    },
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(prefix + path);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The extension's own defaults (a pure module, so Node code seeds exactly what the extension holds). */
export const EXTENSION_DEFAULT_SETTINGS: Settings = DEFAULT_SETTINGS;

/** Points the extension at an API (as Options would) and stores the key in the secrets store. */
export async function configure(
  s: ExtensionSession,
  cfg: { provider: ProviderId; baseUrl: string; apiKey?: string; settings?: Partial<Settings> },
): Promise<void> {
  const w = await s.worker();
  await w.evaluate(
    async ({ provider, baseUrl, apiKey, patch, defaults }) => {
      const { settings: current } = (await chrome.storage.local.get('settings')) as { settings?: Settings };
      const base: Settings = current ?? defaults;
      const next = { ...base, ...patch, provider, baseUrls: { ...base.baseUrls, [provider]: baseUrl } };
      await chrome.storage.local.set({ settings: next });
      if (apiKey !== undefined) {
        await new Promise<void>((res, rej) => {
          const req = indexedDB.open('mayfly-secrets', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('secrets');
          req.onerror = () => rej(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction('secrets', 'readwrite');
            // Bound to the API's origin, as saveApiKey stores it (lib/storage/secrets.ts).
            tx.objectStore('secrets').put(
              { key: apiKey, origin: new URL(baseUrl).origin },
              `apiKey:${provider}`,
            );
            tx.oncomplete = () => res();
            tx.onerror = () => rej(tx.error);
          };
        });
      }
    },
    {
      provider: cfg.provider,
      baseUrl: cfg.baseUrl,
      apiKey: cfg.apiKey,
      patch: cfg.settings ?? {},
      defaults: EXTENSION_DEFAULT_SETTINGS,
    },
  );
}

/** Where a fill through the context menu happens: the tab and, when it is not the top one, the frame. */
export interface FillMenuTarget {
  /** A match pattern for `tabs.query` that finds exactly the tab. */
  tabUrl: string;
  /** The page URL the menu reports. */
  pageUrl: string;
  frame?: { frameId: number; frameUrl: string };
  /** The entry clicked; "Fill a new disposable address" unless said. */
  menuItemId?: string;
}

/**
 * Runs the background's real context-menu listener for one entry ("Fill with a new address" by default), as
 * a click on the native menu entry would: a headless browser has no menu to click (lab/RECIPE.md). Throws when no tab matches.
 */
export async function clickFillMenu(s: ExtensionSession, target: FillMenuTarget): Promise<void> {
  const w = await s.worker();
  await w.evaluate(async ({ tabUrl, pageUrl, frame, menuItemId = 'mayfly-fill-new' }) => {
    const [tab] = await chrome.tabs.query({ url: tabUrl });
    if (!tab) throw new Error(`no tab matches ${tabUrl}`);
    (chrome.contextMenus.onClicked as unknown as { dispatch: (i: unknown, t: unknown) => void }).dispatch(
      { menuItemId, frameId: 0, pageUrl, editable: true, ...frame },
      tab,
    );
  }, target);
}

/** Reads one storage.local key through the worker. */
export async function readStorage<T>(s: ExtensionSession, key: string): Promise<T | undefined> {
  const w = await s.worker();
  return w.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T | undefined>;
}

/** Notifications the extension has raised and not cleared (works headless). */
export async function notifications(s: ExtensionSession): Promise<Record<string, unknown>> {
  const w = await s.worker();
  return w.evaluate(() => chrome.notifications.getAll());
}

/**
 * Stops the service worker as Chrome does when idle. A CDP client keeps a worker alive, so close its target
 * from the browser session (lab/RECIPE.md); an extension event then starts a fresh one.
 */
export async function stopServiceWorker(s: ExtensionSession): Promise<void> {
  const browser = s.context.browser();
  const cdp = browser
    ? await browser.newBrowserCDPSession()
    : await s.context.newCDPSession(await s.context.newPage());
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  for (const t of targetInfos) {
    if (t.type === 'service_worker' && t.url.includes(s.extensionId)) {
      await cdp.send('Target.closeTarget', { targetId: t.targetId });
    }
  }
  await cdp.detach();
}

/**
 * A mailbox's stored mail as the extension keeps it (storage v2): its summaries from storage.local joined
 * with their bodies from the extension's IndexedDB, read inside the worker. Newest first.
 */
export async function storedMail(s: ExtensionSession, mailboxId: string): Promise<StoredMessage[]> {
  const w = await s.worker();
  return w.evaluate(async (id) => {
    const key = `inbox:${id}`;
    const summaries = ((await chrome.storage.local.get(key))[key] ?? []) as (StoredMessage & {
      attachmentCount: number;
      size: number;
    })[];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('mayfly-mail');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      const bodies = await new Promise<
        { id: string; text?: string; html?: string; attachments: unknown[] }[]
      >((resolve, reject) => {
        if (!db.objectStoreNames.contains('bodies')) return resolve([]);
        const req = db
          .transaction('bodies')
          .objectStore('bodies')
          .getAll(IDBKeyRange.bound([id], [id, []]));
        req.onsuccess = () => resolve(req.result as never);
        req.onerror = () => reject(req.error);
      });
      const byId = new Map(bodies.map((b) => [b.id, b]));
      return summaries.map(({ attachmentCount: _a, size: _s, ...m }) => {
        const b = byId.get(m.id);
        return {
          ...m,
          ...(b?.text !== undefined ? { text: b.text } : {}),
          ...(b?.html !== undefined ? { html: b.html } : {}),
          attachments: (b?.attachments ?? []) as StoredMessage['attachments'],
        };
      });
    } finally {
      db.close();
    }
  }, mailboxId);
}

/**
 * Stores mail in a running extension the way its background does (storage v2): summaries and counts in
 * storage.local, bodies in the extension's IndexedDB. For journeys that need mail without sending it.
 */
export async function seedMail(worker: Worker, mailboxId: string, messages: StoredMessage[]): Promise<void> {
  await worker.evaluate(
    async ({ id, list }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('mayfly-mail', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('bodies', { keyPath: ['mailboxId', 'id'] });
          req.result.createObjectStore('pending', { keyPath: 'mailboxId' });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('bodies', 'readwrite');
        for (const m of list)
          tx.objectStore('bodies').put({
            mailboxId: id,
            id: m.id,
            text: m.text,
            html: m.html,
            attachments: m.attachments,
          });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      const summaries = list.map(({ text, html, attachments, ...m }) => ({
        ...m,
        mailboxId: id,
        attachmentCount: attachments.length,
        size: (text?.length ?? 0) + (html?.length ?? 0),
      }));
      const { mailCounts = {} } = (await chrome.storage.local.get('mailCounts')) as {
        mailCounts?: Record<string, unknown>;
      };
      await chrome.storage.local.set({
        [`inbox:${id}`]: summaries,
        mailCounts: {
          ...mailCounts,
          [id]: {
            total: summaries.length,
            unread: summaries.filter((m) => !m.seen).length,
            size: summaries.reduce((n, m) => n + m.size, 0),
          },
        },
      });
    },
    { id: mailboxId, list: messages },
  );
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
  check: () => Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: T;
  do {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  } while (Date.now() < deadline);
  throw new Error(
    `condition not met in ${opts.timeoutMs ?? 20_000} ms (last value: ${JSON.stringify(last)})`,
  );
}

/** The privileged protocol from an extension page, raw reply (`{ res }` or `{ err }`): one implementation, in bench/lib. */
export { sendToBackground as callBackground } from '../../bench/lib/background-call';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe-core findings on the page as it is now, one line per node (`rule: selector`).
 * page.evaluate runs through the debugger protocol, so an extension page's CSP does not block axe.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}
