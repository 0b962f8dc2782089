import type { RateLimitInfo } from '../lib/core/types';
import { formatDateTime, formatNumber } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';

/** Used / limit of the provider's quota, with its reset time, as a labelled <meter>. */
export function QuotaMeter({ quota, lang }: { quota: RateLimitInfo; lang: string }) {
  const limit = quota.limit;
  const used =
    quota.used ??
    (limit !== undefined && quota.remaining !== undefined ? limit - quota.remaining : undefined);
  if (limit === undefined || used === undefined) return null;
  const label = t('popupQuotaUsed', [formatNumber(used, lang), formatNumber(limit, lang)]);
  return (
    <div class="quota">
      <label>
        <span class="quota-text">{label}</span>
        <meter min={0} max={limit} value={used} high={limit * 0.8} optimum={0} aria-label={label} />
      </label>
      {quota.resetAt !== undefined && (
        <span class="muted">{t('popupQuotaResets', formatDateTime(quota.resetAt, lang))}</span>
      )}
    </div>
  );
}
