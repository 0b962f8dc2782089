import { useEffect, useRef } from 'preact/hooks';
import type { ConfirmModel } from '../lib/ui/models/confirm-model';
import { errorText } from '../lib/ui/error-text';
import { t } from '../lib/ui/i18n';
import { ActionButton } from './ActionButton';

/**
 * Tab from the last button goes to the first and Shift+Tab from the first to the last: a modal dialog makes
 * the page behind it inert, but the browser would still let focus leave the document.
 */
function keepTabInside(e: KeyboardEvent, dialog: HTMLElement): void {
  const buttons = [...dialog.querySelectorAll<HTMLElement>('button')];
  const first = buttons[0];
  const last = buttons.at(-1);
  if (!first || !last) return;
  if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  } else if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  }
}

/**
 * A real modal <dialog> for confirming destructive actions. Focus moves to "Cancel" (the safe choice),
 * Escape cancels, and focus returns to where it was when the dialog closes. When that element is gone (the
 * confirmed action removed it), the page decides where focus lands (see PopupApp).
 */
export function ConfirmDialog({ model, onFocusLost }: { model: ConfirmModel; onFocusLost?: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const request = model.pending.value;
  // The latest callback, read when the dialog closes: a new one each render must not reopen the dialog.
  const focusLost = useRef(onFocusLost);
  focusLost.current = onFocusLost;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !request) return;
    const returnFocusTo = document.activeElement as HTMLElement | null;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    cancelRef.current?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      else dialog.removeAttribute('open');
      if (returnFocusTo?.isConnected) returnFocusTo.focus();
      else focusLost.current?.();
    };
  }, [request]);

  if (!request) return null;
  return (
    <dialog
      ref={dialogRef}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        model.cancel();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          model.cancel();
        } else if (e.key === 'Tab') {
          keepTabInside(e, e.currentTarget);
        }
      }}
    >
      <h2 id="confirm-title">{request.title}</h2>
      <p id="confirm-body">{request.body}</p>
      {model.error.value !== null && (
        <p class="notice notice-error" role="alert">
          {errorText(model.error.value)}
        </p>
      )}
      <div class="row row-end">
        <button
          type="button"
          ref={cancelRef}
          onClick={model.cancel}
          aria-disabled={model.running.value ? 'true' : undefined}
        >
          {t('popupCancel')}
        </button>
        <ActionButton class="danger" busy={model.running.value} onClick={() => void model.confirm()}>
          {request.confirmLabel}
        </ActionButton>
      </div>
    </dialog>
  );
}
