const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` in the server's local zone, with no offset (the self-hosted PHP style). */
export function naiveLocal(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** `YYYY-MM-DD HH:MM:SS` in UTC with no offset (tempmailg's `receivedAt`). */
export function naiveUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** ISO-8601 in UTC with an explicit `+00:00` offset and no milliseconds (tempmailg's `created_at`). */
export function isoWithOffset(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** Midnight UTC on the first day of the next month: when a calendar-month quota resets. */
export function nextMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
