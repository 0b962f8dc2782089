import { browser, type Browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { isExpired } from '../core/expiry';
import type { Mailbox } from '../core/types';
import { contentMessenger, type ContentProtocol } from '../messaging/content-protocol';
import { dismissedSitesItem, settingsItem } from '../storage/items';
import { createMailbox, mailboxForSite } from './mailboxes';
import { withStateLock } from './state-lock';
import { createAllowance } from './allowance';
import { contentSender } from './trust';
import { fillInlineField } from './fill-in-page';

/**
 * The inline button's background half. The button is off by default and enabled per site (Options writes
 * `settings.inlineButtonSites`); its content script is registered only for enabled, not dismissed sites
 * whose host permission was granted. Messages from that script come from a web page's renderer, so they are
 * untrusted: each answer concerns the sender's own hostname only, never includes mail or codes, and new
 * mailboxes are rate-limited per site.
 */

/** Built from entrypoints/inline-button.content.ts. */
export const INLINE_BUTTON_SCRIPT = '/content-scripts/inline-button.js';
export const INLINE_BUTTON_SCRIPT_ID = 'mayfly-inline-button';
/** At most one new mailbox per site in this window, whatever the page does. */
export const NEW_ADDRESS_INTERVAL_MS = 10_000;

type RequestAddressReply = ReturnType<ContentProtocol['requestAddress']>;

/** Match patterns of one hostname (both schemes: a site may still be on plain http). */
export function originPatterns(host: string): string[] {
  return [`http://${host}/*`, `https://${host}/*`];
}

/** Enabled sites that were not dismissed, without duplicates or empty entries. */
export function activeSites(enabled: readonly string[], dismissed: readonly string[]): string[] {
  const hidden = new Set(dismissed.map((s) => s.toLowerCase()));
  const sites = enabled.map((s) => s.trim().toLowerCase()).filter((s) => s !== '' && !hidden.has(s));
  return [...new Set(sites)];
}

/** Whether the button may act for `host`: enabled, and (unless dismissals are ignored) not dismissed. */
async function isActiveSite(host: string, ignoreDismissed: boolean): Promise<boolean> {
  const [settings, dismissed] = await Promise.all([settingsItem.getValue(), dismissedSitesItem.getValue()]);
  return activeSites(settings.inlineButtonSites, ignoreDismissed ? [] : dismissed).includes(host);
}

/** The patterns the content script may run on: active sites whose host permission is granted. */
async function grantedPatterns(): Promise<string[]> {
  const [settings, dismissed] = await Promise.all([settingsItem.getValue(), dismissedSitesItem.getValue()]);
  const patterns = activeSites(settings.inlineButtonSites, dismissed).flatMap(originPatterns);
  const granted = await Promise.all(
    patterns.map((p) => browser.permissions.contains({ origins: [p] }).catch(() => false)),
  );
  return patterns.filter((_, i) => granted[i]);
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Brings the registered content script in line with the settings. Calls are queued: two overlapping
 * syncs would otherwise both try to register the same id.
 */
export function syncInlineButtonScript(): Promise<void> {
  syncing = syncing.then(syncNow, syncNow);
  return syncing;
}

async function syncNow(): Promise<void> {
  const matches = await grantedPatterns();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [INLINE_BUTTON_SCRIPT_ID] });
  if (matches.length === 0) {
    if (existing.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: [INLINE_BUTTON_SCRIPT_ID] });
    return;
  }
  // The isolated world is named explicitly: the entrypoint's build options must never decide where it runs.
  const script = {
    id: INLINE_BUTTON_SCRIPT_ID,
    matches,
    js: [INLINE_BUTTON_SCRIPT],
    world: 'ISOLATED' as const,
  };
  if (existing.length > 0) {
    await browser.scripting.updateContentScripts([script]);
  } else {
    await browser.scripting.registerContentScripts([{ ...script, runAt: 'document_idle', allFrames: false }]);
  }
}

