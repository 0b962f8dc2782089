import { browser } from 'wxt/browser';
import { siteMemoryItem } from '../storage/items';
import { t } from '../ui/i18n';

export const MENU_FILL_NEW = 'mayfly-fill-new';
export const MENU_FILL_SITE = 'mayfly-fill-site';

/** URL patterns of the sites that have a remembered address: "Use this site's address" shows only there. */
export function sitePatterns(memory: Record<string, string>): string[] {
  return Object.keys(memory).flatMap((host) => [`http://${host}/*`, `https://${host}/*`]);
}

/**
 * Creates the two menu entries on editable fields. Menus persist across service-worker restarts, so this
 * runs on install/update and when the remembered sites change; removeAll first keeps it idempotent.
 */
export async function setupContextMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_FILL_NEW, title: t('bgMenuFillNew'), contexts: ['editable'] });
  const patterns = sitePatterns(await siteMemoryItem.getValue());
  browser.contextMenus.create({
    id: MENU_FILL_SITE,
    title: t('bgMenuFillSite'),
    contexts: ['editable'],
    // documentUrlPatterns lets the browser decide where the entry shows, without the "tabs" permission.
    documentUrlPatterns: patterns.length > 0 ? patterns : ['https://mayfly.invalid/*'],
    visible: patterns.length > 0,
  });
}
