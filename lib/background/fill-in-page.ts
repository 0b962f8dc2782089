import { browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { isExpired } from '../core/expiry';
import { parseWebUrl } from '../core/links';
import { isPaused } from '../core/pause';
import { PROVIDER_NAMES, otherKeylessProvider, type Mailbox, type ProviderId } from '../core/types';
import { pauseItem, settingsItem } from '../storage/items';
import { contentMessenger } from '../messaging/content-protocol';
import { errorText } from '../ui/error-text';
import { t } from '../ui/i18n';
import { copyToClipboard } from './clipboard';
import { createMailbox, getMailbox, mailboxForSite, markHot } from './mailboxes';
import { isNoOtherDomain, refuseDomain } from './other-domain';

/** The on-demand content script (built from entrypoints/autofill.content.ts, not in the manifest). */
export const AUTOFILL_SCRIPT = '/content-scripts/autofill.js';
/** The on-demand "Fill into page" script for verification codes (entrypoints/fill-code.content.ts). */
export const FILL_CODE_SCRIPT = '/content-scripts/fill-code.js';
/** Watches a filled form for "disposable addresses are not allowed" (entrypoints/refusal-watch.content.ts). */
export const REFUSAL_WATCH_SCRIPT = '/content-scripts/refusal-watch.js';

export interface FillTarget {
  tabId: number;
  frameId: number;
  /** URL of the frame (or page) the person acted in. */
  url: string | undefined;
  /**
   * Which field: the right-clicked one, the focused one, the one the detector (or a replaced address) finds,
   * or the one whose in-field button was clicked.
   */
  target: 'context-menu' | 'focused' | 'detected' | 'inline';
}

export interface FillDeps {
  notify: (title: string, message: string) => Promise<void>;
  /**
   * Offers "Try another provider" for this fill (the provider is blocked on this network, or the site refused
   * every domain it has); without it the failure is only said.
   */
  offerOtherProvider?: (
    where: FillTarget,
    title: string,
    message: string,
    otherProvider: string,
  ) => Promise<void>;
}

/** The hostname Mayfly remembers an address for, or null for pages it must not fill. */
export function siteOf(url: string | undefined): string | null {
  return parseWebUrl(url)?.hostname ?? null;
}

/** The origin of an http(s) page, which a fill names so that only that document accepts it. */
export function originOf(url: string | undefined): string | null {
  return parseWebUrl(url)?.origin ?? null;
}

async function inject(
  tabId: number,
  frameId: number,
  file: typeof AUTOFILL_SCRIPT | typeof FILL_CODE_SCRIPT | typeof REFUSAL_WATCH_SCRIPT = AUTOFILL_SCRIPT,
): Promise<void> {
  // Always the isolated world, whatever the entrypoint's build options say: the page must not share our globals.
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [file],
    world: 'ISOLATED',
  });
}

/** Sends the address to the injected autofill script; true when it filled a field (then watches for a refusal). */
async function fillInFrame(address: string, where: FillTarget, replace?: string): Promise<boolean> {
  let filled = false;
  const origin = originOf(where.url);
  try {
    if (origin) {
      const res = await contentMessenger.sendMessage(
        'fillAddress',
        { address, target: where.target, origin, ...(replace ? { replace } : {}) },
        { tabId: where.tabId, frameId: where.frameId },
      );
      filled = res.filled;
    }
  } catch {
    filled = false;
  }
  if (filled) await watchForRefusal(address, where);
  return filled;
}

/** `replace`: the field may be overwritten when it holds exactly this (the address the site refused). */
async function deliver(
  address: string,
  where: FillTarget,
  deps: FillDeps,
  replace?: string,
): Promise<boolean> {
  const filled = await fillInFrame(address, where, replace);
  if (!filled) {
    // The address is made either way: hand it over through the clipboard and say so.
    await copyToClipboard(address).catch(() => undefined);
    await deps.notify(t('bgFillFailedTitle'), t('bgCopiedInstead', address));
  }
  return filled;
}

/** A fill while Mayfly is paused: the address is there, but its mail waits for the person to resume. */
async function sayIfPaused(address: string, deps: FillDeps): Promise<void> {
  if (isPaused(await pauseItem.getValue(), Date.now())) {
    await deps.notify(t('bgPausedTitle'), t('bgPausedFill', address));
  }
}

/**
 * The in-field button's fill: `address` goes into the field whose button was clicked, in the sender's frame,
 * through the same on-demand script as the context menu (so "Confirm email" gets it too, and the refusal
 * watch starts). No clipboard or notification when it cannot fill: the request came from a page, and a page
 * must not be able to reach the clipboard.
 */
export async function fillInlineField(address: string, where: Omit<FillTarget, 'target'>): Promise<boolean> {
  try {
    await inject(where.tabId, where.frameId);
  } catch {
    return false;
  }
  return fillInFrame(address, { ...where, target: 'inline' });
}

/** Starts watching the filled form for a refusal of the address; a page that will not have it loses nothing. */
async function watchForRefusal(address: string, where: FillTarget): Promise<void> {
  try {
    await inject(where.tabId, where.frameId, REFUSAL_WATCH_SCRIPT);
    await contentMessenger.sendMessage(
      'watchRefusal',
      { address },
      { tabId: where.tabId, frameId: where.frameId },
    );
  } catch {
    // No watch: the context-menu and popup entries still offer another domain.
  }
}

/**
 * "Fill a new disposable address": makes a mailbox for the site, fills it into the field the person acted
 * on, and puts the mailbox in hot mode (a verification mail is about to arrive). The content script is
 * injected only now, into that one frame (activeTab + scripting).
 */
