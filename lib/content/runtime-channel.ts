/**
 * A tiny stand-in for @webext-core/messaging (v4 wire format) for content scripts, which must stay small:
 * the library and webextension-polyfill cost about 4 KB gzip there. The background keeps using
 * `contentMessenger` unchanged: requests are `{ id, type, data, timestamp }`, replies `{ res }` or `{ err }`.
 */

/**
 * The slice of the extension API content scripts use: Firefox's `browser` and Chrome MV3's `chrome` both
 * provide it, and both return a promise from `sendMessage` (Firefox's `chrome` does not: hence `browser` first).
 */
export interface RuntimeApi {
  runtime: {
    id?: string;
    onMessage: {
      addListener(listener: RuntimeListener): void;
    };
    sendMessage(message: unknown): Promise<unknown>;
  };
  i18n: { getMessage(key: string): string };
}

type RuntimeListener = (
  message: unknown,
  sender: { id?: string; tab?: unknown },
  sendResponse: (reply: unknown) => void,
) => boolean;

/** The request envelope of @webext-core/messaging. */
interface Request {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

/** What a handler may return: a value, or a promise of one. Throwing replies `{ err: { message } }`. */
export type RequestHandler = (data: unknown) => unknown;

/** Firefox content scripts have both `browser` and `chrome`; Chrome has `chrome` (and newer ones `browser`). */
export function runtimeApi(): RuntimeApi {
  const scope = globalThis as { chrome?: RuntimeApi; browser?: RuntimeApi };
  // Content scripts always have one of the two; without either, the first call fails loudly.
  return (scope.browser ?? scope.chrome) as RuntimeApi;
}

function isRequest(message: unknown): message is Request {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<Request>;
  return typeof m.id === 'number' && typeof m.type === 'string' && typeof m.timestamp === 'number';
}

/**
 * Answers the background's requests with `handlers` (by message type). Only messages from this extension
 * outside any tab (the background) are answered; other types are left for other listeners. The listener
 * stays for the life of the page, as the script does.
 */
export function answerBackground(
  handlers: Record<string, RequestHandler>,
  api: RuntimeApi = runtimeApi(),
): void {
  const byType = new Map(Object.entries(handlers));
  const listener: RuntimeListener = (message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || sender.tab !== undefined || !isRequest(message)) return false;
    const handler = byType.get(message.type);
    if (!handler) return false;
    new Promise((resolve) => resolve(handler(message.data))).then(
      (res) => sendResponse({ res }),
      (error: Error) => sendResponse({ err: { message: String(error?.message ?? error) } }),
    );
    // Keeps the reply channel open for the asynchronous sendResponse.
    return true;
  };
  api.runtime.onMessage.addListener(listener);
}

let nextRequestId = 1;

/**
 * Sends one request to the background in the same wire format and resolves with its `res`; rejects with
 * the reply's error message, or when nobody answered (the browser rejects when no listener exists).
 */
export async function askBackground<T>(
  type: string,
  data?: unknown,
  api: RuntimeApi = runtimeApi(),
): Promise<T> {
  const reply = (await api.runtime.sendMessage({
    id: nextRequestId++,
    type,
    data,
    timestamp: Date.now(),
  })) as { res?: T; err?: { message?: string } } | undefined;
  if (!reply || typeof reply !== 'object') throw new Error('No response');
  if (reply.err != null) throw new Error(reply.err.message ?? 'Request failed');
  return reply.res as T;
}
