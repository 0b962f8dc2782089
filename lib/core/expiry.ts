import type { Mailbox } from './types';

/**
 * Whether a mailbox is gone: the provider said so, or its announced expiry has passed. A mailbox past its
 * expiry is treated as gone before the next poll gets round to marking it.
 */
export function isExpired(mailbox: Pick<Mailbox, 'expired' | 'expiresAt'>, now: number): boolean {
  return mailbox.expired || (mailbox.expiresAt !== null && mailbox.expiresAt <= now);
}
