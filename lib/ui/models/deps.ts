import type { ExtensionProtocol } from '../../messaging/extension-protocol';

/**
 * What the UI models need from the outside world, as narrow interfaces so unit tests can pass fakes and the
 * entrypoints pass the real storage items and messenger.
 */

/** A storage item the UI reads and watches (the WXT storage items fit). */
export interface ReadableItem<T> {
  getValue(): Promise<T>;
  watch(callback: (value: T) => void): () => void;
}

/** A storage item the UI may also write (UI state such as the active mailbox, and settings). */
export interface WritableItem<T> extends ReadableItem<T> {
  setValue(value: T): Promise<void>;
}

export type MessageType = keyof ExtensionProtocol;
export type MessageData<K extends MessageType> = Parameters<ExtensionProtocol[K]>[0];
export type MessageResult<K extends MessageType> = ReturnType<ExtensionProtocol[K]>;

/** Sends one command of the extension-page protocol to the background and resolves with its answer. */
export type Send = <K extends MessageType>(type: K, data: MessageData<K>) => Promise<MessageResult<K>>;
