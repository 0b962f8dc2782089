import { browser, type Browser } from 'wxt/browser';
import { AppError } from '../core/errors';

/**
 * Trust is decided per channel (as uBlock Origin does): privileged commands are accepted only from the
 * extension's own pages. A content script's sender has a tab and the web page's URL; a web page cannot reach
 * runtime.onMessage at all without externally_connectable, which Mayfly does not declare.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  const origin = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(origin);
}

/** Throws unless the message came from an extension page. */
export function assertExtensionPage(sender: Browser.runtime.MessageSender): void {
  if (!isExtensionPage(sender)) {
    throw new AppError('blocked', 'This command is only accepted from Mayfly’s own pages.');
  }
}

/** The web page a content-script message came from, or an error when it did not come from one. */
export function contentSender(sender: Browser.runtime.MessageSender): {
  tabId: number;
  frameId: number;
  url: URL;
} {
  if (sender.id !== browser.runtime.id || !sender.tab?.id || !sender.url) {
    throw new AppError('blocked', 'Unknown sender.');
  }
  const url = new URL(sender.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('blocked', 'Unknown sender.');
  return { tabId: sender.tab.id, frameId: sender.frameId ?? 0, url };
}
