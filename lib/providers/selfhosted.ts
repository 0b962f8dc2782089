import {
  AppError,
  type AppErrorDetails,
  type ErrorKind,
  type ErrorParams,
  type ErrorReason,
} from '../core/errors';
import type {
  AttachmentRef,
  CreatedMailbox,
  DomainInfo,
  ProviderMessage,
  RateLimitInfo,
} from '../core/types';
import {
  failureFor,
  isArrayOf,
  countOf,
  isChallengePage,
  isFiniteNumber,
  isOptionalString,
  isRecord,
  isString,
  parseNaiveAsUtc,
  providerHttpClient,
  readBody,
  requestJson,
  unexpectedShape,
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
} from './types';
import { checkedSegment, resolveHttpUrl } from './url';

const SERVICE = 'Your self-hosted server';

/** The names the docs list as reserved ("and more..."): checked before asking; the server has the rest. */
export const SELFHOSTED_RESERVED_USERNAMES: readonly string[] = [
  'admin',
  'administrator',
  'root',
  'system',
  'info',
  'contact',
  'support',
  'help',
  'webmaster',
  'postmaster',
  'noreply',
  'abuse',
  'security',
];

/** Capabilities of the self-hosted "TempMail API v1.0" (`api.php`, SPEC §2, §7.1). */
export const SELFHOSTED_CAPABILITIES: ProviderCapabilities = {
  apiKey: 'none',
  needsBaseUrl: true,
  canListDomains: true,
  canChooseDomain: 'no',
  customUsername: 'on-create',
  usernameRule: {
    pattern: /^[A-Za-z0-9]{3,20}$/,
    reserved: SELFHOSTED_RESERVED_USERNAMES,
    hint: 'alnum-3-20',
  },
  canRename: false,
  canDeleteMailbox: false,
  canDeleteMessage: true,
  hasAttachments: true,
  messageListIncludesBody: false,
  destructiveRead: false,
  // No limit is documented, but this is often a small PHP host someone runs for themselves: 2 s is
  // quick enough for a verification code and gentle on a shared server.
  minPollIntervalMs: 2_000,
  // The docs' example lifetime (created 14:30, expires 14:30 the next day).
  defaultTtlMs: 86_400_000,
  quotaHeaders: false,
};

const PATH_INFO_HINT =
  'Check that the API address is the full URL of api.php. If it is, the web server probably does not pass PATH_INFO to PHP: on nginx, add "fastcgi_split_path_info ^(.+\\.php)(/.+)$;" and "fastcgi_param PATH_INFO $fastcgi_path_info;" to the PHP location, then test again.';

// ---- response shapes (seed 003) ----

interface GenerateData {
  email: string;
  domain?: string | null;
  expires_at?: string | null;
}

interface InboxItem {
  id: number | string;
  from_email?: string | null;
  from_name?: string | null;
  subject?: string | null;
  is_read?: number | boolean | null;
  received_at?: string | null;
}

interface InboxData {
  created_at?: string | null;
  expires_at?: string | null;
  emails: InboxItem[];
}

interface DetailEmail extends InboxItem {
  body_text?: string | null;
  body_html?: string | null;
}

interface AttachmentItem {
  filename: string;
  size?: number | null;
  content_type?: string | null;
  file_path: string;
}

const isId = (value: unknown): value is number | string =>
  isFiniteNumber(value) || (isString(value) && value !== '');

function isGenerateData(value: Record<string, unknown>): value is Record<string, unknown> & GenerateData {
  return (
    isString(value.email) &&
    value.email.includes('@') &&
    isOptionalString(value.domain) &&
    isOptionalString(value.expires_at)
  );
}

function isInboxItem(value: unknown): value is InboxItem {
  return (
    isRecord(value) &&
    isId(value.id) &&
    isOptionalString(value.from_email) &&
    isOptionalString(value.from_name) &&
    isOptionalString(value.subject) &&
    isOptionalString(value.received_at) &&
    (value.is_read == null || isFiniteNumber(value.is_read) || typeof value.is_read === 'boolean')
  );
}

