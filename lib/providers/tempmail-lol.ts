import { AppError } from '../core/errors';
import type { CreatedMailbox, ProviderMessage, RateLimitInfo } from '../core/types';
import {
  requestJson,
  serverMessageOf,
  isFiniteNumber,
  isRecord,
  isString,
  providerHttpClient,
  unexpectedShape,
  type HttpClient,
  type HttpRequest,
  type ProviderRuntime,
} from './http';
import type {
  CreateMailboxOptions,
  CustomDomain,
  ListResult,
  MailboxHandle,
  ProbeResult,
  ProviderCapabilities,
  ProviderConfig,
  TempMailProvider,
} from './types';
import { readLolEmails } from './tempmail-lol-emails';
import { originOf, pathSegment } from './url';

export { messageId } from './tempmail-lol-emails';

const SERVICE = 'TempMail.lol';

/**
 * Inbox lifetime from creation (seed 004): free one hour. With a key it is ten hours (Plus) or thirty
 * (Ultra), and inboxes on the person's own domain are not bound by either; the tier is not reported, so a
 * keyed mailbox has no local deadline and the server's `expired: true` decides.
 */
export const TEMPMAIL_LOL_FREE_TTL_MS = 3_600_000;
/** Free tier: 25 creations per IP per 5 minutes, then a ban of 5-7 minutes (2023 server source). */
const CREATE_BACKOFF_MS = 300_000;
/** Free tier: at most this many creations per IP in CREATE_WINDOW_MS (2023 server source). */
export const CREATE_LIMIT = 25;
export const CREATE_WINDOW_MS = 300_000;

/**
 * Keeps free-tier creation under the service's limit, per API origin, for the life of the background: a
 * 26th creation in five minutes would get the IP banned for several minutes, so Mayfly holds back
 * instead (with the wait), and after a 429 it waits out the ban rather than extending it.
 */
export class CreationPacer {
  readonly #made = new Map<string, number[]>();
  readonly #bannedUntil = new Map<string, number>();

  /** Throws 'rate-limited' (reason create-paced, with the seconds to wait) when creating now would be too soon. */
  check(origin: string, now: number): void {
    const banned = this.#bannedUntil.get(origin) ?? 0;
    const recent = this.#recent(origin, now);
    // One below the limit: other tools on the same IP count too, and the 25th is where the ban starts.
    const until =
      recent.length >= CREATE_LIMIT - 1 ? Math.max(banned, recent[0]! + CREATE_WINDOW_MS) : banned;
    if (until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      throw new AppError(
        'rate-limited',
        `${SERVICE} allows ${CREATE_LIMIT} new addresses per ${CREATE_WINDOW_MS / 60_000} minutes. Mayfly waits ${seconds} seconds before making another.`,
        { reason: 'create-paced', params: { seconds }, retryAfterMs: until - now },
      );
    }
  }

  made(origin: string, now: number): void {
    this.#made.set(origin, [...this.#recent(origin, now), now]);
  }

  refused(origin: string, until: number): void {
    this.#bannedUntil.set(origin, Math.max(this.#bannedUntil.get(origin) ?? 0, until));
  }

  #recent(origin: string, now: number): number[] {
    return (this.#made.get(origin) ?? []).filter((at) => at > now - CREATE_WINDOW_MS);
  }
}

const OFFICIAL_ORIGIN = 'https://api.tempmail.lol';

/** One pacer for the background's lifetime: providers are built per task, the limit is per IP. */
const sharedPacer = new CreationPacer();

/** The server throttles inbox reads above one per second per token. */
const INBOX_BACKOFF_MS = 1_000;
/** What the service takes as a prefix (it lowercases, and silently ignores a prefix it dislikes). */
const PREFIX_PATTERN = /^[0-9a-z_-]{1,50}$/;

