import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildE2eExtension } from '../bench/lib/build';
import type { Mailbox } from '../lib/core/types';
import type { PollState } from '../lib/storage/items';
import {
  clickFillMenu,
  configure,
  launchExtension,
  readStorage,
  storedMail,
  waitFor,
  type ExtensionSession,
} from '../test/e2e/harness';
import { servePages } from '../test/e2e/pages';
import { sendMail, startLocalServer } from '../test/server/index';

/**
 * Store screenshots at 1280×800 from the built extension in headless Chromium, against the local Temp Mail
 * server (nothing leaves loopback): the popup's inbox with a code over the filled signup page, the reader,
 * Options, and the signup page with the filled address. In English and Arabic, light and dark, under
 * screenshots-output/<lang>-<theme>/. The build is the e2e variant (it may also reach 127.0.0.1, which the
 * local server needs); every pixel shown is the same as the shipped build's.
 *
 * The popup is a toolbar bubble that a headless browser cannot open, so it is shot as the page it is, at the
 * popup's size, and laid over the signup page screenshot where the browser would draw it.
 *
 * The notification is drawn by the browser itself, outside any page, and a headless browser draws none. When
 * Xvfb is installed, a headed Chromium runs on a virtual 1280×800 screen and the screen itself is captured
 * (Xvfb's framebuffer file): the real notification Mayfly raised for the verification mail, as Chromium draws
 * it (its own notification popup: no desktop notification service runs there), over the filled signup page.
 * Without Xvfb that shot is skipped, and said so.
 */

const SIZE = { width: 1280, height: 800 };
const POPUP = { width: 400, height: 600 };
const OUTPUT = resolve('screenshots-output');
const LANGS = ['en', 'ar'] as const;
const THEMES = ['light', 'dark'] as const;
const CODE = '482913';

// The mail and the signup page speak the screenshot's language, as a person's would.
const MAIL = {
  en: {
    from: 'Northwind Books <hello@northwind.example>',
    subject: 'Confirm your email address',
    body: (code: string) =>
      `<div style="font-family:sans-serif"><h2>Welcome to Northwind Books</h2><p>Your verification code is <b style="font-size:22px">${code}</b>.</p><p>It expires in 10 minutes. If you did not sign up, you can ignore this mail.</p><p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></p></div>`,
    text: (code: string) => `Your verification code is ${code}. It expires in 10 minutes.`,
  },
  ar: {
    from: 'مكتبة الشمال <hello@northwind.example>',
    subject: 'أكّد عنوان بريدك الإلكتروني',
    body: (code: string) =>
      `<div dir="rtl" style="font-family:sans-serif"><h2>مرحبًا بك في مكتبة الشمال</h2><p>رمز التحقق الخاص بك هو <b style="font-size:22px">${code}</b>.</p><p>تنتهي صلاحيته خلال 10 دقائق. إذا لم تسجّل، فتجاهل هذه الرسالة.</p></div>`,
    text: (code: string) => `رمز التحقق الخاص بك هو ${code}. تنتهي صلاحيته خلال 10 دقائق.`,
  },
} as const;

