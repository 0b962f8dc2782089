import {
  DEFAULT_SETTINGS,
  EXPIRY_WARNING_MINUTES,
  type ExpiryWarningMinutes,
  type Settings,
} from '../lib/core/settings';
import { t } from '../lib/ui/i18n';

/** Options: how long before a site's address expires the popup warns, and whether a notification does too. */
export function ExpiryFields({
  draft,
  lang,
  onChange,
}: {
  draft: Settings;
  lang: string;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const minutes = draft.expiryWarningMinutes ?? DEFAULT_SETTINGS.expiryWarningMinutes;
  const unit = new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  return (
    <>
      <div class="field">
        <label for="opt-expiry-warning">{t('optionsExpiryWarning')}</label>
        <select
          id="opt-expiry-warning"
          value={String(minutes)}
          onChange={(e) =>
            onChange({ expiryWarningMinutes: Number(e.currentTarget.value) as ExpiryWarningMinutes })
          }
        >
          {EXPIRY_WARNING_MINUTES.map((m) => (
            <option key={m} value={String(m)}>
              {m === 0 ? t('optionsExpiryWarningOff') : t('optionsExpiryWarningBefore', unit.format(m))}
            </option>
          ))}
        </select>
      </div>
      <label class="choice">
        <input
          type="checkbox"
          checked={draft.expiryNotify ?? false}
          disabled={minutes === 0}
          onChange={(e) => onChange({ expiryNotify: e.currentTarget.checked })}
        />
        <span>{t('optionsExpiryNotify')}</span>
      </label>
    </>
  );
}
