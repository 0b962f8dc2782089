import type { Mailbox } from './types';

/**
 * Whether a mailbox is gone: the provider said so, or its announced expiry has passed. A mailbox past its
 * expiry is treated as gone before the next poll gets round to marking it.
 */
export function isExpired(mailbox: Pick<Mailbox, 'expired' | 'expiresAt'>, now: number): boolean {
  return mailbox.expired || (mailbox.expiresAt !== null && mailbox.expiresAt <= now);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a mailbox went (or will go): its announced expiry, else when Mayfly saw it gone; null while live. */
export function expiredSince(
  mailbox: Pick<Mailbox, 'expired' | 'expiresAt' | 'expiredAt'>,
  now: number,
): number | null {
  if (mailbox.expiresAt !== null && mailbox.expiresAt <= now) return mailbox.expiresAt;
  if (!mailbox.expired) return null;
  return mailbox.expiredAt ?? mailbox.expiresAt ?? now;
}

/**
 * The mailboxes "forget expired mailboxes after N days" lets go of now: expired for at least that long.
 * 0 days means never.
 */
export function mailboxesPastRetention<M extends Pick<Mailbox, 'expired' | 'expiresAt' | 'expiredAt'>>(
  mailboxes: readonly M[],
  days: number,
  now: number,
): M[] {
  if (!(days > 0)) return [];
  return mailboxes.filter((mb) => {
    const since = expiredSince(mb, now);
    return since !== null && now - since >= days * DAY_MS;
  });
}
