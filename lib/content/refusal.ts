import { deepQueryAll } from './dom-walk';
import { REFUSAL_WORDS } from './refusal-words';

export { REFUSAL_WORDS };

/**
 * Noticing that a site refused the address Mayfly filled ("Disposable email addresses are not allowed"). Only
 * wording that appears after the fill counts: text that was on the page before is the site's policy notice, not
 * an answer to this address.
 */

/** How long after a fill an answer from the site still counts. */
const WATCH_MS = 5 * 60_000;
/** Mutations come in bursts; the text is read at most this often. */
const CHECK_EVERY_MS = 250;

/**
 * Watches the form around `field` (and its parent, where error banners often go) and the field's own
 * validation message; calls `onRefused` once when refusal wording shows up. Returns a function that stops.
 */
export function watchForRefusal(field: HTMLInputElement, onRefused: () => void): () => void {
  const doc = field.ownerDocument;
  const view = doc.defaultView;
  const root = field.form?.parentElement ?? field.parentElement?.parentElement ?? doc.body;
  if (!view || !root) return () => {};
  // The rendered text: scripts, styles and hidden message templates do not count until they show.
  const text = () => (root as HTMLElement).innerText ?? root.textContent ?? '';
  const said = () => REFUSAL_WORDS.test(`${text().slice(0, 20_000)} ${field.validationMessage}`);
  if (said()) return () => {};
  let pending: number | undefined;
  const check = () => {
    pending = undefined;
    if (!said()) return;
    stop();
    onRefused();
  };
  const soon = () => (pending ??= view.setTimeout(check, CHECK_EVERY_MS));
  const observer = new view.MutationObserver(soon);
  // A message may be added, or be there already and only shown (class, style or `hidden` changes).
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributeFilter: ['class', 'style', 'hidden'],
  });
  field.addEventListener('invalid', soon);
  const expiry = view.setTimeout(() => stop(), WATCH_MS);
  function stop(): void {
    observer.disconnect();
    field.removeEventListener('invalid', soon);
    view!.clearTimeout(expiry);
    if (pending !== undefined) view!.clearTimeout(pending);
  }
  return stop;
}

/**
 * Answers the background's `watchRefusal` right after a fill: finds the field holding the filled address and
 * watches it (a new fill replaces the previous watch). `report` tells the background when the site refuses it.
 */
export function createRefusalWatch(doc: Document, report: (address: string) => void) {
  let stop = (): void => {};
  return (data: unknown): { watching: boolean } => {
    const address = (data as { address?: unknown } | null)?.address;
    if (typeof address !== 'string' || address === '') return { watching: false };
    const field = deepQueryAll<HTMLInputElement>(doc, 'input').find((i) => i.value.trim() === address);
    if (!field) return { watching: false };
    stop();
    stop = watchForRefusal(field, () => report(address));
    return { watching: true };
  };
}
