import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { t } from '../lib/ui/i18n';
import { buildMailDocument } from '../lib/ui/mail-document';
import { sanitizeMail } from '../lib/ui/mail-sanitizer';
import { splitLinks } from '../lib/ui/mail-text';

export interface MailViewProps {
  /** Raw, untrusted HTML body (may be undefined). */
  html?: string;
  /** Plain-text body, shown when there is no HTML (as text, never as HTML). */
  text?: string;
  /** Whether remote images/CSS may load for this message (the person asked). */
  allowRemote: boolean;
  /** The person asked to load remote content for this message. */
  onAllowRemote: () => void;
}

/**
 * Only what a mail needs: links may open a new, normal tab. No scripts, no same origin (the frame cannot
 * reach the extension), no forms, no top navigation.
 */
const FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * Shows one e-mail safely. HTML is sanitized and rendered in a sandboxed frame behind a strict CSP; plain
 * text is rendered as text with its web addresses as links. The frame cannot report its height to us (it is
 * sandboxed, with an opaque origin and no scripts), so it fills its container and scrolls: give MailView a
 * height (it is a flex column filling its parent).
 */
export function MailView({ html, text, allowRemote, onAllowRemote }: MailViewProps): JSX.Element {
  const mail = useMemo(
    () => (html?.trim() ? sanitizeMail(html, { allowRemote }) : null),
    [html, allowRemote],
  );

  if (mail === null) {
    return (
      <div class="mail-view">
        {text?.trim() ? <PlainText text={text} /> : <p class="mail-view__empty">{t('readerNoContent')}</p>}
      </div>
    );
  }

  return (
    <div class="mail-view">
      {!allowRemote && mail.blockedRemote > 0 && (
        <div class="mail-view__bar" role="status">
          <span>{t('readerRemoteBlocked', String(mail.blockedRemote))}</span>
          <button type="button" class="mail-view__load" onClick={onAllowRemote}>
            {t('readerLoadRemote')}
          </button>
        </div>
      )}
      {allowRemote && mail.trackingPixels > 0 && (
        <div class="mail-view__bar mail-view__bar--quiet" role="status">
          {t('readerTrackersBlocked', String(mail.trackingPixels))}
        </div>
      )}
      <iframe
        sandbox={FRAME_SANDBOX}
        class="mail-view__frame"
        title={t('readerFrameTitle')}
        referrerpolicy="no-referrer"
        srcdoc={buildMailDocument(mail.html, allowRemote, mail.destinations)}
      />
    </div>
  );
}

function PlainText({ text }: { text: string }): JSX.Element {
  const runs = useMemo(() => splitLinks(text), [text]);
  // The address of the link under the pointer or keyboard focus, shown in a line of the reader's own.
  const [shown, setShown] = useState<string | null>(null);
  const hide = () => setShown(null);
  return (
    <>
      <pre class="mail-view__text" dir="auto">
        {runs.map((run, index) =>
          run.kind === 'text' ? (
            run.text
          ) : (
            <a
              key={index}
              href={run.href}
              title={run.href}
              target="_blank"
              rel="noopener noreferrer"
              onMouseEnter={() => setShown(run.href)}
              onMouseLeave={hide}
              onFocus={() => setShown(run.href)}
              onBlur={hide}
            >
              {run.text}
            </a>
          ),
        )}
      </pre>
      {shown !== null && (
        <p class="mail-view__destination">
          {t('readerLinkOpens')} <bdi dir="ltr">{shown}</bdi>
        </p>
      )}
    </>
  );
}
