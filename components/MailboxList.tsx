import { useEffect, useRef, useState } from 'preact/hooks';
import type { Mailbox } from '../lib/core/types';
import { formatCountdown } from '../lib/ui/format';
import { t, tCount } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { groupForSite } from '../lib/ui/mailbox-sites';

/** One mailbox in a list: a button that shows it, and its pin switch. */
export function MailboxRow({
  popup,
  lang,
  mailbox: m,
}: {
  popup: PopupModel;
  lang: string;
  mailbox: Mailbox;
}) {
  const left = popup.msLeft(m);
  const expired = popup.isExpired(m);
  return (
    <li key={m.id} class="mailbox-row" data-mailbox-id={m.id}>
      <button
        type="button"
        class="list-item"
        aria-current={m.id === popup.activeMailbox.value?.id ? 'true' : undefined}
        onClick={() => {
          popup.search.clear();
          void popup.selectMailbox(m.id);
        }}
      >
        <span class="address" dir="ltr">
          {m.address}
        </span>
        <span class="muted small">
          {[
            m.label,
            ...(popup.sites.value[m.id] ?? []),
            expired
              ? t('popupExpired')
              : left !== null
                ? t('popupExpiresIn', formatCountdown(left, lang))
                : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </button>
      <button
        type="button"
        class="pin"
        aria-pressed={m.pinned === true}
        aria-label={t('popupPinAddress', m.address)}
        title={t('popupPinAddress', m.address)}
        onClick={() => void popup.setPinned(m.id, !m.pinned)}
      >
        <span aria-hidden="true">{m.pinned ? '★' : '☆'}</span>
      </button>
    </li>
  );
}

/**
 * How many of the other addresses the list shows before "Show all": people keep dozens of expired
 * addresses for their mail, and drawing all of them would make every popup open pay for the whole list.
 * Search, pins and the site's own group reach any address without it.
 */
export const LIST_PREVIEW = 8;

/**
 * Every mailbox, to switch between them: those the current site knows first, under its name; then the
 * rest, pinned first (the first LIST_PREVIEW of them until the person asks for all).
 */
export function MailboxList({ popup, lang, site }: { popup: PopupModel; lang: string; site: string | null }) {
  const [showAll, setShowAll] = useState(false);
  const section = useRef<HTMLElement>(null);
  // The "Show all" button goes away when pressed: keyboard focus moves on to the first address it revealed.
  useEffect(() => {
    if (!showAll) return;
    const lists = section.current?.querySelectorAll('ul.list');
    const revealed = lists?.[lists.length - 1]?.querySelectorAll<HTMLElement>('.list-item')[LIST_PREVIEW];
    revealed?.focus();
  }, [showAll]);
  const all = popup.orderedMailboxes.value;
  if (all.length < 2) return null;
  const groups = groupForSite(all, site, popup.sites.value);
  const rows = (list: typeof all) => (
    <ul class="list">
      {list.map((m) => (
        <MailboxRow key={m.id} popup={popup} lang={lang} mailbox={m} />
      ))}
    </ul>
  );
  // Cut only when it saves drawing more than a couple of rows.
  const cut = !showAll && groups.others.length > LIST_PREVIEW + 2;
  const others = cut ? groups.others.slice(0, LIST_PREVIEW) : groups.others;
  const more = cut && (
    <button type="button" class="show-all" onClick={() => setShowAll(true)}>
      {tCount('popupShowAllAddresses', groups.others.length - LIST_PREVIEW, [], lang)}
    </button>
  );
  return (
    <section class="mailboxes" aria-labelledby="mailboxes-heading" ref={section}>
      <h2 id="mailboxes-heading">{t('popupYourAddresses')}</h2>
      {groups.thisSite.length > 0 && site ? (
        <>
          <h3 class="group-heading" data-group="this-site">
            {t('popupOnThisSite', site)}
          </h3>
          {rows(groups.thisSite)}
          {groups.others.length > 0 && (
            <>
              <h3 class="group-heading">{t('popupOtherAddresses')}</h3>
              {rows(others)}
              {more}
            </>
          )}
        </>
      ) : (
        <>
          {rows(others)}
          {more}
        </>
      )}
    </section>
  );
}
