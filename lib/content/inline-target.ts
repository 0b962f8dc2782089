/**
 * The field the in-field button was clicked in, handed to the on-demand autofill script that fills it. Both
 * run in this extension's isolated world of the same frame, where they share `window`; the page's own
 * scripts live in another world and can neither read nor set this. The fill itself (and "Confirm email",
 * and the watch for a refusal) is then the same as for the context menu and the keyboard command.
 */
const KEY = Symbol.for('mayfly.inline.field');

type Marked = Record<symbol, Element | undefined>;

/** The button marks the field of a click before it asks the background for an address. */
export function markInlineField(field: Element): void {
  (window as unknown as Marked)[KEY] = field;
}

/** The autofill script takes the mark, once: a later fill without a new click finds none. */
export function takeInlineField(): Element | null {
  const marked = window as unknown as Marked;
  const field = marked[KEY] ?? null;
  marked[KEY] = undefined;
  return field;
}
