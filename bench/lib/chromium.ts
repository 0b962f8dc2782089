import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, E2E_CHROME_DIR, type ExtensionSession } from '../../test/e2e/harness';

/**
 * Launches Debian Chromium with the built extension, headed or headless, and returns the same session shape
 * as the e2e harness (so its `configure`, `readStorage` and friends work on it). The harness always runs
 * headless; the demo needs a visible window when a display is there.
 */
export async function launchChromiumWithExtension(opts: {
  headless: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number };
}): Promise<ExtensionSession> {
  const ext = opts.extensionDir ?? E2E_CHROME_DIR;
  const userDataDir = mkdtempSync(join(tmpdir(), 'mayfly-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    let [first] = context.serviceWorkers();
    first ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
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
  } catch (error) {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
