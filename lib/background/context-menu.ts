import { browser } from 'wxt/browser';
import { isPaused, type PauseChoice } from '../core/pause';
import { isExpired } from '../core/expiry';
import type { Mailbox } from '../core/types';
import { mailboxesItem, pauseItem, siteMemoryItem } from '../storage/items';
import { t } from '../ui/i18n';

export const MENU_FILL_NEW = 'mayfly-fill-new';
export const MENU_FILL_SITE = 'mayfly-fill-site';
/** On a site whose remembered address has expired, in place of "Use this site's address". */
export const MENU_FILL_SITE_EXPIRED = 'mayfly-fill-site-expired';
export const MENU_FILL_OTHER_DOMAIN = 'mayfly-fill-other-domain';
export const MENU_RESUME = 'mayfly-resume';

/** The toolbar-icon menu's pause entries, shown while running; "Resume" shows while paused. */
export const PAUSE_MENUS: Readonly<Record<string, PauseChoice>> = {
  'mayfly-pause-hour': 'hour',
  'mayfly-pause-tomorrow': 'tomorrow',
  'mayfly-pause-indefinite': 'indefinite',
};
const PAUSE_MENU_TITLES: Record<PauseChoice, string> = {
  hour: 'menuPauseHour',
  tomorrow: 'menuPauseTomorrow',
  indefinite: 'menuPauseIndefinite',
};

/** The toolbar icon's own menu: `action` in MV3, `browser_action` in Firefox's MV2 build. */
function actionContext(): 'action' | 'browser_action' {
  return import.meta.env.MANIFEST_VERSION === 2 ? 'browser_action' : 'action';
}

/** URL patterns of the sites that have a remembered address: "Use this site's address" shows only there. */
export function sitePatterns(memory: Record<string, string>): string[] {
  return Object.keys(memory).flatMap((host) => [`http://${host}/*`, `https://${host}/*`]);
}

/** The sites whose remembered address has expired (or is no longer kept), sorted. */
export function expiredSites(
  memory: Readonly<Record<string, string>>,
  mailboxes: readonly Pick<Mailbox, 'id' | 'expired' | 'expiresAt'>[],
  now: number,
): string[] {
  return Object.entries(memory)
    .filter(([, id]) => {
      const mb = mailboxes.find((m) => m.id === id);
      return !mb || isExpired(mb, now);
    })
    .map(([site]) => site)
    .sort();
}

/** The expired sites the menus were last made for (this worker's life; a restart makes them again). */
let menusExpiredKey: string | null = null;

/** Menus persist: they are made again only when a remembered address expires (or comes back). */
export function followSiteExpiry(): void {
  mailboxesItem.watch((list) => {
    void siteMemoryItem.getValue().then((memory) => {
      if (expiredSites(memory, list ?? [], Date.now()).join('\n') !== menusExpiredKey)
        void setupContextMenus();
    });
  });
}

/**
 * Creates the menu entries on editable fields ("Use this site's address" and "Try another domain" only on
 * sites with a remembered address; where that address has expired, the first says so and fills a new one). Menus persist across service-worker restarts, so this
 * runs on install/update and when the remembered sites change; removeAll first keeps it idempotent.
 */
export async function setupContextMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_FILL_NEW, title: t('bgMenuFillNew'), contexts: ['editable'] });
  const memory = await siteMemoryItem.getValue();
  const expired = expiredSites(memory, await mailboxesItem.getValue(), Date.now());
  menusExpiredKey = expired.join('\n');
  const allPatterns = sitePatterns(memory);
  const expiredPatterns = sitePatterns(Object.fromEntries(expired.map((site) => [site, ''])));
  const livePatterns = allPatterns.filter((p) => !expiredPatterns.includes(p));
  for (const [id, title, patterns] of [
    [MENU_FILL_SITE, t('bgMenuFillSite'), livePatterns],
    [MENU_FILL_SITE_EXPIRED, t('bgMenuFillSiteExpired'), expiredPatterns],
    [MENU_FILL_OTHER_DOMAIN, t('tryOtherDomain'), allPatterns],
  ] as [string, string, string[]][]) {
    browser.contextMenus.create({
      id,
      title,
      contexts: ['editable'],
      // documentUrlPatterns lets the browser decide where the entry shows, without the "tabs" permission.
      documentUrlPatterns: patterns.length > 0 ? patterns : ['https://mayfly.invalid/*'],
      visible: patterns.length > 0,
    });
  }
  const paused = isPaused(await pauseItem.getValue(), Date.now());
  const contexts = [actionContext()] as ['action'];
  for (const [id, choice] of Object.entries(PAUSE_MENUS)) {
    browser.contextMenus.create({ id, title: t(PAUSE_MENU_TITLES[choice]), contexts, visible: !paused });
  }
  browser.contextMenus.create({ id: MENU_RESUME, title: t('menuResume'), contexts, visible: paused });
}

/** Shows the pause entries or "Resume" as the stored pause says (menus persist, so they are updated). */
export async function showPauseMenus(paused: boolean): Promise<void> {
  const updates = [
    ...Object.keys(PAUSE_MENUS).map((id) => [id, !paused] as const),
    [MENU_RESUME, paused] as const,
  ];
  // An entry may not exist yet (the install handler has not run): setupContextMenus creates it right.
  await Promise.all(
    updates.map(async ([id, visible]) => {
      try {
        await browser.contextMenus.update(id, { visible });
      } catch {
        // Not created yet: setupContextMenus reads the pause when it creates it.
      }
    }),
  );
}
