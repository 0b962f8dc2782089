import { isExpired } from './expiry';
import type { Mailbox } from './types';

/**
 * Expiry-aware site memory, pure (time is passed in): which address a site knows is about to go or gone,
 * and when the background should warn about it.
 */

type Expiring = Pick<Mailbox, 'id' | 'expired' | 'expiresAt' | 'site' | 'createdAt'>;

/** A hostname as sites are compared: lower case, without a leading "www." (as lib/ui/mailbox-sites.ts). */
function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * The mailbox a site knows the person by: the one remembered for it (`local:siteMemory`, the last address
 * filled or made there), else the newest one made for it. Undefined when the site knows none.
 */
export function mailboxSiteKnows<M extends Expiring>(
  mailboxes: readonly M[],
  site: string,
  memory: Readonly<Record<string, string>>,
): M | undefined {
  const key = siteKey(site);
  const remembered = memory[site] ?? Object.entries(memory).find(([s]) => siteKey(s) === key)?.[1];
  if (remembered) {
    const mb = mailboxes.find((m) => m.id === remembered);
    if (mb) return mb;
  }
  let newest: M | undefined;
  for (const mb of mailboxes) {
    if (mb.site && siteKey(mb.site) === key && (!newest || mb.createdAt > newest.createdAt)) newest = mb;
  }
  return newest;
}

export interface SiteExpiry<M> {
  mailbox: M;
  expired: boolean;
  /** Milliseconds until it goes (0 once gone). */
  msLeft: number;
}

/**
 * Whether the address the site knows has expired or expires within `windowMinutes` (0: only once gone):
 * what the popup says at its top on that site. Null when there is nothing to say.
 */
export function siteExpiry<M extends Expiring>(
  mailboxes: readonly M[],
  site: string | null,
  memory: Readonly<Record<string, string>>,
  windowMinutes: number,
  now: number,
): SiteExpiry<M> | null {
  if (!site) return null;
  const mailbox = mailboxSiteKnows(mailboxes, site, memory);
  if (!mailbox) return null;
  if (isExpired(mailbox, now)) return { mailbox, expired: true, msLeft: 0 };
  if (mailbox.expiresAt === null || !(windowMinutes > 0)) return null;
  const msLeft = mailbox.expiresAt - now;
  return msLeft <= windowMinutes * 60_000 ? { mailbox, expired: false, msLeft } : null;
}

/** Mailboxes some site knows (made for one, or remembered for one): the ones worth a warning. */
function knownToASite<M extends Expiring>(mailboxes: readonly M[], memory: Readonly<Record<string, string>>) {
  const remembered = new Set(Object.values(memory));
  return mailboxes.filter((mb) => mb.site !== undefined || remembered.has(mb.id));
}

/**
 * The mailboxes to warn about now: known to a site, still live, expiring within the window, and not
 * warned about before (`warned`: mailbox ids). Nothing with the window off.
 */
export function expiryWarningsDue<M extends Expiring>(
  mailboxes: readonly M[],
  memory: Readonly<Record<string, string>>,
  windowMinutes: number,
  warned: readonly string[],
  now: number,
): M[] {
  if (!(windowMinutes > 0)) return [];
  return knownToASite(mailboxes, memory).filter(
    (mb) =>
      !warned.includes(mb.id) &&
      !isExpired(mb, now) &&
      mb.expiresAt !== null &&
      mb.expiresAt - now <= windowMinutes * 60_000,
  );
}

/** When the next warning falls due (a time after `now`), or null when none is ahead. */
export function nextExpiryWarningAt(
  mailboxes: readonly Expiring[],
  memory: Readonly<Record<string, string>>,
  windowMinutes: number,
  warned: readonly string[],
  now: number,
): number | null {
  if (!(windowMinutes > 0)) return null;
  let next: number | null = null;
  for (const mb of knownToASite(mailboxes, memory)) {
    if (warned.includes(mb.id) || mb.expired || mb.expiresAt === null) continue;
    const at = mb.expiresAt - windowMinutes * 60_000;
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
