import { isAppError } from '../core/errors';
import type { StoredMessage } from '../core/types';

/**
 * What the reader page shows for `reader.html?mailbox=<id>&message=<id>`: the stored message, with its body
 * fetched through the background when only a summary was stored. Browser access is passed in, so the
 * decision logic is tested without a browser.
 */
export type ReaderState =
  | { status: 'loading' }
  | { status: 'missing-message' }
  | { status: 'not-found' }
  /** Only the summary is stored: show the header while the background fetches the body. */
  | { status: 'fetching-body'; message: StoredMessage }
  /** The summary is known but the body could not be fetched: show the header and say so. */
  | { status: 'body-unavailable'; message: StoredMessage }
  | { status: 'ready'; message: StoredMessage };

export interface ReaderSources {
  /** One stored message, its summary and its body (lib/storage/mail-store readMessage). */
  readMessage(ids: { mailboxId: string; messageId: string }): Promise<StoredMessage | undefined>;
  /** Asks the background for the full message (extensionMessenger 'getMessage'). */
  fetchMessage(ids: { mailboxId: string; messageId: string }): Promise<StoredMessage>;
}

/** The stand-alone reader page for a message, relative to the extension root (read back by readerTarget). */
export function readerUrl(mailboxId: string, messageId: string): `reader.html?${string}` {
  const query = new URLSearchParams({ mailbox: mailboxId, message: messageId });
  return `reader.html?${query.toString()}`;
}

/** The message ids named in the reader page's query string, or null when one is missing. */
export function readerTarget(search: string): { mailboxId: string; messageId: string } | null {
  const params = new URLSearchParams(search);
  const mailboxId = params.get('mailbox');
  const messageId = params.get('message');
  return mailboxId && messageId ? { mailboxId, messageId } : null;
}

/**
 * How long the reader waits for the background to fetch a body. A provider that does not answer must not
 * leave the page saying "loading" forever; the background keeps its own, shorter, HTTP timeouts.
 */
export const BODY_FETCH_TIMEOUT_MS = 20_000;

/**
 * Finds the message and, when only its summary is stored, fetches its body (reporting the summary through
 * `onProgress` meanwhile). Never throws.
 */
export async function loadReaderMessage(
  search: string,
  sources: ReaderSources,
  onProgress: (state: ReaderState) => void = () => {},
  timeoutMs = BODY_FETCH_TIMEOUT_MS,
): Promise<ReaderState> {
  const target = readerTarget(search);
  if (target === null) return { status: 'missing-message' };
  let stored: StoredMessage | undefined;
  try {
    stored = await sources.readMessage(target);
  } catch {
    return { status: 'not-found' };
  }
  if (stored === undefined) return { status: 'not-found' };
  if (stored.hasBody) return { status: 'ready', message: stored };
  onProgress({ status: 'fetching-body', message: stored });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    });
    const full = await Promise.race([sources.fetchMessage(target), timeout]);
    return { status: 'ready', message: full };
  } catch (error) {
    if (isAppError(error) && (error.kind === 'not-found' || error.kind === 'expired'))
      return { status: 'not-found' };
    return { status: 'body-unavailable', message: stored };
  } finally {
    clearTimeout(timer);
  }
}
