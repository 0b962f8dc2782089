import { detectEmailFields, findSignupEmailField } from './detector';
import { deepActiveElement, deepQueryAll, eventOrigin } from './dom-walk';
import { fillField, isEditableTextField, type FillFailure } from './fill';
import { takeInlineField } from './inline-target';

/**
 * The logic behind the on-demand autofill content script, kept apart from the WXT entrypoint so tests can
 * drive it with a plain jsdom window. It validates every request (the messenger only accepts messages from
 * the extension, but the shapes are still checked) and picks the field to fill.
 */

/** `inline`: the field whose in-field button was just clicked (lib/content/inline-target.ts). */
export type FillTargetKind = 'context-menu' | 'focused' | 'detected' | 'inline';

export interface FillAddressReply {
  filled: boolean;
  reason?: FillFailure | 'other-origin';
}

/** A right-click older than this no longer says which field the person meant. */
const CONTEXT_MENU_MEMORY_MS = 60_000;
/** RFC 5321 caps an address at 254 characters; anything odd here is refused, not filled. */
const ADDRESS_PATTERN = /^[^\s@<>"'`]{1,64}@[^\s@<>"'`]{1,189}$/;
const TARGETS: readonly FillTargetKind[] = ['context-menu', 'focused', 'detected', 'inline'];

export interface AutofillController {
  fillAddress(data: unknown): FillAddressReply;
  /** Removes the listeners this controller added. */
  dispose(): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A label stands for its control: right-clicking "Email" next to a field means that field. */
function editableFrom(el: Element | null): Element | null {
  if (!el) return null;
  if (el.localName === 'label') return (el as HTMLLabelElement).control;
  return el;
}

/**
 * "Email" and "Confirm email" in one form take the same address: after one is filled, the other is too when
 * it is empty (or holds the refused address being replaced). Only inside a real form, and only when one of
 * the two says it is the confirmation.
 */
function fillConfirmation(filled: Element, address: string, replace: unknown): void {
  const form = (filled as HTMLInputElement).form;
  if (!form) return;
  const fields = detectEmailFields(form);
  const filledIsConfirm = fields.some((f) => f.element === filled && f.reasons.includes('confirm'));
  for (const { element, reasons } of fields) {
    // fillField itself keeps whatever else the person typed there.
    if (element !== filled && (filledIsConfirm || reasons.includes('confirm')))
      fillField(element, address, { overwrite: element.value.trim() === replace });
  }
}

/**
 * Sets up field tracking on `doc` and returns the handlers the content script registers. The
 * `contextmenu` listener matters for later right-clicks: the first one happens before the script exists,
 * so then the focused field (right-click focuses it) stands in.
 */
export function createAutofillController(doc: Document, now: () => number = Date.now): AutofillController {
  let lastContextTarget: { element: Element; at: number } | null = null;
  const onContextMenu = (event: Event): void => {
    const origin = eventOrigin(event);
    if (origin) lastContextTarget = { element: origin, at: now() };
  };
  doc.addEventListener('contextmenu', onContextMenu, { capture: true, passive: true });

  const recentContextTarget = (): Element | null => {
    if (!lastContextTarget || now() - lastContextTarget.at > CONTEXT_MENU_MEMORY_MS) return null;
    const el = editableFrom(lastContextTarget.element);
    return el?.isConnected ? el : null;
  };
  const focusedField = (): Element | null => {
    const active = deepActiveElement(doc);
    return isEditableTextField(active) ? active : null;
  };
  const detectedField = (): Element | null => findSignupEmailField(doc)?.element ?? null;

  /** The field that holds the refused address being replaced, wherever it is. */
  const holding = (address: unknown): Element | null =>
    typeof address === 'string'
      ? (deepQueryAll<HTMLInputElement>(doc, 'input').find((i) => i.value.trim() === address) ?? null)
      : null;

  const chooseField = (target: FillTargetKind): Element | null => {
    if (target === 'context-menu') return recentContextTarget() ?? focusedField() ?? detectedField();
    if (target === 'focused') return focusedField() ?? detectedField();
    // Only the clicked field: no other field stands in for it.
    if (target === 'inline') return takeInlineField();
    return detectedField();
  };

  return {
    fillAddress(data) {
      if (!isRecord(data) || typeof data.address !== 'string' || !ADDRESS_PATTERN.test(data.address)) {
        return { filled: false };
      }
      const target = TARGETS.find((t) => t === data.target);
      if (!target) return { filled: false };
      // An address is made for one site: a document of another origin (this frame navigated since) gets none.
      if (data.origin !== doc.defaultView?.location.origin) return { filled: false, reason: 'other-origin' };
      const field = (target === 'detected' && holding(data.replace)) || chooseField(target);
      // Only the refused address itself may be replaced; anything else in the field is the person's.
      const overwrite =
        typeof data.replace === 'string' &&
        (field as HTMLInputElement | null)?.value?.trim() === data.replace;
      const result = fillField(field, data.address, { overwrite });
      if (result.filled) fillConfirmation(field!, data.address, data.replace);
      return result.filled ? { filled: true } : { filled: false, reason: result.reason };
    },
    dispose() {
      doc.removeEventListener('contextmenu', onContextMenu, { capture: true });
    },
  };
}
