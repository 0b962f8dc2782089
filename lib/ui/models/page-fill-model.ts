import { signal } from '@preact/signals';
import { isAppError } from '../../core/errors';
import type { Send } from './deps';

/** How one "Fill into page" ended. `key` names the button it came from (a code of one message). */
export interface FillOutcome {
  key: string;
  status: 'filled' | 'no-field' | 'failed';
  /** The background's refusal, when `status` is 'failed'. */
  error?: unknown;
}

export interface PageFillDeps {
  send: Send;
  /** How long "Code filled" (or the failure) stays on screen. */
  feedbackMs?: number;
}

/**
 * "Fill into page": asks the background to type a verification code into the active tab's one-time-code
 * field. Opening the popup was the click that granted activeTab for that tab, so no site permission is
 * needed. `outcome` says how the last fill ended, for the button that started it.
 */
export function createPageFillModel({ send, feedbackMs = 4000 }: PageFillDeps) {
  const busyKey = signal<string | null>(null);
  const outcome = signal<FillOutcome | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function fill(key: string, code: string): Promise<void> {
    clearTimeout(timer);
    busyKey.value = key;
    outcome.value = null;
    try {
      const { filled } = await send('fillCodeInPage', { code });
      outcome.value = { key, status: filled ? 'filled' : 'no-field' };
    } catch (error) {
      outcome.value = { key, status: 'failed', error };
    } finally {
      busyKey.value = null;
    }
    timer = setTimeout(() => (outcome.value = null), feedbackMs);
  }

  return { busyKey, outcome, fill };
}

export type PageFillModel = ReturnType<typeof createPageFillModel>;

/**
 * The string key that tells the person how a fill ended. The generic error sentences speak of the mail
 * service, so a refused fill gets its own: no page at all ('not-found'), or a page Mayfly may not touch.
 */
export function fillOutcomeTextKey(result: FillOutcome): string {
  if (result.status === 'filled') return 'popupCodeFilled';
  if (result.status === 'no-field') return 'popupFillNoField';
  return isAppError(result.error) && result.error.kind === 'not-found'
    ? 'popupFillNoPage'
    : 'popupFillBlocked';
}
