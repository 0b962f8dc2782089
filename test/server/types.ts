/**
 * Public types of the local Temp Mail server: options, the handle returned by `startLocalServer`, request-log
 * entries and fault descriptions. Kept in one file so tests, benchmarks and the demo import them from one place.
 */

/** The three Temp Mail APIs this server speaks. */
export type ApiName = 'tempmailg' | 'selfhosted' | 'tempmail-lol' | 'mailtm' | 'mailgw';

/** Mailbox lifetimes per API, in seconds. */
export interface TtlSeconds {
  /** tempmailg user API; the docs show 600 s. */
  tempmailg?: number;
  /** Self-hosted api.php; the docs show 24 h. */
  selfhosted?: number;
  /** TempMail.lol free tier: 1 h. */
  tempmailLol?: number;
}

/** Options for {@link startLocalServer}. Every field is optional; the defaults suit the test suite. */
export interface LocalServerOptions {
  /** Interface for both HTTP and SMTP. Default `127.0.0.1`. */
  host?: string;
  /** HTTP port; 0 picks a free one. Default 0. */
  httpPort?: number;
  /** SMTP port; 0 picks a free one. Default 0. */
  smtpPort?: number;
  /** The tempmailg Bearer key this server accepts. Default `test-key`. */
  apiKey?: string;
  /** More accepted tempmailg keys, each with its own mailboxes and quota (to test ownership). */
  additionalApiKeys?: string[];
  /** tempmailg plan of every key: a free plan may only list `type=free` domains. Default `premium`. */
  tempmailgPlan?: 'free' | 'premium';
  /** tempmailg quota per key (X-RateLimit-Limit). Default 50000. */
  quotaLimit?: number;
  /** Mailbox lifetimes; defaults 600 s, 86400 s and 3600 s. */
  ttlSeconds?: TtlSeconds;
  /** TempMail.lol: answer 429 code 7 when one token polls /v2/inbox twice within a second. Default true. */
  lolPollThrottle?: boolean;
  /** TempMail.lol inbox creations allowed per IP per 5 minutes; 0 turns the limit off. Default 0. */
  lolCreateLimit?: number;
  /** Mail.tm / Mail.gw: how long a token from `POST /token` lives, in seconds. Default 3600. */
  mailtmTokenTtlSeconds?: number;
  /** Mail.tm / Mail.gw: requests allowed per IP per second (429 beyond); 0 turns it off. Default 8. */
  mailtmRateLimit?: number;
  /** Mail.tm / Mail.gw: milliseconds between the hub's heartbeat comments. Default 15000. */
  mailtmHeartbeatMs?: number;
  /** Silence the per-request console output of the CLI. Default true for the programmatic API. */
  quiet?: boolean;
  /** Answer shapes seen in the wild instead of the documented ones (also switchable via `/_control/drift`). */
  drift?: DriftSwitches;
}

/**
 * Shapes the real APIs send besides the documented ones, one switch each, so the client is proven against
 * them (issue 9, item 12). All off by default: the server speaks the seeds.
 */
export interface DriftSwitches {
  /** TempMail.lol: `emails: null` instead of `[]` for an empty inbox (v2). */
  lolEmailsNull?: boolean;
  /** TempMail.lol: no `date`, no `html`, no `ip` on each email, and no `expired` key on the answer. */
  lolMissingFields?: boolean;
  /** TempMail.lol: each email carries its own `id` (newer answers). */
  lolExtraId?: boolean;
  /** TempMail.lol: the first email of each answer has a `subject` that is an object, not a string. */
  lolOddSubject?: boolean;
  /** TempMail.lol: `prefix` follows the newer rule (`[a-z0-9_-]{1,50}`) instead of the 2023 one. */
  lolLongPrefix?: boolean;
  /**
   * TempMail.lol: every v2 inbox read gets the service's no-token answer (`401 {"error":"Unauthenticated",
   * "code":6}`), as when the token is lost on the way or no longer tied to an inbox.
   */
  lolNoToken?: boolean;
  /** TempMail.lol: every path gets the service's unknown-path answer (`404`, JSON `error`, no `code`). */
  lolUnknownPath?: boolean;
  /** tempmailg: the message list under `data.messages` instead of `messages`. */
  tempmailgDataMessages?: boolean;
  /** tempmailg: one message under `message` instead of `data` (the older script). */
  tempmailgSingleMessage?: boolean;
}

