import { RETENTION_DAYS, type RetentionDays } from '../lib/core/settings';
import { errorText } from '../lib/ui/error-text';
import { formatBytes, formatNumber } from '../lib/ui/format';
import { t, tCount } from '../lib/ui/i18n';
import type { RetentionModel } from '../lib/ui/models/retention-model';
import { ConfirmDialog } from './ConfirmDialog';

/** Options' "Stored mail": how much is kept here, and when expired mailboxes are forgotten. */
export function StoredMail({ model, lang }: { model: RetentionModel; lang: string }) {
  const usage = model.usage.value;
  const undoable = model.undoable.value;
  return (
    <section aria-labelledby="stored-heading">
      <h2 id="stored-heading">{t('optionsStorageHeading')}</h2>
      <p id="stored-usage">
        {t('optionsStorageUsage', [
          formatNumber(usage.mailboxes, lang),
          formatNumber(usage.messages, lang),
          formatBytes(usage.size, lang),
        ])}
      </p>
      <label class="field">
        <span>{t('optionsRetentionLabel')}</span>
        <select
          id="retention"
          value={String(model.days.value)}
          onChange={(e) => model.choose(Number(e.currentTarget.value) as RetentionDays)}
        >
          {RETENTION_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              {d === 0 ? t('optionsRetentionNever') : tCount('optionsRetentionAfter', d, [], lang)}
            </option>
          ))}
        </select>
      </label>
      {undoable && (
        <p class="notice row" role="status">
          <span>{tCount('optionsForgetPending', undoable.forgetting, [], lang)}</span>
          <button type="button" onClick={() => void model.undo()}>
            {t('optionsUndo')}
          </button>
        </p>
      )}
      {model.error.value !== null && (
        <p class="error" role="alert">
          {errorText(model.error.value)}
        </p>
      )}
      <ConfirmDialog model={model.confirmation} />
    </section>
  );
}
