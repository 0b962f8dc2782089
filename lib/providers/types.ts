import type {
  CreatedMailbox,
  DomainInfo,
  MailboxCredentials,
  ProviderId,
  ProviderMessage,
  RateLimitInfo,
  AttachmentRef,
} from '../core/types';

/** What a provider can do; the UI and the scheduler read these instead of switching on the provider id. */
export interface ProviderCapabilities {
  apiKey: 'required' | 'optional' | 'none';
  /** The person must supply the API's URL (self-hosted). */
  needsBaseUrl: boolean;
  canListDomains: boolean;
  canChooseDomain: 'on-create' | 'via-rename' | 'no';
  customUsername: 'on-create' | 'via-rename' | 'prefix-only' | 'no';
  usernameRule?: {
    pattern: RegExp;
    reserved?: readonly string[];
    hint: 'alnum-3-20' | 'prefix' | 'loose';
  };
  canRename: boolean;
  canDeleteMailbox: boolean | 'best-effort';
  canDeleteMessage: boolean;
  hasAttachments: boolean;
  /** The list already carries full bodies. */
  messageListIncludesBody: boolean;
  /** Each message is handed out once: the caller must persist what listMessages returns before anything else. */
  destructiveRead: boolean;
  /** Shortest interval between two inbox reads of one mailbox the API tolerates. */
  minPollIntervalMs: number;
  /** Default mailbox lifetime when the server does not report one. */
  defaultTtlMs: number | null;
  quotaHeaders: boolean;
  /** The API pushes "something changed" events the background may follow while a mailbox is hot. */
  realtime?: boolean;
}

export interface ProviderConfig {
  /** API base URL, e.g. https://v1.tempmailg.com/api, https://host/api.php, https://api.tempmail.lol */
  baseUrl: string;
  /** API key; sent only to baseUrl's origin. */
  apiKey?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** TempMail.lol only: which API generation to speak. */
  tempmailLolApi?: 'v2' | 'v1';
}

/** A TempMail.lol custom domain as configured in Options. */
export interface CustomDomain {
  domain: string;
  /**
   * The long password from the custom-domain page, for the legacy flows: v1 `GET /v1/custom/{password}/{domain}`
   * (seed 004) or v2 `GET /v2/custom?domain=&password=` (SPEC 3.5).
   */
  password: string;
}

export interface CreateMailboxOptions {
  username?: string;
  domain?: string;
  /** TempMail.lol: a community domain. */
  community?: boolean;
}

/** A stored mailbox joined with its secret credentials: what the provider needs to act on it. */
export interface MailboxHandle {
  address: string;
  credentials: MailboxCredentials;
  /** Epoch ms; lets a provider tell "expired" from "not found". */
  expiresAt: number | null;
  /** Keeps credentials the provider renewed (a Mail.tm token after a 401), so the next call starts from them. */
  saveCredentials?: (credentials: MailboxCredentials) => Promise<void>;
}

/** What a realtime watch reports while it runs. */
export interface WatchCallbacks {
  /** Anything changed on the server: list now. */
  onEvent: () => void;
  /** The stream is open (called once), and anything at all arrived (heartbeats too). */
  onOpen?: () => void;
  onActivity?: () => void;
  signal: AbortSignal;
}

export interface ListResult {
  /**
   * For destructiveRead providers, only what the server just handed out (persist it at once);
   * for the others, the whole current list.
   */
  messages: ProviderMessage[];
  /** The provider says the mailbox is gone. */
  expired: boolean;
}

export interface ProbeResult {
  ok: true;
  /** Short facts worth showing after "Test connection" (domains found, stats). */
  detail?: string;
}

export interface DownloadedAttachment {
  filename: string;
  contentType: string;
  bytes: ArrayBuffer;
}

/** One Temp Mail API. Every method throws AppError and nothing else. */
export interface TempMailProvider {
  readonly id: ProviderId;
  readonly capabilities: ProviderCapabilities;
  probe(): Promise<ProbeResult>;
  listDomains?(): Promise<DomainInfo[]>;
  createMailbox(opts?: CreateMailboxOptions): Promise<CreatedMailbox>;
  renameMailbox?(mb: MailboxHandle, to: { username: string; domain: string }): Promise<CreatedMailbox>;
  deleteMailbox?(mb: MailboxHandle): Promise<void>;
  listMessages(mb: MailboxHandle): Promise<ListResult>;
  getMessage(mb: MailboxHandle, id: string): Promise<ProviderMessage>;
  deleteMessage?(mb: MailboxHandle, id: string): Promise<void>;
  downloadAttachment?(mb: MailboxHandle, att: AttachmentRef): Promise<DownloadedAttachment>;
  /**
   * TempMail.lol custom domains (Plus and up): the mail that arrived for any address on the person's own
   * domain since the last read. Destructive like every TempMail.lol read: persist what comes back at once.
   */
  readCustomDomain?(domain: CustomDomain): Promise<ProviderMessage[]>;
  /** Tells the server the message was read (Mail.tm `PATCH {seen: true}`). */
  markSeen?(mb: MailboxHandle, id: string): Promise<void>;
  /**
   * Follows the server's event stream for this mailbox until it ends (resolves) or fails (throws an
   * AppError); `signal` stops it. Only providers whose capabilities say `realtime`.
   */
  watch?(mb: MailboxHandle, callbacks: WatchCallbacks): Promise<void>;
  /** The quota figures from the last response that carried them. */
  lastRateLimit(): RateLimitInfo | undefined;
}
