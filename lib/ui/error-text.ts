import {
  isAppError,
  type AppErrorDetails,
  type ErrorKind,
  type ErrorParams,
  type ErrorReason,
} from '../core/errors';
import { formatDateTime, formatNumber, formatWait } from './format';
import { t, uiLanguage } from './i18n';

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

type ReasonText = (params: ErrorParams, lang: string) => string | undefined;

const seconds = (params: ErrorParams) => (typeof params.seconds === 'number' ? params.seconds : undefined);

/**
 * The sentence of each reason that says more than its kind's, with its parameters formatted for the UI
 * language through Intl. A reason left out here (or whose parameters are missing) reads as its kind.
 */
export const REASON_TEXTS: Partial<Record<ErrorReason, ReasonText>> = {
  'key-missing': () => t('reasonKeyMissing'),
  'key-refused': () => t('reasonKeyRefused'),
  'plan-expired': () => t('reasonPlanExpired'),
  'plan-not-allowed': () => t('reasonPlanNotAllowed'),
  unauthenticated: () => t('reasonUnauthenticated'),
  'blocked-network': () => t('reasonBlockedNetwork'),
  'challenge-page': () => t('reasonChallengePage'),
  'web-page': () => t('reasonWebPage'),
  'unknown-endpoint': () => t('reasonUnknownEndpoint'),
  'path-info': () => t('reasonPathInfo'),
  'config-not-found': () => t('reasonConfigNotFound'),
  'method-not-allowed': () => t('reasonMethodNotAllowed'),
  'base-url-invalid': () => t('reasonBaseUrlInvalid'),
  timeout: (p, lang) => {
    const s = seconds(p);
    return s === undefined ? undefined : t('reasonTimeout', formatWait(s, lang));
  },
  'server-error': (p, lang) =>
    typeof p.status === 'number' ? t('reasonServerError', formatNumber(p.status, lang)) : undefined,
  'too-large': () => t('reasonTooLarge'),
  'retry-in': (p, lang) => {
    const s = seconds(p);
    return s === undefined ? undefined : t('reasonRetryIn', formatWait(s, lang));
  },
  'create-paced': (p, lang) => {
    const s = seconds(p);
    return s === undefined ? undefined : t('reasonCreatePaced', formatWait(s, lang));
  },
  'quota-resets': (p, lang) =>
    typeof p.at === 'number' ? t('reasonQuotaResets', formatDateTime(p.at, lang)) : undefined,
  'name-invalid': (p) =>
    p.rule === 'lol'
      ? t('reasonNameInvalidLol')
      : p.rule === 'tempmailg'
        ? t('reasonNameInvalidTempmailg')
        : p.rule === 'selfhosted'
          ? t('reasonNameInvalidSelfhosted')
          : p.rule === 'mailtm'
            ? t('reasonNameInvalidMailtm')
            : undefined,
  'name-reserved': () => t('reasonNameReserved'),
  'name-ignored': (p) =>
    typeof p.asked === 'string' && typeof p.got === 'string'
      ? t('reasonNameIgnored', [p.asked, p.got])
      : undefined,
  'name-not-here': () => t('reasonNameNotHere'),
  'domain-not-here': () => t('reasonDomainNotHere'),
  'domain-refused': () => t('reasonDomainRefused'),
  'community-ask': () => t('reasonCommunityAsk'),
  'domain-password-refused': () => t('reasonDomainPasswordRefused'),
  'token-lost': () => t('reasonTokenLost'),
};

/**
 * A localized sentence for anything that went wrong, saying what the person can do about it. AppErrors
 * (also after they crossed the messaging boundary) get the sentence of their reason, or of their kind when
 * the reason adds nothing; anything else a generic one.
 */
export function errorText(error: unknown, lang: string = uiLanguage()): string {
  if (!isAppError(error)) return t('errorsUnknown');
  const details: AppErrorDetails = error.details ?? {};
  const reason = details.reason ? REASON_TEXTS[details.reason] : undefined;
  const sentence = reason?.(details.params ?? {}, lang);
  return sentence ?? t(ERROR_TEXT_KEYS[error.kind]);
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
