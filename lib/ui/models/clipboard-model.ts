import { signal } from '@preact/signals';

export interface ClipboardDeps {
  writeText: (text: string) => Promise<void>;
  /** How long the "Copied" feedback stays. */
  feedbackMs?: number;
}

/**
 * Copy with visible feedback: `copiedKey` names what was copied last (an address, a code) for a short
 * while, so the matching button can say "Copied" and a live region can announce it.
 */
export function createClipboardModel({ writeText, feedbackMs = 2000 }: ClipboardDeps) {
  const copiedKey = signal<string | null>(null);
  const failed = signal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function copy(key: string, text: string): Promise<void> {
    clearTimeout(timer);
    try {
      await writeText(text);
      failed.value = false;
      copiedKey.value = key;
    } catch {
      failed.value = true;
      copiedKey.value = null;
    }
    timer = setTimeout(() => {
      copiedKey.value = null;
      failed.value = false;
    }, feedbackMs);
  }

  return { copiedKey, failed, copy };
}

export type ClipboardModel = ReturnType<typeof createClipboardModel>;
