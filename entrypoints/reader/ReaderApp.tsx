import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { MailView } from '../../components/MailView';
import type { StoredMessage } from '../../lib/core/types';
import { withoutBidiControls } from '../../lib/ui/format';
import { t } from '../../lib/ui/i18n';
import { loadReaderMessage, type ReaderSources, type ReaderState } from '../../lib/ui/mail-reader';

export interface ReaderAppProps {
  /** location.search of the page: `?mailbox=<id>&message=<id>`. */
  search: string;
  /** UI language, for the date. */
  language: string;
  sources: ReaderSources;
}

/** The full-tab reader: the message's header, then its body in MailView. */
export function ReaderApp({ search, language, sources }: ReaderAppProps): JSX.Element {
  const [state, setState] = useState<ReaderState>({ status: 'loading' });
  // Remote content is asked for per message and per visit, never remembered.
  const [allowRemote, setAllowRemote] = useState(false);

  useEffect(() => {
    let current = true;
    const show = (next: ReaderState) => {
      if (current) setState(next);
    };
    void loadReaderMessage(search, sources, show).then(show);
    return () => {
      current = false;
    };
  }, [search, sources]);

  useEffect(() => {
    if (state.status === 'ready' || state.status === 'body-unavailable' || state.status === 'fetching-body') {
      document.title = state.message.subject || t('readerNoSubject');
    }
  }, [state]);

  switch (state.status) {
    case 'loading':
      return <p class="reader__notice">{t('readerLoading')}</p>;
    case 'missing-message':
      return <Notice text={t('readerMissingMessage')} />;
    case 'not-found':
      return <Notice text={t('readerNotFound')} />;
    case 'fetching-body':
      return (
        <main class="reader">
          <MessageHeader message={state.message} language={language} />
          <p class="reader__notice" role="status">
            {t('readerLoading')}
          </p>
        </main>
      );
    case 'body-unavailable':
      return (
        <main class="reader">
          <MessageHeader message={state.message} language={language} />
          <Notice text={t('readerBodyUnavailable')} />
        </main>
      );
    case 'ready':
      return (
        <main class="reader">
          <MessageHeader message={state.message} language={language} />
          {state.message.truncated && <p class="reader__notice">{t('readerTruncated')}</p>}
          <div class="reader__body">
            <MailView
              html={state.message.html}
              text={state.message.text}
              allowRemote={allowRemote}
              onAllowRemote={() => setAllowRemote(true)}
            />
          </div>
        </main>
      );
  }
}

function Notice({ text }: { text: string }): JSX.Element {
  return (
    <p class="reader__notice" role="alert">
      {text}
    </p>
  );
}

function MessageHeader({ message, language }: { message: StoredMessage; language: string }): JSX.Element {
  const received = new Date(message.receivedAt);
  const validDate = !Number.isNaN(received.getTime());
  return (
    <header class="reader__header">
      {/* <bdi> keeps a subject or address in its own direction while the line still starts on the page's side. */}
      <h1 class="reader__subject">
        <bdi>{withoutBidiControls(message.subject) || t('readerNoSubject')}</bdi>
      </h1>
      <dl class="reader__meta">
        <dt>{t('readerFrom')}</dt>
        <dd>
          <bdi>
            {message.from.name && (
              <span class="reader__sender-name">{withoutBidiControls(message.from.name)} </span>
            )}
            {message.from.address && (
              <span class="reader__sender-address">
                {message.from.name
                  ? `<${withoutBidiControls(message.from.address)}>`
                  : withoutBidiControls(message.from.address)}
              </span>
            )}
          </bdi>
        </dd>
        {message.to && (
          <>
            <dt>{t('readerTo')}</dt>
            <dd>
              <bdi>{message.to}</bdi>
            </dd>
          </>
        )}
        {validDate && (
          <>
            <dt>{t('readerReceived')}</dt>
            <dd>
              <time dateTime={received.toISOString()}>
                {new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).format(
                  received,
                )}
              </time>
            </dd>
          </>
        )}
      </dl>
    </header>
  );
}
