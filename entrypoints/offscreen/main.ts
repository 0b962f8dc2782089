import { browser } from 'wxt/browser';
import {
  isFromBackground,
  OFFSCREEN_IDLE_MS,
  type MessageSenderLike,
  type OffscreenCopyRequest,
} from '../../lib/background/clipboard';

/**
 * Offscreen documents are never focused, so navigator.clipboard refuses there; execCommand('copy') still
 * works. The text goes in through the copy event rather than a selection, which needs no focusable field.
 */
function copy(text: string): boolean {
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

/** The background service worker: the only sender this document answers (WXT builds it as background.js). */
const BACKGROUND_URL = browser.runtime.getURL('/background.js');

// Closes itself when left idle (the background also closes it): it should not outlive its one job.
let idle = setTimeout(() => window.close(), OFFSCREEN_IDLE_MS * 2);

// A listener answers by returning a promise (webextension-polyfill's protocol), so this one returns one.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
browser.runtime.onMessage.addListener((msg: unknown, sender: MessageSenderLike) => {
  const req = msg as Partial<OffscreenCopyRequest>;
  if (req?.target !== 'mayfly-offscreen' || req.type !== 'copy' || typeof req.text !== 'string')
    return undefined;
  if (!isFromBackground(sender, browser.runtime.id, BACKGROUND_URL)) return undefined;
  clearTimeout(idle);
  idle = setTimeout(() => window.close(), OFFSCREEN_IDLE_MS * 2);
  return Promise.resolve(copy(req.text));
});
