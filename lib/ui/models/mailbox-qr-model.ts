import { signal } from '@preact/signals';
import { qrPayload, type MailboxTransfer } from '../../core/mailbox-qr';
import type { Send } from './deps';

/**
 * "Move a mailbox to a phone": the warning comes first, and the mailbox's secret is asked of the background
 * only once the person has confirmed it. Cancelling before that never fetches it.
 */
export function createMailboxQrModel(send: Send, mailboxId: string) {
  const step = signal<'confirm' | 'loading' | 'shown' | 'error'>('confirm');
  const transfer = signal<MailboxTransfer | null>(null);
  const payload = signal<string | null>(null);
  const error = signal<unknown>(null);

  async function confirm(): Promise<void> {
    if (step.value === 'loading' || step.value === 'shown') return;
    step.value = 'loading';
    error.value = null;
    try {
      const t = await send('mailboxTransfer', { mailboxId });
      transfer.value = t;
      payload.value = qrPayload(t);
      step.value = 'shown';
    } catch (e) {
      error.value = e;
      step.value = 'error';
    }
  }

  /** Forgets the secret (closing the dialog drops it from memory as far as the page can). */
  function close(): void {
    transfer.value = null;
    payload.value = null;
    step.value = 'confirm';
  }

  return { step, transfer, payload, error, confirm, close };
}

export type MailboxQrModel = ReturnType<typeof createMailboxQrModel>;