/** Capabilities for one API generation, with or without a key (SPEC §3, §7.1). */
export function tempmailLolCapabilities(api: 'v2' | 'v1', hasKey: boolean): ProviderCapabilities {
  return {
    apiKey: 'optional',
    needsBaseUrl: false,
    canListDomains: false,
    canChooseDomain: 'on-create',
    customUsername: api === 'v2' ? 'prefix-only' : 'no',
    ...(api === 'v2' ? { usernameRule: { pattern: /^[0-9A-Za-z_-]{1,50}$/, hint: 'prefix' as const } } : {}),
    canRename: false,
    // v2 has an undocumented delete the official web client calls; v1 has none.
    canDeleteMailbox: api === 'v2' ? 'best-effort' : false,
    canDeleteMessage: false,
    hasAttachments: false,
    messageListIncludesBody: true,
    destructiveRead: true,
    minPollIntervalMs: INBOX_BACKOFF_MS,
    defaultTtlMs: hasKey ? null : TEMPMAIL_LOL_FREE_TTL_MS,
    quotaHeaders: false,
  };
}

// ---- response shapes (seed 004, SPEC §3.5-3.6) ----

interface InboxCreated {
  address: string;
  token: string;
}

function isInboxCreated(value: unknown): value is InboxCreated {
  return (
    isRecord(value) &&
    isString(value.address) &&
    value.address.includes('@') &&
    isString(value.token) &&
    value.token !== ''
  );
}

/**
 * TempMail.lol (`https://api.tempmail.lol`), v2 or legacy v1 per `config.tempmailLolApi`. No key on the
 * free tier; an optional `tm.…` key. Reads are destructive: each email is handed out exactly once.
 */
export class TempmailLolProvider implements TempMailProvider {
  readonly id = 'tempmail-lol' as const;
  readonly capabilities: ProviderCapabilities;
  readonly #http: HttpClient;
  readonly #api: 'v2' | 'v1';
  readonly #hasKey: boolean;
  readonly #now: () => number;
  readonly #pacer: CreationPacer;

