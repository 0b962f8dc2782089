import { t } from '../lib/ui/i18n';
import type { SiteButtonModel } from '../lib/ui/models/site-button-model';

/** The switch for the in-page Mayfly button on the site the popup was opened over; absent on non-web pages. */
export function SiteButtonToggle({ model }: { model: SiteButtonModel }) {
  const site = model.site.value;
  if (!site) return null;
  return (
    <section class="site-button" aria-label={t('popupSiteButtonSection')}>
      <label class="row site-button-label">
        <input
          type="checkbox"
          role="switch"
          checked={model.enabled.value}
          // The permission prompt needs this click's user gesture: setEnabled asks before anything else.
          onChange={(e) => void model.setEnabled(e.currentTarget.checked)}
        />
        <span>{t('popupSiteButton', site.hostname)}</span>
      </label>
      {model.refused.value && (
        <p class="muted small" role="status">
          {t('popupSiteButtonRefused')}
        </p>
      )}
    </section>
  );
}
