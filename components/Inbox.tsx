import type { MessageSummary } from '../lib/core/types';
import { formatNumber, formatRelativeTime } from '../lib/ui/format';
import { t, tCount } from '../lib/ui/i18n';
import { withoutBidiControls } from '../lib/ui/format';
import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import type { PageFillModel } from '../lib/ui/models/page-fill-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { ActionButton } from './ActionButton';
import { CopyButton } from './CopyButton';
import { FillCodeButton } from './FillCodeButton';
import { LinkDestination } from './LinkDestination';
import { isWebLink } from '../lib/core/links';
import { HARD_MAX_MESSAGES_PER_MAILBOX } from '../lib/core/mail-merge';

interface Props {
  popup: PopupModel;
  clipboard: ClipboardModel;
  fill: PageFillModel;
  lang: string;
  onOpen: (message: MessageSummary) => void;
}

/** The sender as shown: name, else address, without bidirectional controls (show it inside <bdi>). */
export function senderName(message: Pick<MessageSummary, 'from'>): string {
  return withoutBidiControls(message.from.name || message.from.address || '') || t('popupUnknownSender');
}

/** The inbox of the shown mailbox: newest first, unread marked, with the verification code and link at hand. */
export function Inbox({ popup, clipboard, fill, lang, onOpen }: Props) {
  const messages = popup.inbox.value;
  const unread = popup.unreadCount.value;
  return (
    <section class="inbox" aria-labelledby="inbox-heading">
      <div class="row row-between">
        <h2 id="inbox-heading" tabIndex={-1}>
          {t('popupInbox')}
          {unread > 0 && <span class="badge">{t('popupUnreadCount', formatNumber(unread, lang))}</span>}
        </h2>
        <ActionButton busy={popup.busy.value === 'refresh'} onClick={() => void popup.refresh()}>
          {popup.busy.value === 'refresh' ? t('popupRefreshing') : t('popupRefresh')}
        </ActionButton>
      </div>
      {popup.dropped.value && (
        <p class="notice" role="status">
          {tCount(
            'popupDroppedMail',
            popup.dropped.value.count,
            [formatNumber(HARD_MAX_MESSAGES_PER_MAILBOX, lang)],
            lang,
          )}
        </p>
      )}
      {messages.length === 0 ? (
        <p class="empty">{t('popupInboxEmpty')}</p>
      ) : (
        <ul class="list messages">
          {messages.map((m) => (
            <li key={m.id} class={m.seen ? 'message' : 'message unread'} data-message-id={m.id}>
              <button type="button" class="list-item" onClick={() => onOpen(m)}>
                <span class="row row-between">
                  <span class="sender">
                    {!m.seen && <span class="dot" aria-hidden="true" />}
                    {!m.seen && <span class="sr-only">{t('popupUnread')}</span>}
                    <bdi>{senderName(m)}</bdi>
                  </span>
                  <time class="muted small" dateTime={new Date(m.receivedAt).toISOString()}>
                    {formatRelativeTime(m.receivedAt, popup.now.value, lang)}
                  </time>
                </span>
                <span class="subject">
                  <bdi>
                    {m.malformed
                      ? t('popupMalformedSubject')
                      : withoutBidiControls(m.subject) || t('popupNoSubject')}
                  </bdi>
                </span>
              </button>
              {(m.code || isWebLink(m.link)) && (
                <div class="row quick">
                  {m.code && (
                    <CopyButton
                      clipboard={clipboard}
                      copyKey={`code:${m.mailboxId}/${m.id}`}
                      text={m.code}
                      label={m.code}
                      accessibleLabel={t('popupCopyCode', m.code)}
                      class="code-chip"
                    />
                  )}
                  {m.code && (
                    <FillCodeButton
                      fill={fill}
                      fillKey={`${m.mailboxId}/${m.id}`}
                      code={m.code}
                      mailboxId={m.mailboxId}
                    />
                  )}
                  {isWebLink(m.link) && (
                    <>
                      <a
                        class="button-link"
                        href={m.link}
                        title={m.link}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-describedby={`link-dest-${m.mailboxId}-${m.id}`}
                      >
                        {t('popupOpenLink')}
                      </a>
                      <LinkDestination href={m.link} id={`link-dest-${m.mailboxId}-${m.id}`} />
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
