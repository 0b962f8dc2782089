import { detectEmailFields, type EmailFieldKind } from './detector';
import { fillField } from './fill';

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

/** The site's remembered address as the background last described it. */
type SiteState =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'address'; address: string };

const SIGNUP_KINDS: readonly EmailFieldKind[] = ['signup', 'newsletter'];
const GAP = 4;
const HOST_TAG = 'mayfly-inline-button';
const ENVELOPE_ICON =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2" d="M3 6h18v12H3zM3 7l9 6 9-6"/></svg>';
const STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; }
.fill { all: unset; box-sizing: border-box; display: flex; align-items: center; justify-content: center;
  width: 100%; height: 100%; border-radius: 4px; cursor: pointer; color: #4b2fc9; background: #f1edff; }
.fill:hover { background: #e2daff; }
.fill:focus-visible, .close:focus-visible { outline: 2px solid #4b2fc9; outline-offset: 1px; }
.fill[aria-disabled="true"] { color: #8a6d00; background: #fff4cc; cursor: default; }
.close { all: unset; position: absolute; top: -6px; inset-inline-end: -6px; width: 14px; height: 14px;
  border-radius: 50%; font: 11px/14px sans-serif; text-align: center; cursor: pointer; color: #fff;
  background: #444; opacity: 0; }
:host(:hover) .close, :host(:focus-within) .close { opacity: 1; }
`;

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
  shadow.innerHTML = `<style>${STYLE}</style><button class="fill" type="button">${ENVELOPE_ICON}</button><button class="close" type="button">×</button>`;
  const fillButton = shadow.querySelector<HTMLButtonElement>('.fill')!;
  const closeButton = shadow.querySelector<HTMLButtonElement>('.close')!;
  closeButton.setAttribute('aria-label', env.message('contentInlineDismiss'));
  closeButton.title = env.message('contentInlineDismiss');

  let site: SiteState = { kind: 'unknown' };
  let target: Target | null = null;
  let busy = false;
  let stopped = false;

  let learning = false;
  /** Fields the button may sit in; none until the background said whether the site has an address. */
  const eligibleTargets = (): Target[] => {
    const fields = detectEmailFields(doc).filter((f) => f.element.ownerDocument === doc);
    if (site.kind === 'unknown') {
      if (fields.length > 0 && !learning) {
        learning = true;
        void learnSite();
      }
      return [];
    }
    return fields.flatMap((f): Target[] => {
      if (SIGNUP_KINDS.includes(f.kind)) return [{ field: f.element, login: false }];
      const remembered = site.kind === 'address' || site.kind === 'expired';
      return f.kind === 'login' && remembered ? [{ field: f.element, login: true }] : [];
    });
  };

  /** The label says what a click does: the site's address, a new one, or that the site's one expired. */
  const relabel = (): void => {
    if (!target) return;
    const expired = target.login && site.kind === 'expired';
    const key: InlineButtonString = expired
      ? 'contentInlineExpired'
      : site.kind === 'address'
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
      host.style.display = 'none';
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
        // Inline styles outrank the page's own rules for our element.
        host.style.cssText = `all:initial;position:fixed;z-index:2147483647;display:block;left:${left}px;top:${top}px;width:${size}px;height:${size}px`;
        return;
      }
    }
    host.style.display = 'none';
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
    if ('address' in reply) site = { kind: 'address', address: reply.address };
    else site = reply.error === 'expired' ? { kind: 'expired' } : { kind: 'none' };
    choose();
  };

  const onClick = async (event: MouseEvent): Promise<void> => {
    // A page script can call click() on nothing of ours (closed root), but check the gesture anyway.
    if (!event.isTrusted || busy || !target || fillButton.getAttribute('aria-disabled') === 'true') return;
    const { field } = target;
    busy = true;
    fillButton.setAttribute('aria-busy', 'true');
    const mode = site.kind === 'address' ? 'use-site' : 'new';
    const reply = await env.requestAddress(mode).catch((): AddressReply => ({ error: 'failed' }));
    busy = false;
    fillButton.removeAttribute('aria-busy');
    if ('address' in reply) {
      site = { kind: 'address', address: reply.address };
      fillField(field, reply.address);
    } else if (reply.error === 'expired') {
      site = { kind: 'expired' };
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
    if (event.key !== 'Tab' || event.shiftKey || !field || host.style.display === 'none') return;
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

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
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
