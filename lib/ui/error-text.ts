import { isAppError, type AppErrorDetails, type ErrorKind } from '../core/errors';
import { t } from './i18n';

/** The string key of the sentence for each error kind: one per kind, each saying what to do next. */
export const ERROR_TEXT_KEYS: Record<ErrorKind, string> = {
  auth: 'errorsAuth',
  'rate-limited': 'errorsRateLimited',
  'quota-exhausted': 'errorsQuotaExhausted',
  network: 'errorsNetwork',
  timeout: 'errorsTimeout',
  server: 'errorsServer',
  'not-found': 'errorsNotFound',
  expired: 'errorsExpired',
  validation: 'errorsValidation',
  conflict: 'errorsConflict',
  'bad-response': 'errorsBadResponse',
  misconfigured: 'errorsMisconfigured',
  blocked: 'errorsBlocked',
  unsupported: 'errorsUnsupported',
};

/**
 * A localized sentence for anything that went wrong, saying what the person can do about it. AppErrors
 * (also after they crossed the messaging boundary) get the sentence of their kind; anything else a generic one.
 */
export function errorText(error: unknown): string {
  if (!isAppError(error)) return t('errorsUnknown');
  return t(ERROR_TEXT_KEYS[error.kind]);
}

/**
 * Technical detail under the sentence (HTTP status and the server's own words), for diagnosis. Empty when
 * there is none; shown as-is because it is the server's text, not ours.
 */
export function errorDetail(error: unknown): string {
  if (!isAppError(error)) return error instanceof Error ? error.message : '';
  const details: AppErrorDetails = error.details ?? {};
  const parts: string[] = [];
  if (details.status) parts.push(`HTTP ${details.status}`);
  if (details.serverMessage) parts.push(details.serverMessage);
  return parts.join(' · ');
}

/**
 * Whether two errors read the same on screen (same sentence, same detail). A failed "Check now" reports the
 * very poll failure the background also stored: one notice is enough.
 */
export function readsTheSame(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return errorText(a) === errorText(b) && errorDetail(a) === errorDetail(b);
}
