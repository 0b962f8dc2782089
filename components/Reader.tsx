import { useEffect, useRef } from 'preact/hooks';
import { formatBytes, formatDateTime, withoutBidiControls } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import type { PageFillModel } from '../lib/ui/models/page-fill-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { readerUrl } from '../lib/ui/mail-reader';
import type { ReaderModel } from '../lib/ui/models/reader-model';
import { ActionButton } from './ActionButton';
import { CopyButton } from './CopyButton';
import { FillCodeButton } from './FillCodeButton';
import { LinkDestination } from './LinkDestination';
import { isWebLink } from '../lib/core/links';
import { senderName } from './Inbox';
import { LazyMailView } from './LazyMailView';
import { ErrorNotice } from './Notice';

interface Props {
  reader: ReaderModel;
  popup: PopupModel;
  clipboard: ClipboardModel;
  fill: PageFillModel;
  lang: string;
}

/** One message, read inside the popup: headers, attachments, actions and the sanitized body. */
export function Reader({ reader, popup, clipboard, fill, lang }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const message = reader.message.value;
  const ref = reader.openRef.value;

  // Move focus to the subject so keyboard and screen-reader users land in the message.
  useEffect(() => headingRef.current?.focus(), [ref?.messageId]);

  if (!ref) return null;
  const capabilities = popup.capabilities.value;
  // "Name <address>", or the bare address when the mail gives no name.
  const name = withoutBidiControls(message?.from.name ?? '');
  const address = withoutBidiControls(message?.from.address ?? '');
  const from = name && address ? `${name} <${address}>` : name || address;

  return (
    <article class="reader" aria-labelledby="reader-subject">
      <div class="row row-between">
        <button type="button" onClick={reader.close}>
          <span aria-hidden="true" class="back-arrow">
            ←
          </span>{' '}
          {t('popupBack')}
        </button>
        <a class="button-link" href={readerUrl(ref.mailboxId, ref.messageId)} target="_blank" rel="noopener">
          {t('popupOpenInTab')}
        </a>
      </div>
      <h2 id="reader-subject" ref={headingRef} tabIndex={-1}>
        <bdi>{withoutBidiControls(message?.subject ?? '') || t('popupNoSubject')}</bdi>
      </h2>
      {message && (
        <dl class="headers">
          <dt>{t('popupFrom')}</dt>
          <dd>
            <bdi>{from || senderName(message)}</bdi>
          </dd>
          <dt>{t('popupDate')}</dt>
          <dd>
            <time dateTime={new Date(message.receivedAt).toISOString()}>
              {formatDateTime(message.receivedAt, lang)}
            </time>
          </dd>
        </dl>
      )}
      <div class="row actions">
        {message?.code && (
          <CopyButton
            clipboard={clipboard}
            copyKey={`code:${message.mailboxId}/${message.id}`}
            text={message.code}
            label={message.code}
            accessibleLabel={t('popupCopyCode', message.code)}
            class="code-chip"
          />
        )}
        {message?.code && (
          <FillCodeButton
            fill={fill}
            fillKey={`${message.mailboxId}/${message.id}`}
            code={message.code}
            mailboxId={message.mailboxId}
          />
        )}
        {message && isWebLink(message.link) && (
          <>
            <a
              class="button-link"
              href={message.link}
              title={message.link}
              target="_blank"
              rel="noopener noreferrer"
              aria-describedby="reader-link-destination"
            >
              {t('popupOpenLink')}
            </a>
            <LinkDestination href={message.link} id="reader-link-destination" />
          </>
        )}
        {message && (
          <ActionButton busy={reader.busy.value === 'read'} onClick={() => void reader.toggleRead()}>
            {message.seen ? t('popupMarkUnread') : t('popupMarkRead')}
          </ActionButton>
        )}
        {message && (
          <button
            type="button"
            class="danger-text"
            onClick={() => popup.requestDeleteMessage(message, reader.close)}
          >
            {popup.deletesMessagesOnServer(message.mailboxId)
              ? t('popupDeleteMessage')
              : t('popupRemoveMessage')}
          </button>
        )}
      </div>
      {reader.error.value !== null && <ErrorNotice error={reader.error.value} />}
      {message && capabilities.hasAttachments && message.attachments.length > 0 && (
        <section aria-labelledby="attachments-heading">
          <h3 id="attachments-heading">{t('popupAttachments')}</h3>
          <ul class="list attachments">
            {message.attachments.map((a) => (
              <li key={a.filename} class="row row-between">
                <span class="filename">
                  <bdi>{withoutBidiControls(a.filename)}</bdi>
                  {a.size !== undefined && <span class="muted small"> ({formatBytes(a.size, lang)})</span>}
                </span>
                <ActionButton
                  busy={reader.busy.value === `download:${a.filename}`}
                  onClick={() => void reader.download(a.filename)}
                  aria-label={t('popupDownloadNamed', withoutBidiControls(a.filename))}
                >
                  {t('popupDownload')}
                </ActionButton>
              </li>
            ))}
          </ul>
        </section>
      )}
      {reader.loading.value && !message?.hasBody ? (
        <p class="muted" role="status">
          {t('popupLoadingMessage')}
        </p>
      ) : (
        message && (
          <div class="mail-body">
            {message.malformed && (
              <p class="notice" role="note" data-malformed>
                {t('popupMalformedNotice')}
              </p>
            )}
            <LazyMailView
              html={message.html}
              text={message.text}
              allowRemote={reader.allowRemote.value}
              onAllowRemote={reader.allowRemoteContent}
            />
          </div>
        )
      )}
    </article>
  );
}
