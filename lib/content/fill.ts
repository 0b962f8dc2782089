/**
 * Filling a field the way a person typing would, so framework-controlled inputs (React, Vue, Angular) keep the
 * value: focus, the prototype's native value setter, then `input`, `change` and blur. A value the person typed
 * is never replaced without asking.
 */

export type FillFailure = 'no-field' | 'not-editable' | 'user-value';

export type FillResult = { filled: true } | { filled: false; reason: FillFailure };

export interface FillOptions {
  /** Replace a different non-empty value (only after the person agreed). */
  overwrite?: boolean;
  /** Leave focus in the field instead of blurring it (used between the boxes of a split code). */
  keepFocus?: boolean;
}

/** Input types that take free text; an address or a code may go into these. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'email', 'tel', 'number', 'url', 'search']);

/** A text input or textarea that is connected, enabled and not read-only. */
export function isEditableTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (!el || !el.isConnected) return false;
  const input = el as HTMLInputElement;
  if (el.localName === 'input') {
    if (!TEXT_INPUT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase())) return false;
  } else if (el.localName !== 'textarea') {
    return false;
  }
  return !input.disabled && !input.readOnly;
}

/**
 * Sets the value through the prototype setter of the element's own realm (works for fields in same-origin
 * iframes too). React tracks values with an instance-level property; going through the prototype makes
 * it see the change when the `input` event arrives.
 */
function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const win = el.ownerDocument.defaultView;
  const proto = win
    ? el.localName === 'textarea'
      ? win.HTMLTextAreaElement.prototype
      : win.HTMLInputElement.prototype
    : Object.getPrototypeOf(el);
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}

function dispatchValueEvents(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const win = el.ownerDocument.defaultView;
  const InputEventCtor = win?.InputEvent ?? InputEvent;
  const EventCtor = win?.Event ?? Event;
  el.dispatchEvent(
    new InputEventCtor('input', {
      bubbles: true,
      composed: true,
      inputType: 'insertReplacementText',
      data: value,
    }),
  );
  el.dispatchEvent(new EventCtor('change', { bubbles: true, composed: true }));
}

function dispatchBlur(el: HTMLElement): void {
  const doc = el.ownerDocument;
  const focused =
    (el.getRootNode() as Document | ShadowRoot).activeElement === el || doc.activeElement === el;
  if (focused) {
    // A real blur fires blur and focusout, which validation libraries listen for.
    el.blur();
    return;
  }
  const FocusEventCtor = doc.defaultView?.FocusEvent ?? FocusEvent;
  el.dispatchEvent(new FocusEventCtor('blur', { composed: true }));
  el.dispatchEvent(new FocusEventCtor('focusout', { bubbles: true, composed: true }));
}

/**
 * Fills `value` into a text field. Refuses non-text fields (passwords, checkboxes, disabled or read-only) and
 * returns `user-value` when the field already holds a different non-empty value, so the caller can ask.
 */
export function fillField(el: Element | null, value: string, opts: FillOptions = {}): FillResult {
  if (!el) return { filled: false, reason: 'no-field' };
  if (!isEditableTextField(el)) return { filled: false, reason: 'not-editable' };
  const current = el.value;
  if (current.trim() !== '' && current !== value && !opts.overwrite)
    return { filled: false, reason: 'user-value' };
  el.focus({ preventScroll: true });
  setNativeValue(el, value);
  dispatchValueEvents(el, value);
  if (!opts.keepFocus) dispatchBlur(el);
  return { filled: true };
}
