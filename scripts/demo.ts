import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildE2eExtension } from '../bench/lib/build';
import { launchChromiumWithExtension } from '../bench/lib/chromium';
import { installNotificationProbe, readNotificationProbe } from '../bench/lib/notification-probe';
import type { Mailbox } from '../lib/core/types';
import type { PollState } from '../lib/storage/items';
import {
  clickFillMenu,
  configure,
  readStorage,
  storedMail,
  waitFor,
  type ExtensionSession,
} from '../test/e2e/harness';
import { SIGNUP_PAGE, servePages } from '../test/e2e/pages';
import { sendMail, startLocalServer, type LocalServer } from '../test/server/index';

/**
 * The whole Mayfly journey on this machine, nothing leaving loopback: the local Temp Mail server, the built
 * extension in Chromium pointed at it (TempMail.lol API), a new address filled into a signup page through the
 * context menu, a verification mail over real SMTP, and the notification it raises.
 *
 * With a display ($DISPLAY) the browser is visible and stays open until Ctrl-C. Without one it runs headless,
 * saves screenshots of what a person would see under demo-output/ and exits.
 */

const DEFAULT_HTTP_PORT = 8025;
const DEFAULT_SMTP_PORT = 2525;
const CODE = '123456';
const OUTPUT_DIR = resolve('demo-output');
const POPUP_SIZE = { width: 400, height: 600 };

function step(text: string): void {
  console.log(`• ${text}`);
}

