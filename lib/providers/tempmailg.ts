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
  failureFor,
  isArrayOf,
  isFiniteNumber,
  isOptionalString,
  isRecord,
  isString,
  parseNaiveAsUtc,
  parseRateLimitHeaders,
  providerHttpClient,
  readBody,
  requestJson,
  unexpectedShape,
  type FailureContext,
  type HttpClient,
  type HttpRequest,
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
} from './types';
import { checkedSegment, originOf, pathSegment, resolveHttpUrl } from './url';

const SERVICE = 'tempmailg';

/** Capabilities of the tempmailg user API (SPEC §1, §7.1). */
export const TEMPMAILG_CAPABILITIES: ProviderCapabilities = {
  apiKey: 'required',
  needsBaseUrl: false,
  canListDomains: true,
  canChooseDomain: 'via-rename',
  customUsername: 'via-rename',
  // The charset is undocumented: a loose pre-check, the server decides.
  usernameRule: { pattern: /^[A-Za-z0-9._-]{1,64}$/, hint: 'loose' },
  canRename: true,
  canDeleteMailbox: true,
  canDeleteMessage: true,
  hasAttachments: true,
  messageListIncludesBody: true,
  destructiveRead: false,
  // Every successful poll costs one unit of a monthly quota (50 000 in the docs' example), but the seeds
  // ask for no spacing, and the quota pacing already slows down when the quota runs low: no floor above
  // the fastest hot poll the settings allow (2 s), so a code arrives as fast as on the other APIs.
  minPollIntervalMs: 2_000,
  // The documented example; the server reports the real lifetime on create.
  defaultTtlMs: 600_000,
  quotaHeaders: true,
};

// ---- response shapes (tempmailg user API, seeds 000-002) ----

interface MailboxData {
  id: number;
  email: string;
  domain: string;
  expire_at?: string | null;
  expires_in_seconds?: number | null;
  created_at?: string | null;
  email_token: string;
}

interface AttachmentData {
  name: string;
  size?: number;
  url: string;
}

interface MessageData {
  id: string | number;
  is_seen?: boolean;
  subject?: string | null;
  from?: string | null;
  from_email?: string | null;
  to?: string | null;
  receivedAt?: string | null;
  html?: boolean;
  content?: string | null;
  attachments?: AttachmentData[];
}

interface DomainData {
  domain: string;
  type?: string | null;
  custom?: boolean;
}

function isMailboxData(value: unknown): value is MailboxData {
  return (
    isRecord(value) &&
    isFiniteNumber(value.id) &&
    isString(value.email) &&
    value.email.includes('@') &&
    isString(value.domain) &&
    isString(value.email_token) &&
    isOptionalString(value.expire_at) &&
    isOptionalString(value.created_at) &&
    (value.expires_in_seconds == null || isFiniteNumber(value.expires_in_seconds))
  );
}

function isAttachmentData(value: unknown): value is AttachmentData {
  return (
    isRecord(value) &&
    isString(value.name) &&
    isString(value.url) &&
    (value.size == null || isFiniteNumber(value.size))
  );
}

function isMessageData(value: unknown): value is MessageData {
  return (
    isRecord(value) &&
    (isString(value.id) || isFiniteNumber(value.id)) &&
    (value.is_seen === undefined || typeof value.is_seen === 'boolean') &&
    isOptionalString(value.subject) &&
    isOptionalString(value.from) &&
    isOptionalString(value.from_email) &&
    isOptionalString(value.to) &&
    isOptionalString(value.receivedAt) &&
    (value.html === undefined || typeof value.html === 'boolean') &&
    isOptionalString(value.content) &&
    (value.attachments == null || isArrayOf(value.attachments, isAttachmentData))
  );
}

function isDomainData(value: unknown): value is DomainData {
  return isRecord(value) && isString(value.domain) && isOptionalString(value.type);
}

/** `{status: true, ...}`: tempmailg reports failures as `status: false`, even in a 2xx. */
function isSuccessEnvelope(value: unknown): value is Record<string, unknown> & { status: true } {
  return isRecord(value) && value.status === true;
}

/**
 * tempmailg "user API" (`https://v1.tempmailg.com/api`): Bearer key, mailboxes owned by the key's user,
 * message list with full bodies, quota headers on every answer.
 */
