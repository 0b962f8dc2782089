import { browser } from 'wxt/browser';

/** Message the offscreen document understands (see entrypoints/offscreen). */
export interface OffscreenCopyRequest {
  target: 'mayfly-offscreen';
  type: 'copy';
  text: string;
}

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
  closeDocument?(): Promise<void>;
}

/** The sender of a runtime message, as far as the offscreen document looks at it. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Whether the offscreen document may act on a message: only the extension's own background service worker
 * may ask it to copy. Content scripts (they carry a tab) and extension pages are refused, so nothing a
 * web page's renderer runs can set the clipboard without a user action.
 */
export function isFromBackground(
  sender: MessageSenderLike,
  extensionId: string,
  backgroundUrl: string,
): boolean {
  return sender.id === extensionId && sender.tab === undefined && sender.url === backgroundUrl;
}

/** Closes the offscreen document this long after the last copy: it has nothing to do in between. */
export const OFFSCREEN_IDLE_MS = 30_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function closeWhenIdle(offscreen: OffscreenApi): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = undefined;
    if (creating) return;
    void offscreen.closeDocument?.().catch(() => undefined);
  }, OFFSCREEN_IDLE_MS);
}

/** One creation at a time: two copies at once would both see "no document" and the second create would throw. */
let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(offscreen: OffscreenApi): Promise<void> {
  if ((await offscreen.hasDocument?.()) ?? false) return;
  creating ??= offscreen
    .createDocument({
      url: browser.runtime.getURL('/offscreen.html'),
      reasons: ['CLIPBOARD'],
      justification: 'Copy a verification code from a notification button.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/**
 * Copies text from the background. A Chrome service worker has no clipboard, so the text goes through an
 * offscreen document; Firefox's background page has a DOM and the clipboardWrite permission.
 */
export async function copyToClipboard(text: string): Promise<void> {
  const offscreen = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (offscreen) {
    clearTimeout(idleTimer);
    await ensureOffscreenDocument(offscreen);
    const req: OffscreenCopyRequest = { target: 'mayfly-offscreen', type: 'copy', text };
    try {
      const copied = await browser.runtime.sendMessage(req);
      if (copied !== true) throw new Error('The browser refused to copy to the clipboard.');
    } finally {
      closeWhenIdle(offscreen);
    }
    return;
  }
  await navigator.clipboard.writeText(text);
}