/** Runs `action`, turning any failure into one clear line that names the step. */
async function during<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The documented ports when free, random free ports otherwise (another server or demo is running). */
async function startServer(): Promise<LocalServer> {
  try {
    return await startLocalServer({ httpPort: DEFAULT_HTTP_PORT, smtpPort: DEFAULT_SMTP_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    step(`ports ${DEFAULT_HTTP_PORT}/${DEFAULT_SMTP_PORT} are busy; using free ones`);
    return startLocalServer();
  }
}

/** Right-click "Fill with a new address" on the page's email field, as the native menu would. */
async function fillThroughContextMenu(
  session: ExtensionSession,
  signup: Page,
  pageUrl: string,
): Promise<Mailbox> {
  await signup.focus('#email');
  await clickFillMenu(session, { tabUrl: `${pageUrl}*`, pageUrl });
  const [mailbox] = await waitFor(
    async () => {
      const list = await readStorage<Mailbox[]>(session, 'mailboxes');
      return list && list.length > 0 ? list : undefined;
    },
    { timeoutMs: 15_000 },
  );
  await waitFor(async () => (await signup.inputValue('#email')) === mailbox!.address, { timeoutMs: 10_000 });
  // Mail found on a mailbox's very first sync counts as history and is not announced: let that sync happen.
  await waitFor(
    async () => (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[mailbox!.id]?.primed,
    { timeoutMs: 15_000 },
  );
  return mailbox!;
}

async function screenshot(page: Page, name: string): Promise<string> {
  const path = resolve(OUTPUT_DIR, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function main(): Promise<void> {
  const headless = !process.env.DISPLAY;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const close of cleanups.reverse()) await close().catch(() => undefined);
  };
  try {
    step('starting the local Temp Mail server');
    const server = await during('starting the local server', startServer);
    cleanups.push(() => server.close());
    step(`server: HTTP ${server.httpUrl}, SMTP 127.0.0.1:${server.smtpPort}`);

    step('building the extension (MAYFLY_E2E=1 npx wxt build)');
    const extensionDir = await during('building the extension', async () =>
      buildE2eExtension({ quiet: true }),
    );

    const pages = await servePages({ '/signup': SIGNUP_PAGE });
    cleanups.push(() => pages.close());
    const signupUrl = `${pages.url}/signup`;

    step(`opening Chromium (${headless ? 'headless: no $DISPLAY' : 'headed'})`);
    const session = await during('launching Chromium (/usr/bin/chromium)', () =>
      launchChromiumWithExtension({ headless, extensionDir, viewport: { width: 1000, height: 700 } }),
    );
    cleanups.push(() => session.close());
    await during('configuring the extension', () =>
      configure(session, { provider: 'tempmail-lol', baseUrl: server.apiUrls.tempmailLol }),
    );
    await installNotificationProbe(await session.worker());

    const signup = await session.context.newPage();
    await signup.goto(signupUrl);
    step('filling a new address into the signup page (context menu → Fill with a new address)');
    const mailbox = await during('creating a mailbox from the context menu', () =>
      fillThroughContextMenu(session, signup, signupUrl),
    );
    step(`address: ${mailbox.address}`);

    step('sending a verification mail over SMTP');
    const sentAfter = Date.now();
    await during('sending mail over SMTP', () =>
      sendMail({
        smtpPort: server.smtpPort,
        to: mailbox.address,
        from: 'Example Shop <noreply@shop.example>',
        subject: 'Confirm your email',
        text: `Welcome to Example Shop! Your verification code is ${CODE}. It expires in 10 minutes.`,
        html:
          '<div style="font-family:sans-serif"><h2>Welcome to Example Shop</h2>' +
          `<p>Your verification code is <b style="font-size:20px">${CODE}</b>.</p>` +
          '<p>It expires in 10 minutes. If you did not sign up, ignore this mail.</p></div>',
      }),
    );
    const accepted = server.deliveries().find((d) => d.to === mailbox.address && d.t >= sentAfter - 1000);
    if (!accepted) throw new Error('the server did not record the SMTP delivery');

    step('waiting for the notification');
    const worker = await session.worker();
    const notification = await during('waiting for the notification (30 s)', () =>
      waitFor(async () => (await readNotificationProbe(worker)).find((n) => n.id.includes(CODE)), {
        timeoutMs: 30_000,
        intervalMs: 100,
      }),
    );
    const latencyMs = notification.at - accepted.t;
    const [message] = await during('reading the stored message', () =>
      waitFor(async () => {
        const mail = await storedMail(session, mailbox.id);
        return mail.length > 0 ? mail : undefined;
      }),
    );

    const screenshots: string[] = [];
    if (headless) {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      screenshots.push(await screenshot(signup, '1-signup-filled.png'));

      const popup = await session.context.newPage();
      await popup.setViewportSize(POPUP_SIZE);
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await during('showing the inbox in the popup', () =>
        popup.getByText('Confirm your email').first().waitFor({ timeout: 10_000 }),
      );
      screenshots.push(await screenshot(popup, '2-popup-inbox.png'));

      const query = new URLSearchParams({ mailbox: mailbox.id, message: message!.id });
      const reader = await session.context.newPage();
      await reader.goto(`chrome-extension://${session.extensionId}/reader.html?${query}`);
      await during('opening the message in the reader', async () => {
        await reader.getByText('Confirm your email').first().waitFor({ timeout: 10_000 });
        // The body renders in a sandboxed frame a moment after the header.
        await reader.waitForTimeout(500);
      });
      screenshots.push(await screenshot(reader, '3-reader-message.png'));

      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${session.extensionId}/options.html`);
      await during('opening the options page', () =>
        options.locator('h1').first().waitFor({ timeout: 10_000 }),
      );
      screenshots.push(await screenshot(options, '4-options.png'));
    } else {
      await session.openPage('popup.html');
    }

    console.log('\nMayfly demo');
    console.log(`  address:              ${mailbox.address}`);
    console.log(`  SMTP → notification:  ${latencyMs} ms`);
    console.log(`  notification title:   ${notification.title}`);
    console.log(`  notification message: ${notification.message.replace(/\n/g, ' | ')}`);
    if (headless) {
      console.log(`  screenshots in ${OUTPUT_DIR}:`);
      for (const path of screenshots) console.log(`    ${path}`);
      await cleanUp();
      return;
    }
    console.log('\nThe browser stays open. Press Ctrl-C (or close the browser) to stop.');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      session.context.once('close', () => done());
    });
    await cleanUp();
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
