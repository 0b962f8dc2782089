/**
 * The one error type of Mayfly. Every failure that reaches the UI is an AppError with a `kind`; only the
 * http layer turns HTTP failures into one, and the UI maps a kind to a sentence that says what to do.
 *
 * Errors cross the messaging boundary as plain objects, so code tells them apart by `name` and `kind`
 * (see `isAppError`), never by `instanceof`.
 */
export type ErrorKind =
  | 'auth' // key missing, refused or out of time: stop polling that account, ask for a new key
  | 'rate-limited' // 429 or a throttle: wait for retryAfterMs / resetAt
  | 'quota-exhausted' // the plan's quota is used up until resetAt
  | 'network' // no answer at all (offline, DNS, connection refused)
  | 'timeout' // the server did not answer in time
  | 'server' // 5xx
  | 'not-found' // mailbox or message unknown
  | 'expired' // the mailbox is past its life
  | 'validation' // the request was refused as invalid (username rules, plan not allowed ...)
  | 'conflict' // the name is taken
  | 'bad-response' // an answer we cannot use: HTML instead of JSON, malformed JSON, missing fields
  | 'misconfigured' // the base URL does not point at the API (wrong path, PATH_INFO, web route)
  | 'blocked' // a WAF, captcha or geo block stands between us and the API
  | 'unsupported'; // the provider cannot do this

export const ERROR_KINDS: readonly ErrorKind[] = [
  'auth',
  'rate-limited',
  'quota-exhausted',
  'network',
  'timeout',
  'server',
  'not-found',
  'expired',
  'validation',
  'conflict',
  'bad-response',
  'misconfigured',
  'blocked',
  'unsupported',
];

export interface AppErrorDetails {
  /** HTTP status, when there was one. */
  status?: number;
  /** How long to wait before asking again (from Retry-After). */
  retryAfterMs?: number;
  /** When a quota resets (epoch ms), from X-RateLimit-Reset. */
  resetAt?: number;
  /** The provider's own error code or message, for diagnosis. */
  providerCode?: string | number;
  /** The server's own message, shown as detail under our sentence. */
  serverMessage?: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly kind: ErrorKind;
  readonly details: AppErrorDetails;

  constructor(kind: ErrorKind, message: string, details: AppErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.details = details;
  }

  /** Whether asking again later, with backoff, may succeed. */
  get retryable(): boolean {
    return isRetryableKind(this.kind);
  }

  toJSON(): SerializedAppError {
    return { name: 'AppError', kind: this.kind, message: this.message, details: this.details };
  }
}

export interface SerializedAppError {
  name: 'AppError';
  kind: ErrorKind;
  message: string;
  details: AppErrorDetails;
}

export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'network' || kind === 'timeout' || kind === 'server' || kind === 'rate-limited';
}

/** True for an AppError, or for its copy after it crossed a messaging boundary. */
export function isAppError(e: unknown): e is AppError | SerializedAppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'AppError' &&
    ERROR_KINDS.includes((e as { kind?: ErrorKind }).kind as ErrorKind)
  );
}

/** Turns anything thrown into an AppError, keeping kind and details when it already was one. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isAppError(e)) return new AppError(e.kind, e.message, e.details ?? {});
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('bad-response', message || 'Unexpected error');
}
