import { AppError } from '../core/errors';
import type {
  AttachmentRef,
  CreatedMailbox,
  DomainInfo,
  MailboxCredentials,
  ProviderMessage,
  RateLimitInfo,
} from '../core/types';
import {
  countOf,
  isArrayOf,
  isFiniteNumber,
  isOptionalString,
  isRecord,
  isString,
  providerHttpClient,
  requestJson,
  serverMessageOf,
  unexpectedShape,
  failureFor,
  readBody,
  type Body,
  type FailureContext,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type ProviderRuntime,
} from './http';
import type {
  CreateMailboxOptions,
  DownloadedAttachment,
  ListResult,
  MailboxHandle,
  ProbeResult,
  ProviderCapabilities,
  ProviderConfig,
  TempMailProvider,
  WatchCallbacks,
} from './types';
import { originOf, pathSegment, resolveHttpUrl } from './url';

/**
 * Mail.tm and Mail.gw (SPEC §4): one Hydra / API Platform API on two hosts. Keyless: each mailbox is an
 * account with a password Mayfly makes and keeps as a secret, and a JWT from `POST /token` that is renewed
 * from that password when it stops working. Lists carry summaries; bodies come from `GET /messages/{id}`.
 * New mail is announced on a Mercure hub (`watch`), which the background follows while a mailbox is hot.
 */

export type MailTmId = 'mailtm' | 'mailgw';

const SERVICE_NAMES: Record<MailTmId, string> = { mailtm: 'Mail.tm', mailgw: 'Mail.gw' };

/** 8 requests a second per IP (SPEC §4): one request every 125 ms per API origin, whatever asks. */
export const MIN_REQUEST_GAP_MS = 125;
/** A 429 is asked again after 1 s, three times, as the service's own client does. */
export const RATE_LIMIT_RETRIES = 3;
/** Random names to try when the one drawn is already used (422 "This value is already used."). */
export const MAX_NAME_ATTEMPTS = 3;
/** Messages per page of `GET /messages` (SPEC §4), and how many pages one list follows at most. */
export const PAGE_SIZE = 30;
export const MAX_PAGES = 3;
/** One event of the stream larger than this is dropped unread (it is only a "something changed" signal). */
export const MAX_EVENT_CHARS = 64 * 1024;

export const MAILTM_CAPABILITIES: ProviderCapabilities = {
  apiKey: 'none',
  needsBaseUrl: false,
  canListDomains: true,
  canChooseDomain: 'on-create',
  customUsername: 'on-create',
  // The service's own rules are not published; names it refuses come back as a 422 it explains.
  usernameRule: { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, hint: 'loose' },
  canRename: false,
  canDeleteMailbox: true,
  canDeleteMessage: true,
  hasAttachments: true,
  messageListIncludesBody: false,
  destructiveRead: false,
  // 8 requests a second per IP are allowed (and paced below): two reads a second of one mailbox at most, so
  // an event right after a poll waits half a second, not a whole one.
  minPollIntervalMs: 500,
  // No account expiry is documented: mail stays until the mailbox is deleted.
  defaultTtlMs: null,
  quotaHeaders: false,
  realtime: true,
};

/** Where a host's Mercure hub is: the documented hubs for the two public APIs, else beside the API. */
export function mercureHubUrl(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.hostname === 'api.mail.tm') return 'https://mercure.mail.tm/.well-known/mercure';
  if (url.hostname === 'api.mail.gw') return 'https://mercure.mail.gw/.well-known/mercure';
  return `${baseUrl.replace(/\/+$/, '')}/.well-known/mercure`;
}

// ---- pacing, shared by every instance (providers are built per task) ----

const nextSlot = new Map<string, number>();

/** Waits for this origin's next request slot, so bursts (a list and five bodies) stay under 8 a second. */
function pacerFor(origin: string, now: () => number): () => Promise<void> {
  return async () => {
    const t = now();
    const slot = Math.max(t, nextSlot.get(origin) ?? 0);
    nextSlot.set(origin, slot + MIN_REQUEST_GAP_MS);
    if (slot > t) await new Promise((resolve) => setTimeout(resolve, slot - t));
  };
}

/** For tests: forget the pacing slots. */
export function resetMailTmPacing(): void {
  nextSlot.clear();
}

