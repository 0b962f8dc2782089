import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { PAUSE_CHOICES, type PauseChoice } from '../lib/core/pause';
import { t } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { pauseText } from '../lib/ui/pause-text';

const CHOICE_LABELS: Record<PauseChoice, string> = {
  hour: 'popupPauseHour',
  tomorrow: 'popupPauseTomorrow',
  indefinite: 'popupPauseIndefinite',
};

/**
 * The pause switch in the top bar: pressed while Mayfly is paused (pressing it then resumes); pressing it
 * while running opens the three choices (an hour, until tomorrow morning, until resumed).
 */
export function PauseSwitch({ popup }: { popup: PopupModel }) {
  const choosing = useSignal(false);
  const paused = popup.paused.value !== null;
  const switchRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (choosing.value) panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [choosing.value]);

  function close() {
    choosing.value = false;
    switchRef.current?.focus();
  }

  async function choose(choice: PauseChoice) {
    choosing.value = false;
    await popup.pauseFor(choice);
    // The switch is pressed now; focus stays on it, where pressing again resumes.
    switchRef.current?.focus();
  }

  return (
    <div class="pause">
      <button
        type="button"
        ref={switchRef}
        class="pause-switch"
        aria-pressed={paused}
        aria-expanded={paused ? undefined : choosing.value}
        aria-controls={paused ? undefined : 'pause-choices'}
        onClick={() => {
          if (paused) void popup.resume();
          else choosing.value = !choosing.value;
        }}
      >
        {t('popupPause')}
      </button>
      {choosing.value && !paused && (
        <div
          id="pause-choices"
          class="pause-choices"
          role="group"
          aria-label={t('popupPauseFor')}
          ref={panelRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          {PAUSE_CHOICES.map((choice) => (
            <button type="button" key={choice} onClick={() => void choose(choice)}>
              {t(CHOICE_LABELS[choice])}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** While paused: says until when, that nothing is lost, and offers to resume now. */
export function PausedNotice({ popup, lang }: { popup: PopupModel; lang: string }) {
  const pause = popup.paused.value;
  if (!pause) return null;
  return (
    <div class="notice" role="status" data-paused>
      <p>
        <strong>{pauseText(pause, popup.now.value, lang)}</strong> {t('popupPausedHelp')}
      </p>
      <button type="button" class="primary" onClick={() => void popup.resume()}>
        {t('popupResume')}
      </button>
    </div>
  );
}
