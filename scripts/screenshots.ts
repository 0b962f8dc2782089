import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
    const signup = await session.context.newPage();
    await signup.emulateMedia({ colorScheme: theme });
    await signup.goto(signupUrl);
    await signup.focus('#email');
    await clickFillMenu(session, { tabUrl: `${signupUrl}*`, pageUrl: signupUrl });
    const [mailbox] = await waitFor(
      async () => {
        const list = await readStorage<Mailbox[]>(session, 'mailboxes');
        return list && list.length > 0 ? list : undefined;
      },
      { timeoutMs: 15_000 },
    );
    await waitFor(async () => (await signup.inputValue('#email')) === mailbox!.address, {
      timeoutMs: 10_000,
    });
    await waitFor(
      async () => (await readStorage<Record<string, PollState>>(session, 'pollState'))?.[mailbox!.id]?.primed,
      { timeoutMs: 15_000 },
    );
    const signupPng = await shoot(signup, resolve(dir, '4-signup-filled.png'));
    saved.push(resolve(dir, '4-signup-filled.png'));

    const mail = MAIL[lang];
    await sendMail({
      smtpPort: server.smtpPort,
      to: mailbox!.address,
      from: mail.from,
      subject: mail.subject,
      text: mail.text(CODE),
      html: mail.body(CODE),
    });
    const [message] = await waitFor(
      async () => {
        const list = await storedMail(session, mailbox!.id);
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

    const query = new URLSearchParams({ mailbox: mailbox!.id, message: message!.id });
    const reader = await session.context.newPage();
    await reader.emulateMedia({ colorScheme: theme });
    await reader.goto(`chrome-extension://${session.extensionId}/reader.html?${query}`);
    await reader.getByText(mail.subject).first().waitFor({ timeout: 10_000 });
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
  for (const lang of LANGS) {
    for (const theme of THEMES) {
      log(`${lang}, ${theme}`);
      all.push(...(await run(lang, theme, extensionDir)));
    }
  }
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