// ---- response shapes (SPEC §4 and fixtures/mailtm) ----

interface DomainData {
  domain: string;
  isActive?: boolean;
  isPrivate?: boolean;
}

interface AccountData {
  id: string;
  address: string;
  createdAt?: string | null;
}

interface TokenData {
  token: string;
  id?: string;
}

interface Party {
  address?: string | null;
  name?: string | null;
}

interface AttachmentData {
  id?: string;
  filename?: string | null;
  contentType?: string | null;
  size?: number | null;
  downloadUrl: string;
}

interface MessageData {
  id: string;
  from?: Party | null;
  to?: Party[] | null;
  subject?: string | null;
  intro?: string | null;
  seen?: boolean;
  hasAttachments?: boolean;
  createdAt?: string | null;
  text?: string | null;
  html?: string[] | string | null;
  attachments?: AttachmentData[] | null;
}

const isDomainData = (v: unknown): v is DomainData =>
  isRecord(v) &&
  isString(v.domain) &&
  (v.isActive === undefined || typeof v.isActive === 'boolean') &&
  (v.isPrivate === undefined || typeof v.isPrivate === 'boolean');

const isAccountData = (v: unknown): v is AccountData =>
  isRecord(v) &&
  isString(v.id) &&
  isString(v.address) &&
  v.address.includes('@') &&
  isOptionalString(v.createdAt);

const isTokenData = (v: unknown): v is TokenData =>
  isRecord(v) && isString(v.token) && v.token !== '' && (v.id === undefined || isString(v.id));

const isParty = (v: unknown): v is Party =>
  isRecord(v) && isOptionalString(v.address) && isOptionalString(v.name);

const isAttachmentData = (v: unknown): v is AttachmentData =>
  isRecord(v) &&
  isString(v.downloadUrl) &&
  isOptionalString(v.filename) &&
  isOptionalString(v.contentType) &&
  (v.size == null || isFiniteNumber(v.size));

const isMessageData = (v: unknown): v is MessageData =>
  isRecord(v) &&
  isString(v.id) &&
  (v.from == null || isParty(v.from)) &&
  (v.to == null || isArrayOf(v.to, isParty)) &&
  isOptionalString(v.subject) &&
  isOptionalString(v.intro) &&
  (v.seen === undefined || typeof v.seen === 'boolean') &&
  isOptionalString(v.createdAt) &&
  isOptionalString(v.text) &&
  (v.html == null || isString(v.html) || isArrayOf(v.html, isString)) &&
  (v.attachments == null || isArrayOf(v.attachments, isAttachmentData));

/** The members of a collection in either negotiated shape: Hydra (`hydra:member`) or a plain array. */
export function collectionMembers(value: unknown): { members: unknown[]; total?: number } | undefined {
  if (Array.isArray(value)) return { members: value };
  if (!isRecord(value)) return undefined;
  const members = value['hydra:member'] ?? value.member;
  if (!Array.isArray(members)) return undefined;
  const total = value['hydra:totalItems'] ?? value.totalItems;
  return { members, ...(isFiniteNumber(total) ? { total } : {}) };
}

function mailTmCredentials(mb: MailboxHandle): Extract<MailboxCredentials, { kind: MailTmId }> {
  const c = mb.credentials;
  if ((c.kind !== 'mailtm' && c.kind !== 'mailgw') || c.password === '') {
    throw new AppError('not-found', 'The credentials of this mailbox are missing.', { reason: 'token-lost' });
  }
  return c;
}

/** A password Mayfly keeps and nobody types: 24 characters from 18 random bytes. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** A random local part: 10 lower-case letters and digits, starting with a letter. */
export function randomName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let name = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < bytes.length; i++) name += alphabet[bytes[i]! % alphabet.length];
  return name;
}

/** A 422 saying the address exists already (API Platform violation on `address`). */
function isAddressUsed(response: HttpResponse, body: Body): boolean {
  if (response.status !== 422 || body.type !== 'json' || !isRecord(body.value)) return false;
  const violations = body.value.violations;
  const texts = Array.isArray(violations)
    ? violations.filter(isRecord).map((v) => `${String(v.propertyPath)}: ${String(v.message)}`)
    : [];
  const description = body.value['hydra:description'] ?? body.value.detail;
  if (isString(description)) texts.push(description);
  return texts.some((t) => /address/i.test(t) && /already (used|exists|taken)/i.test(t));
}

