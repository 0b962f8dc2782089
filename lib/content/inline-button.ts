import { detectEmailFields, type EmailFieldKind } from './detector';
import { markInlineField } from './inline-target';

/**
 * The inline button: a small button drawn inside the end of a signup or newsletter email field (and of a
 * login field when the site already has a Mayfly address). It lives in a closed shadow root on an element
 * appended to <html>, positioned over the field with fixed coordinates, so the page's layout never moves and
 * the page cannot restyle or read it. Kept apart from the entrypoint so tests can drive it with a fake
 * environment.
 */

/** What the background answers to `requestAddress`. */
export type AddressReply = { address: string } | { error: string };

/** The content script's view of the outside world. */
export interface InlineButtonEnv {
  requestAddress(mode: 'new' | 'site' | 'use-site'): Promise<AddressReply>;
  dismiss(): Promise<void>;
  /** A translated string (chrome.i18n.getMessage). */
  message(key: InlineButtonString): string;
}

export type InlineButtonString =
  | 'contentInlineNew'
  | 'contentInlineUseSite'
  | 'contentInlineExpired'
  | 'contentInlineDismiss'
  | 'contentInlineFailed';

/**
 * What the background last said about the site's remembered address: not asked yet, none, expired, or one
 * (the address itself stays in the background until a click fills it).
 */
type SiteState = 'unknown' | 'none' | 'expired' | 'address';

const SIGNUP_KINDS: readonly EmailFieldKind[] = ['signup', 'newsletter'];
const GAP = 4;
const HOST_TAG = 'mayfly-inline-button';

/**
 * The button's own rules, written compact: this script ships into pages. Both buttons centre their content
 * in a grid cell; the shadow root holds nothing else that can take focus.
 */
const STYLE =
  '.fill,.close{all:unset;display:grid;place-items:center;cursor:pointer}' +
  '.fill{box-sizing:border-box;width:100%;height:100%;border-radius:4px;color:#4b2fc9;background:#f1edff}' +
  '.fill:hover{background:#e2daff}' +
  // The envelope icon: a 14×10 outline and its flap, drawn by CSS (no markup or image in the page).
  '.fill:before,.fill:after{content:"";grid-area:1/1;border:1.5px solid;border-radius:1px}' +
  '.fill:before{width:11px;height:7px}' +
  '.fill:after{width:6px;height:6px;border-width:0 1.5px 1.5px 0;transform:translateY(-4px) rotate(45deg)}' +
  ':focus-visible{outline:2px solid #4b2fc9;outline-offset:1px}' +
  '.fill[aria-disabled=true]{color:#8a6d00;background:#fff4cc;cursor:default}' +
  '.close{position:absolute;top:-6px;inset-inline-end:-6px;width:14px;height:14px;border-radius:50%;' +
  'font:11px sans-serif;color:#fff;background:#444;opacity:0}' +
  ':host(:hover) .close,:host(:focus-within) .close{opacity:1}';

/**
 * A click that comes sooner than this after the button appeared or moved is ignored: a page can slide the
 * button under a pointer that was aiming at something else.
 */
const MIN_STILL_MS = 500;

/**
 * Reports whether the browser sees the element as visible to the person: not covered by anything (even
 * content that lets clicks through), not faded, filtered or transformed (IntersectionObserver v2; Chromium).
 * Returns null where that is not supported.
 */
function observeVisibility(
  win: Window,
  element: Element,
  report: (visible: boolean) => void,
): { disconnect(): void; flush(): void } | null {
  const Observer = (win as Window & typeof globalThis).IntersectionObserver as
    | typeof IntersectionObserver
    | undefined;
  if (!Observer || !('trackVisibility' in Observer.prototype)) return null;
  const observer = new Observer((entries) => take(entries), {
    trackVisibility: true,
    delay: 100,
  } as IntersectionObserverInit);
  function take(entries: IntersectionObserverEntry[]): void {
    const last = entries[entries.length - 1] as
      | (IntersectionObserverEntry & { isVisible?: boolean })
      | undefined;
    if (last && typeof last.isVisible === 'boolean') report(last.isVisible);
  }
  observer.observe(element);
  return { disconnect: () => observer.disconnect(), flush: () => take(observer.takeRecords()) };
}