  constructor(config: ProviderConfig, runtime: ProviderRuntime = {}) {
    const key = config.apiKey?.trim();
    this.#pacer = runtime.pacer ?? sharedPacer;
    this.#api = config.tempmailLolApi ?? 'v2';
    this.#hasKey = Boolean(key);
    this.#now = runtime.now ?? Date.now;
    this.capabilities = tempmailLolCapabilities(this.#api, this.#hasKey);
    this.#http = providerHttpClient(SERVICE, config, runtime, key ? authorizationFor(key) : undefined);
  }

  /** No quota headers on this API. */
  lastRateLimit(): RateLimitInfo | undefined {
    return undefined;
  }

  /** `GET /{v2|v1}/stats`: proves the base URL reaches the API. It does not check the key. */
  async probe(): Promise<ProbeResult> {
    const body = await this.#json({ method: 'GET', path: `/${this.#api}/stats`, idempotent: true }, false);
    if (!isRecord(body) || !isFiniteNumber(body.emails_received))
      throw unexpectedShape(SERVICE, 'its statistics');
    const emails = body.emails_received === 1 ? 'email' : 'emails';
    return { ok: true, detail: `${body.emails_received} ${emails} received by ${SERVICE} so far.` };
  }

  /**
   * v2: `POST /v2/inbox/create` with optional `prefix` (≤ 12 of a-z/0-9; the server appends a hex
   * timestamp), `domain` and `community`. v1: `GET /v1/generate`, `/v1/generate/rush` (community) or
   * `/v1/generate/{domain}`. Never retried. The expiry is not reported: created + tier lifetime.
   */
  async createMailbox(opts: CreateMailboxOptions = {}): Promise<CreatedMailbox> {
    const prefix = opts.username?.trim().toLowerCase();
    const domain = opts.domain?.trim();
    let request: HttpRequest;
    if (this.#api === 'v2') {
      // On the person's own custom domain (key holders) the prefix is used verbatim, so only the
      // public-domain rule is checked here; the server silently ignores a prefix that breaks it.
      if (prefix && !(this.#hasKey && domain) && !PREFIX_PATTERN.test(prefix)) {
        throw new AppError(
          'validation',
          'Use 1 to 50 letters, digits, dashes or underscores for the prefix.',
          {
            reason: 'name-invalid',
            params: { rule: 'lol' },
          },
        );
      }
      const json: Record<string, unknown> = {};
      if (prefix) json.prefix = prefix;
      if (domain) json.domain = domain;
      if (opts.community) json.community = true;
      request = { method: 'POST', path: '/v2/inbox/create', json };
    } else {
      if (prefix) {
        throw new AppError(
          'unsupported',
          'The legacy TempMail.lol v1 API cannot choose a username. Switch to v2 in Options.',
          { reason: 'name-not-here' },
        );
      }
      const path = domain
        ? `/v1/generate/${pathSegment(domain)}`
        : opts.community
          ? '/v1/generate/rush'
          : '/v1/generate';
      request = { method: 'GET', path };
    }
    const createdAt = this.#now();
    // The limit is the public service's free tier: a key lifts it, and another server has its own rules.
    const origin = this.#http.baseUrl ?? '';
    const paced = !this.#hasKey && originOf(origin) === OFFICIAL_ORIGIN;
    if (paced) this.#pacer.check(origin, createdAt);
    let body: unknown;
    try {
      body = await this.#json(request, true);
    } catch (error) {
      if (paced && error instanceof AppError && error.kind === 'rate-limited') {
        this.#pacer.refused(origin, this.#now() + (error.details.retryAfterMs ?? CREATE_BACKOFF_MS));
      }
      throw error;
    }
    if (paced) this.#pacer.made(origin, createdAt);
    if (!isInboxCreated(body)) throw unexpectedShape(SERVICE, 'the new inbox');
    const ttl = this.capabilities.defaultTtlMs;
    const created: CreatedMailbox = {
      provider: 'tempmail-lol',
      address: body.address,
      domain: body.address.slice(body.address.lastIndexOf('@') + 1),
      createdAt,
      expiresAt: ttl === null ? null : createdAt + ttl,
      credentials: { kind: 'tempmail-lol', token: body.token, api: this.#api },
    };
    // The service ignores a prefix it dislikes without a word: compare what came back.
    const local = body.address.slice(0, body.address.lastIndexOf('@')).toLowerCase();
    if (prefix && !local.startsWith(prefix)) created.ignoredName = prefix;
    return created;
  }

  /**
   * Fetches the emails that arrived since the last call. DESTRUCTIVE: the server deletes what it
   * returns, so the result holds only the new emails, each exactly once. The caller must persist every
   * returned message before doing anything else (notifying, rendering, awaiting other work): a
   * message dropped here is gone for good. Never retried, for the same reason. Message ids are a
   * SHA-256 over date|from|to|subject|body, so the same email always gets the same id.
   *
   * v2: `GET /v2/inbox?token=` (`expired: true` for an expired or unknown token).
   * v1: `GET /v1/auth/{token}` (`{"email": null, "token": "invalid"}` means expired).
   */
  async listMessages(mb: MailboxHandle): Promise<ListResult> {
    const { token, api, customDomain } = credentialsOf(mb);
    if (customDomain) {
      // The person's own domain: its catch-all, read with the domain's password; it never expires here.
      const domain = mb.address.slice(mb.address.lastIndexOf('@') + 1);
      return { messages: await this.readCustomDomain({ domain, password: token }, api), expired: false };
    }
    if (api === 'v2') {
      const body = await this.#json(
        { method: 'GET', path: '/v2/inbox', query: { token }, destructive: true },
        false,
        true,
      );
      const fetchedAt = this.#now();
      if (Array.isArray(body)) return { messages: await readLolEmails(body, fetchedAt), expired: false };
      if (!isRecord(body)) throw unexpectedShape(SERVICE, 'the inbox');
      refusalInSuccess(body, 'emails');
      return {
        messages: await readLolEmails(body.emails, fetchedAt),
        expired: body.expired === true || body.expired === 'true',
      };
    }
    const body = await this.#json(
      { method: 'GET', path: `/v1/auth/${pathSegment(token)}`, destructive: true },
      false,
      true,
    );
    if (isRecord(body) && body.email === null && body.token === 'invalid')
      return { messages: [], expired: true };
    if (Array.isArray(body)) return { messages: await readLolEmails(body, this.#now()), expired: false };
    if (!isRecord(body)) throw unexpectedShape(SERVICE, 'the inbox');
    refusalInSuccess(body, 'email');
    return { messages: await readLolEmails(body.email, this.#now()), expired: false };
  }

  /**
   * Reads a custom domain's inbox (Plus and up), legacy flows: v1 `GET /v1/custom/{password}/{domain}`
   * (seed 004: `{"email": [...]}`, and no word when the password is wrong), v2 `GET /v2/custom?domain=&password=`
   * (403 code 8 for a wrong password). Destructive and never retried; every email kept as in listMessages.
   * The current flow needs no read of its own: create with the key and `domain`, then read that inbox.
   */
  async readCustomDomain(custom: CustomDomain, api = this.#api): Promise<ProviderMessage[]> {
    const domain = custom.domain.trim().toLowerCase();
    const password = custom.password.trim();
    const request: HttpRequest =
      api === 'v1'
        ? {
            method: 'GET',
            path: `/v1/custom/${pathSegment(password)}/${pathSegment(domain)}`,
            destructive: true,
          }
        : { method: 'GET', path: '/v2/custom', query: { domain, password }, destructive: true };
    let body: unknown;
    try {
      body = await this.#json(request, false);
    } catch (error) {
      throw customDomainRefusal(error);
    }
    if (!isRecord(body)) throw unexpectedShape(SERVICE, 'the custom-domain inbox');
    refusalInSuccess(body, 'email');
    return readLolEmails(body.email, this.#now());
  }

  /** TempMail.lol has no message endpoint: every message was handed out whole by listMessages. Read it locally. */
  async getMessage(_mb: MailboxHandle, _id: string): Promise<ProviderMessage> {
    throw new AppError(
      'unsupported',
      'TempMail.lol hands each message out only once and cannot send it again; Mayfly reads it from its local copy.',
    );
  }

  /**
   * v2 only, best effort: `GET /v2/inbox/delete?token=` is undocumented (the official web client calls
   * it and ignores the answer), so every outcome is ignored. The caller forgets the mailbox locally.
   */
  async deleteMailbox(mb: MailboxHandle): Promise<void> {
    const { token, api, customDomain } = credentialsOf(mb);
    // A custom domain's catch-all is only forgotten here: the domain stays the person's.
    if (api !== 'v2' || customDomain) return;
    await this.#http
      .send({ method: 'GET', path: '/v2/inbox/delete', query: { token } })
      .catch(() => undefined);
  }

  // ---- internals ----

  /**
   * The shared pipeline with this API's habits (SPEC §3 and §7). `reading`: an inbox read, where a 401 is
   * about the mailbox's token (the no-token answer), not the key.
   */
  async #json(request: HttpRequest, creating: boolean, reading = false): Promise<unknown> {
    return requestJson(this.#http, request, {
      context: {
        service: SERVICE,
        now: this.#now(),
        // With a key a 403 means the key was refused (JS SDK); without one it is a captcha or region
        // block. A 403 that speaks of a region, captcha or block is a block either way (http.ts).
        forbiddenKind: this.#hasKey ? 'auth' : 'blocked',
        defaultRetryAfterMs: creating ? CREATE_BACKOFF_MS : INBOX_BACKOFF_MS,
      },
      refuse: (response, body) => {
        // This API has no per-resource 404 (unknown tokens answer 200 `expired`): a 404 is a wrong path.
        if (response.status !== 404 || body.type === 'html') return undefined;
        const serverMessage = serverMessageOf(body);
        return new AppError(
          'misconfigured',
          `${SERVICE} does not know this endpoint. Check the API address in Options (normally https://api.tempmail.lol).`,
          { status: 404, reason: 'unknown-endpoint', ...(serverMessage ? { serverMessage } : {}) },
        );
      },
      adjust: (error) => {
        if (error.kind !== 'auth') return error;
        // The no-token answer to an inbox read (401 code 6, SPEC 3.5) concerns this one mailbox: it is not
        // the key (whose refusals are 402/403, or 401 codes 10 and 11), so the account is not paused for it.
        if (reading && isTokenRefusal(error, this.#hasKey)) {
          return new AppError(
            'not-found',
            `${SERVICE} did not accept this mailbox's token. Create a new mailbox.`,
            { ...error.details, reason: 'unauthenticated' },
          );
        }
        return this.#hasKey
          ? error
          : new AppError(
              'auth',
              `${SERVICE} refused the request as unauthenticated. Create a new mailbox; if you have a TempMail Plus or Ultra key, add it in Options.`,
              { ...error.details, reason: 'unauthenticated' },
            );
      },
    });
  }
}

/**
 * The Authorization value for a key: `Bearer tm.…` for current API keys; a legacy BananaCrumbs
 * `id,token` pair goes as it is (seed 004).
 */
function authorizationFor(key: string): string {
  if (/^bearer\s/i.test(key)) return key;
  if (!key.startsWith('tm.') && /^[^,\s]+,[^,\s]+$/.test(key)) return key;
  return `Bearer ${key}`;
}

/** TempMail.lol's login codes (SPEC 3.5): 10 the account's time ran out, 11 the login is wrong. */
const KEY_CODES: readonly unknown[] = [10, 11];

/**
 * A 401 on an inbox read that is about the inbox token: without a key always; with one, unless its code
 * says the login (the key) is at fault.
 */
function isTokenRefusal(error: AppError, hasKey: boolean): boolean {
  if (error.details.status !== 401) return false;
  return !hasKey || !KEY_CODES.includes(error.details.providerCode);
}

/**
 * A 200 that carries no list but an `error` is a refusal, not an empty inbox: say so instead of reporting
 * "no mail" (nothing was handed out, so nothing is lost by throwing).
 */
function refusalInSuccess(body: Record<string, unknown>, listKey: string): void {
  if (body[listKey] === undefined && isString(body.error) && body.error !== '') {
    throw new AppError('bad-response', `${SERVICE} answered the inbox read with an error.`, {
      status: 200,
      reason: 'bad-answer',
      serverMessage: body.error.slice(0, 300),
    });
  }
}

/**
 * A custom-domain read refused: 402 means the plan does not include custom domains (or ran out), a 403
 * with code 6 that no one is logged in, and a 403 with code 8 is a wrong domain password, not a refused
 * key. Each concerns this one domain, so none pauses the account's other mailboxes ('validation').
 */
function customDomainRefusal(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.details.status === 402) {
    return new AppError(
      'validation',
      `${SERVICE} custom domains need TempMail Plus or Ultra, with time left on the plan.`,
      { ...error.details, reason: 'plan-not-allowed' },
    );
  }
  // Not logged in (no key, or v2 code 6): custom domains need a Plus or Ultra key.
  if (error.details.status === 403 && error.details.providerCode === 6) {
    return new AppError(
      'validation',
      `${SERVICE} custom domains need a TempMail Plus or Ultra key in Options.`,
      {
        ...error.details,
        reason: 'plan-not-allowed',
      },
    );
  }
  if (error.details.status === 403 && error.details.providerCode === 8) {
    return new AppError(
      'validation',
      `${SERVICE} refused the password for this custom domain. Check it in Options; a new DNS record can take hours to be seen.`,
      { ...error.details, reason: 'domain-password-refused' },
    );
  }
  return error;
}

function credentialsOf(mb: MailboxHandle): { token: string; api: 'v2' | 'v1'; customDomain: boolean } {
  if (mb.credentials.kind !== 'tempmail-lol' || mb.credentials.token === '') {
    throw new AppError(
      'auth',
      'This mailbox has lost its TempMail.lol token, so it cannot be read. Create a new mailbox.',
      { reason: 'token-lost' },
    );
  }
  return {
    token: mb.credentials.token,
    api: mb.credentials.api,
    customDomain: mb.credentials.customDomain === true,
  };
}
