import { formatCountdown } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';

/** Every mailbox, to switch between them; a search field appears when there are many. */
export function MailboxList({ popup, lang }: { popup: PopupModel; lang: string }) {
  const all = popup.mailboxes.value;
  if (all.length < 2) return null;
  const shown = popup.filteredMailboxes.value;
  const activeId = popup.activeMailbox.value?.id;
  return (
    <section class="mailboxes" aria-labelledby="mailboxes-heading">
      <h2 id="mailboxes-heading">{t('popupYourAddresses')}</h2>
      {popup.showFilter.value && (
        <input
          type="search"
          class="search"
          aria-label={t('popupSearchAddresses')}
          placeholder={t('popupSearchAddresses')}
          value={popup.filter.value}
          onInput={(e) => (popup.filter.value = e.currentTarget.value)}
        />
      )}
      {shown.length === 0 ? (
        <p class="muted">{t('popupNoMatch')}</p>
      ) : (
        <ul class="list">
          {shown.map((m) => {
            const left = popup.msLeft(m);
            const expired = popup.isExpired(m);
            return (
              <li key={m.id}>
                <button
                  type="button"
                  class="list-item"
                  aria-current={m.id === activeId ? 'true' : undefined}
                  onClick={() => void popup.selectMailbox(m.id)}
                >
                  <span class="address" dir="ltr">
                    {m.address}
                  </span>
                  <span class="muted small">
                    {[
                      m.label,
                      m.site,
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
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
