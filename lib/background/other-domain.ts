import { AppError, isAppError } from '../core/errors';
import type { CreatedMailbox } from '../core/types';
import type { CreateMailboxOptions, TempMailProvider } from '../providers/types';
import { refusedDomainsItem } from '../storage/items';
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

/** Makes a mailbox whose domain is not in `refused`, or throws the "no other domain" error. */
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
  // The provider picks: ask again (TempMail.lol draws from its community pool on the later tries).
  for (let attempt = 0; attempt < MAX_DOMAIN_ATTEMPTS; attempt++) {
    const created = await provider.createMailbox(attempt === 0 ? opts : { ...opts, community: true });
    if (allowed(created.domain)) return created;
  }
  throw noOtherDomain();
}