/** A 422 naming the domain (not one the service offers). */
function isDomainRefused(response: HttpResponse, body: Body): boolean {
  if (response.status !== 422) return false;
  const message = serverMessageOf(body) ?? '';
  const description =
    body.type === 'json' && isRecord(body.value) ? String(body.value['hydra:description'] ?? '') : '';
  return /domain/i.test(`${message} ${description}`);
}

export class MailTmProvider implements TempMailProvider {
  readonly id: MailTmId;
  readonly capabilities = MAILTM_CAPABILITIES;
  readonly #service: string;
  readonly #http: HttpClient;
  readonly #now: () => number;
  readonly #fetch: typeof fetch | undefined;
  readonly #hub: string | undefined;

  constructor(id: MailTmId, config: ProviderConfig, runtime: ProviderRuntime = {}) {
    this.id = id;
    this.#service = SERVICE_NAMES[id];
    this.#now = runtime.now ?? Date.now;
    this.#fetch = config.fetch;
    const origin = originOf(config.baseUrl) ?? config.baseUrl;
    this.#http = providerHttpClient(this.#service, config, runtime, undefined, {
      headers: { Accept: 'application/ld+json' },
      pace: pacerFor(origin, Date.now),
      rateLimitRetries: RATE_LIMIT_RETRIES,
      rateLimitDelayMs: 1_000,
    });
    this.#hub = this.#http.baseUrl ? mercureHubUrl(this.#http.baseUrl) : undefined;
  }

  lastRateLimit(): RateLimitInfo | undefined {
    return undefined;
  }

  async probe(): Promise<ProbeResult> {
    const domains = await this.listDomains();
    return { ok: true, detail: `${countOf(domains.length, 'domain')} available.` };
  }

  /** `GET /domains`: the active public domains, from either collection shape. */
  async listDomains(): Promise<DomainInfo[]> {
    const body = await this.#json({ method: 'GET', path: '/domains', idempotent: true });
    const list = collectionMembers(body);
    if (!list || !isArrayOf(list.members, isDomainData))
      throw unexpectedShape(this.#service, 'the domain list');
    return list.members
      .filter((d) => d.isActive !== false && d.isPrivate !== true)
      .map((d) => ({ domain: d.domain.toLowerCase(), tier: 'free' as const }));
  }

  /**
   * `POST /accounts` with a fresh password, then `POST /token`. A random name that is already used is
   * drawn again (up to MAX_NAME_ATTEMPTS); a name the person chose that is used is a conflict.
   */
  async createMailbox(opts: CreateMailboxOptions = {}): Promise<CreatedMailbox> {
    const chosen = opts.username?.trim().toLowerCase();
    if (chosen) this.#checkUsername(chosen);
    const domain = opts.domain?.trim().toLowerCase() || (await this.#pickDomain());
    const password = generatePassword();
    for (let attempt = 1; ; attempt++) {
      const address = `${chosen || randomName()}@${domain}`;
      let account: AccountData;
      try {
        const body = await this.#json(
          { method: 'POST', path: '/accounts', json: { address, password } },
          {},
          (response, b) => {
            if (isAddressUsed(response, b)) {
              return new AppError('conflict', `That address is already taken on ${this.#service}.`, {
                status: 422,
                reason: 'name-taken',
              });
            }
            if (isDomainRefused(response, b)) {
              const serverMessage = serverMessageOf(b);
              return new AppError('validation', `${this.#service} does not offer that domain.`, {
                status: 422,
                reason: 'domain-refused',
                ...(serverMessage ? { serverMessage } : {}),
              });
            }
            return undefined;
          },
        );
        if (!isAccountData(body)) throw unexpectedShape(this.#service, 'the new mailbox');
        account = body;
      } catch (error) {
        if (
          !chosen &&
          attempt < MAX_NAME_ATTEMPTS &&
          error instanceof AppError &&
          error.kind === 'conflict'
        ) {
          continue;
        }
        throw error;
      }
      const token = await this.#login(account.address, password);
      const createdAt = account.createdAt ? Date.parse(account.createdAt) : NaN;
      const credentials: MailboxCredentials = { kind: this.id, accountId: account.id, password, token };
      return {
        provider: this.id,
        address: account.address.toLowerCase(),
        domain: account.address.slice(account.address.lastIndexOf('@') + 1).toLowerCase(),
        createdAt: Number.isNaN(createdAt) ? this.#now() : createdAt,
        expiresAt: null,
        credentials,
      };
    }
  }

  /** `DELETE /accounts/{id}`. An account the server no longer knows counts as deleted. */
  async deleteMailbox(mb: MailboxHandle): Promise<void> {
    const { accountId } = mailTmCredentials(mb);
    await this.#acknowledge(mb, { method: 'DELETE', path: `/accounts/${pathSegment(accountId)}` });
  }

  /** `GET /messages?page=`: summaries, newest first; further pages only while a page is full. */
  async listMessages(mb: MailboxHandle): Promise<ListResult> {
    const messages: ProviderMessage[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.#authed(mb, {
        method: 'GET',
        path: '/messages',
        query: { page: String(page) },
        idempotent: true,
      });
      const list = collectionMembers(body);
      if (!list || !isArrayOf(list.members, isMessageData)) {
        throw unexpectedShape(this.#service, 'the message list');
      }
      messages.push(...list.members.map((m) => this.#toMessage(m, false)));
      const total = list.total ?? Infinity;
      if (list.members.length < PAGE_SIZE || messages.length >= total) break;
    }
    return { messages, expired: false };
  }

  /** `GET /messages/{id}`: the whole message (`html` is an array of parts, joined). */
  async getMessage(mb: MailboxHandle, id: string): Promise<ProviderMessage> {
    const body = await this.#authed(mb, {
      method: 'GET',
      path: `/messages/${pathSegment(id)}`,
      idempotent: true,
    });
    if (!isMessageData(body)) throw unexpectedShape(this.#service, 'the message');
    return this.#toMessage(body, true);
  }

  /** `PATCH /messages/{id}` `{seen: true}` as `application/merge-patch+json` (API Platform refuses plain JSON). */
  async markSeen(mb: MailboxHandle, id: string): Promise<void> {
    await this.#authed(mb, {
      method: 'PATCH',
      path: `/messages/${pathSegment(id)}`,
      jsonAs: { contentType: 'application/merge-patch+json', value: { seen: true } },
    });
  }

  /** `DELETE /messages/{id}`. A message the server no longer knows counts as deleted. */
  async deleteMessage(mb: MailboxHandle, id: string): Promise<void> {
    await this.#acknowledge(mb, { method: 'DELETE', path: `/messages/${pathSegment(id)}` });
  }

  /**
   * `GET {api}{downloadUrl}` with the mailbox token. Only a URL on the API's own origin is fetched: the
   * token never leaves it, and a link elsewhere is refused rather than fetched.
   */
  async downloadAttachment(mb: MailboxHandle, att: AttachmentRef): Promise<DownloadedAttachment> {
    const apiOrigin = this.#http.baseUrl ? originOf(this.#http.baseUrl) : undefined;
    if (!apiOrigin || originOf(att.url) !== apiOrigin) {
      throw new AppError('bad-response', `${this.#service} sent an attachment link outside its API.`, {
        reason: 'bad-answer',
      });
    }
    const response = await this.#withToken(mb, (authorization) =>
      this.#http.send({ method: 'GET', url: att.url, idempotent: true, authorization }),
    );
    if (!response.ok) throw this.#adjust(failureFor(response, readBody(response), this.#context({})));
    return {
      filename: att.filename,
      contentType: response.headers.get('content-type') ?? att.contentType ?? 'application/octet-stream',
      bytes: response.bytes,
    };
  }

  /**
   * Reads the Mercure hub for `/accounts/{id}` with `fetch` (EventSource cannot send the Bearer header):
   * every event, even a bare one, is "list now". Resolves when the server ends the stream; throws when it
   * cannot be opened. A refused token is renewed once from the password.
   */
  async watch(mb: MailboxHandle, callbacks: WatchCallbacks): Promise<void> {
    const { accountId } = mailTmCredentials(mb);
    if (!this.#hub) throw this.#badBase();
    const url = `${this.#hub}?topic=${encodeURIComponent(`/accounts/${accountId}`)}`;
    const open = async (token: string): Promise<Response> => {
      try {
        return await (this.#fetch ?? fetch)(url, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          credentials: 'omit',
          cache: 'no-store',
          signal: callbacks.signal,
        });
      } catch (error) {
        if (callbacks.signal.aborted) throw error;
        throw new AppError('network', `Could not reach the ${this.#service} event stream.`, {
          reason: 'unreachable',
          serverMessage: error instanceof Error ? error.message : String(error),
        });
      }
    };
    let response = await open(mailTmCredentials(mb).token);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      response = await open(await this.#renew(mb));
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new AppError(
        'server',
        `The ${this.#service} event stream refused to open (HTTP ${response.status}).`,
        {
          status: response.status,
          reason: 'server-error',
          params: { status: response.status },
        },
      );
    }
    callbacks.onOpen?.();
    await readEvents(response.body, callbacks);
  }

  // ---- internals ----

  async #pickDomain(): Promise<string> {
    const domains = await this.listDomains();
    const pick = domains[Math.floor(Math.random() * domains.length)];
    if (!pick) {
      throw new AppError('server', `${this.#service} offers no domain right now. Try again later.`, {
        reason: 'request-refused',
      });
    }
    return pick.domain;
  }

  /** `POST /token`: the JWT for an address and password. */
  async #login(address: string, password: string): Promise<string> {
    const body = await this.#json(
      { method: 'POST', path: '/token', json: { address, password } },
      {},
      (response) =>
        response.status === 401
          ? new AppError('expired', `${this.#service} no longer accepts this mailbox's password.`, {
              status: 401,
              reason: 'mailbox-expired',
            })
          : undefined,
    );
    if (!isTokenData(body)) throw unexpectedShape(this.#service, 'the token');
    return body.token;
  }

  /** Logs in again with the stored password, keeps the new token, and returns it. */
  async #renew(mb: MailboxHandle): Promise<string> {
    const credentials = mailTmCredentials(mb);
    const token = await this.#login(mb.address, credentials.password);
    const renewed: MailboxCredentials = { ...credentials, token };
    mb.credentials = renewed;
    await mb.saveCredentials?.(renewed).catch(() => undefined);
    return token;
  }

  /** Runs `send` with the mailbox token; a 401 renews the token once and runs it again. */
  async #withToken(
    mb: MailboxHandle,
    send: (authorization: string) => Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    const first = await send(`Bearer ${mailTmCredentials(mb).token}`);
    if (first.status !== 401) return first;
    return send(`Bearer ${await this.#renew(mb)}`);
  }

  /** An authenticated request through the shared pipeline, with one token renewal on a 401. */
  async #authed(mb: MailboxHandle, request: HttpRequest): Promise<unknown> {
    const token = mailTmCredentials(mb).token;
    try {
      return await this.#json({ ...request, authorization: `Bearer ${token}` });
    } catch (error) {
      if (!(error instanceof AppError) || error.details.status !== 401) throw error;
    }
    const renewed = await this.#renew(mb);
    return this.#json({ ...request, authorization: `Bearer ${renewed}` });
  }

  /** A delete: 204, or "already gone", is all the caller needs. */
  async #acknowledge(mb: MailboxHandle, request: HttpRequest): Promise<void> {
    try {
      await this.#authed(mb, request);
    } catch (error) {
      if (error instanceof AppError && (error.kind === 'not-found' || error.kind === 'expired')) return;
      throw error;
    }
  }

  /** The shared pipeline; an empty 2xx (204) is a success with no value. */
  async #json(
    request: HttpRequest,
    context: Partial<FailureContext> = {},
    refuse?: (response: HttpResponse, body: Body) => AppError | undefined,
  ): Promise<unknown> {
    let empty = false;
    const value = await requestJson(this.#http, request, {
      context: this.#context(context),
      refuse: (response, body) => {
        const refusal = refuse?.(response, body);
        if (refusal) return refusal;
        if (response.ok && body.type === 'empty') empty = true;
        return undefined;
      },
      adjust: (error) => this.#adjust(error),
    }).catch((error: unknown) => {
      if (empty) return undefined;
      throw error;
    });
    return value;
  }

  /**
   * A 401 that renewal did not cure is this mailbox's problem, not an account-wide key (there is none):
   * it must not pause every Mail.tm mailbox the way a refused API key pauses a provider.
   */
  #adjust(error: AppError): AppError {
    if (error.kind !== 'auth') return error;
    return new AppError('not-found', `${this.#service} no longer accepts this mailbox's token.`, {
      ...error.details,
      reason: 'token-lost',
    });
  }

  #context(extra: Partial<FailureContext>): FailureContext {
    return { service: this.#service, now: this.#now(), defaultRetryAfterMs: 1_000, ...extra };
  }

  #badBase(): AppError {
    return new AppError('misconfigured', `The API address for ${this.#service} is not a valid http(s) URL.`, {
      reason: 'base-url-invalid',
    });
  }

  #checkUsername(username: string): void {
    if (!MAILTM_CAPABILITIES.usernameRule!.pattern.test(username)) {
      throw new AppError(
        'validation',
        'Use 3 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.',
        { reason: 'name-invalid', params: { rule: 'mailtm' } },
      );
    }
  }

  #toMessage(m: MessageData, full: boolean): ProviderMessage {
    const received = m.createdAt ? Date.parse(m.createdAt) : NaN;
    const to = m.to?.find((p) => p.address)?.address;
    const message: ProviderMessage = {
      id: m.id,
      from: {
        ...(m.from?.name ? { name: m.from.name } : {}),
        ...(m.from?.address ? { address: m.from.address } : {}),
      },
      subject: m.subject ?? '',
      receivedAt: Number.isNaN(received) ? this.#now() : received,
      hasBody: full,
      attachments: full ? this.#attachments(m.attachments ?? []) : [],
      ...(m.seen !== undefined ? { seen: m.seen } : {}),
      ...(to ? { to } : {}),
    };
    if (full) {
      const html = Array.isArray(m.html) ? m.html.join('') : (m.html ?? '');
      if (m.text) message.text = m.text;
      if (html) message.html = html;
    }
    return message;
  }

  #attachments(list: AttachmentData[]): AttachmentRef[] {
    const base = this.#http.baseUrl;
    if (!base) return [];
    const apiOrigin = originOf(base);
    const out: AttachmentRef[] = [];
    for (const a of list) {
      // `downloadUrl` is relative: `{api}{downloadUrl}` (SPEC §4), the API's base and not just its host.
      const relative = a.downloadUrl.startsWith('/') && !a.downloadUrl.startsWith('//');
      const url = relative
        ? resolveHttpUrl(`${base}${a.downloadUrl}`, base)
        : resolveHttpUrl(a.downloadUrl, `${base}/`);
      if (!url || originOf(url) !== apiOrigin) continue;
      out.push({
        filename: a.filename || a.id || 'attachment',
        url,
        auth: 'bearer-mailbox',
        ...(a.size != null ? { size: a.size } : {}),
        ...(a.contentType ? { contentType: a.contentType } : {}),
      });
    }
    return out;
  }
}

/**
 * Reads a `text/event-stream` body: an event ends at a blank line, and any event with data (whatever it
 * holds: an Account, a Message, a bare number) is reported. Comments (`:` heartbeats) count as activity.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, callbacks: WatchCallbacks): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let hasData = false;
  let dataChars = 0;
  const stop = () => void reader.cancel().catch(() => undefined);
  callbacks.signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      callbacks.onActivity?.();
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (hasData && dataChars <= MAX_EVENT_CHARS) callbacks.onEvent();
          hasData = false;
          dataChars = 0;
        } else if (line.startsWith('data')) {
          hasData = true;
          dataChars += line.length;
        }
      }
      // A line that never ends is not an event worth holding in memory.
      if (buffer.length > MAX_EVENT_CHARS) {
        buffer = '';
        hasData = false;
      }
    }
  } catch (error) {
    if (callbacks.signal.aborted) return;
    throw new AppError('network', 'The event stream broke off.', {
      reason: 'unreachable',
      serverMessage: error instanceof Error ? error.message : String(error),
    });
  } finally {
    callbacks.signal.removeEventListener('abort', stop);
  }
}
