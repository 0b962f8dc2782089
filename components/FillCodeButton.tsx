import { t } from '../lib/ui/i18n';
import { ActionButton } from './ActionButton';
import { fillOutcomeTextKey, type PageFillModel } from '../lib/ui/models/page-fill-model';

interface Props {
  fill: PageFillModel;
  /** Identifies the message this code belongs to, so only this button reports the result. */
  fillKey: string;
  code: string;
  /** The mailbox the code came to: a page of another site than the mailbox's is filled only when confirmed. */
  mailboxId: string;
}

/** "Fill into page" beside a code chip: says "Code filled" on success, or why it could not fill. */
export function FillCodeButton({ fill, fillKey, code, mailboxId }: Props) {
  const busy = fill.busyKey.value === fillKey;
  const result = fill.outcome.value?.key === fillKey ? fill.outcome.value : null;
  const filled = result?.status === 'filled';
  return (
    <>
      <ActionButton
        class="fill-code"
        aria-label={filled || busy ? undefined : t('popupFillCodeNamed', code)}
        busy={busy}
        onClick={() => void fill.fill(fillKey, code, mailboxId)}
      >
        {busy ? t('popupFilling') : filled ? t('popupCodeFilled') : t('popupFillCode')}
      </ActionButton>
      {result && result.status === 'other-site' && result.sites && (
        <div class="fill-error small" role="alert">
          <p>{t('popupFillOtherSite', [result.sites.mailbox, result.sites.page])}</p>
          <div class="row">
            <button
              type="button"
              aria-label={t('popupFillAnywayNamed', result.sites.page)}
              onClick={() => void fill.fillAnyway(fillKey, code, mailboxId)}
            >
              {t('popupFillAnyway')}
            </button>
            <button type="button" onClick={fill.dismiss}>
              {t('popupFillDontFill')}
            </button>
          </div>
        </div>
      )}
      {result && !filled && result.status !== 'other-site' && (
        <p class="fill-error small" role="alert">
          {t(fillOutcomeTextKey(result))}
        </p>
      )}
    </>
  );
}
