import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { parseWebUrl } from '../../core/links';
import type { Settings } from '../../storage/items';
import type { Send } from './deps';

/** The part of `browser.permissions` this model uses (host permissions only). */
export interface HostPermissions {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SiteButtonDeps {
  /** Settings as the popup already follows them (see popup-model). */
  settings: ReadonlySignal<Settings>;
  /** The background lists and unlists the site (`setSiteButton`). */
  send: Send;
  /** URL of the tab the popup was opened over; activeTab reveals it after the toolbar click. */
  activeTabUrl: () => Promise<string | undefined>;
  permissions: HostPermissions;
}

/** The site the popup was opened over: its hostname (what the settings list) and origin (what is granted). */
export interface ActiveSite {
  hostname: string;
  origin: string;
}

/** The web site of a URL, or null for anything that is not an http(s) page (new tab, extension pages, files). */
export function activeSiteOf(url: string | undefined): ActiveSite | null {
  const parsed = parseWebUrl(url);
  return parsed ? { hostname: parsed.hostname, origin: parsed.origin } : null;
}

const originPattern = (origin: string) => `${origin}/*`;

/**
 * The per-site switch "Show the Mayfly button in email fields on <site>". Off by default. Turning it on
 * asks for access to that one origin and lists the hostname in `settings.inlineButtonSites` (the in-page
 * button is registered from that list); turning it off unlists it and gives the access back.
 */
export function createSiteButtonModel(deps: SiteButtonDeps) {
  const site = signal<ActiveSite | null>(null);
  const granted = signal(false);
  /** The state the person just asked for, shown while the permission prompt and storage write run. */
  const pending = signal<boolean | null>(null);
  /** The last attempt to turn the button on was refused (prompt dismissed or permission denied). */
  const refused = signal(false);

  const listed = computed(() => {
    const current = site.value;
    return current !== null && deps.settings.value.inlineButtonSites.includes(current.hostname);
  });
  /** On only when the site is listed and Mayfly may still run there (access can be taken away elsewhere). */
  const enabled = computed(() => pending.value ?? (listed.value && granted.value));

  /** Finds the active tab's site; call after the first paint, it is not needed for it. */
  async function load(): Promise<void> {
    const found = activeSiteOf(await deps.activeTabUrl().catch(() => undefined));
    if (found) {
      granted.value = await answerOf(() =>
        deps.permissions.contains({ origins: [originPattern(found.origin)] }),
      );
    }
    site.value = found;
  }

  const list = (hostname: string, on: boolean) => deps.send('setSiteButton', { hostname, on });

  /**
   * Turns the button on or off for the active site. Must run straight from the click: the permission
   * request has to be the first thing the handler does, before any await, or the browser drops the gesture.
   */
  async function setEnabled(on: boolean): Promise<void> {
    const current = site.value;
    if (!current) return;
    const { hostname, origin } = current;
    const origins = [originPattern(origin)];
    refused.value = false;
    pending.value = on;
    try {
      if (on) {
        const request = answerOf(() => deps.permissions.request({ origins }));
        // Listed at once, not after the prompt: Firefox closes the popup when its prompt opens, and the
        // listing must survive that. The in-page button is only registered where access was granted.
        const listing = list(hostname, true);
        const allowed = await request;
        await listing;
        granted.value = allowed;
        if (!allowed) {
          refused.value = true;
          await list(hostname, false);
        }
      } else {
        await list(hostname, false);
        if (!isApiOrigin(origin, deps.settings.value)) {
          granted.value = !(await answerOf(() => deps.permissions.remove({ origins })));
        }
      }
    } finally {
      pending.value = null;
    }
  }

  return { site, enabled, refused, load, setEnabled };
}

/**
 * The answer of a permissions call, false when it fails. The call itself runs synchronously, so a request
 * made through this still happens inside the click's user gesture.
 */
function answerOf(call: () => Promise<boolean>): Promise<boolean> {
  try {
    return call().catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** An origin that one of the configured APIs lives on: its access is the API's, never given back here. */
function isApiOrigin(origin: string, settings: Settings): boolean {
  return Object.values(settings.baseUrls).some((base) => {
    try {
      return new URL(base).origin === origin;
    } catch {
      return false;
    }
  });
}

export type SiteButtonModel = ReturnType<typeof createSiteButtonModel>;
