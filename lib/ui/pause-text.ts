import type { PauseState } from '../core/pause';
import { t } from './i18n';

/** The pause's end as the person reads it: a time today, or a day and time beyond today. */
export function formatPauseEnd(until: number, now: number, lang: string): string {
  const sameDay = new Date(until).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(lang, {
    ...(sameDay ? {} : { weekday: 'long' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(until);
}

/** "Paused until 15:30" / "Paused until you resume", in the UI language. */
export function pauseText(pause: PauseState, now: number, lang: string): string {
  return pause.until === null
    ? t('pausedUntilResumed')
    : t('pausedUntil', formatPauseEnd(pause.until, now, lang));
}
