import { browser } from 'wxt/browser';
import type { OffscreenCopyRequest } from '../../lib/background/clipboard';

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

// A listener answers by returning a promise (webextension-polyfill's protocol), so this one returns one.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
browser.runtime.onMessage.addListener((msg: unknown) => {
  const req = msg as Partial<OffscreenCopyRequest>;
  if (req?.target !== 'mayfly-offscreen' || req.type !== 'copy' || typeof req.text !== 'string')
    return undefined;
  return Promise.resolve(copy(req.text));
});
