import { formatNumber, formatRelativeTime, withoutBidiControls } from '../lib/ui/format';
import { t, tCount } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';
import type { MailHit } from '../lib/ui/search';
import { senderName } from './Inbox';
import { MailboxRow } from './MailboxList';

export interface SearchResultsProps {
  popup: PopupModel;
  lang: string;
  onOpenMail: (hit: MailHit) => void;
}

/** What the search found: addresses first, then mail, newest first. */
export function SearchResults({ popup, lang, onOpenMail }: SearchResultsProps) {
  const results = popup.search.results.value;
  if (!results) return null;
  const none = results.mailboxes.length === 0 && results.mail.length === 0;
  return (
    <section class="search-results" aria-labelledby="search-results-heading">
      <h2 id="search-results-heading">{t('popupSearchResults')}</h2>
      <p class="muted small" role="status">
        {none
          ? t('popupSearchNone')
          : t('popupSearchCount', [
              formatNumber(results.mailboxes.length, lang),
              formatNumber(results.mail.length + results.moreMail, lang),
            ])}
      </p>
      {results.mailboxes.length > 0 && (
        <>
          <h3>{t('popupYourAddresses')}</h3>
          <ul class="list">
            {results.mailboxes.map((m) => (
              <MailboxRow key={m.id} popup={popup} lang={lang} mailbox={m} />
            ))}
          </ul>
        </>
      )}
      {results.mail.length > 0 && (
        <>
          <h3>{t('popupSearchMail')}</h3>
          <ul class="list messages">
            {results.mail.map((hit) => (
              <li key={`${hit.mailbox.id}/${hit.message.id}`} data-message-id={hit.message.id}>
                <button type="button" class="list-item" onClick={() => onOpenMail(hit)}>
                  <span class="row row-between">
                    <span class="sender">
                      <bdi>{senderName(hit.message)}</bdi>
                    </span>
                    <time class="muted small" dateTime={new Date(hit.message.receivedAt).toISOString()}>
                      {formatRelativeTime(hit.message.receivedAt, popup.now.value, lang)}
                    </time>
                  </span>
                  <span class="subject">
                    <bdi>{withoutBidiControls(hit.message.subject) || t('popupNoSubject')}</bdi>
                  </span>
                  <span class="muted small">
                    {hit.message.code && (
                      <>
                        <span class="code-chip" dir="ltr">
                          {hit.message.code}
                        </span>{' '}
                      </>
                    )}
                    <span dir="ltr">{hit.mailbox.address}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {results.moreMail > 0 && (
            <p class="muted small">{tCount('popupSearchMore', results.moreMail, [], lang)}</p>
          )}
        </>
      )}
    </section>
  );
}
