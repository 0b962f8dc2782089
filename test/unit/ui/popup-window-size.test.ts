// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { rememberPopupSize, reserveLastPopupSize, type SizeStore } from '../../../lib/ui/popup-window-size';

function memoryStore(initial: Record<string, string> = {}): SizeStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => void (data[key] = value),
  };
}

const broken: SizeStore = {
  getItem: () => {
    throw new Error('site data blocked');
  },
  setItem: () => {
    throw new Error('site data blocked');
  },
};

/** A window whose size the test sets, as the browser does when it fits the popup to its page. */
function fakeWindow(width: number, height: number) {
  const target = new EventTarget() as Window & EventTarget;
  Object.assign(target, { innerWidth: width, innerHeight: height });
  return {
    win: target,
    resizeTo(w: number, h: number) {
      Object.assign(target, { innerWidth: w, innerHeight: h });
      target.dispatchEvent(new Event('resize'));
    },
  };
}

describe('the toolbar popup opens at its last size', () => {
  it('holds the last size until the inbox is drawn, then lets go', () => {
    const root = document.createElement('html');
    const release = reserveLastPopupSize(root, memoryStore({ 'mayfly:popupSize': '395x600' }));
    expect([root.style.minWidth, root.style.minHeight]).toEqual(['395px', '600px']);
    release();
    expect([root.style.minWidth, root.style.minHeight]).toEqual(['', '']);
  });

  it('reserves nothing without a size a popup can have', () => {
    for (const stored of [undefined, 'garbage', '1280x900', '395x10', '395x600px']) {
      const root = document.createElement('html');
      const store = memoryStore(stored === undefined ? {} : { 'mayfly:popupSize': stored });
      reserveLastPopupSize(root, store)();
      expect(root.getAttribute('style'), String(stored)).toBeNull();
    }
    expect(() => reserveLastPopupSize(document.createElement('html'), broken)()).not.toThrow();
  });

  it('keeps the size the browser fits the window to, within a popup’s bounds', () => {
    const store = memoryStore();
    const { win, resizeTo } = fakeWindow(25, 25);
    rememberPopupSize(win, store);
    resizeTo(395, 600);
    expect(store.data['mayfly:popupSize']).toBe('395x600');
    resizeTo(10, 10); // not a size to open at
    expect(store.data['mayfly:popupSize']).toBe('395x600');
    resizeTo(1280, 900); // beyond what a popup window can be: kept within its bounds
    expect(store.data['mayfly:popupSize']).toBe('800x600');
    win.dispatchEvent(new Event('pagehide'));
    expect(store.data['mayfly:popupSize']).toBe('800x600');
  });

  it('costs nothing when storage fails', () => {
    const { win, resizeTo } = fakeWindow(25, 25);
    rememberPopupSize(win, broken);
    expect(() => resizeTo(395, 600)).not.toThrow();
  });
});
