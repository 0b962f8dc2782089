/**
 * The popup's single-key shortcuts (issue 15): `n` new address, `c` copy it, `/` search, the arrows through
 * the lists. Pure over a key event's fields, so it is tested without a DOM; components/PopupKeys.tsx wires it.
 */

export type PopupKeyAction = 'new' | 'copy' | 'search' | 'next' | 'previous';

export interface KeyInput {
  key: string;
  /** The physical key (`KeyN`): a non-Latin layout (Arabic, Bengali) types another letter on it. */
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The event's target is a text field, a select or editable content: keys belong to it then. */
  typing: boolean;
}

const LETTERS: Record<string, PopupKeyAction> = { n: 'new', c: 'copy' };
const CODES: Record<string, PopupKeyAction> = { KeyN: 'new', KeyC: 'copy', Slash: 'search' };

/** What a key press asks of the popup, or null (typing, a modifier, or not ours). */
export function popupKeyAction(e: KeyInput): PopupKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.typing) return null;
  if (e.key === 'ArrowDown') return 'next';
  if (e.key === 'ArrowUp') return 'previous';
  if (e.key === '/') return 'search';
  const letter = LETTERS[e.key.toLowerCase()];
  if (letter) return letter;
  // The same physical key on a layout whose letter there is not Latin (ن on Arabic, ম on Bengali).
  if (/^[^\x20-\x7e]$/u.test(e.key)) return CODES[e.code] ?? null;
  return null;
}

/** Whether an element takes typed text (so single-key shortcuts must leave its keys alone). */
export function takesText(el: Element | null): boolean {
  if (!el) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color'].includes(
    type,
  );
}

/** The element `step` places after (or before) `current` in `items`, held at the ends; the first when none. */
export function stepThrough<T>(items: readonly T[], current: T | null, step: 1 | -1): T | undefined {
  if (items.length === 0) return undefined;
  const at = current === null ? -1 : items.indexOf(current);
  if (at < 0) return step === 1 ? items[0] : items.at(-1);
  return items[Math.min(items.length - 1, Math.max(0, at + step))];
}
