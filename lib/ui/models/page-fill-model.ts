import { signal } from '@preact/signals';
import { isAppError } from '../../core/errors';
import type { Send } from './deps';

/** How one "Fill into page" ended. `key` names the button it came from (a code of one message). */
export interface FillOutcome {
  key: string;
  status: 'filled' | 'no-field' | 'failed' | 'other-site';
  /** The background's refusal, when `status` is 'failed'. */
  error?: unknown;
  /** When `status` is 'other-site': the page's site and the site the mailbox was made for. */
  sites?: { page: string; mailbox: string };
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

  /**
   * Fills `code` of mailbox `mailboxId`. When the page's site is not the one the mailbox was made for, nothing
   * is filled and the outcome asks (status 'other-site', kept until answered); `fillAnyway` confirms.
   */
  async function fill(key: string, code: string, mailboxId?: string, otherSite?: string): Promise<void> {
    clearTimeout(timer);
    busyKey.value = key;
    outcome.value = null;
    try {
      const reply = await send('fillCodeInPage', {
        code,
        ...(mailboxId ? { mailboxId } : {}),
        ...(otherSite ? { otherSite } : {}),
      });
      if (reply.siteMismatch) {
        outcome.value = { key, status: 'other-site', sites: reply.siteMismatch };
        return;
      }
      outcome.value = { key, status: reply.filled ? 'filled' : 'no-field' };
    } catch (error) {
      outcome.value = { key, status: 'failed', error };
    } finally {
      busyKey.value = null;
    }
    timer = setTimeout(() => (outcome.value = null), feedbackMs);
  }

  /** The person confirmed filling into the other site the last outcome named. */
  function fillAnyway(key: string, code: string, mailboxId: string): Promise<void> {
    const sites = outcome.value?.key === key ? outcome.value.sites : undefined;
    return sites ? fill(key, code, mailboxId, sites.page) : Promise.resolve();
  }

  /** The person declined: forget the question. */
  function dismiss(): void {
    outcome.value = null;
  }

  return { busyKey, outcome, fill, fillAnyway, dismiss };
}

export type PageFillModel = ReturnType<typeof createPageFillModel>;

/**
 * The string key that tells the person how a fill ended. The generic error sentences speak of the mail
 * service, so a refused fill gets its own: no page at all ('not-found'), or a page Mayfly may not touch.
 */
export function fillOutcomeTextKey(result: FillOutcome): string {
  if (result.status === 'filled') return 'popupCodeFilled';
  if (result.status === 'no-field') return 'popupFillNoField';
  if (result.status === 'other-site') return 'popupFillOtherSite';
  return isAppError(result.error) && result.error.kind === 'not-found'
    ? 'popupFillNoPage'
    : 'popupFillBlocked';
}
