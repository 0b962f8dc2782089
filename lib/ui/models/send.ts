import type { MessageType, Send } from './deps';

/**
 * The messenger (with @webext-core/messaging and webextension-polyfill, about 12 KB of script) is loaded on
 * the first send, not before the first paint: the popup draws from storage and needs the background only when
 * the person acts, or for the heartbeat sent once it is on screen.
 */
let messenger: Promise<typeof import('../../messaging/extension-protocol')> | undefined;

/** The real `Send`: the typed extension messenger, behind the narrow signature the models are written against. */
export const sendToBackground: Send = async (type, data) => {
  const { extensionMessenger } = await (messenger ??= import('../../messaging/extension-protocol'));
  const sendMessage = extensionMessenger.sendMessage as (t: MessageType, d: unknown) => Promise<never>;
  return sendMessage(type, data);
};
