import type { Settings } from '../../storage/items';

/**
 * Puts the UI language and direction on <html> (so Arabic lays out right to left and screen readers use
 * the right voice) and the chosen theme as `data-theme` ('system' leaves it to prefers-color-scheme).
 */
export function applyDocumentSetup(
  root: HTMLElement,
  lang: string,
  dir: 'ltr' | 'rtl',
  theme: Settings['theme'] = 'system',
): void {
  root.lang = lang;
  root.dir = dir;
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.dataset.theme = theme;
}
