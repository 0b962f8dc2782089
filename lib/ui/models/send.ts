import type { MessageType, Send } from './deps';

/**
 * The messenger (@webext-core/messaging and its error serializer) is imported on the first send, not before
 * the first paint: a page draws from storage and needs the background only when the person acts, or for the
 * popup's heartbeat once it is on screen. Options loads it as a chunk then; the popup's one classic script
 * carries it and only runs it then.
 */
let messenger: Promise<typeof import('../../messaging/extension-protocol')> | undefined;

/** The real `Send`: the typed extension messenger, behind the narrow signature the models are written against. */
export const sendToBackground: Send = async (type, data) => {
  const { extensionMessenger } = await (messenger ??= import('../../messaging/extension-protocol'));
  const sendMessage = extensionMessenger.sendMessage as (t: MessageType, d: unknown) => Promise<never>;
  return sendMessage(type, data);
};