/** The email field the button belongs to, and whether it sits in a login form. */
interface Target {
  field: HTMLInputElement;
  login: boolean;
}

/** Focusable elements in document order, to continue the Tab sequence right after the field. */
function tabbables(root: Document | ShadowRoot): HTMLElement[] {
  const candidates = root.querySelectorAll<HTMLElement>('input,button,select,textarea,a[href],[tabindex]');
  return Array.from(candidates).filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
  );
}

/**
 * Starts the button on `doc`. Fields are looked for now and again whenever the page changes (debounced);
 * the button follows the focused eligible field, or the first one. Returns `stop`, which removes it.
 */
export function startInlineButton(doc: Document, env: InlineButtonEnv): { stop(): void } {
  const win = doc.defaultView!;
  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const fillButton = doc.createElement('button');
  fillButton.className = 'fill';
  fillButton.type = 'button';
  const closeButton = doc.createElement('button');
  closeButton.className = 'close';
  closeButton.type = 'button';
  closeButton.textContent = '×';
  shadow.append(style, fillButton, closeButton);
  closeButton.setAttribute('aria-label', env.message('contentInlineDismiss'));
  closeButton.title = env.message('contentInlineDismiss');

  let site: SiteState = 'unknown';
  /** Where `place` last drew the button (null while hidden), and when it last moved there. */
  let placed: { left: number; top: number; size: number } | null = null;
  let placedAt = 0;
  /**
   * What the browser last said about the button being visible to the person, occlusion and effects included
   * (IntersectionObserver v2, Chromium): null where the browser cannot tell.
   */
  let visibleForSure: boolean | null = null;
  let target: Target | null = null;
  let busy = false;
  let stopped = false;

  let learning = false;
  /** Fields the button may sit in; none until the background said whether the site has an address. */
  const eligibleTargets = (): Target[] => {
    const fields = detectEmailFields(doc).filter((f) => f.element.ownerDocument === doc);
    if (site === 'unknown') {
      if (fields.length > 0 && !learning) {
        learning = true;
        void learnSite();
      }
      return [];
    }
    return fields.flatMap((f): Target[] => {
      if (SIGNUP_KINDS.includes(f.kind)) return [{ field: f.element, login: false }];
      const remembered = site === 'address' || site === 'expired';
      return f.kind === 'login' && remembered ? [{ field: f.element, login: true }] : [];
    });
  };

  /** The label says what a click does: the site's address, a new one, or that the site's one expired. */
  const relabel = (): void => {
    if (!target) return;
    const expired = target.login && site === 'expired';
    const key: InlineButtonString = expired
      ? 'contentInlineExpired'
      : site === 'address'
        ? 'contentInlineUseSite'
        : 'contentInlineNew';
    fillButton.setAttribute('aria-label', env.message(key));
    fillButton.title = env.message(key);
    fillButton.setAttribute('aria-disabled', String(expired));
  };

  /** True when something other than the field (e.g. a password manager's icon) is drawn at this point. */
  const occupied = (field: HTMLInputElement, x: number, y: number): boolean => {
    const root = field.getRootNode() as Document | ShadowRoot;
    const top = root.elementsFromPoint(x, y).find((el) => el !== host);
    return top !== field;
  };

  const place = (): void => {
    const field = target?.field;
    const rect = field?.isConnected ? field.getBoundingClientRect() : null;
    if (
      !field ||
      !rect ||
      rect.width < 60 ||
      rect.height < 16 ||
      rect.bottom < 0 ||
      rect.top > win.innerHeight
    ) {
      hideHost();
      return;
    }
    const style = win.getComputedStyle(field);
    const rtl = style.direction === 'rtl';
    const size = Math.max(16, Math.min(24, rect.height - 2 * GAP));
    const top = rect.top + (rect.height - size) / 2;
    const endBorder = parseFloat(rtl ? style.borderLeftWidth : style.borderRightWidth) || 0;
    // Start just inside the end padding, then step toward the start while another element sits there.
    for (let step = 0; step < 3; step++) {
      const inset = endBorder + GAP + step * (size + GAP);
      const left = rtl ? rect.left + inset : rect.right - inset - size;
      if (!occupied(field, left + size / 2, top + size / 2)) {
        const moved = !placed || placed.left !== left || placed.top !== top || placed.size !== size;
        if (moved) placedAt = win.performance.now();
        placed = { left, top, size };
        applyHostStyle(placed);
        return;
      }
    }
    hideHost();
  };

  /**
   * The host's only styles: inline and `!important`, which outrank every rule of the page's style sheets
   * (important or not) and its animations, so the page cannot hide, fade, move, clip or stretch the button
   * with CSS. `all:initial` resets every property (opacity, visibility, transform, filter, clip-path, mask,
   * pointer-events, margins, padding, borders...) to its initial value at that priority; the rest is layout.
   * A page script can still rewrite the attribute: the observer puts it back and the click checks catch the
   * rest.
   */
  const hostStyle = (box: { left: number; top: number; size: number } | null): string => {
    const base = 'all:initial;position:fixed;z-index:2147483647;contain:strict;';
    const layout = box
      ? `display:block;left:${box.left}px;top:${box.top}px;width:${box.size}px;height:${box.size}px;`
      : 'display:none;';
    return (base + layout).replace(/;/g, ' !important;');
  };
  let writtenStyle = '';
  const writeHostStyle = (css: string): void => {
    writtenStyle = css;
    host.setAttribute('style', css);
  };
  const applyHostStyle = (box: { left: number; top: number; size: number }): void =>
    writeHostStyle(hostStyle(box));
  const hideHost = (): void => {
    placed = null;
    writeHostStyle(hostStyle(null));
  };
  const hostHidden = (): boolean => placed === null;

  /**
   * Whether a click may act: the button is drawn as we drew it (its own size and place, opaque, visible, not
   * transformed or filtered by the page), nothing of the page's covers it, it did not just move under the
   * pointer, and a pointer click landed on it. Anything else is ignored: the page may have dressed it up
   * as something else (issue 10, item 4).
   */
  const clickAllowed = (event: MouseEvent): boolean => {
    if (!placed || !host.isConnected || host.parentNode !== doc.documentElement) return false;
    if (host.getAttribute('style') !== hostStyle(placed)) return false;
    const box = host.getBoundingClientRect();
    const inner = fillButton.getBoundingClientRect();
    const near = (a: number, b: number) => Math.abs(a - b) < 1;
    if (
      ![
        box.left - placed.left,
        box.top - placed.top,
        box.width - placed.size,
        box.height - placed.size,
      ].every((d) => near(d, 0))
    )
      return false;
    if (!near(inner.width, placed.size) || !near(inner.height, placed.size)) return false;
    for (const element of [host, fillButton, doc.documentElement, doc.body]) {
      if (!element) continue;
      const style = win.getComputedStyle(element);
      if (style.visibility !== 'visible' || Number(style.opacity) < 1) return false;
      if (element !== doc.body && element !== doc.documentElement && style.filter !== 'none') return false;
      if (/opacity|brightness\(0|contrast\(0/.test(style.filter)) return false;
    }
    visibility?.flush();
    if (visibleForSure === false) return false;
    // Keyboard activation (Enter or Space on the focused button, which only Tab from the field reaches) has
    // no point and cannot have been steered; a pointer click must be on a still button, and land on it.
    if (event.detail === 0) return true;
    if (win.performance.now() - placedAt < MIN_STILL_MS) return false;
    if (doc.elementFromPoint(event.clientX, event.clientY) !== host) return false;
    const inside = shadow.elementFromPoint(event.clientX, event.clientY);
    return inside !== null && (inside === fillButton || fillButton.contains(inside));
  };

  const choose = (): void => {
    const targets = eligibleTargets();
    const active = doc.activeElement;
    target = targets.find((t) => t.field === active) ?? targets.find((t) => !t.login) ?? targets[0] ?? null;
    if (target && !host.isConnected) doc.documentElement.append(host);
    relabel();
    place();
  };

  const learnSite = async (): Promise<void> => {
    const reply = await env.requestAddress('site').catch((): AddressReply => ({ error: 'failed' }));
    site = 'address' in reply ? 'address' : reply.error === 'expired' ? 'expired' : 'none';
    choose();
  };

  const onClick = async (event: MouseEvent): Promise<void> => {
    // A page script can call click() on nothing of ours (closed root), but check the gesture anyway.
    if (!event.isTrusted || busy || !target || fillButton.getAttribute('aria-disabled') === 'true') return;
    if (!clickAllowed(event)) return;
    busy = true;
    fillButton.setAttribute('aria-busy', 'true');
    // The background fills this field through the on-demand autofill script, as for the context menu.
    markInlineField(target.field);
    const mode = site === 'address' ? 'use-site' : 'new';
    const reply = await env.requestAddress(mode).catch((): AddressReply => ({ error: 'failed' }));
    busy = false;
    fillButton.removeAttribute('aria-busy');
    if ('address' in reply) {
      site = 'address';
    } else if (reply.error === 'expired') {
      site = 'expired';
    } else {
      fillButton.title = env.message('contentInlineFailed');
      return;
    }
    choose();
  };

  const dismiss = (): void => {
    stop();
    void env.dismiss().catch(() => undefined);
  };

  const onShadowKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      const field = target?.field;
      dismiss();
      field?.focus();
    } else if (event.key === 'Tab' && target) {
      const fromFill = shadow.activeElement === fillButton;
      if (event.shiftKey && fromFill) {
        event.preventDefault();
        target.field.focus();
      } else if (!event.shiftKey && !fromFill) {
        // Leaving the button: continue after the field, not at the end of the document where the host is.
        event.preventDefault();
        const list = tabbables(target.field.getRootNode() as Document | ShadowRoot);
        (list[list.indexOf(target.field) + 1] ?? target.field).focus();
      }
    }
  };

  /** Tab from the field goes to the button first, as if it sat right after the field. */
  const onFieldKey = (event: KeyboardEvent): void => {
    const field = target?.field;
    if (event.key !== 'Tab' || event.shiftKey || !field || hostHidden()) return;
    if (event.composedPath()[0] !== field) return;
    event.preventDefault();
    fillButton.focus();
  };

  let pendingScan = 0;
  const scanSoon = (): void => {
    win.clearTimeout(pendingScan);
    pendingScan = win.setTimeout(choose, 250);
  };
  let pendingPlace = 0;
  const placeSoon = (): void => {
    if (!pendingPlace) pendingPlace = win.requestAnimationFrame(() => ((pendingPlace = 0), place()));
  };
  const onFocusIn = (): void => {
    if (eligibleTargets().some((t) => t.field === doc.activeElement)) choose();
  };

  fillButton.addEventListener('click', (e) => void onClick(e));
  closeButton.addEventListener('click', (e) => e.isTrusted && dismiss());
  shadow.addEventListener('keydown', onShadowKey as EventListener);
  doc.addEventListener('keydown', onFieldKey, true);
  doc.addEventListener('focusin', onFocusIn, true);
  win.addEventListener('scroll', placeSoon, { capture: true, passive: true });
  win.addEventListener('resize', placeSoon, { passive: true });
  const observer = new win.MutationObserver((records) => {
    if (records.some((r) => r.target !== host && !host.contains(r.target))) scanSoon();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  // The page rewrote our host's attributes: draw it again as ours (the click checks refuse it meanwhile).
  const hostObserver = new win.MutationObserver(() => {
    if (host.getAttribute('style') !== writtenStyle || host.attributes.length !== 1) {
      for (const name of host.getAttributeNames()) if (name !== 'style') host.removeAttribute(name);
      placeSoon();
    }
  });
  hostObserver.observe(host, { attributes: true });
  const visibility = observeVisibility(win, host, (visible) => (visibleForSure = visible));

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    hostObserver.disconnect();
    visibility?.disconnect();
    win.clearTimeout(pendingScan);
    doc.removeEventListener('keydown', onFieldKey, true);
    doc.removeEventListener('focusin', onFocusIn, true);
    win.removeEventListener('scroll', placeSoon, { capture: true });
    win.removeEventListener('resize', placeSoon);
    host.remove();
  }

  choose();
  return { stop };
}
