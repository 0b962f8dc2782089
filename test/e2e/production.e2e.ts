import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';

/**
 * The shipped build (.output/chrome-mv3, made by `npm test` before this runs), not the e2e variant: it loads,
 * its worker starts, its popup paints, and it asks for nothing beyond what README promises.
 */
const PROD_DIR = resolve('.output/chrome-mv3');

describe('production build (Chromium)', () => {
  let session: ExtensionSession;
  const manifest = JSON.parse(readFileSync(resolve(PROD_DIR, 'manifest.json'), 'utf8')) as {
    permissions: string[];
    host_permissions: string[];
    content_scripts?: unknown;
    web_accessible_resources?: unknown;
    externally_connectable?: unknown;
  };

  beforeAll(async () => {
    session = await launchExtension({ extensionDir: PROD_DIR });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('declares only the public API hosts (and Mail.tm/Mail.gw hubs), no content script, nothing web-reachable', () => {
    expect(manifest.host_permissions).toEqual([
      'https://v1.tempmailg.com/*',
      'https://api.tempmail.lol/*',
      'https://api.mail.tm/*',
      'https://mercure.mail.tm/*',
      'https://api.mail.gw/*',
      'https://mercure.mail.gw/*',
    ]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.permissions).not.toContain('tabs');
    expect(manifest.permissions).not.toContain('<all_urls>');
  });

  it('starts its service worker and paints the popup in English', async () => {
    const worker = await session.worker();
    expect(worker.url()).toContain('/background.js');
    const popup = await session.openPage('popup.html');
    await popup.getByRole('heading', { name: 'Mayfly' }).waitFor();
    expect(await popup.getAttribute('html', 'lang')).toBe('en');
    await popup.close();
  });

  it('loads nothing from the network when the popup opens with no mailbox', async () => {
    const requests: string[] = [];
    session.context.on('request', (r) => requests.push(r.url()));
    const popup = await session.openPage('popup.html');
    // No fixed wait: the popup has painted its empty state and its network has gone quiet (Playwright's
    // networkidle: no connection for 500 ms), so anything it loads on opening has been asked for.
    await popup.getByRole('heading', { name: 'Mayfly' }).waitFor();
    await popup.locator('#welcome-heading').waitFor();
    await popup.waitForLoadState('networkidle');
    await popup.close();
    expect(requests.filter((u) => !u.startsWith(`chrome-extension://${session.extensionId}/`))).toEqual([]);
  });
});
