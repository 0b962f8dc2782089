import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { joinMessage } from '../../core/mail-merge';
import type { MessageSummary, StoredMessage } from '../../core/types';
import type { Send } from './deps';

export interface ReaderModelDeps {
  send: Send;
  /** Summaries of the shown mailbox as stored (live), so read state and deletions show at once. */
  messages: ReadonlySignal<Record<string, MessageSummary[]>>;
}

/**
 * The message reader: which message is open, its full body (fetched through the background with
 * `getMessage`, which also marks it read), and whether remote content is allowed for it. Remote content is
 * allowed per message and only for this popup session.
 */
export function createReaderModel({ send, messages }: ReaderModelDeps) {
  const openRef = signal<{ mailboxId: string; messageId: string } | null>(null);
  const fetched = signal<StoredMessage | null>(null);
  const loading = signal(false);
  const error = signal<unknown>(null);
  const remoteAllowedIds = signal<ReadonlySet<string>>(new Set());
  const busy = signal<string | null>(null);

  const stored = computed(() => {
    const ref = openRef.value;
    if (!ref) return null;
    return messages.value[ref.mailboxId]?.find((m) => m.id === ref.messageId) ?? null;
  });
  /** The open message: the fetched body, with read state from storage (which the background keeps current). */
  const message = computed<StoredMessage | null>(() => {
    const body = fetched.value;
    const summary = stored.value;
    if (body && summary) return { ...body, seen: summary.seen };
    return body ?? (summary ? joinMessage(summary, undefined) : null);
  });
  const isOpen = computed(() => openRef.value !== null);
  const allowRemote = computed(() => {
    const ref = openRef.value;
    return ref ? remoteAllowedIds.value.has(`${ref.mailboxId}/${ref.messageId}`) : false;
  });

  async function open(mailboxId: string, messageId: string): Promise<void> {
    openRef.value = { mailboxId, messageId };
    fetched.value = null;
    error.value = null;
    loading.value = true;
    try {
      const full = await send('getMessage', { mailboxId, messageId });
      if (openRef.value?.messageId === messageId) fetched.value = full;
    } catch (e) {
      if (openRef.value?.messageId === messageId) error.value = e;
    } finally {
      if (openRef.value?.messageId === messageId) loading.value = false;
    }
  }

  function close(): void {
    openRef.value = null;
    fetched.value = null;
    error.value = null;
    loading.value = false;
  }

  function allowRemoteContent(): void {
    const ref = openRef.value;
    if (!ref) return;
    remoteAllowedIds.value = new Set([...remoteAllowedIds.value, `${ref.mailboxId}/${ref.messageId}`]);
  }

  async function act(name: string, command: () => Promise<unknown>): Promise<void> {
    busy.value = name;
    error.value = null;
    try {
      await command();
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = null;
    }
  }

  function toggleRead(): Promise<void> {
    const current = message.value;
    if (!current) return Promise.resolve();
    return act('read', () =>
      send('markRead', { mailboxId: current.mailboxId, messageId: current.id, read: !current.seen }),
    );
  }

  function download(filename: string): Promise<void> {
    const current = message.value;
    if (!current) return Promise.resolve();
    return act(`download:${filename}`, () =>
      send('downloadAttachment', { mailboxId: current.mailboxId, messageId: current.id, filename }),
    );
  }

  return {
    openRef,
    message,
    isOpen,
    loading,
    error,
    busy,
    allowRemote,
    open,
    close,
    allowRemoteContent,
    toggleRead,
    download,
  };
}

export type ReaderModel = ReturnType<typeof createReaderModel>;
