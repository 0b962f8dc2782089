import { AppError } from '../core/errors';
import { isExpired } from '../core/expiry';
import type { CreatedMailbox, Mailbox, ProviderId } from '../core/types';
import type { MailboxHandle } from '../providers/types';
import { storage } from 'wxt/utils/storage';
import {
  activeMailboxItem,
  mailboxesItem,
  notifiedKey,
  pollStateItem,
  settingsItem,
  siteMemoryItem,
} from '../storage/items';
import { commitInbox, readBodies, readInbox, removeInbox, writeBodies } from '../storage/mail-store';
import { deleteCredentials, getCredentials, setCredentials } from '../storage/secrets';
import { providerFor } from './provider-access';
import { pollStateOf } from './schedule-input';
import { createAvoiding, refusedDomainsFor } from './other-domain';
import { withStateLock } from './state-lock';

/** Mailbox lifecycle: create, rename, label, delete/forget, and the join with secret credentials. */

export function mailboxIdFor(provider: ProviderId, address: string): string {
  return `${provider}:${address.toLowerCase()}`;
}

export async function getMailbox(id: string): Promise<Mailbox> {
  const mb = (await mailboxesItem.getValue()).find((m) => m.id === id);
  if (!mb) throw new AppError('not-found', 'This mailbox is no longer in Mayfly.');
  return mb;
}

/** The mailbox Mayfly remembers for a site (the address it filled there), if it still has it. */
export async function mailboxForSite(site: string): Promise<Mailbox | undefined> {
  const id = (await siteMemoryItem.getValue())[site];
  return id ? (await mailboxesItem.getValue()).find((m) => m.id === id) : undefined;
}

export async function handleFor(mb: Mailbox): Promise<MailboxHandle> {
  const credentials = await getCredentials(mb.id);
  if (!credentials) {
    // Not a server problem: the local record lost its token (e.g. an incomplete import).
    throw new AppError(
      'not-found',
      'The credentials of this mailbox are missing. Import it again or make a new one.',
    );
  }
  return {
    address: mb.address,
    credentials,
    expiresAt: mb.expiresAt,
    // A provider that renewed a token (Mail.tm after a 401) keeps it for the next call.
    saveCredentials: (renewed) => setCredentials(mb.id, renewed),
  };
}

function toMailbox(c: CreatedMailbox, extra: { label?: string; site?: string }): Mailbox {
  return {
    id: mailboxIdFor(c.provider, c.address),
    provider: c.provider,
    address: c.address,
    domain: c.domain,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
    expired: false,
    ...(extra.label ? { label: extra.label } : {}),
    ...(extra.site ? { site: extra.site } : {}),
    ...(c.ignoredName ? { ignoredName: c.ignoredName } : {}),
    ...(c.customDomain ? { customDomain: true } : {}),
  };
}

/**
 * Stores a mailbox the provider just made. It starts "primed" (nothing to hide on first sync: it is new) and
 * hot (someone is about to wait for mail), and becomes the active mailbox.
 */
export async function storeNewMailbox(
  created: CreatedMailbox,
  extra: { label?: string; site?: string },
  now: number,
  hotMs: number,
): Promise<Mailbox> {
  const mb = toMailbox(created, extra);
  await setCredentials(mb.id, created.credentials);
  await withStateLock(async () => {
    const list = await mailboxesItem.getValue();
    await mailboxesItem.setValue([mb, ...list.filter((m) => m.id !== mb.id)]);
    const ps = await pollStateItem.getValue();
    ps[mb.id] = { failures: 0, primed: true, hotUntil: now + hotMs };
    await pollStateItem.setValue(ps);
    if (extra.site) {
      const memory = await siteMemoryItem.getValue();
      memory[extra.site] = mb.id;
      await siteMemoryItem.setValue(memory);
    }
    await activeMailboxItem.setValue(mb.id);
  });
  return mb;
}

/** Someone is waiting for mail on this mailbox (it was filled in, or the popup shows it): poll it hot. */
export async function markHot(mailboxId: string, now = Date.now()): Promise<void> {
  const minutes = (await settingsItem.getValue()).hotMinutes;
  await withStateLock(async () => {
    const states = await pollStateItem.getValue();
    states[mailboxId] = { ...pollStateOf(states, mailboxId), hotUntil: now + minutes * 60_000 };
    await pollStateItem.setValue(states);
  });
}

export interface CreateRequest {
  provider?: ProviderId;
  username?: string;
  domain?: string;
  label?: string;
  site?: string;
}

export async function createMailbox(req: CreateRequest, now = Date.now()): Promise<Mailbox> {
  const settings = await settingsItem.getValue();
  const providerId = req.provider ?? settings.provider;
  const provider = await providerFor(providerId, settings);
  const opts = {
    ...(req.username ? { username: req.username } : {}),
    ...(req.domain ? { domain: req.domain } : {}),
  };
  // A site that refused a domain before gets a mailbox elsewhere (unless the person chose the domain).
  const refused = req.site && !req.domain ? await refusedDomainsFor(req.site) : new Set<string>();
  const created =
    refused.size > 0 ? await createAvoiding(provider, opts, refused) : await provider.createMailbox(opts);
  return storeNewMailbox(created, req, now, settings.hotMinutes * 60_000);
}

