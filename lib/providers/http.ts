import ky, { NetworkError, TimeoutError } from 'ky';
import {
  AppError,
  type AppErrorDetails,
  type ErrorKind,
  type ErrorParams,
  type ErrorReason,
} from '../core/errors';
import type { RateLimitInfo } from '../core/types';
import type { CreationPacer } from './tempmail-lol';
import type { ProviderConfig } from './types';
import { buildUrl, normalizeBaseUrl, originOf } from './url';

/**
 * The one HTTP client of the provider layer (ky underneath), and the helpers that turn what comes back
 * into data or into an AppError. Every provider request goes through `HttpClient.send`; nothing here
 * throws anything but AppError.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Two more tries after the first: enough to ride out a blip, too few to hammer a sick server. */
export const RETRY_LIMIT = 2;
const RETRY_STATUSES = new Set([500, 502, 503, 504]);
/** ky's own curve: 300 ms, 600 ms. */
const defaultRetryDelay = (attempt: number): number => 300 * 2 ** (attempt - 1);
/** Enough of a server's error text to diagnose, not enough to flood the UI. */
const SERVER_MESSAGE_MAX = 300;
/**
 * The most one answer may carry. Far above a real inbox list (bodies are stored capped at 256 KB each) or a
 * mail attachment (mail servers refuse messages over about 25 MB); a server that sends more is broken or
 * hostile, and reading on would only exhaust the service worker's memory.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/**
 * How long the body of a destructive read may take once its headers have arrived. The server deleted the
 * mail when it started answering, so giving up on a slow body loses that mail for good: wait long (the size
 * cap still bounds what is read), never just the short request timeout.
 */
export const DESTRUCTIVE_BODY_TIMEOUT_MS = 120_000;

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PATCH';

/** Test seams a provider accepts besides its ProviderConfig. Production code passes nothing. */
export interface ProviderRuntime {
  /** The clock, epoch ms. */
  now?: () => number;
  /** Delay before retry number `attempt` (1-based). */
  retryDelayMs?: (attempt: number) => number;
  /** TempMail.lol's free-tier creation pacing; one shared per background unless a test passes its own. */
  pacer?: CreationPacer;
}

export interface HttpClientConfig {
  /** The service as people know it, used in messages: "tempmailg did not answer ...". */
  serviceName: string;
  baseUrl: string;
  /** Authorization header value. Sent only to requests whose origin is the base URL's origin. */
  authorization?: string;
  /** Headers sent with every request (e.g. Accept). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Delay before retry number `attempt` (1-based). Tests shorten it. */
  retryDelayMs?: (attempt: number) => number;
  /** Size cap of one answer; defaults to MAX_RESPONSE_BYTES. Tests lower it. */
  maxResponseBytes?: number;
  /** Awaited before every request: an API's own pacing (Mail.tm allows 8 requests a second per IP). */
  pace?: () => Promise<void>;
  /**
   * A 429 is asked again this many times, after Retry-After or `rateLimitDelayMs` (Mail.tm: 1 s, as its
   * own client does). A 429 means the server did nothing, so this is safe for any method. Default 0.
   */
  rateLimitRetries?: number;
  rateLimitDelayMs?: number;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Below the base URL, segments already encoded (`/messages/abc`). Ignored when `url` is set. */
  path?: string;
  /** An absolute URL used verbatim (attachment links handed out by the server). */
  url?: string;
  query?: Record<string, string>;
  /** A JSON body; ky sets Content-Type for it. */
  json?: Record<string, unknown>;
  /** A JSON body sent with another media type (`application/merge-patch+json` for a PATCH). */
  jsonAs?: { contentType: string; value: Record<string, unknown> };
  /**
   * Safe to send twice: retried on network errors and 5xx. Leave it off for anything that creates,
   * renames, deletes or reads destructively.
   */
  idempotent?: boolean;
  /**
   * The server deletes what it hands out (TempMail.lol inbox reads): once the headers have arrived, the
   * body is read to the end (up to DESTRUCTIVE_BODY_TIMEOUT_MS) instead of within the request timeout.
   */
  destructive?: boolean;
  /** This request's Authorization value (a mailbox token), in place of the client's; same-origin only too. */
  authorization?: string;
}

export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  url: string;
  bytes: ArrayBuffer;
  /** The body decoded as UTF-8. */
  text(): string;
}