/** One HTTP request as the server saw it (control requests are not logged). */
export interface RequestLogEntry {
  /** Epoch milliseconds when the request arrived. */
  t: number;
  api: ApiName;
  method: string;
  /** Path plus query string, as sent. */
  path: string;
  /** HTTP status sent; 0 when a fault hung or reset the connection. */
  status: number;
  /** TempMail.lol inbox token, when the request named one. */
  token?: string;
  /** Mailbox address the request concerned, when known. */
  mailbox?: string;
  /** The fault type that shaped this response, if any. */
  fault?: FaultType;
}

/** Kinds of injected misbehaviour. */
export type FaultType = 'status' | 'html' | 'malformed-json' | 'delay' | 'hang' | 'reset' | 'quota-exhausted';

/** A fault to inject into matching requests. Without `count` or `durationMs` it stays until cleared. */
export interface FaultSpec {
  /** Only requests to this API. */
  api?: ApiName;
  /** Only requests whose path (without query) starts with this prefix, e.g. `/v2/inbox`. */
  path?: string;
  type: FaultType;
  /** HTTP status for `status` (default 500), `html` (default 403) and `malformed-json` (default 200). */
  status?: number;
  /** Seconds; sets a `Retry-After` header on the faulty response. */
  retryAfter?: number;
  /** Milliseconds for `delay` (default 1000). */
  delayMs?: number;
  /** Apply to the next N matching requests only. */
  count?: number;
  /** Apply for this many milliseconds from injection. */
  durationMs?: number;
}

/** One mail accepted over SMTP for one recipient. */
export interface DeliveryRecord {
  /** Epoch milliseconds when SMTP accepted the mail (just before the 250 reply). */
  t: number;
  api: ApiName;
  to: string;
  subject: string;
  /** The store's message id (tempmailg-style hash id). */
  messageId: string;
}

/** Request counters since the last log reset. */
export interface RequestCounts {
  apis: Record<ApiName, number>;
  mailboxes: Record<string, number>;
}

/** A mailbox as listed by the control API. */
export interface MailboxSummary {
  api: ApiName;
  address: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  messageCount: number;
  /** TempMail.lol token. */
  token?: string;
  /** tempmailg owner key. */
  owner?: string;
}

/** The running server. */
export interface LocalServer {
  /** `http://host:port` without a trailing slash. */
  httpUrl: string;
  /** Base URL of each API as a client would configure it. */
  apiUrls: { tempmailg: string; selfhosted: string; tempmailLol: string; mailtm: string; mailgw: string };
  smtpPort: number;
  /** Stops HTTP and SMTP, dropping open (also hung) connections. */
  close(): Promise<void>;
  log(): RequestLogEntry[];
  resetLog(): void;
  counts(): RequestCounts;
  deliveries(): DeliveryRecord[];
  mailboxes(): MailboxSummary[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Forces a mailbox to expire now; returns false when the address is unknown. */
  expire(address: string): boolean;
  /** Mail.tm / Mail.gw: every token issued so far stops working, as if it had expired. */
  expireMailtmTokens(): void;
  /**
   * Mail.tm / Mail.gw hub: `down: true` drops every open stream and refuses new ones (503) until
   * `down: false`. Returns how many streams are open and how many events were published.
   */
  mailtmHub(change?: { down?: boolean }): { open: number; published: number; down: boolean };
}

/** A mail to send over real SMTP with {@link sendMail}. */
export interface SendMailOptions {
  smtpPort: number;
  host?: string;
  to: string | string[];
  from?: string;
  subject: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
}
