/**
 * DOM traversal helpers shared by the detector and the fill code. They reach into open shadow roots and
 * same-origin iframes, which `querySelectorAll` alone does not, and stop at fixed caps so a huge page
 * cannot stall the content script.
 */

/** A place to search: a document, an element, or an open shadow root. */
export type SearchRoot = Document | Element | ShadowRoot;

/** Caps that bound the walk on huge pages. */
export interface WalkLimits {
  /** Elements inspected while looking for shadow hosts and iframes. */
  maxElements: number;
  /** Nesting of shadow roots / iframes followed. */
  maxDepth: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxElements: 40_000, maxDepth: 4 };

/** The document of a same-origin iframe, or null when it is cross-origin, sandboxed or not loaded. */
export function frameDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    // Cross-origin access throws in some browsers instead of returning null.
    return null;
  }
}

/**
 * The roots to search: the given root, then every open shadow root and same-origin iframe document inside
 * it, recursively up to `limits.maxDepth`. Elements are inspected only to find hosts and frames.
 */
export function collectRoots(root: SearchRoot, limits: WalkLimits = DEFAULT_WALK_LIMITS): SearchRoot[] {
  const roots: SearchRoot[] = [];
  let budget = limits.maxElements;
  const visit = (current: SearchRoot, depth: number): void => {
    roots.push(current);
    if (depth >= limits.maxDepth) return;
    const all = current.querySelectorAll('*');
    for (let i = 0; i < all.length && budget > 0; i++, budget--) {
      const el = all[i] as Element;
      if (el.shadowRoot) visit(el.shadowRoot, depth + 1);
      const tag = el.localName;
      if (tag === 'iframe' || tag === 'frame') {
        const doc = frameDocument(el as HTMLIFrameElement);
        if (doc?.documentElement) visit(doc, depth + 1);
      }
    }
  };
  visit(root, 0);
  return roots;
}

/** Every element matching `selector` in the root and in the open shadow roots / same-origin frames inside it. */
export function deepQueryAll<T extends Element>(
  root: SearchRoot,
  selector: string,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): T[] {
  return collectRoots(root, limits).flatMap((r) => Array.from(r.querySelectorAll<T>(selector)));
}

/**
 * The element that has focus, looking through open shadow roots and same-origin iframes, so a field inside a
 * web component or an embedded signup frame is found rather than its host.
 */
export function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  for (let depth = 0; active && depth < 8; depth++) {
    if (active.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
      continue;
    }
    if (active.localName === 'iframe' || active.localName === 'frame') {
      const inner = frameDocument(active as HTMLIFrameElement);
      if (inner?.activeElement && inner.activeElement !== inner.body) {
        active = inner.activeElement;
        continue;
      }
    }
    break;
  }
  return active;
}

/** The innermost element at an event's origin, even when the event was retargeted by a shadow boundary. */
export function eventOrigin(event: Event): Element | null {
  const path = event.composedPath();
  const first = path[0];
  if (first && (first as Node).nodeType === 1) return first as Element;
  return event.target && (event.target as Node).nodeType === 1 ? (event.target as Element) : null;
}
