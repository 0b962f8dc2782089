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
    await ensureOffscreenDocument(offscreen);
    const req: OffscreenCopyRequest = { target: 'mayfly-offscreen', type: 'copy', text };
    const copied = await browser.runtime.sendMessage(req);
    if (copied !== true) throw new Error('The browser refused to copy to the clipboard.');
    return;
  }
  await navigator.clipboard.writeText(text);
}
