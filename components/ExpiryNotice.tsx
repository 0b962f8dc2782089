import { formatCountdown } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { ActionButton } from './ActionButton';

/**
 * At the top of the popup on a site: the address that site knows has expired, or expires within the
 * person's warning window; with "Make a new address for this site" where the provider can make one. The
 * background makes it and remembers it for the site (it is the one writer of site memory).
 */
export function ExpiryNotice({
  popup,
  lang,
  site,
}: {
  popup: PopupModel;
  lang: string;
  site: string | null;
}) {
  const found = popup.siteExpiryOf(site);
  if (!found || !site) return null;
  const mb = found.mailbox;
  // Only a provider the popup can make addresses with now (the chosen one, or one needing no key).
  const provider = popup.createProviderChoices.value.includes(mb.provider) ? mb.provider : null;
  // Site and address are isolated (FSI…PDI) so they keep their left-to-right order in Arabic text.
  const isolate = (s: string) => `\u2068${s}\u2069`;
  const text = found.expired
    ? t('popupSiteAddressExpired', [isolate(site), isolate(mb.address)])
    : t('popupSiteAddressExpiring', [
        isolate(site),
        isolate(mb.address),
        isolate(formatCountdown(found.msLeft, lang)),
      ]);
  return (
    <section
      class="notice"
      aria-labelledby="expiry-notice"
      data-expiry-notice={found.expired ? 'expired' : 'soon'}
    >
      <p id="expiry-notice">{text}</p>
      {provider && (
        <ActionButton
          type="button"
          class="primary"
          busy={popup.busy.value === 'create'}
          onClick={() => void popup.createMailbox({ provider, site })}
        >
          {t('popupNewAddressForSite')}
        </ActionButton>
      )}
    </section>
  );
}
