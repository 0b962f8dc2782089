import { signal } from '@preact/signals';

/** What a confirmation dialog shows and what it does when the person agrees. */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  run: () => Promise<void>;
}

/**
 * One pending confirmation at a time: destructive actions ask first and run only on `confirm()`.
 * A failure of the action is kept in `error` so the dialog can say what went wrong.
 */
export function createConfirmModel() {
  const pending = signal<ConfirmRequest | null>(null);
  const running = signal(false);
  const error = signal<unknown>(null);

  function ask(request: ConfirmRequest): void {
    error.value = null;
    pending.value = request;
  }

  function cancel(): void {
    if (running.value) return;
    pending.value = null;
    error.value = null;
  }

  async function confirm(): Promise<void> {
    const request = pending.value;
    if (!request || running.value) return;
    running.value = true;
    try {
      await request.run();
      pending.value = null;
    } catch (e) {
      error.value = e;
    } finally {
      running.value = false;
    }
  }

  return { pending, running, error, ask, cancel, confirm };
}

export type ConfirmModel = ReturnType<typeof createConfirmModel>;