export async function fillNewAddress(
  where: FillTarget,
  deps: FillDeps,
  replace?: string,
  provider?: ProviderId,
): Promise<Mailbox | null> {
  const site = siteOf(where.url);
  if (!site) {
    await deps.notify(t('bgFillFailedTitle'), t('bgNotAPage'));
    return null;
  }
  // Injected while the mailbox is made; a page that refuses the script still gets the address by clipboard.
  const injected = inject(where.tabId, where.frameId).catch(() => undefined);
  let mb: Mailbox;
  try {
    mb = await createMailbox({ site, ...(provider ? { provider } : {}) });
  } catch (e) {
    // The person's language and what to do next, as everywhere else; the API's own words stay in the log.
    const message = isNoOtherDomain(e) ? t('bgNoOtherDomain', site) : errorText(e);
    const other = otherKeylessProvider(provider ?? (await settingsItem.getValue()).provider);
    const blocked = isNoOtherDomain(e) || (e instanceof AppError && e.kind === 'blocked');
    if (blocked && other && deps.offerOtherProvider) {
      await deps.offerOtherProvider(where, t('bgFillFailedTitle'), message, PROVIDER_NAMES[other]);
    } else {
      await deps.notify(t('bgFillFailedTitle'), message);
    }
    return null;
  }
  await injected;
  await deliver(mb.address, where, deps, replace);
  await sayIfPaused(mb.address, deps);
  return mb;
}

/**
 * "Try another domain": the site refused its address (many sites block disposable domains). Remembers the
 * refused domain for the site, makes a mailbox on another one and fills it in place of the refused address.
 */
export async function fillOtherDomain(where: FillTarget, deps: FillDeps): Promise<Mailbox | null> {
  const site = siteOf(where.url);
  const refused = site ? await mailboxForSite(site) : undefined;
  if (site && refused) await refuseDomain(site, refused.domain);
  return fillNewAddress(where, deps, refused?.address);
}

/**
 * "Try another provider": like "Try another domain", but the new address is made on the other keyless
 * provider (TempMail.lol and Mail.tm for each other), for a site that refuses every domain of one, or a
 * network that blocks it.
 */
export async function fillOtherProvider(where: FillTarget, deps: FillDeps): Promise<Mailbox | null> {
  const site = siteOf(where.url);
  const refused = site ? await mailboxForSite(site) : undefined;
  if (site && refused) await refuseDomain(site, refused.domain);
  const current = refused?.provider ?? (await settingsItem.getValue()).provider;
  const other = otherKeylessProvider(current);
  if (!other) return fillNewAddress(where, deps, refused?.address);
  // The offer is made once: a failure on the other provider too is only said.
  return fillNewAddress(where, { notify: deps.notify }, refused?.address, other);
}

/**
 * "Try another domain" from the popup, for a mailbox made for a site. Opening the popup granted activeTab, so
 * when the active tab shows that site the new address goes into its signup field, replacing the refused one.
 */
export async function otherDomainFromPopup(
  mailboxId: string,
  otherProvider = false,
): Promise<{ mailbox: Mailbox; filled: boolean }> {
  const refused = await getMailbox(mailboxId);
  if (!refused.site) throw new AppError('validation', 'This address was not made for a site.');
  // "Try another provider" leads only from one keyless provider to the other.
  const provider = otherProvider ? otherKeylessProvider(refused.provider) : undefined;
  if (otherProvider && !provider) throw new AppError('unsupported', 'There is no other provider to offer.');
  await refuseDomain(refused.site, refused.domain);
  const mailbox = await createMailbox({ site: refused.site, ...(provider ? { provider } : {}) });
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  let filled = false;
  const origin = originOf(tab?.url);
  if (tab?.id !== undefined && origin && siteOf(tab.url) === refused.site) {
    try {
      await inject(tab.id, 0);
      const where = { tabId: tab.id, frameId: 0 };
      const data = {
        address: mailbox.address,
        target: 'detected',
        origin,
        replace: refused.address,
      } as const;
      filled = (await contentMessenger.sendMessage('fillAddress', data, where)).filled;
    } catch {
      // A page Mayfly may not script: the popup shows the address to copy instead.
    }
  }
  return { mailbox, filled };
}

/** "Use this site's address": fills the address remembered for the site; says so when it has expired. */
export async function fillSiteAddress(where: FillTarget, deps: FillDeps): Promise<Mailbox | null> {
  const site = siteOf(where.url);
  if (!site) {
    await deps.notify(t('bgFillFailedTitle'), t('bgNotAPage'));
    return null;
  }
  const mb = await mailboxForSite(site);
  if (!mb) return fillNewAddress(where, deps);
  if (isExpired(mb, Date.now())) {
    await deps.notify(t('bgFillFailedTitle'), t('bgSiteAddressExpired', site));
    return null;
  }
  await inject(where.tabId, where.frameId).catch(() => undefined);
  await markHot(mb.id);
  await deliver(mb.address, where, deps);
  await sayIfPaused(mb.address, deps);
  return mb;
}

/** A code as extraction produces it; anything else is refused before it reaches a page. */
const CODE_PATTERN = /^[A-Za-z0-9-]{3,12}$/;

/**
 * Fills a verification code into a tab's one-time-code field, on the person's click (popup button or
 * context menu). Injects the on-demand content script first; needs activeTab from that click. `url` is the
 * page the person saw: a frame whose document is of another origin by then refuses the code.
 */
export async function fillCodeInTab(
  tabId: number,
  frameId: number,
  code: string,
  url: string | undefined,
): Promise<boolean> {
  const origin = originOf(url);
  if (!CODE_PATTERN.test(code) || !origin) return false;
  await inject(tabId, frameId, FILL_CODE_SCRIPT);
  const res = await contentMessenger.sendMessage('fillCode', { code, origin }, { tabId, frameId });
  return res.filled;
}
