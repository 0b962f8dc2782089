import { useEffect, useRef } from 'preact/hooks';
import type { ConfirmModel } from '../lib/ui/models/confirm-model';
import { errorText } from '../lib/ui/error-text';
import { t } from '../lib/ui/i18n';

/**
 * A real modal <dialog> for confirming destructive actions. Focus moves to "Cancel" (the safe choice),
 * Escape cancels, and focus returns to where it was when the dialog closes.
 */
export function ConfirmDialog({ model }: { model: ConfirmModel }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const request = model.pending.value;

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
      returnFocusTo?.focus?.();
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
        <button type="button" ref={cancelRef} onClick={model.cancel} disabled={model.running.value}>
          {t('popupCancel')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => void model.confirm()}
          disabled={model.running.value}
        >
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
