import { t } from '../lib/ui/i18n';
import { ActionButton } from './ActionButton';
import { fillOutcomeTextKey, type PageFillModel } from '../lib/ui/models/page-fill-model';

interface Props {
  fill: PageFillModel;
  /** Identifies the message this code belongs to, so only this button reports the result. */
  fillKey: string;
  code: string;
}

/** "Fill into page" beside a code chip: says "Code filled" on success, or why it could not fill. */
export function FillCodeButton({ fill, fillKey, code }: Props) {
  const busy = fill.busyKey.value === fillKey;
  const result = fill.outcome.value?.key === fillKey ? fill.outcome.value : null;
  const filled = result?.status === 'filled';
  return (
    <>
      <ActionButton
        class="fill-code"
        aria-label={filled || busy ? undefined : t('popupFillCodeNamed', code)}
        busy={busy}
        onClick={() => void fill.fill(fillKey, code)}
      >
        {busy ? t('popupFilling') : filled ? t('popupCodeFilled') : t('popupFillCode')}
      </ActionButton>
      {result && !filled && (
        <p class="fill-error small" role="alert">
          {t(fillOutcomeTextKey(result))}
        </p>
      )}
    </>
  );
}