export class TempmailgProvider implements TempMailProvider {
  readonly id = 'tempmailg' as const;
  readonly capabilities = TEMPMAILG_CAPABILITIES;
  readonly #http: HttpClient;
  readonly #hasKey: boolean;
  readonly #now: () => number;
  #rateLimit: RateLimitInfo | undefined;

  constructor(config: ProviderConfig, runtime: ProviderRuntime = {}) {
    const key = config.apiKey?.trim();
    this.#hasKey = Boolean(key);
    this.#now = runtime.now ?? Date.now;
    this.#http = providerHttpClient(SERVICE, config, runtime, key ? `Bearer ${key}` : undefined);
  }

  lastRateLimit(): RateLimitInfo | undefined {
    return this.#rateLimit;
  }

  /** `GET /domains?type=free`: checks the base URL and the key at the cost of one quota unit. */
  async probe(): Promise<ProbeResult> {
    const domains = await this.#domains('free');
    return { ok: true, detail: `${countOf(domains.domains.length, 'domain')} available on your plan.` };
  }

  /**
   * The domains the plan allows. Asks for `free` first (every plan may) and widens to `all` only when
   * the answer says the plan allows it, so a free plan never triggers a refusal.
   */
  async listDomains(): Promise<DomainInfo[]> {
    const free = await this.#domains('free');
    const chosen = free.allowedTypes.includes('all') ? await this.#domains('all') : free;
    return chosen.domains;
  }

  /**
   * `POST /emails` (never retried: a retry could make a second mailbox). A chosen username or domain
   * takes a second call, a rename, because the API has no "create with name"; if that rename fails
   * the random mailbox is deleted again, best effort, and the rename's error is thrown.
   */
  async createMailbox(opts: CreateMailboxOptions = {}): Promise<CreatedMailbox> {
    const username = opts.username?.trim();
    if (username !== undefined && username !== '') this.#checkUsername(username);
    const body = await this.#json({ method: 'POST', path: '/emails' }, 'the new mailbox');
    const created = this.#toMailbox(this.#data(body, isMailboxData, 'the new mailbox'));
    if (!username && !opts.domain) return created;

    const handle: MailboxHandle = {
      address: created.address,
      credentials: created.credentials,
      expiresAt: created.expiresAt,
    };
    try {
      return await this.renameMailbox(handle, {
        username: username || created.address.split('@')[0]!,
        domain: opts.domain || created.domain,
      });
    } catch (error) {
      await this.deleteMailbox(handle).catch(() => undefined);
      throw error;
    }
  }

