import { browser } from 'wxt/browser';
import { isPaused, type PauseChoice } from '../core/pause';
import { pauseItem, siteMemoryItem } from '../storage/items';
import { t } from '../ui/i18n';

export const MENU_FILL_NEW = 'mayfly-fill-new';
export const MENU_FILL_SITE = 'mayfly-fill-site';
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

/**
 * Creates the menu entries on editable fields ("Use this site's address" and "Try another domain" only on
 * sites with a remembered address). Menus persist across service-worker restarts, so this
 * runs on install/update and when the remembered sites change; removeAll first keeps it idempotent.
 */
export async function setupContextMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_FILL_NEW, title: t('bgMenuFillNew'), contexts: ['editable'] });
  const patterns = sitePatterns(await siteMemoryItem.getValue());
  for (const [id, title] of [
    [MENU_FILL_SITE, t('bgMenuFillSite')],
    [MENU_FILL_OTHER_DOMAIN, t('tryOtherDomain')],
  ] as const) {
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
