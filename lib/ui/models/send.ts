import { extensionMessenger } from '../../messaging/extension-protocol';
import type { MessageType, Send } from './deps';

/** The real `Send`: the typed extension messenger, behind the narrow signature the models are written against. */
export const sendToBackground: Send = (type, data) => {
  const sendMessage = extensionMessenger.sendMessage as (t: MessageType, d: unknown) => Promise<never>;
  return sendMessage(type, data);
};