function isInboxData(value: Record<string, unknown>): value is Record<string, unknown> & InboxData {
  return (
    isArrayOf(value.emails, isInboxItem) &&
    isOptionalString(value.created_at) &&
    isOptionalString(value.expires_at)
  );
}

function isDetailEmail(value: unknown): value is DetailEmail {
  return (
    isRecord(value) &&
    isInboxItem(value) &&
    isOptionalString(value.body_text) &&
    isOptionalString(value.body_html)
  );
}

function isAttachmentItem(value: unknown): value is AttachmentItem {
  return (
    isRecord(value) &&
    isString(value.filename) &&
    isString(value.file_path) &&
    (value.size == null || isFiniteNumber(value.size)) &&
    isOptionalString(value.content_type)
  );
}

/**
 * Self-hosted "TempMail API v1.0": one `api.php` routed by PATH_INFO, no auth, naive server-local
 * times. The base URL is the full `https://host[/dir]/api.php`.
 */
export class SelfHostedProvider implements TempMailProvider {
  readonly id = 'selfhosted' as const;
  readonly capabilities = SELFHOSTED_CAPABILITIES;
  readonly #http: HttpClient;
  readonly #now: () => number;
  /**
   * Per address: epoch ms minus the server's naive clock, learned by anchoring the mailbox's TTL. Lets
   * a naive `received_at` become a real instant without knowing the server's time zone.
   */
  readonly #clockOffsets = new Map<string, number>();

  constructor(config: ProviderConfig, runtime: ProviderRuntime = {}) {
    this.#now = runtime.now ?? Date.now;
    this.#http = providerHttpClient(SERVICE, config, runtime);
  }

  /** No quota headers on this API. */
  lastRateLimit(): RateLimitInfo | undefined {
    return undefined;
  }

  /**
   * The setup check (SPEC §2.6): `GET /domains` must answer with the API's JSON; a web page, a bare
   * 404 or `Invalid endpoint: /` mean PATH_INFO does not reach api.php. `/stats` adds detail if it works.
   */
  async probe(): Promise<ProbeResult> {
    const domains = await this.listDomains();
    let detail = `${countOf(domains.length, 'domain')}: ${domains.map((d) => d.domain).join(', ')}.`;
    try {
      const stats = await this.#call({ method: 'GET', path: '/stats', idempotent: true }, 'the statistics');
      if (
        isRecord(stats.stats) &&
        isFiniteNumber(stats.stats.total_addresses) &&
        isFiniteNumber(stats.stats.total_received)
      ) {
        detail += ` ${countOf(stats.stats.total_addresses, 'address', 'addresses')} made, ${countOf(stats.stats.total_received, 'email')} received.`;
      }
    } catch {
      // Statistics are a nicety; the domains answer already proved the API works.
    }
    return { ok: true, detail };
  }

  /** `GET /domains`. For information only: `/generate` takes no domain. */
  async listDomains(): Promise<DomainInfo[]> {
    const body = await this.#call({ method: 'GET', path: '/domains', idempotent: true }, 'the domain list');
    if (!isArrayOf(body.domains, isString)) throw unexpectedShape(SERVICE, 'the domain list');
    return body.domains.map((domain) => ({ domain }));
  }

