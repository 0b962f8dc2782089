import type { Mailbox } from '../core/types';

/**
 * The sites each mailbox was given to: the one it was made for (`site`) and every site whose remembered
 * address it is (`local:siteMemory`: the site's fills, "Use this site's address", a rename carried over).
 */
export function sitesByMailbox(
  mailboxes: readonly Pick<Mailbox, 'id' | 'site'>[],
  memory: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const mb of mailboxes) out[mb.id] = mb.site ? [mb.site] : [];
  for (const [site, id] of Object.entries(memory)) {
    const list = out[id];
    if (list && !list.includes(site)) list.push(site);
  }
  return out;
}

/** A hostname as sites are compared here: lower case, without a leading "www.". */
export function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

export interface MailboxGroups {
  /** Mailboxes the current site knows (made for it or remembered for it), under its name. */
  thisSite: Mailbox[];
  /** The rest, pinned first. */
  others: Mailbox[];
}

/** Splits the (pinned-first) list into what the current site knows and the rest, keeping the order. */
export function groupForSite(
  ordered: readonly Mailbox[],
  site: string | null,
  sites: Readonly<Record<string, string[]>>,
): MailboxGroups {
  if (!site) return { thisSite: [], others: [...ordered] };
  const key = siteKey(site);
  const known = (mb: Mailbox) => (sites[mb.id] ?? []).some((s) => siteKey(s) === key);
  return { thisSite: ordered.filter(known), others: ordered.filter((mb) => !known(mb)) };
}
