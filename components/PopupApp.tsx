import { useEffect, useRef } from 'preact/hooks';
import { readsTheSame } from '../lib/ui/error-text';
import { t } from '../lib/ui/i18n';
import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import type { MailboxFormModel } from '../lib/ui/models/mailbox-form-model';
import type { PageFillModel } from '../lib/ui/models/page-fill-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import type { ReaderModel } from '../lib/ui/models/reader-model';
import { ExpiryNotice } from './ExpiryNotice';
import type { SiteButtonModel } from '../lib/ui/models/site-button-model';
import type { MailHit } from '../lib/ui/search';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateMailbox } from './CreateMailbox';
import { Inbox } from './Inbox';
import { MailboxCard } from './MailboxCard';
import { MailboxList } from './MailboxList';
import { lazyComponent } from './lazy';
import { ErrorNotice } from './Notice';
import { PausedNotice, PauseSwitch } from './PauseControl';
import { PopupKeys } from './PopupKeys';
import { QuotaMeter } from './QuotaMeter';
import { LazySearchResults, SearchBox } from './Search';
import { SiteButtonToggle } from './SiteButtonToggle';

/** The message view: its code runs when a message is first opened, not with the inbox (see ./lazy). */
const Reader = lazyComponent(() => import('./Reader').then((m) => m.Reader));

export interface PopupAppProps {
  popup: PopupModel;
  reader: ReaderModel;
  clipboard: ClipboardModel;
  fill: PageFillModel;
  siteButton: SiteButtonModel;
  createForm: MailboxFormModel;
  renameForm: MailboxFormModel;
  lang: string;
  onOpenOptions: () => void;
}

/**
 * Puts focus back into the popup after what had it went away: on the message's row in the inbox if it is
 * still there, else the inbox heading, else "New address". Waits a frame so the new view is rendered.
 */
function landFocus(messageId: string | null): void {
  requestAnimationFrame(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const row = messageId
      ? document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"] .list-item`)
      : null;
    const target =
      row ??
      document.getElementById('inbox-heading') ??
      document.querySelector<HTMLElement>('.create button.primary');
    target?.focus();
  });
}

/** The toolbar popup: the shown mailbox, its inbox or an open message, and the other mailboxes. */
export function PopupApp(props: PopupAppProps) {
  const { popup, reader, clipboard, fill, siteButton, createForm, renameForm, lang, onOpenOptions } = props;
  const mailbox = popup.activeMailbox.value;
  const quota = popup.quota.value;
  const pollError = popup.pollError.value;
  const actionError = popup.actionError.value;
  const openMessageId = reader.openRef.value?.messageId ?? null;
  const lastOpenedId = useRef<string | null>(null);

  // Back from a message (or after deleting it), keyboard focus returns to that message in the inbox, or to
  // the inbox heading when it is gone: never to <body>, where the person would have to start over.
  useEffect(() => {
    if (openMessageId) {
      lastOpenedId.current = openMessageId;
      return;
    }
    const closedId = lastOpenedId.current;
    lastOpenedId.current = null;
    if (closedId) landFocus(closedId);
  }, [openMessageId]);

  /** A mail found by search: its mailbox becomes the shown one, and the message opens. */
  async function openFound(hit: MailHit) {
    popup.search.clear();
    await popup.selectMailbox(hit.mailbox.id);
    await reader.open(hit.mailbox.id, hit.message.id);
  }

  return (
    <div class="popup">
      <header class="row row-between topbar">
        <h1>{t('popupHeading')}</h1>
        <div class="row">
          {quota && <QuotaMeter quota={quota} lang={lang} />}
          <PauseSwitch popup={popup} />
          <button type="button" onClick={onOpenOptions}>
            {t('popupOpenOptions')}
          </button>
        </div>
      </header>
      <main>
        <PausedNotice popup={popup} lang={lang} />
        {popup.authPaused.value && (
          <div class="notice notice-error" role="alert">
            <p>{t('popupKeyRefused')}</p>
            <button type="button" class="primary" onClick={onOpenOptions}>
              {t('popupOpenOptions')}
            </button>
          </div>
        )}
        {!popup.authPaused.value &&
          pollError &&
          mailbox &&
          !popup.isExpired(mailbox) &&
          !readsTheSame(pollError, actionError) && <ErrorNotice error={pollError} />}
        {actionError !== null && <ErrorNotice error={actionError} />}
        <ExpiryNotice popup={popup} lang={lang} site={siteButton.site.value?.hostname ?? null} />
        {popup.communityQuestion.value && (
          <section class="notice" aria-labelledby="community-question" data-community-question>
            <p id="community-question">{t('reasonCommunityAsk')}</p>
            <div class="row">
              <button type="button" class="primary" onClick={() => void popup.answerCommunity(true)}>
                {t('popupCommunityYes')}
              </button>
              <button type="button" onClick={() => void popup.answerCommunity(false)}>
                {t('popupCommunityNo')}
              </button>
            </div>
          </section>
        )}
        {!reader.isOpen.value && popup.mailboxes.value.length > 0 && <SearchBox popup={popup} />}
        {reader.isOpen.value ? (
          <Reader reader={reader} popup={popup} clipboard={clipboard} fill={fill} lang={lang} />
        ) : popup.search.active.value ? (
          <LazySearchResults popup={popup} lang={lang} onOpenMail={(hit) => void openFound(hit)} />
        ) : (
          <>
            {mailbox ? (
              <MailboxCard
                key={mailbox.id}
                popup={popup}
                clipboard={clipboard}
                renameForm={renameForm}
                lang={lang}
                mailbox={mailbox}
              />
            ) : (
              <section class="card empty-state" aria-labelledby="welcome-heading">
                <h2 id="welcome-heading">{t('popupWelcomeTitle')}</h2>
                <p>{t('popupWelcomeBody')}</p>
              </section>
            )}
            <CreateMailbox popup={popup} form={createForm} site={siteButton.site.value?.hostname ?? null} />
            {mailbox && (
              <Inbox
                popup={popup}
                clipboard={clipboard}
                fill={fill}
                lang={lang}
                onOpen={(m) => void reader.open(m.mailboxId, m.id)}
              />
            )}
            <MailboxList popup={popup} lang={lang} site={siteButton.site.value?.hostname ?? null} />
            <SiteButtonToggle model={siteButton} />
          </>
        )}
      </main>
      <PopupKeys popup={popup} clipboard={clipboard} enabled={!reader.isOpen.value} />
      <ConfirmDialog model={popup.confirmation} onFocusLost={() => landFocus(null)} />
      <div class="sr-only" aria-live="polite" role="status">
        {clipboard.copiedKey.value
          ? t('popupCopied')
          : clipboard.failed.value
            ? t('popupCopyFailed')
            : fill.outcome.value?.status === 'filled'
              ? t('popupCodeFilled')
              : ''}
      </div>
    </div>
  );
}
