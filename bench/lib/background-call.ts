import type { Page } from 'playwright-core';
import type { ExtensionProtocol } from '../../lib/messaging/extension-protocol';

/** What the background answers on the @webext-core/messaging v4 wire: `{ res }` or `{ err }`. */
export interface BackgroundReply<T> {
  res?: T;
  err?: { name?: string; kind?: string; message?: string };
}

export type BackgroundCommand = keyof ExtensionProtocol;

/**
 * Sends one privileged command from an extension page exactly as the popup's messenger does: the
 * @webext-core/messaging v4 wire format is `{ id, type, data, timestamp }` in and `{ res }` or `{ err }` out
 * (see node_modules/@webext-core/messaging/dist). Returns the raw reply so callers can assert on refusals.
 */
export async function sendToBackground<T>(
  page: Page,
  type: BackgroundCommand,
  data: unknown = undefined,
): Promise<BackgroundReply<T>> {
  return page.evaluate(
    ({ type, data }) =>
      chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() }),
    { type, data },
  ) as Promise<BackgroundReply<T>>;
}

/** Like {@link sendToBackground} but returns the result and throws the background's error as an Error. */
export async function callBackground<T>(
  page: Page,
  type: BackgroundCommand,
  data: unknown = undefined,
): Promise<T> {
  const reply = await sendToBackground<T>(page, type, data);
  if (reply === undefined || reply === null) throw new Error(`background gave no answer to ${type}`);
  if (reply.err) {
    throw new Error(`background refused ${type}: ${reply.err.kind ?? reply.err.name}: ${reply.err.message}`);
  }
  return reply.res as T;
}

/** A reply with how long the background took to give it, timed inside the page. */
export interface TimedReply<T> {
  reply: BackgroundReply<T>;
  /** From just before `runtime.sendMessage` until its promise resolved, in the page's clock. */
  ms: number;
  /** Epoch ms at which the command was sent. */
  sentAt: number;
}

/**
 * Like {@link sendToBackground}, but times the call inside the page (no CDP round trip in the figure): from
 * the moment the message is sent until the background's answer arrives.
 */
export async function timeBackgroundCall<T>(
  page: Page,
  type: BackgroundCommand,
  data: unknown = undefined,
): Promise<TimedReply<T>> {
  return page.evaluate(
    async ({ type, data }) => {
      const message = { id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() };
      const t0 = performance.now();
      const reply = (await chrome.runtime.sendMessage(message)) as BackgroundReply<T>;
      const ms = performance.now() - t0;
      return { reply, ms, sentAt: performance.timeOrigin + t0 };
    },
    { type, data },
  );
}