/** A plain signup page of a made-up shop, in the screenshot's language, light or dark as the browser is. */
function signupPage(lang: (typeof LANGS)[number]): string {
  const t =
    lang === 'ar'
      ? {
          title: 'إنشاء حساب',
          shop: 'مكتبة الشمال',
          email: 'البريد الإلكتروني',
          pw: 'كلمة المرور',
          go: 'إنشاء الحساب',
        }
      : {
          title: 'Create your account',
          shop: 'Northwind Books',
          email: 'Email',
          pw: 'Password',
          go: 'Create account',
        };
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${t.shop}</title>
<meta name="color-scheme" content="light dark"><style>
body{margin:0;font:16px system-ui,sans-serif;background:#f4f1ea;color:#222}
header{padding:18px 48px;font-weight:700;font-size:20px;background:#2f4858;color:#fff}
main{max-width:420px;margin:60px auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
label{display:block;margin:18px 0 6px}input{box-sizing:border-box;width:100%;padding:10px;font-size:16px;border:1px solid #bbb;border-radius:6px}
button{margin-top:24px;width:100%;padding:12px;font-size:16px;border:0;border-radius:6px;background:#2f4858;color:#fff}
@media (prefers-color-scheme: dark){body{background:#15191c;color:#e8e8e8}main{background:#22282c}input{background:#15191c;color:#e8e8e8;border-color:#555}}
</style></head><body><header>${t.shop}</header><main><h1>${t.title}</h1>
<form id="signup"><label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="email">
<label for="pw">${t.pw}</label><input id="pw" type="password" autocomplete="new-password">
<button type="button">${t.go}</button></form></main></body></html>`;
}

function log(text: string): void {
  console.log(`• ${text}`);
}

/** Width and height of a PNG file, read from its header. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function shoot(page: Page, path: string): Promise<Buffer> {
  return page.screenshot({ path, fullPage: false });
}

/** The popup's PNG laid over the page's at the toolbar's corner (top right; top left for right-to-left UI). */
async function composeOverPage(
  session: ExtensionSession,
  pagePng: Buffer,
  popupPng: Buffer,
  rtl: boolean,
  path: string,
): Promise<void> {
  const canvas = await session.context.newPage();
  await canvas.setViewportSize(SIZE);
  const side = rtl ? 'left' : 'right';
  await canvas.setContent(
    `<!doctype html><html><body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;overflow:hidden">
<img src="data:image/png;base64,${pagePng.toString('base64')}" style="position:absolute;inset:0">
<img src="data:image/png;base64,${popupPng.toString('base64')}" style="position:absolute;top:8px;${side}:16px;width:${POPUP.width}px;height:${POPUP.height}px;border-radius:8px;box-shadow:0 6px 28px rgba(0,0,0,.35)">
</body></html>`,
  );
  await canvas.screenshot({ path });
  await canvas.close();
}

/** The virtual screen's framebuffer (XWD, 32 bits per pixel) as a PNG. */
function xwdToPng(xwd: Buffer): { png: Buffer; rows: Buffer } {
  const field = (i: number) => xwd.readUInt32BE(i * 4);
  const [headerSize, width, height, byteOrder, bitsPerPixel, bytesPerLine, colors] = [
    field(0),
    field(4),
    field(5),
    field(7),
    field(11),
    field(12),
    field(19),
  ];
  if (bitsPerPixel !== 32) throw new Error(`Xvfb framebuffer has ${bitsPerPixel} bits per pixel, not 32`);
  const start = headerSize + colors * 12;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = start + y * bytesPerLine + x * 4;
      const pixel = byteOrder === 0 ? xwd.readUInt32LE(at) : xwd.readUInt32BE(at);
      const to = y * (width * 3 + 1) + 1 + x * 3;
      rows[to] = (pixel >> 16) & 255;
      rows[to + 1] = (pixel >> 8) & 255;
      rows[to + 2] = pixel & 255;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png, rows };
}

/** A virtual X screen of SIZE whose framebuffer is readable as a file; null when Xvfb is not installed. */
async function startVirtualScreen(): Promise<{ display: string; frame(): Buffer; stop(): void } | null> {
  if (spawnSync('sh', ['-c', 'command -v Xvfb']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mayfly-xvfb-'));
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const server: ChildProcess = spawn(
    'Xvfb',
    [
      display,
      '-screen',
      '0',
      `${SIZE.width}x${SIZE.height}x24`,
      '-fbdir',
      dir,
      '-nolisten',
      'tcp',
      '-nocursor',
    ],
    { stdio: 'ignore' },
  );
  const file = join(dir, 'Xvfb_screen0');
  await waitFor(async () => existsSync(file), { timeoutMs: 10_000 });
  return {
    display,
    frame: () => readFileSync(file),
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The language's verification mail with CODE, sent over SMTP to `to`. */
async function sendVerificationMail(
  smtpPort: number,
  lang: (typeof LANGS)[number],
  to: string,
): Promise<void> {
  const mail = MAIL[lang];
  await sendMail({
    smtpPort,
    to,
    from: mail.from,
    subject: mail.subject,
    text: mail.text(CODE),
    html: mail.body(CODE),
  });
}

/**
 * Opens the signup page, fills a new address through the context menu as a person would, and waits until the
 * address is in the field and the new mailbox has had its first poll (so mail sent next is announced).
 */
async function fillSignupPage(
  session: ExtensionSession,
  signupUrl: string,
  theme: 'light' | 'dark',
  opts: { bringToFront?: boolean } = {},
): Promise<{ signup: Page; mailbox: Mailbox }> {
  const signup = await session.context.newPage();
  await signup.emulateMedia({ colorScheme: theme });
  await signup.goto(signupUrl);
  if (opts.bringToFront) await signup.bringToFront();
  await signup.focus('#email');
  await clickFillMenu(session, { tabUrl: `${signupUrl}*`, pageUrl: signupUrl });
  const [mailbox] = await waitFor(
    async () => {
      const list = await readStorage<Mailbox[]>(session, 'mailboxes');
      return list && list.length > 0 ? list : undefined;
    },
    { timeoutMs: 15_000 },
  );
  await waitFor(async () => (await signup.inputValue('#email')) === mailbox!.address, { timeoutMs: 10_000 });
  await waitFor(
    async () => (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[mailbox!.id]?.primed,
    { timeoutMs: 15_000 },
  );
  return { signup, mailbox: mailbox! };
}

/**
 * The verification mail's notification as Chromium draws it, on a virtual screen: a headed window the size of
 * the screen shows the filled signup page, the mail arrives over SMTP, Mayfly raises its notification, and the
 * screen is captured once the popup has been drawn and holds still.
 */
async function notificationShot(
  lang: (typeof LANGS)[number],
  theme: (typeof THEMES)[number],
  extensionDir: string,
  path: string,
): Promise<boolean> {
  const screen = await startVirtualScreen();
  if (!screen) return false;
  const server = await startLocalServer();
  const pages = await servePages({ '/signup': signupPage(lang) });
  // Chromium on Linux takes its own UI language from LANGUAGE, not only from --lang (and draws it only when
  // that language's resources are installed: Debian's chromium-l10n).
  const previous = { DISPLAY: process.env.DISPLAY, LANGUAGE: process.env.LANGUAGE };
  process.env.DISPLAY = screen.display;
  process.env.LANGUAGE = lang;
  const session = await launchExtension({
    lang,
    extensionDir,
    headless: false,
    viewport: null,
    // No offer to translate the page (Chromium's own UI may be English here) drawn over the shot.
    preferences: { translate: { enabled: false } },
    args: [
      '--window-position=0,0',
      `--window-size=${SIZE.width},${SIZE.height}`,
      ...(theme === 'dark' ? ['--force-dark-mode'] : []),
    ],
  });
  try {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { theme },
    });
    const signupUrl = `${pages.url}/signup`;
    const { signup, mailbox } = await fillSignupPage(session, signupUrl, theme, { bringToFront: true });
    // Other tabs (the configuration page) closed: the window shows the signup page only.
    for (const page of session.context.pages()) if (page !== signup) await page.close();
    const before = xwdToPng(screen.frame()).rows;
    await sendVerificationMail(server.smtpPort, lang, mailbox.address);
    const worker = await session.worker();
    await waitFor(
      async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll())).length > 0,
      { timeoutMs: 30_000 },
    );
    // Drawn when the screen differs from before the mail, and done when two captures 300 ms apart agree.
    let last = before;
    await waitFor(
      async () => {
        const now = xwdToPng(screen.frame()).rows;
        const settled = !now.equals(before) && now.equals(last);
        last = now;
        return settled;
      },
      { timeoutMs: 15_000, intervalMs: 300 },
    );
    writeFileSync(path, xwdToPng(screen.frame()).png);
    return true;
  } finally {
    await session.close();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    screen.stop();
    await pages.close();
    await server.close();
  }
}

async function run(
  lang: (typeof LANGS)[number],
  theme: (typeof THEMES)[number],
  extensionDir: string,
): Promise<string[]> {
  const server = await startLocalServer();
  const pages = await servePages({ '/signup': signupPage(lang) });
  const session = await launchExtension({ lang, extensionDir, viewport: SIZE });
  const dir = resolve(OUTPUT, `${lang}-${theme}`);
  mkdirSync(dir, { recursive: true });
  const saved: string[] = [];
  try {
    await configure(session, {
      provider: 'tempmail-lol',
      baseUrl: server.apiUrls.tempmailLol,
      settings: { theme },
    });
    const signupUrl = `${pages.url}/signup`;
    const { signup, mailbox } = await fillSignupPage(session, signupUrl, theme);
    const signupPng = await shoot(signup, resolve(dir, '4-signup-filled.png'));
    saved.push(resolve(dir, '4-signup-filled.png'));

    await sendVerificationMail(server.smtpPort, lang, mailbox.address);
    const [message] = await waitFor(
      async () => {
        const list = await storedMail(session, mailbox.id);
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs: 30_000 },
    );

    const popup = await session.context.newPage();
    await popup.setViewportSize(POPUP);
    await popup.emulateMedia({ colorScheme: theme });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByText(CODE).first().waitFor({ timeout: 10_000 });
    const popupPng = await popup.screenshot();
    await composeOverPage(session, signupPng, popupPng, lang === 'ar', resolve(dir, '1-popup-inbox.png'));
    saved.push(resolve(dir, '1-popup-inbox.png'));

    const query = new URLSearchParams({ mailbox: mailbox.id, message: message!.id });
    const reader = await session.context.newPage();
    await reader.emulateMedia({ colorScheme: theme });
    await reader.goto(`chrome-extension://${session.extensionId}/reader.html?${query}`);
    await reader.getByText(MAIL[lang].subject).first().waitFor({ timeout: 10_000 });
    await reader.frameLocator('iframe').getByText(CODE).first().waitFor({ timeout: 10_000 });
    await shoot(reader, resolve(dir, '2-reader.png'));
    saved.push(resolve(dir, '2-reader.png'));

    const options = await session.context.newPage();
    await options.emulateMedia({ colorScheme: theme });
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.locator('h1').first().waitFor({ timeout: 10_000 });
    await shoot(options, resolve(dir, '3-options.png'));
    saved.push(resolve(dir, '3-options.png'));
  } finally {
    await session.close();
    await pages.close();
    await server.close();
  }
  return saved;
}

async function main(): Promise<void> {
  log('building the extension (MAYFLY_E2E=1 npx wxt build)');
  const extensionDir = buildE2eExtension({ quiet: true });
  const all: string[] = [];
  let noScreen = false;
  for (const lang of LANGS) {
    for (const theme of THEMES) {
      log(`${lang}, ${theme}`);
      all.push(...(await run(lang, theme, extensionDir)));
      const notification = resolve(OUTPUT, `${lang}-${theme}`, '5-notification.png');
      if (await notificationShot(lang, theme, extensionDir, notification)) all.push(notification);
      else noScreen = true;
    }
  }
  if (noScreen) log('no notification shots: they need Xvfb (apt-get install xvfb) for a headed browser');
  const wrong = all.filter((path) => {
    const { width, height } = pngSize(path);
    return width !== SIZE.width || height !== SIZE.height;
  });
  for (const path of all) console.log(`  ${path.slice(process.cwd().length + 1)}`);
  if (wrong.length > 0) throw new Error(`not ${SIZE.width}×${SIZE.height}: ${wrong.join(', ')}`);
  console.log(`${all.length} screenshots at ${SIZE.width}×${SIZE.height} in ${OUTPUT}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