export interface InlineButtonDeps {
  /** Called when a click filled the site's existing address: someone may wait for mail now (poll it hot). */
  onAddressUsed: (mb: Mailbox) => Promise<void>;
  now?: () => number;
  /** Defaults to the real mailbox creation; tests pass a fake. */
  create?: (site: string) => Promise<Mailbox>;
  /**
   * Fills the address into the clicked field of the sender's frame (the on-demand autofill script, target
   * `inline`); defaults to the real injection, tests pass a fake.
   */
  fill?: (address: string, where: { tabId: number; frameId: number; url: string }) => Promise<boolean>;
}

/**
 * The two content-script requests, as plain functions of the data and the sender. `requestAddress` with
 * mode 'site' only reads (the address remembered for the sender's site, or why there is none); 'use-site'
 * answers the same, fills it into the clicked field and heats that mailbox, at most once per interval per
 * site; mode 'new' makes a mailbox for that site and fills it. The fill is the on-demand autofill script's,
 * injected into the sender's frame: the button's script carries no fill code of its own.
 */
export function createInlineButtonHandlers(deps: InlineButtonDeps) {
  const now = deps.now ?? Date.now;
  const create = deps.create ?? ((site: string) => createMailbox({ site }));
  const newAddress = createAllowance('inline-new', NEW_ADDRESS_INTERVAL_MS, now);
  const useAddress = createAllowance('inline-use', NEW_ADDRESS_INTERVAL_MS, now);

  const fill = deps.fill ?? fillInlineField;

  async function senderSite(sender: Browser.runtime.MessageSender, ignoreDismissed = false): Promise<string> {
    const host = contentSender(sender).url.hostname;
    if (!(await isActiveSite(host, ignoreDismissed)))
      throw new AppError('blocked', 'The Mayfly button is not enabled here.');
    return host;
  }

  /** The sender's frame, where a click's address is filled. */
  const frameOf = (sender: Browser.runtime.MessageSender) => {
    const { tabId, frameId, url } = contentSender(sender);
    return { tabId, frameId, url: url.href };
  };

  return {
    async requestAddress(data: unknown, sender: Browser.runtime.MessageSender): Promise<RequestAddressReply> {
      const site = await senderSite(sender);
      const mode = (data as { mode?: unknown } | null)?.mode;
      if (mode !== 'new' && mode !== 'site' && mode !== 'use-site')
        throw new AppError('blocked', 'Unknown request.');
      if (mode !== 'new') {
        const mb = await mailboxForSite(site);
        if (!mb) return { error: 'none' };
        if (isExpired(mb, now())) return { error: 'expired' };
        if (mode === 'use-site') {
          if (await useAddress.take(site)) await deps.onAddressUsed(mb);
          await fill(mb.address, frameOf(sender));
        }
        return { address: mb.address };
      }
      if (!(await newAddress.take(site))) return { error: 'rate-limited' };
      const mb = await create(site);
      await fill(mb.address, frameOf(sender));
      return { address: mb.address };
    },

    async dismissInlineButton(sender: Browser.runtime.MessageSender): Promise<void> {
      // Another tab may still show the button after a dismissal: dismissing again is fine.
      const site = await senderSite(sender, true);
      await withStateLock(async () => {
        const dismissed = await dismissedSitesItem.getValue();
        if (!dismissed.includes(site)) await dismissedSitesItem.setValue([...dismissed, site]);
      });
    },
  };
}

/**
 * Wires the inline button into the background: the content-script handlers, and keeping the registered
 * script in sync with settings, dismissals and granted permissions.
 */
export function registerInlineButton(deps: InlineButtonDeps): void {
  const handlers = createInlineButtonHandlers(deps);
  const asSender = (sender: unknown) => sender as Browser.runtime.MessageSender;
  contentMessenger.onMessage('requestAddress', ({ data, sender }) =>
    handlers.requestAddress(data, asSender(sender)),
  );
  contentMessenger.onMessage('dismissInlineButton', ({ sender }) =>
    handlers.dismissInlineButton(asSender(sender)),
  );
  const sync = (): void => void syncInlineButtonScript().catch(() => undefined);
  settingsItem.watch((next, previous) => {
    if (next?.inlineButtonSites.join() !== previous?.inlineButtonSites.join()) sync();
  });
  dismissedSitesItem.watch(sync);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
}
