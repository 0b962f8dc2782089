import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Mailbox } from '../lib/core/types';
import { errorText } from '../lib/ui/error-text';
import { t } from '../lib/ui/i18n';
import { createMailboxQrModel } from '../lib/ui/models/mailbox-qr-model';
import type { Send } from '../lib/ui/models/deps';
import { qrPath } from '../lib/ui/qr-svg';
import { ActionButton } from './ActionButton';

interface Props {
  mailbox: Mailbox;
  onClose: () => void;
  send: Send;
}

/** The code itself: drawn once the library has loaded (it is fetched only now). */
function QrImage({ text, label }: { text: string; label: string }) {
  const [path, setPath] = useState<{ size: number; d: string } | null>(null);
  useEffect(() => {
    let alive = true;
    void qrPath(text).then((p) => alive && setPath(p));
    return () => {
      alive = false;
    };
  }, [text]);
  if (!path) return <p class="muted">{t('popupLoadingMessage')}</p>;
  const edge = path.size + 8;
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      viewBox={`-4 -4 ${edge} ${edge}`}
      width="220"
      height="220"
      shape-rendering="crispEdges"
      data-qr
    >
      <rect x="-4" y="-4" width={edge} height={edge} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/**
 * "Move a mailbox to a phone" (issue 15): a modal that first warns that the code opens the mail, and only on
 * "Show the code" asks the background for the mailbox's secret and shows the QR code with its text. Escape
 * or Close ends it; the caller puts focus back on the button that opened it.
 */
export function MailboxQrDialog({ mailbox, onClose, send }: Props) {
  const model = useMemo(() => createMailboxQrModel(send, mailbox.id), [send, mailbox.id]);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const step = model.step.value;

  function close() {
    // Leave the modal state first: while it lasts, the page behind is inert and cannot take focus back.
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.close === 'function' && dialog.open) dialog.close();
    model.close();
    onClose();
  }

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    firstRef.current?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    };
  }, []);

  useEffect(() => {
    if (step === 'shown') closeRef.current?.focus();
  }, [step]);

  const transfer = model.transfer.value;
  const payload = model.payload.value;
  return (
    <dialog
      ref={dialogRef}
      class="confirm qr-dialog"
      aria-labelledby="qr-title"
      aria-describedby="qr-warning"
      data-qr-dialog
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <h2 id="qr-title">{t('qrTitle')}</h2>
      <p id="qr-warning" class="notice">
        {t('qrWarning')}
      </p>
      {step === 'error' && (
        <p class="notice notice-error" role="alert">
          {errorText(model.error.value)}
        </p>
      )}
      {step === 'shown' && transfer && payload && (
        <div class="stack">
          {!transfer.secret && <p role="status">{t('qrAddressOnly')}</p>}
          <QrImage text={payload} label={t('qrImageLabel', mailbox.address)} />
          <label class="stack">
            {t('qrPayloadLabel')}
            <textarea class="qr-payload" readOnly dir="ltr" rows={4} value={payload} data-qr-payload />
          </label>
        </div>
      )}
      <div class="row row-end">
        {step === 'shown' ? (
          <button type="button" ref={closeRef} onClick={close}>
            {t('qrClose')}
          </button>
        ) : (
          <>
            <button type="button" ref={firstRef} onClick={close}>
              {t('popupCancel')}
            </button>
            <ActionButton class="danger" busy={step === 'loading'} onClick={() => void model.confirm()}>
              {t('qrConfirm')}
            </ActionButton>
          </>
        )}
      </div>
    </dialog>
  );
}