/** Speaks HTTP to one API. Holds no mutable state, so one instance per provider is enough. */
export class HttpClient {
  readonly serviceName: string;
  /** Normalised base URL, or undefined when the configured one is unusable. */
  readonly baseUrl: string | undefined;
  readonly timeoutMs: number;
  readonly #config: HttpClientConfig;
  readonly #origin: string | undefined;

  constructor(config: HttpClientConfig) {
    this.#config = config;
    this.serviceName = config.serviceName;
    this.baseUrl = normalizeBaseUrl(config.baseUrl);
    this.#origin = this.baseUrl ? originOf(this.baseUrl) : undefined;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The origin of the base URL (for resolving server paths), or an AppError when it is not set. */
  get origin(): string {
    if (!this.#origin) throw this.#badBaseUrl();
    return this.#origin;
  }

  /**
   * Sends one request and returns the response whatever its status; only "no usable answer" throws
   * (timeout, network, bad base URL). Idempotent requests are retried on network errors and 5xx.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const url = this.#urlFor(request);
    const retries = request.idempotent ? RETRY_LIMIT : 0;
    const delayFor = this.#config.retryDelayMs ?? defaultRetryDelay;
    let rateLimited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#config.pace?.();
        const response = await this.#sendOnce(request, url);
        if (response.status === 429 && rateLimited < (this.#config.rateLimitRetries ?? 0)) {
          rateLimited++;
          attempt--;
          const wait = parseRetryAfter(response.headers.get('retry-after'), Date.now());
          await sleep(Math.min(wait ?? this.#config.rateLimitDelayMs ?? 1_000, 10_000));
          continue;
        }
        if (attempt < retries && RETRY_STATUSES.has(response.status)) {
          await sleep(delayFor(attempt + 1));
          continue;
        }
        return response;
      } catch (error) {
        const failure = this.#transportError(error, url);
        if (attempt < retries && failure.kind === 'network') {
          await sleep(delayFor(attempt + 1));
          continue;
        }
        throw failure;
      }
    }
  }

  #urlFor(request: HttpRequest): string {
    if (request.url !== undefined) {
      if (!originOf(request.url)) {
        throw new AppError('bad-response', `${this.serviceName} sent a link Mayfly cannot open.`, {
          reason: 'bad-answer',
          serverMessage: request.url.slice(0, SERVER_MESSAGE_MAX),
        });
      }
      return buildUrl(request.url, '', request.query);
    }
    if (!this.baseUrl) throw this.#badBaseUrl();
    return buildUrl(this.baseUrl, request.path ?? '', request.query);
  }

  async #sendOnce(request: HttpRequest, url: string): Promise<HttpResponse> {
    const headers = new Headers(this.#config.headers);
    // The key belongs to the configured API only: an attachment link on another host never sees it.
    const authorization = request.authorization ?? this.#config.authorization;
    if (authorization && originOf(url) === this.#origin) {
      headers.set('Authorization', authorization);
    }
    if (request.jsonAs) headers.set('Content-Type', request.jsonAs.contentType);
    const response = await ky(url, {
      method: request.method,
      headers,
      // No cookies, ever: a request to an API or attachment host must not act as the person signed in there.
      credentials: 'omit',
      ...(request.json ? { json: request.json } : {}),
      ...(request.jsonAs ? { body: JSON.stringify(request.jsonAs.value) } : {}),
      timeout: this.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
      ...(this.#config.fetch ? { fetch: this.#config.fetch } : {}),
    });
    // ky's timeout covers the headers only; a body that stalls must not hang the caller either.
    const maxBytes = this.#config.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    const bodyTimeoutMs = request.destructive
      ? Math.max(this.timeoutMs, DESTRUCTIVE_BODY_TIMEOUT_MS)
      : this.timeoutMs;
    const bytes = await withinTime(readCapped(response, maxBytes, this.serviceName), bodyTimeoutMs);
    let decoded: string | undefined;
    return {
      status: response.status,
      ok: response.ok,
      headers: response.headers,
      url,
      bytes,
      text: () => (decoded ??= new TextDecoder().decode(bytes)),
    };
  }

  #transportError(error: unknown, url: string): AppError {
    if (error instanceof AppError) return error;
    const host = hostOf(url);
    const seconds = Number((this.timeoutMs / 1000).toFixed(2));
    if (error instanceof TimeoutError || error instanceof BodyTimeout) {
      return new AppError(
        'timeout',
        `${this.serviceName} (${host}) did not answer within ${seconds} seconds. Mayfly will try again; if this keeps happening, check your connection.`,
        { reason: 'timeout', params: { seconds } },
      );
    }
    const cause = error instanceof NetworkError && error.cause instanceof Error ? error.cause : error;
    return new AppError(
      'network',
      `Could not reach ${this.serviceName} at ${host}. Check your internet connection and the API address in Options.`,
      { reason: 'unreachable', serverMessage: cause instanceof Error ? cause.message : String(cause) },
    );
  }

  #badBaseUrl(): AppError {
    return new AppError(
      'misconfigured',
      `The API address for ${this.serviceName} is missing or is not a valid http(s) URL. Set it in Options.`,
      { reason: 'base-url-invalid' },
    );
  }
}

/**
 * The HttpClient of one provider, built from its config the way every provider does: JSON answers asked
 * for, the configured timeout and fetch, the runtime's retry delay, and the key's Authorization value
 * when there is one. One place, so a new seam reaches all providers alike.
 */
export function providerHttpClient(
  serviceName: string,
  config: ProviderConfig,
  runtime: ProviderRuntime,
  authorization?: string,
  extra: Pick<HttpClientConfig, 'headers' | 'pace' | 'rateLimitRetries' | 'rateLimitDelayMs'> = {},
): HttpClient {
  return new HttpClient({
    ...extra,
    serviceName,
    baseUrl: config.baseUrl,
    headers: { Accept: 'application/json', ...extra.headers },
    ...(authorization ? { authorization } : {}),
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(runtime.retryDelayMs ? { retryDelayMs: runtime.retryDelayMs } : {}),
  });
}

class BodyTimeout extends Error {}

/**
 * The body, read chunk by chunk and abandoned as soon as it passes `maxBytes` (a declared Content-Length
 * over the cap is refused before reading anything): a hostile server cannot make us buffer gigabytes.
 */
async function readCapped(response: Response, maxBytes: number, service: string): Promise<ArrayBuffer> {
  const tooLarge = () =>
    new AppError(
      'bad-response',
      `${service} sent an answer larger than ${Math.round(maxBytes / (1024 * 1024))} MB. Mayfly stopped reading it.`,
      { status: response.status, reason: 'too-large' },
    );
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes.buffer;
}

function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading bodies

/** What a body turned out to be. */
export type Body =
  | { type: 'json'; value: unknown }
  | { type: 'html'; text: string }
  | { type: 'text'; text: string }
  | { type: 'empty' };

/** Classifies a body without trusting its Content-Type: TempMail.lol sends plain text labelled JSON. */
export function readBody(response: HttpResponse): Body {
  const text = response.text();
  const trimmed = text.trim();
  if (trimmed === '') return { type: 'empty' };
  const contentType = response.headers.get('content-type') ?? '';
  if (/^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || /text\/html/i.test(contentType)) {
    return { type: 'html', text };
  }
  try {
    return { type: 'json', value: JSON.parse(trimmed) as unknown };
  } catch {
    return { type: 'text', text };
  }
}

/** The JSON value of a 2xx body, or the AppError that says why there is none. */
export function expectJson(service: string, response: HttpResponse, body: Body): unknown {
  if (body.type === 'json') return body.value;
  const details: AppErrorDetails = { status: response.status };
  const serverMessage = serverMessageOf(body);
  if (serverMessage !== undefined) details.serverMessage = serverMessage;
  if (body.type === 'html') {
    const challenge = isChallengePage(body.text);
    details.reason = challenge ? 'challenge-page' : 'web-page';
    if (challenge) {
      throw new AppError(
        'blocked',
        `${service} answered with a captcha or browser-check page instead of the API. Try again later, or use another provider.`,
        details,
      );
    }
    throw new AppError(
      'misconfigured',
      `${service} answered with a web page instead of the API. Check the API address in Options.`,
      details,
    );
  }
  details.reason = 'bad-answer';
  const what = body.type === 'empty' ? 'an empty answer' : 'an answer that is not valid JSON';
  throw new AppError(
    'bad-response',
    `${service} sent ${what}. Try again later; if it keeps happening, the API may have changed.`,
    details,
  );
}

/** The AppError for a well-formed answer whose shape is not the documented one. */
export function unexpectedShape(service: string, what: string, response?: HttpResponse): AppError {
  return new AppError(
    'bad-response',
    `${service} sent ${what} in a shape Mayfly does not understand. Try again later; if it keeps happening, the API may have changed.`,
    response ? { status: response.status, reason: 'bad-answer' } : { reason: 'bad-answer' },
  );
}

/**
 * A page that stands between the person and the API to check for a browser or a human (Cloudflare's
 * "Just a moment...", "Attention Required!", a captcha): a block, not a wrong address.
 */
export function isChallengePage(html: string): boolean {
  return /just a moment|attention required|checking your browser|cf-chl|cf_chl|captcha|challenge-platform|ddos-guard|are you a robot|verify you are human/i.test(
    html,
  );
}

/** Words a 403 uses when it is a region, network or captcha block rather than a refused key or plan. */
const BLOCK_WORDS =
  /\b(region|regions|country|countries|geo|geo-?blocked|captcha(_required)?|blocked|banned|firewall|vpn|proxy|cloudflare|access denied|not available in your)\b/i;

/** Whether a 403 says it is a block of the network, country or a captcha wall (item: 403 told apart). */
export function isNetworkBlock(body: Body): boolean {
  if (body.type === 'html') return true;
  // Only the server's words and its own code: a domain or address elsewhere in the body says nothing.
  const message = serverMessageOf(body);
  if (message !== undefined && BLOCK_WORDS.test(message)) return true;
  const code = providerCodeOf(body);
  return typeof code === 'string' && BLOCK_WORDS.test(code.replace(/_/g, ' '));
}

/**
 * The server's own explanation in an error body: `message` (Laravel, tempmailg), `error` (self-hosted,
 * TempMail.lol), the first entry of a Laravel `errors` map, or plain text.
 */
export function serverMessageOf(body: Body): string | undefined {
  if (body.type === 'text') return clip(body.text);
  if (body.type === 'html') return pageTitle(body.text);
  if (body.type !== 'json' || !isRecord(body.value)) return undefined;
  const { message, error, errors } = body.value;
  if (typeof message === 'string' && message !== '') return clip(message);
  if (typeof error === 'string' && error !== '') return clip(error);
  if (isRecord(errors)) {
    for (const list of Object.values(errors)) {
      const first: unknown = Array.isArray(list) ? list[0] : list;
      if (typeof first === 'string') return clip(first);
    }
  }
  return undefined;
}

/** `code` from a TempMail.lol-style error body, for diagnosis. */
export function providerCodeOf(body: Body): string | number | undefined {
  if (body.type !== 'json' || !isRecord(body.value)) return undefined;
  const { code } = body.value;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

function pageTitle(html: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  return title ? clip(title) : undefined;
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > SERVER_MESSAGE_MAX ? `${trimmed.slice(0, SERVER_MESSAGE_MAX)}…` : trimmed;
}

// ---------------------------------------------------------------------------------------------------
// Turning failures into AppErrors

export interface FailureContext {
  service: string;
  /** The mailbox's deadline (epoch ms): a 404 at or after it means the mailbox expired. */
  expiresAt?: number | null;
  /** Kind of a 403 that carries JSON (an HTML 403 is always 'blocked'). */
  forbiddenKind?: ErrorKind;
  /** Wait before asking again after a 429 without Retry-After, when the API's habits are known. */
  defaultRetryAfterMs?: number;
  now?: number;
}

/**
 * The AppError for a non-2xx answer, following the shared status table: 401/402 auth, 403 blocked when
 * HTML, 404 not-found (expired past the deadline, misconfigured when it is a web-server page),
 * 405/419 misconfigured, 409 conflict, 400/422 validation, 429 rate-limited or quota-exhausted, 5xx server.
 */
export function failureFor(response: HttpResponse, body: Body, context: FailureContext): AppError {
  const now = context.now ?? Date.now();
  const { status } = response;
  const details: AppErrorDetails = { status };
  const serverMessage = serverMessageOf(body);
  if (serverMessage !== undefined) details.serverMessage = serverMessage;
  const providerCode = providerCodeOf(body);
  if (providerCode !== undefined) details.providerCode = providerCode;
  const kind = statusKind(response, body, context, now);
  if (kind === 'rate-limited' || kind === 'quota-exhausted') {
    const retryAfterMs =
      parseRetryAfter(response.headers.get('retry-after'), now) ?? context.defaultRetryAfterMs;
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
    const resetAt = parseResetAt(response.headers.get('x-ratelimit-reset'));
    if (resetAt !== undefined) details.resetAt = resetAt;
  }
  const { reason, params } = reasonFor(kind, response, body, details);
  details.reason = reason;
  if (params) details.params = params;
  return new AppError(kind, messageFor(kind, context.service, details), details);
}

/** The reason of a failure the shared status table mapped to `kind`. */
export function reasonFor(
  kind: ErrorKind,
  response: Pick<HttpResponse, 'status'>,
  body: Body,
  details: AppErrorDetails,
): { reason: ErrorReason; params?: ErrorParams } {
  const { status } = response;
  switch (kind) {
    case 'auth':
      return { reason: status === 402 ? 'plan-expired' : 'key-refused' };
    case 'rate-limited':
      return details.retryAfterMs !== undefined
        ? { reason: 'retry-in', params: { seconds: Math.max(1, Math.ceil(details.retryAfterMs / 1000)) } }
        : { reason: 'slow-down' };
    case 'quota-exhausted':
      return details.resetAt !== undefined
        ? { reason: 'quota-resets', params: { at: details.resetAt } }
        : { reason: 'quota-used' };
    case 'server':
      return { reason: 'server-error', params: { status } };
    case 'not-found':
      return { reason: 'mailbox-unknown' };
    case 'expired':
      return { reason: 'mailbox-expired' };
    case 'conflict':
      return { reason: 'name-taken' };
    case 'validation':
      return { reason: status === 403 ? 'plan-not-allowed' : 'request-refused' };
    case 'blocked':
      return {
        reason: body.type === 'html' && isChallengePage(body.text) ? 'challenge-page' : 'blocked-network',
      };
    case 'misconfigured':
      if (status === 405 || status === 419) return { reason: 'method-not-allowed' };
      return { reason: body.type === 'html' ? 'web-page' : 'unknown-endpoint' };
    case 'network':
      return { reason: 'unreachable' };
    case 'timeout':
      return { reason: 'timeout' };
    case 'bad-response':
      return { reason: 'bad-answer' };
    case 'unsupported':
      return { reason: 'request-refused' };
  }
}

function statusKind(response: HttpResponse, body: Body, context: FailureContext, now: number): ErrorKind {
  const { status } = response;
  if (body.type === 'html' && isChallengePage(body.text)) return 'blocked';
  const pastDeadline = context.expiresAt != null && now >= context.expiresAt;
  if (status >= 500) return 'server';
  switch (status) {
    case 401:
    case 402:
      return 'auth';
    case 403:
      // A region, network or captcha block is not the key's fault, whatever a 403 usually means here.
      return isNetworkBlock(body) ? 'blocked' : (context.forbiddenKind ?? 'validation');
    case 404:
      if (body.type === 'html' || body.type === 'text') return 'misconfigured';
      return pastDeadline ? 'expired' : 'not-found';
    case 405:
    case 419:
      return 'misconfigured';
    case 409:
      return 'conflict';
    case 410:
      return 'expired';
    case 429:
      return response.headers.get('x-ratelimit-remaining')?.trim() === '0'
        ? 'quota-exhausted'
        : 'rate-limited';
    default:
      return body.type === 'html' ? 'misconfigured' : 'validation';
  }
}

/** An English sentence that tells the person what happened and what to do. The UI may localise by kind. */
export function messageFor(kind: ErrorKind, service: string, details: AppErrorDetails = {}): string {
  switch (kind) {
    case 'auth':
      return details.status === 402
        ? `${service} says the plan behind your API key has run out. Renew it, or remove the key in Options to use the free tier.`
        : `${service} refused the API key. Check the key in Options, or create a new one.`;
    case 'rate-limited':
      return details.retryAfterMs !== undefined
        ? `${service} is limiting requests. Mayfly will wait ${Math.ceil(details.retryAfterMs / 1000)} seconds and try again.`
        : `${service} is limiting requests. Mayfly will wait a little and try again.`;
    case 'quota-exhausted':
      return details.resetAt !== undefined
        ? `Your ${service} quota is used up until ${new Date(details.resetAt).toISOString()}. Mayfly pauses this account until then.`
        : `Your ${service} quota is used up. Mayfly pauses this account; check your plan's quota on ${service}.`;
    case 'server':
      return `${service} had a server error${details.status ? ` (HTTP ${details.status})` : ''}. Mayfly will try again shortly.`;
    case 'not-found':
      return `${service} no longer knows this mailbox or message. It may have expired or been deleted; create a new mailbox if you need one.`;
    case 'expired':
      return `This mailbox has expired on ${service}. Create a new one.`;
    case 'conflict':
      return `That address is already taken on ${service}. Choose another username.`;
    case 'validation':
      return `${service} refused the request as invalid. Check the username and domain, or whether your plan allows them.`;
    case 'misconfigured':
      return `The API address for ${service} does not lead to its API. Check the address in Options.`;
    case 'blocked':
      return `${service} is blocking requests from this network (a firewall, captcha or region block). Try again later, from another network, or use another provider.`;
    case 'bad-response':
      return `${service} sent an answer Mayfly cannot read. Try again later; if it keeps happening, the API may have changed.`;
    case 'network':
      return `Could not reach ${service}. Check your internet connection and the API address in Options.`;
    case 'timeout':
      return `${service} did not answer in time. Mayfly will try again.`;
    case 'unsupported':
      return `${service} cannot do this.`;
  }
}

/** An English count for the probe details (shown in English only): "1 domain", "3 domains". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------------
// The request pipeline

/** What an adapter adds to the shared pipeline for one request. */
export interface PipelineSteps {
  /** How to read a failure: service name, mailbox deadline, the API's 403 and 429 habits. */
  context: FailureContext;
  /** Sees every response first (quota headers). */
  observe?: (response: HttpResponse) => void;
  /**
   * The API's own reading of an answer, before the shared status table (documented error strings, a
   * refusal inside a 2xx): return an AppError to throw it, or undefined to go on.
   */
  refuse?: (response: HttpResponse, body: Body) => AppError | undefined;
  /** A last word on a failure the shared table mapped (e.g. "no key" instead of "key refused"). */
  adjust?: (error: AppError) => AppError;
}

/**
 * The one request pipeline of the three adapters: send (size cap, timeouts, retries of idempotent
 * requests), let the API read its own refusals, map any other failure through the shared status table
 * (kind and reason), and return the JSON of a successful answer. The adapter then checks the shape with
 * `expectShape` and its own guards.
 */
export async function requestJson(
  http: HttpClient,
  request: HttpRequest,
  steps: PipelineSteps,
): Promise<unknown> {
  const response = await http.send(request);
  steps.observe?.(response);
  const body = readBody(response);
  const refusal = steps.refuse?.(response, body);
  if (refusal) throw refusal;
  if (!response.ok) {
    const error = failureFor(response, body, steps.context);
    throw steps.adjust ? steps.adjust(error) : error;
  }
  return expectJson(steps.context.service, response, body);
}

/** `value` when it passes the guard, else the AppError for an answer of an unknown shape. */
export function expectShape<T>(
  value: unknown,
  guard: (value: unknown) => value is T,
  service: string,
  what: string,
): T {
  if (!guard(value)) throw unexpectedShape(service, what);
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Headers

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * `X-RateLimit-Reset` as epoch ms. tempmailg sends an ISO-8601 timestamp with an offset
 * (`2026-05-01T00:00:00+05:00`), not epoch seconds: a bare number is refused rather than guessed.
 */
export function parseResetAt(value: string | null): number | undefined {
  if (value === null || /^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? undefined : at;
}

/** The `X-RateLimit-*` quota figures, or undefined when the response carries none. */
export function parseRateLimitHeaders(headers: Headers, now: number): RateLimitInfo | undefined {
  const integer = (name: string): number | undefined => {
    const raw = headers.get(name)?.trim();
    return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
  };
  const info: RateLimitInfo = { observedAt: now };
  const limit = integer('x-ratelimit-limit');
  const used = integer('x-ratelimit-used');
  const remaining = integer('x-ratelimit-remaining');
  const resetAt = parseResetAt(headers.get('x-ratelimit-reset'));
  if (limit !== undefined) info.limit = limit;
  if (used !== undefined) info.used = used;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  return Object.keys(info).length > 1 ? info : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Small type guards for hand-written response validators

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Absent, null or a string: for fields servers fill with null, '' or nothing. */
export function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** Every element passes the guard (and the value is an array). */
export function isArrayOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every((item) => guard(item));
}

/**
 * `YYYY-MM-DD HH:MM:SS` (no zone) read as if it were UTC, as epoch ms; ISO strings with a zone are
 * read as they are. Undefined when unreadable.
 */
export function parseNaiveAsUtc(value: string): number | undefined {
  const naive = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (naive) {
    const [year, month, day, hour, minute, second] = naive.slice(1).map((part) => Number(part ?? 0));
    return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}
