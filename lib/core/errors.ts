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

/**
 * What exactly happened, finer than the kind: the UI says the reason's own sentence (in the person's
 * language, with `params`), and falls back to the kind's sentence for an error without one. The English
 * `message` stays a detail for logs. Tests assert reasons, not sentences.
 */
export type ErrorReason =
  // keys and plans
  | 'key-missing' // the API needs a key and none is set
  | 'key-refused' // the key is wrong, revoked or was never valid
  | 'plan-expired' // the key is fine but its paid time ran out (TempMail.lol 402)
  | 'plan-not-allowed' // the plan does not include this (premium domains on a free key)
  | 'unauthenticated' // TempMail.lol without a key: the inbox token was not accepted
  // the way to the API
  | 'blocked-network' // a region, country or network block (403 speaking of it)
  | 'challenge-page' // a captcha or "checking your browser" page stands in front of the API
  | 'web-page' // a web page answered where the API should be: the address is not the API's
  | 'unknown-endpoint' // the API answered, but does not know this path: the base path is off
  | 'path-info' // self-hosted: api.php does not receive PATH_INFO
  | 'config-not-found' // self-hosted: api.php cannot find its configuration
  | 'method-not-allowed' // something in front of the API refused the method
  | 'base-url-invalid' // the API address is missing or not an http(s) URL
  | 'unreachable' // no answer at all
  | 'timeout' // params.seconds
  | 'server-error' // params.status
  | 'bad-answer' // an answer Mayfly cannot read
  | 'too-large' // an answer over the size cap
  // pacing
  | 'retry-in' // params.seconds: wait that long
  | 'slow-down' // rate-limited, no wait given
  | 'create-paced' // params.seconds: Mayfly holds back creating to stay under the free limit
  | 'quota-resets' // params.at (epoch ms): quota used up until then
  | 'quota-used' // quota used up, reset unknown
  // names and mailboxes
  | 'name-invalid' // params.rule: which naming rule ('lol', 'tempmailg', 'selfhosted')
  | 'name-reserved'
  | 'name-taken'
  | 'name-ignored' // params.asked, params.got: the service gave another name than the one asked for
  | 'name-not-here' // the API (version) cannot take a name
  | 'domain-not-here' // the API cannot choose a domain
  | 'domain-refused' // the domain is not one the service accepts
  | 'community-ask' // TempMail.lol: may "Try another domain" use community domains? (asked once)
  | 'domain-password-refused' // the custom domain's password (TXT record) was refused
  | 'request-refused' // refused as invalid, no more said
  | 'mailbox-unknown'
  | 'mailbox-expired'
  | 'token-lost';

/** Values a reason's sentence needs (seconds to wait, a time, a status, a name). */
export type ErrorParams = Record<string, string | number>;

export interface AppErrorDetails {
  /** What exactly happened; the UI says it in the person's language. */
  reason?: ErrorReason;
  /** The values the reason's sentence needs. */
  params?: ErrorParams;
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

  /** What exactly happened, when known (also reachable as `details.reason`). */
  get reason(): ErrorReason | undefined {
    return this.details.reason;
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