  /**
   * `GET /generate[?username=]`. Never retried: this GET creates, so a retry could make a second
   * address or fail with "taken". The username is checked here first (3-20 letters or digits, not a
   * known reserved name); the server stays authoritative. Then one `GET /inbox` reads `created_at`, to
   * anchor the naive `expires_at` to local time (SPEC §2.5); if that fails the expiry stays unknown.
   */
  async createMailbox(opts: CreateMailboxOptions = {}): Promise<CreatedMailbox> {
    if (opts.domain) {
      throw new AppError(
        'unsupported',
        'Your self-hosted server chooses the domain itself; leave the domain empty.',
        { reason: 'domain-not-here' },
      );
    }
    const username = opts.username?.trim().toLowerCase();
    if (username) checkUsername(username);
    const generatedAt = this.#now();
    const body = await this.#call(
      { method: 'GET', path: '/generate', ...(username ? { query: { username } } : {}) },
      'the new address',
    );
    if (!isGenerateData(body)) throw unexpectedShape(SERVICE, 'the new address');
    const address = body.email;
    const expiresAt = await this.#anchorExpiry(address, generatedAt).catch(() => null);
    return {
      provider: 'selfhosted',
      address,
      domain: body.domain || address.slice(address.lastIndexOf('@') + 1),
      createdAt: generatedAt,
      expiresAt,
      credentials: { kind: 'selfhosted' },
    };
  }

  /**
   * `GET /inbox/{email}`: summaries only (`hasBody: false`); the body needs `getMessage`. "Email not
   * found" at or after the deadline means the mailbox expired.
   */
  async listMessages(mb: MailboxHandle): Promise<ListResult> {
    let inbox: Record<string, unknown> & InboxData;
    try {
      inbox = await this.#inbox(mb.address, mb.expiresAt);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'expired') return { messages: [], expired: true };
      throw error;
    }
    this.#learnClock(mb, inbox);
    return { messages: inbox.emails.map((item) => this.#toMessage(mb, item)), expired: false };
  }

  /**
   * `GET /email/{id}`: the full message. The server marks it read as a side effect. The detail has no
   * mailbox times, so a provider that has not read this inbox yet reads it first (best effort) to
   * turn the naive `received_at` into the same instant listMessages reports.
   */
  async getMessage(mb: MailboxHandle, id: string): Promise<ProviderMessage> {
    if (!this.#clockOffsets.has(mb.address) && mb.expiresAt != null) {
      await this.#inbox(mb.address, mb.expiresAt).then(
        (inbox) => this.#learnClock(mb, inbox),
        () => undefined,
      );
    }
    const body = await this.#call(
      { method: 'GET', path: `/email/${encodeURIComponent(checkedSegment(id))}`, idempotent: true },
      'the message',
      { expiresAt: mb.expiresAt },
    );
    if (
      !isDetailEmail(body.email) ||
      !(body.attachments == null || isArrayOf(body.attachments, isAttachmentItem))
    ) {
      throw unexpectedShape(SERVICE, 'the message');
    }
    const message = this.#toMessage(mb, body.email);
    message.hasBody = true;
    if (body.email.body_text) message.text = body.email.body_text;
    if (body.email.body_html) message.html = body.email.body_html;
    message.attachments = (body.attachments ?? []).flatMap((a) => this.#toAttachment(a));
    return message;
  }

  /** `DELETE /email/{id}`. A message the server no longer knows counts as deleted. */
  async deleteMessage(mb: MailboxHandle, id: string): Promise<void> {
    try {
      await this.#call(
        { method: 'DELETE', path: `/email/${encodeURIComponent(checkedSegment(id))}` },
        'the confirmation',
        {
          expiresAt: mb.expiresAt,
        },
      );
    } catch (error) {
      if (error instanceof AppError && (error.kind === 'not-found' || error.kind === 'expired')) return;
      throw error;
    }
  }

  /**
   * Downloads an attachment (a public file on the server, no auth). When api.php lives in a
   * sub-directory the file may sit below it instead of at the web root, so a 404 tries there once.
   */
  async downloadAttachment(mb: MailboxHandle, att: AttachmentRef): Promise<DownloadedAttachment> {
    let response = await this.#http.send({ method: 'GET', url: att.url, idempotent: true });
    const besideApi = this.#besideApi(att.url);
    if (response.status === 404 && besideApi) {
      response = await this.#http.send({ method: 'GET', url: besideApi, idempotent: true });
    }
    if (!response.ok)
      throw failureFor(response, readBody(response), this.#context({ expiresAt: mb.expiresAt }));
    return {
      filename: att.filename,
      contentType: att.contentType ?? response.headers.get('content-type') ?? 'application/octet-stream',
      bytes: response.bytes,
    };
  }

  // ---- internals ----

  /** `https://host/dir/uploads/x` for `https://host/uploads/x` when the API is `https://host/dir/api.php`. */
  #besideApi(url: string): string | undefined {
    const base = this.#http.baseUrl;
    if (!base) return undefined;
    const { origin, pathname, search } = new URL(url);
    if (origin !== this.#http.origin) return undefined;
    const candidate = resolveHttpUrl(`.${pathname}${search}`, base);
    return candidate !== url ? candidate : undefined;
  }

  async #inbox(address: string, expiresAt: number | null): Promise<Record<string, unknown> & InboxData> {
    const body = await this.#call(
      { method: 'GET', path: `/inbox/${encodeURIComponent(checkedSegment(address))}`, idempotent: true },
      'the inbox',
      { expiresAt },
    );
    if (!isInboxData(body)) throw unexpectedShape(SERVICE, 'the inbox');
    return body;
  }

  /** Offset = local deadline - the server's naive `expires_at`: both name the same instant. */
  #learnClock(mb: MailboxHandle, inbox: InboxData): void {
    const naiveExpiry = inbox.expires_at ? parseNaiveAsUtc(inbox.expires_at) : undefined;
    if (mb.expiresAt != null && naiveExpiry !== undefined) {
      this.#clockOffsets.set(mb.address, mb.expiresAt - naiveExpiry);
    }
  }

  /** Deadline = local time of generation + (expires_at - created_at), both naive in the same zone. */
  async #anchorExpiry(address: string, generatedAt: number): Promise<number | null> {
    const inbox = await this.#inbox(address, null);
    const created = inbox.created_at ? parseNaiveAsUtc(inbox.created_at) : undefined;
    const expires = inbox.expires_at ? parseNaiveAsUtc(inbox.expires_at) : undefined;
    if (created === undefined || expires === undefined || expires <= created) return null;
    this.#clockOffsets.set(address, generatedAt - created);
    return generatedAt + (expires - created);
  }

  /**
   * Sends and returns a successful JSON body. Success is decided by the body, not the status: an
   * answer is good only with `success: true` and no `error` (inbox and detail errors carry no
   * `success` key at all).
   */
  async #call(
    request: HttpRequest,
    what: string,
    context: Partial<FailureContext> = {},
  ): Promise<Record<string, unknown>> {
    const value = await requestJson(this.#http, request, {
      context: this.#context(context),
      refuse: (response, body) => {
        const webServerAnswered =
          (body.type === 'html' &&
            response.status < 500 &&
            response.status !== 403 &&
            !isChallengePage(body.text)) ||
          (body.type === 'text' && response.status === 404);
        if (webServerAnswered) return pathInfoError(response, body);
        if (body.type !== 'json' || !isRecord(body.value)) return undefined;
        const { success, error } = body.value;
        if (success === true && error === undefined && response.ok) return undefined;
        return this.#refusal(response, body, isString(error) ? error : undefined, context);
      },
    });
    if (!isRecord(value)) throw unexpectedShape(SERVICE, what);
    return value;
  }

  /** Maps the server's documented error strings; anything else falls back to the status table. */
  #refusal(
    response: HttpResponse,
    body: Body,
    error: string | undefined,
    context: Partial<FailureContext>,
  ): AppError {
    const details: AppErrorDetails = { status: response.status, ...(error ? { serverMessage: error } : {}) };
    const fail = (kind: ErrorKind, message: string, reason: ErrorReason, params?: ErrorParams): AppError =>
      new AppError(kind, message, { ...details, reason, ...(params ? { params } : {}) });
    if (error === undefined) {
      return response.ok
        ? unexpectedShape(SERVICE, 'an answer', response)
        : failureFor(response, body, this.#context(context));
    }
    if (/^email not found/i.test(error)) {
      const past = context.expiresAt != null && this.#now() >= context.expiresAt;
      return past
        ? fail(
            'expired',
            'This mailbox has expired on your self-hosted server. Create a new one.',
            'mailbox-expired',
          )
        : fail(
            'not-found',
            'Your self-hosted server does not know this address or message (any more). Create a new mailbox if you need one.',
            'mailbox-unknown',
          );
    }
    if (/^invalid username/i.test(error))
      return fail('validation', 'Use 3 to 20 letters or digits for the username.', 'name-invalid', {
        rule: 'selfhosted',
      });
    if (/reserved/i.test(error))
      return fail(
        'validation',
        'That username is reserved on your server. Choose another one.',
        'name-reserved',
      );
    if (/already taken/i.test(error))
      return fail(
        'conflict',
        'That username is already taken on your server. Choose another one.',
        'name-taken',
      );
    if (/^config not found/i.test(error)) {
      return fail(
        'misconfigured',
        'Your server answered, but its api.php cannot find its configuration ("Config not found"). Check the server\'s config file.',
        'config-not-found',
      );
    }
    if (/^invalid endpoint:\s*\/?\s*$/i.test(error)) {
      return fail(
        'misconfigured',
        `Your server answered, but api.php received an empty path. ${PATH_INFO_HINT}`,
        'path-info',
      );
    }
    if (/^invalid endpoint/i.test(error)) {
      return fail(
        'misconfigured',
        'Your server does not know this endpoint. Check that the API address ends in api.php, with nothing after it.',
        'unknown-endpoint',
      );
    }
    if (/^method not allowed/i.test(error)) {
      return fail(
        'misconfigured',
        'Your server refused the request method. Check that the API address points at api.php, not at a page or proxy in front of it.',
        'method-not-allowed',
      );
    }
    return response.ok
      ? fail(
          'validation',
          'Your self-hosted server refused the request. Check the details and try again.',
          'request-refused',
        )
      : failureFor(response, body, this.#context(context));
  }

  #context(extra: Partial<FailureContext>): FailureContext {
    return { service: SERVICE, now: this.#now(), ...extra };
  }

  #toMessage(mb: MailboxHandle, item: InboxItem): ProviderMessage {
    const naive = item.received_at ? parseNaiveAsUtc(item.received_at) : undefined;
    const message: ProviderMessage = {
      id: String(item.id),
      from: {
        ...(item.from_name ? { name: item.from_name } : {}),
        ...(item.from_email ? { address: item.from_email } : {}),
      },
      to: mb.address,
      subject: item.subject ?? '',
      receivedAt: naive !== undefined ? naive + (this.#clockOffsets.get(mb.address) ?? 0) : this.#now(),
      hasBody: false,
      attachments: [],
    };
    if (item.is_read != null) message.seen = Number(item.is_read) === 1;
    return message;
  }

  /** `file_path` is a web path on api.php's host, served without auth (SPEC §2.4). */
  #toAttachment(a: AttachmentItem): AttachmentRef[] {
    const url = resolveHttpUrl(a.file_path, this.#http.origin);
    if (!url) return [];
    return [
      {
        filename: a.filename,
        url,
        auth: 'none',
        ...(a.size != null ? { size: a.size } : {}),
        ...(a.content_type ? { contentType: a.content_type } : {}),
      },
    ];
  }
}

function checkUsername(username: string): void {
  if (!SELFHOSTED_CAPABILITIES.usernameRule!.pattern.test(username)) {
    throw new AppError('validation', 'Use 3 to 20 letters or digits for the username.', {
      reason: 'name-invalid',
      params: { rule: 'selfhosted' },
    });
  }
  if (SELFHOSTED_RESERVED_USERNAMES.includes(username.toLowerCase())) {
    throw new AppError('validation', 'That username is reserved on your server. Choose another one.', {
      reason: 'name-reserved',
    });
  }
}

function pathInfoError(response: HttpResponse, body: Body): AppError {
  const hint =
    body.type === 'html'
      ? 'The address answered with a web page instead of the API.'
      : 'The web server answered "not found".';
  return new AppError('misconfigured', `${hint} ${PATH_INFO_HINT}`, {
    status: response.status,
    reason: 'path-info',
    ...(body.type === 'text' ? { serverMessage: body.text.trim().slice(0, 300) } : {}),
  });
}
