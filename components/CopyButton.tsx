import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import { t } from '../lib/ui/i18n';

interface Props {
  clipboard: ClipboardModel;
  /** Identifies what this button copies, so only this button says "Copied". */
  copyKey: string;
  text: string;
  label: string;
  /** A fuller name for screen readers when the visible label is short. */
  accessibleLabel?: string;
  class?: string;
}

/** A button that copies text and shows "Copied" for a moment (also announced by the popup's live region). */
export function CopyButton({ clipboard, copyKey, text, label, accessibleLabel, class: className }: Props) {
  const copied = clipboard.copiedKey.value === copyKey;
  return (
    <button
      type="button"
      class={className ?? 'copy'}
      aria-label={copied ? undefined : accessibleLabel}
      onClick={() => void clipboard.copy(copyKey, text)}
    >
      {copied ? t('popupCopied') : label}
    </button>
  );
}
