import { browser } from 'wxt/browser';
import { siteMemoryItem } from '../storage/items';
import { t } from '../ui/i18n';

export const MENU_FILL_NEW = 'mayfly-fill-new';
export const MENU_FILL_SITE = 'mayfly-fill-site';
export const MENU_FILL_OTHER_DOMAIN = 'mayfly-fill-other-domain';

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
}