  /**
   * `POST /emails/{current}/{username}/{domain}`. The server answers with a new mailbox (new id, token
   * and expiry): store the result in place of the old one.
   */
  async renameMailbox(mb: MailboxHandle, to: { username: string; domain: string }): Promise<CreatedMailbox> {
    this.#checkUsername(to.username);
    const path = `/emails/${pathSegment(mb.address)}/${pathSegment(checkedSegment(to.username))}/${pathSegment(checkedSegment(to.domain))}`;
    const body = await this.#json({ method: 'POST', path }, 'the renamed mailbox', {
      expiresAt: mb.expiresAt,
    });
    return this.#toMailbox(this.#data(body, isMailboxData, 'the renamed mailbox'));
  }

  /** `DELETE /emails/{email}`. A mailbox the server no longer knows counts as deleted. */
  async deleteMailbox(mb: MailboxHandle): Promise<void> {
    await this.#acknowledge({ method: 'DELETE', path: `/emails/${pathSegment(mb.address)}` }, mb);
  }

  /** `GET /messages?email=`: the whole current list, bodies included. A 404 past the deadline means expired. */
  async listMessages(mb: MailboxHandle): Promise<ListResult> {
    let body: unknown;
    try {
      body = await this.#json(
        { method: 'GET', path: '/messages', query: { email: mb.address }, idempotent: true },
        'the message list',
        { expiresAt: mb.expiresAt, forbiddenKind: 'not-found' },
      );
    } catch (error) {
      if (error instanceof AppError && error.kind === 'expired') return { messages: [], expired: true };
      throw error;
    }
    const list = messageListOf(body);
    if (!isArrayOf(list, isMessageData)) throw unexpectedShape(SERVICE, 'the message list');
    return { messages: list.map((m) => this.#toMessage(m)), expired: false };
  }

  /** `GET /messages/{id}` (the server marks it seen). The list already carries bodies, so this is rarely needed. */
  async getMessage(mb: MailboxHandle, id: string): Promise<ProviderMessage> {
    const body = await this.#json(
      { method: 'GET', path: `/messages/${pathSegment(id)}`, idempotent: true },
      'the message',
      { expiresAt: mb.expiresAt, forbiddenKind: 'not-found' },
    );
    // The docs put it under `data`; the older script this API derives from answers `message`.
    const one = isSuccessEnvelope(body) ? (isRecord(body.data) ? body.data : body.message) : undefined;
    if (!isMessageData(one)) throw unexpectedShape(SERVICE, 'the message');
    return this.#toMessage(one);
  }

  /** `DELETE /messages/{id}`. A message the server no longer knows counts as deleted. */
  async deleteMessage(mb: MailboxHandle, id: string): Promise<void> {
    await this.#acknowledge({ method: 'DELETE', path: `/messages/${pathSegment(id)}` }, mb);
  }

  /**
   * Downloads an attachment from its URL, used verbatim. The API key goes along only when the URL is
   * on the API's own origin; a link to another host is fetched without it.
   */
  async downloadAttachment(mb: MailboxHandle, att: AttachmentRef): Promise<DownloadedAttachment> {
    const response = await this.#http.send({ method: 'GET', url: att.url, idempotent: true });
    this.#noteRateLimit(response.headers);
    if (!response.ok) {
      throw failureFor(
        response,
        readBody(response),
        this.#context({ expiresAt: mb.expiresAt, forbiddenKind: 'not-found' }),
      );
    }
    return {
      filename: att.filename,
      contentType: response.headers.get('content-type') ?? att.contentType ?? 'application/octet-stream',
      bytes: response.bytes,
    };
  }

  // ---- internals ----

  async #domains(type: 'free' | 'all'): Promise<{ allowedTypes: string[]; domains: DomainInfo[] }> {
    const body = await this.#json(
      { method: 'GET', path: '/domains', query: { type }, idempotent: true },
      'the domain list',
    );
    const data = isSuccessEnvelope(body) ? body.data : undefined;
    if (!isRecord(data) || !isArrayOf(data.domains, isDomainData))
      throw unexpectedShape(SERVICE, 'the domain list');
    const allowedTypes = isArrayOf(data.allowed_types, isString)
      ? data.allowed_types.map((t) => t.toLowerCase())
      : [];
    return { allowedTypes, domains: data.domains.map(toDomainInfo) };
  }

  /** Sends, records quota headers, maps failures, and returns the JSON of a successful answer. */
  async #json(request: HttpRequest, what: string, context: Partial<FailureContext> = {}): Promise<unknown> {
    this.#requireKey();
    const value = await requestJson(this.#http, request, {
      context: this.#context(context),
      observe: (response) => this.#noteRateLimit(response.headers),
      refuse: (response, body) => {
        if (!response.ok || body.type !== 'json' || !isRecord(body.value) || body.value.status !== false) {
          return undefined;
        }
        // A refusal dressed as success: tempmailg's envelope says `status: false`.
        const message = isString(body.value.message) ? body.value.message : undefined;
        return new AppError(
          'validation',
          `${SERVICE} refused the request. Check the details and try again.`,
          {
            status: response.status,
            reason: message && /plan/i.test(message) ? 'plan-not-allowed' : 'request-refused',
            ...(message ? { serverMessage: message } : {}),
          },
        );
      },
    });
    if (!isRecord(value)) throw unexpectedShape(SERVICE, what);
    return value;
  }

  /** A delete: success, or "already gone" (not-found/expired), is all the caller needs. */
  async #acknowledge(request: HttpRequest, mb: MailboxHandle): Promise<void> {
    try {
      const body = await this.#json(request, 'the confirmation', {
        expiresAt: mb.expiresAt,
        forbiddenKind: 'not-found',
      });
      if (!isSuccessEnvelope(body)) throw unexpectedShape(SERVICE, 'the confirmation');
    } catch (error) {
      if (error instanceof AppError && (error.kind === 'not-found' || error.kind === 'expired')) return;
      throw error;
    }
  }

  #data<T>(body: unknown, guard: (value: unknown) => value is T, what: string): T {
    const data = isSuccessEnvelope(body) ? body.data : undefined;
    if (!guard(data)) throw unexpectedShape(SERVICE, what);
    return data;
  }

  #context(extra: Partial<FailureContext>): FailureContext {
    return { service: SERVICE, now: this.#now(), ...extra };
  }

  #noteRateLimit(headers: Headers): void {
    const info = parseRateLimitHeaders(headers, this.#now());
    if (info) this.#rateLimit = info;
  }

  #requireKey(): void {
    if (!this.#hasKey) {
      throw new AppError(
        'auth',
        `${SERVICE} needs an API key. Create one in API Management on tempmailg and paste it in Options.`,
        { reason: 'key-missing' },
      );
    }
  }

  #checkUsername(username: string): void {
    if (!TEMPMAILG_CAPABILITIES.usernameRule!.pattern.test(username)) {
      throw new AppError(
        'validation',
        'Use 1 to 64 letters, digits, dots, dashes or underscores for the username.',
        { reason: 'name-invalid', params: { rule: 'tempmailg' } },
      );
    }
  }

  /** Expiry per SPEC §1.6: the earlier of the server's `expire_at` and local now + `expires_in_seconds`. */
  #toMailbox(data: MailboxData): CreatedMailbox {
    const now = this.#now();
    const serverDeadline = data.expire_at ? Date.parse(data.expire_at) : NaN;
    const localDeadline = data.expires_in_seconds != null ? now + data.expires_in_seconds * 1000 : NaN;
    const deadlines = [serverDeadline, localDeadline].filter((d) => !Number.isNaN(d));
    const createdAt = data.created_at ? Date.parse(data.created_at) : NaN;
    const credentials: MailboxCredentials = { kind: 'tempmailg', id: data.id, emailToken: data.email_token };
    return {
      provider: 'tempmailg',
      address: data.email,
      domain: data.domain,
      createdAt: Number.isNaN(createdAt) ? now : createdAt,
      expiresAt: deadlines.length > 0 ? Math.min(...deadlines) : null,
      credentials,
    };
  }

  #toMessage(m: MessageData): ProviderMessage {
    const content = m.content ?? '';
    const attachments: AttachmentRef[] = [];
    const apiOrigin = this.#http.baseUrl ? originOf(this.#http.baseUrl) : undefined;
    for (const a of m.attachments ?? []) {
      const url = this.#http.baseUrl ? resolveHttpUrl(a.url, this.#http.baseUrl) : undefined;
      if (!url) continue;
      // Only the API's own origin ever gets the key, so a link elsewhere is a public URL to us.
      const auth = originOf(url) === apiOrigin ? 'bearer-api-key' : 'none';
      attachments.push({ filename: a.name, url, auth, ...(a.size != null ? { size: a.size } : {}) });
    }
    const message: ProviderMessage = {
      id: String(m.id),
      from: {
        ...(m.from ? { name: m.from } : {}),
        ...(m.from_email ? { address: m.from_email } : {}),
      },
      subject: m.subject ?? '',
      // `receivedAt` carries no zone; `created_at` is +00:00, so read it as UTC (SPEC §1.4.5).
      receivedAt: (m.receivedAt ? parseNaiveAsUtc(m.receivedAt) : undefined) ?? this.#now(),
      hasBody: true,
      attachments,
    };
    if (m.to) message.to = m.to;
    if (m.is_seen !== undefined) message.seen = m.is_seen;
    if (m.html === false) message.text = content;
    else message.html = content;
    return message;
  }
}

/**
 * The message list of an answer: `messages` at the top as documented, or `data.messages` (or a bare
 * `data` array) as the public client also reads it. Undefined when there is none.
 */
function messageListOf(body: unknown): unknown {
  if (!isSuccessEnvelope(body)) return undefined;
  if (Array.isArray(body.messages)) return body.messages;
  if (isRecord(body.data) && Array.isArray(body.data.messages)) return body.data.messages;
  if (Array.isArray(body.data)) return body.data;
  return undefined;
}

function toDomainInfo(d: DomainData): DomainInfo {
  const type = d.type?.toLowerCase();
  if (d.custom === true) return { domain: d.domain, tier: 'custom' };
  if (type === 'free' || type === 'premium') return { domain: d.domain, tier: type };
  return { domain: d.domain };
}
