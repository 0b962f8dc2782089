import type { Browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { PROVIDER_NAMES, otherKeylessProvider } from '../core/types';
import { mailboxForSite } from './mailboxes';
import { t } from '../ui/i18n';
import type { FillTarget } from './fill-in-page';
import { contentSender } from './trust';
import { createAllowance } from './allowance';

/**
 * A site answered the address Mayfly filled with "disposable addresses are not allowed" (the refusal-watch
 * script watches the form after a fill). The background offers "Try another domain" in a notification; its click
 * runs the same action as the context-menu entry, into the same frame.
 */

const REFUSED_ID_PREFIX = 'mayfly-refused|';
/** A fill failed on this provider (blocked, every domain refused): the offer is another provider. */
const PROVIDER_ID_PREFIX = 'mayfly-provider|';

/** The notification id carries where to fill: the tab, the frame and its URL. */
export function refusedNotificationId(where: Pick<FillTarget, 'tabId' | 'frameId' | 'url'>): string {
  return REFUSED_ID_PREFIX + JSON.stringify([where.tabId, where.frameId, where.url]);
}

/** The notification id of a "Try another provider" offer after a failed fill. */
export function otherProviderNotificationId(where: Pick<FillTarget, 'tabId' | 'frameId' | 'url'>): string {
  return PROVIDER_ID_PREFIX + JSON.stringify([where.tabId, where.frameId, where.url]);
}

/** Where an "other provider" offer's click should fill, or null for any other notification. */
export function otherProviderTarget(id: string): FillTarget | null {
  return id.startsWith(PROVIDER_ID_PREFIX) ? targetOf(id.slice(PROVIDER_ID_PREFIX.length)) : null;
}

/** Where a "refused" notification's click should fill, or null for any other notification. */
export function refusedTarget(id: string): FillTarget | null {
  return id.startsWith(REFUSED_ID_PREFIX) ? targetOf(id.slice(REFUSED_ID_PREFIX.length)) : null;
}

function targetOf(json: string): FillTarget | null {
  try {
    const [tabId, frameId, url] = JSON.parse(json) as unknown[];
    if (typeof tabId !== 'number' || typeof frameId !== 'number' || typeof url !== 'string') return null;
    return { tabId, frameId, url, target: 'detected' };
  } catch {
    return null;
  }
}

export interface RefusalDeps {
  /** Shows the offer: id, title, message, and the other provider's name when there is one to offer. */
  offer: (id: string, title: string, message: string, otherProvider?: string) => Promise<void>;
}

/**
 * The content script's `addressRefused`, as a function of the data and the sender. Only the address Mayfly
 * remembers for the sender's own site counts, and each mailbox is offered once: a page cannot raise offers
 * for anything else, or again and again.
 */
export function createRefusalHandler(deps: RefusalDeps) {
  const offered = createAllowance('refusal-offer', Number.POSITIVE_INFINITY);
  return async (data: unknown, sender: Browser.runtime.MessageSender): Promise<void> => {
    const { tabId, frameId, url } = contentSender(sender);
    const address = (data as { address?: unknown } | null)?.address;
    if (typeof address !== 'string') throw new AppError('blocked', 'Unknown request.');
    const site = url.hostname;
    const mailbox = await mailboxForSite(site);
    if (!mailbox || mailbox.address !== address || !(await offered.take(mailbox.id))) return;
    const other = otherKeylessProvider(mailbox.provider);
    await deps.offer(
      refusedNotificationId({ tabId, frameId, url: url.href }),
      t('bgRefusedTitle', site),
      t('bgRefusedBody', mailbox.domain),
      ...(other ? [PROVIDER_NAMES[other]] : []),
    );
  };
}