/** A domain name as Mayfly takes it for a custom domain: lower case, letters, digits, dots and dashes. */
const DOMAIN_NAME =
  /^(?=.{3,189}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * Adds the person's own TempMail.lol domain (legacy custom-domain flows, Plus and up) as a mailbox: its
 * catch-all `*@domain`, read with the domain's password through the API version chosen in Options, kept
 * like any other mail, and never expired locally. The first read (right away, hot) says whether the
 * password and plan are accepted.
 */
export async function addCustomDomain(domain: string, password: string, now = Date.now()): Promise<Mailbox> {
  const name = domain.trim().toLowerCase().replace(/^\*?@/, '');
  if (!DOMAIN_NAME.test(name)) throw new AppError('validation', 'That is not a domain name.');
  const secret = password.trim();
  if (secret === '' || secret.length > 2000) {
    throw new AppError(
      'validation',
      'The custom domain needs its password from the TempMail.lol custom-domain page.',
    );
  }
  const settings = await settingsItem.getValue();
  const created: CreatedMailbox = {
    provider: 'tempmail-lol',
    address: `*@${name}`,
    domain: name,
    createdAt: now,
    expiresAt: null,
    credentials: { kind: 'tempmail-lol', token: secret, api: settings.tempmailLolApi, customDomain: true },
    customDomain: true,
  };
  return storeNewMailbox(created, {}, now, settings.hotMinutes * 60_000);
}

export async function renameMailbox(id: string, to: { username: string; domain: string }): Promise<Mailbox> {
  const mb = await getMailbox(id);
  const provider = await providerFor(mb.provider);
  if (!provider.renameMailbox) throw new AppError('unsupported', 'This provider cannot rename mailboxes.');
  const renamed = await provider.renameMailbox(await handleFor(mb), to);
  const settings = await settingsItem.getValue();
  // Rename replaces the mailbox (new id and token on tempmailg); mail already stored moves with it.
  const next = await storeNewMailbox(
    renamed,
    { ...(mb.label ? { label: mb.label } : {}), ...(mb.site ? { site: mb.site } : {}) },
    Date.now(),
    settings.hotMinutes * 60_000,
  );
  if (next.id !== id) {
    await withStateLock(async () => {
      const moving = await readInbox(id);
      if (moving.length > 0) {
        const bodies = (await readBodies(id)).map((b) => ({ ...b, mailboxId: next.id }));
        await writeBodies(bodies);
        const moved = moving.map((m) => ({ ...m, mailboxId: next.id }));
        const into = await readInbox(next.id);
        const ids = new Set(into.map((m) => m.id));
        await commitInbox(
          next.id,
          [...into, ...moved.filter((m) => !ids.has(m.id))].sort((a, b) => b.receivedAt - a.receivedAt),
        );
      }
      // Every site that knew the old address now knows the new one (not only the site it was made for).
      const memory = await siteMemoryItem.getValue();
      for (const [site, mbId] of Object.entries(memory)) if (mbId === id) memory[site] = next.id;
      await siteMemoryItem.setValue(memory);
    });
    await forgetLocally(id);
  }
  return next;
}

/** Sets a mailbox's label (empty removes it) and whether it is pinned; a field not given stays as it is. */
export async function updateMailbox(
  id: string,
  patch: { label?: string; pinned?: boolean },
): Promise<Mailbox> {
  return withStateLock(async () => {
    const list = await mailboxesItem.getValue();
    const i = list.findIndex((m) => m.id === id);
    if (i < 0) throw new AppError('not-found', 'This mailbox is no longer in Mayfly.');
    const { label: oldLabel, pinned: oldPinned, ...rest } = list[i]!;
    const label = patch.label !== undefined ? patch.label.trim() : oldLabel;
    const pinned = patch.pinned ?? oldPinned;
    const updated: Mailbox = { ...rest, ...(label ? { label } : {}), ...(pinned ? { pinned: true } : {}) };
    list[i] = updated;
    await mailboxesItem.setValue(list);
    return updated;
  });
}

/** Removes every local trace of a mailbox: record, credentials, mail, poll state, site memory. */
export async function forgetLocally(id: string): Promise<void> {
  await withStateLock(async () => {
    const list = await mailboxesItem.getValue();
    const rest = list.filter((m) => m.id !== id);
    await mailboxesItem.setValue(rest);
    await removeInbox(id);
    const ps = await pollStateItem.getValue();
    delete ps[id];
    await pollStateItem.setValue(ps);
    await storage.removeItem(notifiedKey(id));
    const memory = await siteMemoryItem.getValue();
    for (const [site, mbId] of Object.entries(memory)) if (mbId === id) delete memory[site];
    await siteMemoryItem.setValue(memory);
    if ((await activeMailboxItem.getValue()) === id) await activeMailboxItem.setValue(rest[0]?.id ?? null);
  });
  await deleteCredentials(id);
}

/**
 * Deletes the mailbox on the server where the provider can (a failure there is reported and nothing is
 * forgotten), then forgets it locally. Expired mailboxes are only forgotten: the server has let them go.
 */
export async function deleteMailbox(id: string): Promise<void> {
  const mb = await getMailbox(id);
  if (!isExpired(mb, Date.now())) {
    const provider = await providerFor(mb.provider);
    if (provider.deleteMailbox) {
      try {
        await provider.deleteMailbox(await handleFor(mb));
      } catch (e) {
        const err = e as AppError;
        // Already gone on the server: forgetting it is what the person wants.
        if (err.kind !== 'not-found' && err.kind !== 'expired') throw e;
      }
    }
  }
  await forgetLocally(id);
}
