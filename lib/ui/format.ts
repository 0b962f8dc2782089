/**
 * Locale-aware formatting for the popup and options: every number, time and size a person sees goes through
 * Intl with the UI language: Bengali gets Bengali digits; plain `ar` gets Western digits in Chromium, which is
 * what the Arabic strings use too (test/e2e/language-journeys.ts pins one kind of digit per language).
 */

/**
 * Intl formatters are costly to make (each loads its locale data) and cheap to reuse: the popup's first
 * render formats a countdown per mailbox and a time per message, so each kind is made once per language
 * and options and kept.
 */
const formatters = new Map<string, unknown>();
function reuse<T>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (made === undefined) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}
const numberFormat = (lang: string, options: Intl.NumberFormatOptions = {}) =>
  reuse(`number|${lang}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(lang, options));

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A plain localized integer (e.g. "৩" in Bengali). */
export function formatNumber(value: number, lang: string): string {
  return numberFormat(lang).format(value);
}

/**
 * Time left before a mailbox expires, for a live countdown: "9:05" under an hour, "2:09:05" under a day,
 * "2 days, 3 hr" beyond. Returns an empty string once the time is up (the caller shows "expired").
 */
export function formatCountdown(msLeft: number, lang: string): string {
  if (msLeft <= 0) return '';
  const totalSeconds = Math.floor(msLeft / SECOND);
  if (msLeft >= DAY) {
    const days = Math.floor(msLeft / DAY);
    const hours = Math.floor((msLeft % DAY) / HOUR);
    const dayText = numberFormat(lang, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);
    if (hours === 0) return dayText;
    const hourText = numberFormat(lang, { style: 'unit', unit: 'hour', unitDisplay: 'short' }).format(hours);
    const list = reuse(`list|${lang}`, () => new Intl.ListFormat(lang, { style: 'narrow', type: 'unit' }));
    return list.format([dayText, hourText]);
  }
  const twoDigits = numberFormat(lang, { minimumIntegerDigits: 2, useGrouping: false });
  const plain = numberFormat(lang, { useGrouping: false });
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${plain.format(hours)}:${twoDigits.format(minutes)}:${twoDigits.format(seconds)}`;
  return `${plain.format(minutes)}:${twoDigits.format(seconds)}`;
}

/** "3 minutes ago", "yesterday", "in 2 hours": the largest unit that fits, through Intl.RelativeTimeFormat. */
export function formatRelativeTime(at: number, now: number, lang: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const rtf = reuse(`relative|${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  if (abs < MINUTE) return rtf.format(Math.round(diff / SECOND), 'second');
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  return rtf.format(Math.round(diff / DAY), 'day');
}

/**
 * Makes the formatters a first paint uses (counts, message times, countdowns under a day) before it needs
 * them. In a fresh extension process the first Intl constructor loads ICU (69 ms in a probe; well under a
 * millisecond once loaded): the popup spends that while its storage reads are in flight, not in the render
 * that waits for them.
 */
export function prepareFormatters(lang: string): void {
  formatNumber(0, lang);
  formatRelativeTime(0, 0, lang);
  formatCountdown(MINUTE, lang);
}

/**
 * A wait as words, through Intl's plural rules: "45 seconds", "5 minutes", "2 hours" (long units; minutes
 * and hours rounded up, so a wait is never announced shorter than it is).
 */
export function formatWait(seconds: number, lang: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    numberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 120) return unit(whole, 'second');
  if (whole < 2 * 3600) return unit(Math.ceil(whole / 60), 'minute');
  return unit(Math.ceil(whole / 3600), 'hour');
}

/** A full date and time for the reader and for quota reset times. */
export function formatDateTime(at: number, lang: string): string {
  return reuse(
    `date|${lang}`,
    () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(at);
}

/** A file size with the right unit: "512 bytes", "1.5 kB", "3.2 MB", localized. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000;
    index++;
  }
  return numberFormat(lang, {
    style: 'unit',
    unit: units[index],
    // Bytes in words, so the language's plural applies ("956 bytes", "1 byte"); kB and MB stay short.
    unitDisplay: index === 0 ? 'long' : 'short',
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) removed: a name a sender chose must not
 * reorder what is shown around it (`invoice\u202Efdp.exe` would read "invoiceexe.pdf"). Shown names are
 * also wrapped in <bdi>, which isolates their direction without any control character.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}
