import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { PROVIDER_NAMES, otherKeylessProvider, type Mailbox } from '../lib/core/types';
import { formatCountdown } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import type { MailboxFormModel } from '../lib/ui/models/mailbox-form-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { ActionButton } from './ActionButton';
import { CopyButton } from './CopyButton';
import { LazyMailboxQrDialog } from './LazyMailboxQr';
import { UsernameDomainFields } from './UsernameDomainFields';

interface Props {
  popup: PopupModel;
  clipboard: ClipboardModel;
  renameForm: MailboxFormModel;
  lang: string;
  mailbox: Mailbox;
}

/** The mailbox being shown: its address with copy, expiry countdown, label and site, and what can be done to it. */
export function MailboxCard({ popup, clipboard, renameForm, lang, mailbox }: Props) {
  const editing = useSignal<'none' | 'label' | 'rename'>('none');
  const labelDraft = useSignal(mailbox.label ?? '');
  const expired = popup.isExpired(mailbox);
  const left = popup.msLeft(mailbox);
  const canRename = popup.capabilities.value.canRename && renameForm.available.value;
  const otherProvider = otherKeylessProvider(mailbox.provider);
  const formRef = useRef<HTMLFormElement>(null);
  const labelButtonRef = useRef<HTMLButtonElement>(null);
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  const qrButtonRef = useRef<HTMLButtonElement>(null);
  const qrOpen = useSignal(false);
  const previousEditing = useRef(editing.value);

  // Opening the label or address form puts focus in its first field; closing it (saved, cancelled or
  // Escape) puts focus back on the button that opened it, so a keyboard user never loses their place.
  useEffect(() => {
    const before = previousEditing.current;
    previousEditing.current = editing.value;
    if (editing.value !== 'none') {
      formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
    } else if (before === 'label') {
      labelButtonRef.current?.focus();
    } else if (before === 'rename') {
      renameButtonRef.current?.focus();
    }
  }, [editing.value]);

  function closeOnEscape(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    editing.value = 'none';
  }

  function startRename() {
    const [local = '', domain = mailbox.domain] = mailbox.address.split('@');
    renameForm.username.value = local;
    renameForm.domain.value = domain;
    void renameForm.loadDomains();
    editing.value = 'rename';
  }

  async function submitRename(e: Event) {
    e.preventDefault();
    if (!renameForm.canSubmit.value || popup.busy.value === 'rename') return;
    const values = renameForm.values();
    const done = await popup.renameMailbox(
      mailbox.id,
      values.username ?? mailbox.address.split('@')[0] ?? '',
      values.domain ?? mailbox.domain,
    );
    if (done) editing.value = 'none';
  }

  async function submitLabel(e: Event) {
    e.preventDefault();
    if (popup.busy.value === 'label') return;
    const done = await popup.setLabel(mailbox.id, labelDraft.value);
    if (done) editing.value = 'none';
  }

  return (
    <section class={`card${expired ? ' card-expired' : ''}`} aria-labelledby="active-mailbox-heading">
      <h2 id="active-mailbox-heading" class="sr-only">
        {t('popupActiveMailbox')}
      </h2>
      <div class="address-row">
        <span class="address" dir="ltr" translate={false}>
          {mailbox.address}
        </span>
        <CopyButton
          clipboard={clipboard}
          copyKey={`address:${mailbox.id}`}
          text={mailbox.address}
          label={t('popupCopyAddress')}
          accessibleLabel={t('popupCopyAddressOf', mailbox.address)}
        />
      </div>
      <p class="meta">
        {expired ? (
          <strong class="expired-text">{t('popupExpired')}</strong>
        ) : left !== null ? (
          <span class="countdown">{t('popupExpiresIn', formatCountdown(left, lang))}</span>
        ) : (
          <span>{t('popupNoExpiry')}</span>
        )}
        {mailbox.label && <span class="chip">{mailbox.label}</span>}
        {mailbox.site && <span class="muted">{t('popupMadeFor', mailbox.site)}</span>}
      </p>
      {mailbox.ignoredName && !expired && (
        <p class="notice" role="status" data-name-ignored>
          {t('reasonNameIgnored', [mailbox.ignoredName, mailbox.address])}
        </p>
      )}
      {expired && (
        <div class="notice">
          <p>{t('popupExpiredHelp')}</p>
          <ActionButton
            class="primary"
            busy={popup.busy.value === 'create'}
            onClick={() => void popup.createMailbox()}
          >
            {t('popupNewAddress')}
          </ActionButton>
        </div>
      )}
      {editing.value === 'label' && (
        <form class="stack" ref={formRef} onSubmit={(e) => void submitLabel(e)} onKeyDown={closeOnEscape}>
          <label>
            {t('popupLabel')}
            <input
              type="text"
              value={labelDraft.value}
              onInput={(e) => (labelDraft.value = e.currentTarget.value)}
              maxLength={60}
            />
          </label>
          <div class="row">
            <ActionButton type="submit" class="primary" busy={popup.busy.value === 'label'}>
              {t('popupSave')}
            </ActionButton>
            <button type="button" onClick={() => (editing.value = 'none')}>
              {t('popupCancel')}
            </button>
          </div>
        </form>
      )}
      {editing.value === 'rename' && (
        <form class="stack" ref={formRef} onSubmit={(e) => void submitRename(e)} onKeyDown={closeOnEscape}>
          <UsernameDomainFields form={renameForm} idPrefix="rename" />
          <div class="row">
            <ActionButton
              type="submit"
              class="primary"
              disabled={!renameForm.canSubmit.value}
              busy={popup.busy.value === 'rename'}
            >
              {t('popupRename')}
            </ActionButton>
            <button type="button" onClick={() => (editing.value = 'none')}>
              {t('popupCancel')}
            </button>
          </div>
        </form>
      )}
      {popup.otherDomain.value?.address === mailbox.address && (
        <p class="muted small" role="status">
          {popup.otherDomain.value.filled ? t('popupOtherDomainFilled') : t('popupOtherDomainCopy')}
        </p>
      )}
      {editing.value === 'none' && (
        <div class="row actions">
          <button
            type="button"
            ref={labelButtonRef}
            onClick={() => {
              labelDraft.value = mailbox.label ?? '';
              editing.value = 'label';
            }}
          >
            {t('popupEditLabel')}
          </button>
          {canRename && !expired && (
            <button type="button" ref={renameButtonRef} onClick={startRename}>
              {t('popupChangeAddress')}
            </button>
          )}
          {mailbox.site && !expired && (
            <ActionButton
              busy={popup.busy.value === 'other-domain'}
              onClick={() => void popup.tryOtherDomain(mailbox)}
            >
              {t('tryOtherDomain')}
            </ActionButton>
          )}
          {mailbox.site && !expired && otherProvider && (
            <ActionButton
              busy={popup.busy.value === 'other-provider'}
              onClick={() => void popup.tryOtherDomain(mailbox, true)}
            >
              {t('tryOtherProvider', PROVIDER_NAMES[otherProvider])}
            </ActionButton>
          )}
          {!expired && (
            <button type="button" ref={qrButtonRef} onClick={() => (qrOpen.value = true)}>
              {t('qrShow')}
            </button>
          )}
          <button type="button" class="danger-text" onClick={() => popup.requestDeleteMailbox(mailbox)}>
            {popup.deletesOnServer(mailbox) ? t('popupDeleteMailbox') : t('popupForgetMailbox')}
          </button>
        </div>
      )}
      {qrOpen.value && (
        <LazyMailboxQrDialog
          mailbox={mailbox}
          send={popup.send}
          onClose={() => {
            qrOpen.value = false;
            qrButtonRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}
