import { AppError, isAppError } from '../core/errors';
import type { CreatedMailbox } from '../core/types';
import type { CreateMailboxOptions, TempMailProvider } from '../providers/types';
import { communityDomainsItem, refusedDomainsItem, type CommunityDomains } from '../storage/items';
import { withStateLock } from './state-lock';

/**
 * Sites that refuse disposable domains. When a person says a site refused the address ("Try another domain"),
 * its domain is remembered for that site, and every new mailbox for the site is made on a domain it has not
 * refused: chosen from the provider's list where it can be, else by asking for fresh mailboxes.
 */

/** Fresh mailboxes to ask for when the provider picks the domain itself. */
export const MAX_DOMAIN_ATTEMPTS = 3;

/** Marks the error `createAvoiding` throws when every domain it could reach is refused. */
const NO_OTHER_DOMAIN = 'no-other-domain';

export function isNoOtherDomain(error: unknown): boolean {
  return isAppError(error) && error.details?.providerCode === NO_OTHER_DOMAIN;
}

function noOtherDomain(): AppError {
  return new AppError('unsupported', 'The site refused every domain this provider offered.', {
    providerCode: NO_OTHER_DOMAIN,
  });
}

export async function refusedDomainsFor(site: string): Promise<Set<string>> {
  return new Set((await refusedDomainsItem.getValue())[site] ?? []);
}

/** Remembers that `site` refused `domain`. */
export async function refuseDomain(site: string, domain: string): Promise<void> {
  const d = domain.toLowerCase();
  await withStateLock(async () => {
    const all = await refusedDomainsItem.getValue();
    const list = all[site] ?? [];
    if (list.includes(d)) return;
    all[site] = [...list, d];
    await refusedDomainsItem.setValue(all);
  });
}

/** Forgets what `site` refused: its next mailbox may land on any domain again. */
export async function forgetRefusedDomains(site: string): Promise<void> {
  await withStateLock(async () => {
    const all = await refusedDomainsItem.getValue();
    if (!(site in all)) return;
    delete all[site];
    await refusedDomainsItem.setValue(all);
  });
}

/** The person's answer about community domains; 'yes' or 'no' once given, 'ask' until then. */
export async function communityDomains(): Promise<CommunityDomains> {
  return communityDomainsItem.getValue();
}

/** Keeps the person's answer: "Try another domain" uses community domains only after a yes. */
export async function setCommunityDomains(allow: boolean): Promise<void> {
  await communityDomainsItem.setValue(allow ? 'yes' : 'no');
}

/** The question "Try another domain" needs answered before it may use a community domain. */
function communityQuestion(): AppError {
  return new AppError(
    'unsupported',
    'The other TempMail.lol domains are community domains, whose owners can read mail sent to expired addresses there. Mayfly asks once before it uses them.',
    { reason: 'community-ask' },
  );
}

/**
 * Makes a mailbox whose domain is not in `refused`, or throws the "no other domain" error. Where the
 * provider picks the domain itself, later tries ask for a community domain (TempMail.lol), but only once
 * the person said yes: until they answer, the question is thrown (reason 'community-ask'); after a no,
 * Mayfly asks only for the service's own domains.
 */
export async function createAvoiding(
  provider: TempMailProvider,
  opts: CreateMailboxOptions,
  refused: ReadonlySet<string>,
  random: () => number = Math.random,
): Promise<CreatedMailbox> {
  const allowed = (domain: string) => !refused.has(domain.toLowerCase());
  const caps = provider.capabilities;
  let choice: string | undefined;
  if (caps.canListDomains && provider.listDomains) {
    const domains = (await provider.listDomains()).map((d) => d.domain).filter(allowed);
    choice = domains[Math.floor(random() * domains.length)];
    // Every domain the provider has is refused: say so rather than make mailboxes the site will refuse.
    if (choice === undefined) throw noOtherDomain();
    if (caps.canChooseDomain === 'on-create') return provider.createMailbox({ ...opts, domain: choice });
  }
  if (choice !== undefined && caps.canChooseDomain === 'via-rename' && provider.renameMailbox) {
    // tempmailg chooses the domain by renaming: make one, and move it only if it landed on a refused domain.
    const created = await provider.createMailbox(opts);
    if (allowed(created.domain)) return created;
    const username = created.address.slice(0, created.address.lastIndexOf('@'));
    const handle = {
      address: created.address,
      credentials: created.credentials,
      expiresAt: created.expiresAt,
    };
    return provider.renameMailbox(handle, { username, domain: choice });
  }
  // The provider picks: ask again (TempMail.lol draws from its community pool on the later tries, if the
  // person agreed to community domains).
  const community = provider.id === 'tempmail-lol' ? await communityDomains() : 'no';
  for (let attempt = 0; attempt < MAX_DOMAIN_ATTEMPTS; attempt++) {
    if (attempt > 0 && community === 'ask') throw communityQuestion();
    const created = await provider.createMailbox(
      attempt > 0 && community === 'yes' ? { ...opts, community: true } : opts,
    );
    if (allowed(created.domain)) return created;
  }
  throw noOtherDomain();
}
