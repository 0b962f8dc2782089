import { useEffect } from 'preact/hooks';
import { t } from '../lib/ui/i18n';
import type { ClipboardModel } from '../lib/ui/models/clipboard-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { popupKeyAction, stepThrough, takesText } from '../lib/ui/popup-keys';
import { SEARCH_INPUT_ID } from './Search';

interface Props {
  popup: PopupModel;
  clipboard: ClipboardModel;
  /** Shortcuts rest while a message is open (the reader has its own controls) or a dialog asks something. */
  enabled: boolean;
}

/**
 * The popup's keys: `n` new address, `c` copy the shown address, `/` search, ↑ ↓ through the lists (Enter
 * opens the row, as any button does). None acts while focus is in a text field. Renders the help line.
 */
export function PopupKeys({ popup, clipboard, enabled }: Props) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const action = popupKeyAction({
        key: e.key,
        code: e.code,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing: takesText(e.target as Element | null),
      });
      if (!action) return;
      if (action === 'next' || action === 'previous') {
        const rows = [...document.querySelectorAll<HTMLElement>('main .list-item')];
        const active = document.activeElement as HTMLElement | null;
        const target = stepThrough(
          rows,
          active && rows.includes(active) ? active : null,
          action === 'next' ? 1 : -1,
        );
        if (!target) return;
        e.preventDefault();
        target.focus();
        return;
      }
      e.preventDefault();
      if (action === 'search') document.getElementById(SEARCH_INPUT_ID)?.focus();
      else if (action === 'new') {
        if (popup.busy.value !== 'create') void popup.createMailbox();
      } else if (action === 'copy') {
        const mailbox = popup.activeMailbox.value;
        if (mailbox) void clipboard.copy(`address:${mailbox.id}`, mailbox.address);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, popup, clipboard]);

  return (
    <p class="keys-help muted small" id="keys-help">
      {t('popupKeysHelp')}
    </p>
  );
}
