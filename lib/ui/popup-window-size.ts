/**
 * Chrome shows a toolbar popup once its page has loaded, sized to that page (25×25 at least, 800×600 at most;
 * ExtensionPopup::DocumentOnLoadCompletedInPrimaryMainFrame in Chromium). The popup draws its inbox when the
 * storage reads answer, after the load event, so its window opened at 25×25 and then grew (measured in headed
 * Chromium: BENCHMARKS.md, "Popup speed"). Before load the page now takes the size the popup window had last
 * time, and lets go of it in the task that draws the inbox: the window opens at its size and stays there.
 *
 * Only a layout size is kept ("395x600"), in this extension's own localStorage: synchronous, so it is there
 * before load, and nothing about the person.
 */

const KEY = 'mayfly:popupSize';
/** Chrome's bounds for a popup window (Firefox's are close): a size outside them was not a popup's. */
const MIN = 25;
const MAX_WIDTH = 800;
const MAX_HEIGHT = 600;

export interface SizeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Storage that fails (site data blocked) only costs the reservation. */
function attempt<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

function lastSize(store: SizeStore): { width: number; height: number } | null {
  const match = /^(\d+)x(\d+)$/.exec(attempt(() => store.getItem(KEY), null) ?? '');
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width < MIN || width > MAX_WIDTH || height < MIN || height > MAX_HEIGHT) return null;
  return { width, height };
}

/** Makes the empty page as big as the popup window was last time; returns what lets go of that size. */
export function reserveLastPopupSize(root: HTMLElement, store: SizeStore): () => void {
  const size = lastSize(store);
  if (!size) return () => undefined;
  root.style.minWidth = `${size.width}px`;
  root.style.minHeight = `${size.height}px`;
  return () => {
    root.style.minWidth = '';
    root.style.minHeight = '';
  };
}

/** Keeps the window's size each time the browser fits it to the page, and when the popup closes. */
export function rememberPopupSize(win: Window, store: SizeStore): void {
  const save = () => {
    if (win.innerWidth < MIN || win.innerHeight < MIN) return;
    const size = `${Math.min(win.innerWidth, MAX_WIDTH)}x${Math.min(win.innerHeight, MAX_HEIGHT)}`;
    attempt(() => store.setItem(KEY, size), undefined);
  };
  win.addEventListener('resize', save);
  win.addEventListener('pagehide', save);
}
