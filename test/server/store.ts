import { hashId } from './ids';
import type { ApiName, MailboxSummary } from './types';

/** One attachment with its bytes. `id` is global and sequential (the self-hosted API exposes it). */
export interface StoredAttachment {
  id: number;
  filename: string;
  contentType: string;
  content: Buffer;
  /** Public path under which the self-hosted API serves the file. */
  publicPath: string;
}

/** One mail as delivered to one mailbox. */
export interface StoredMessage {
  /** tempmailg-style opaque id (46 alphanumerics). */
  hashId: string;
  /** Global sequential id (self-hosted style). */
  seq: number;
  receivedAt: Date;
  envelopeFrom: string;
  fromName: string;
  fromAddress: string;
  /** The recipient mailbox address. */
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
  attachments: StoredAttachment[];
  seen: boolean;
  /** IP address of the SMTP client that sent it. */
  senderIp: string;
}

/** A mailbox of any API. API-specific credentials sit in optional fields. */
export interface Mailbox {
  api: ApiName;
  /** Lowercased `local@domain`. */
  address: string;
  domain: string;
  /** Sequential id (tempmailg `id`, self-hosted `email_address_id`). */
  id: number;
  createdAt: Date;
  expiresAt: Date;
  messages: StoredMessage[];
  /** tempmailg: the API key that owns it. */
  owner?: string;
  /** tempmailg: the opaque `email_token`. */
  emailToken?: string;
  /** TempMail.lol: the inbox token. */
  token?: string;
  /** Mail.tm / Mail.gw: the account id and its password. */
  accountId?: string;
  password?: string;
}

/** What a parsed mail contributes to a stored message. */
export type IncomingMail = Omit<StoredMessage, 'hashId' | 'seq' | 'seen' | 'attachments' | 'to'> & {
  attachments: Omit<StoredAttachment, 'id' | 'publicPath'>[];
};

const safeFileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_') || 'attachment';

/**
 * In-memory mailboxes of all three APIs. Addresses are unique across APIs because each API has its own domains.
 * Expired mailboxes stay (so the APIs can tell "expired" from "never existed" where they do) until replaced.
 */
export class MailboxStore {
  private readonly byAddress = new Map<string, Mailbox>();
  private readonly byToken = new Map<string, Mailbox>();
  private readonly attachmentsByPath = new Map<string, StoredAttachment>();
  private nextMailboxId = 1;
  private nextMessageSeq = 1;
  private nextAttachmentId = 1;
  /** Mails ever delivered, per API (for the stats endpoints). */
  readonly receivedTotals: Record<ApiName, number> = {
    tempmailg: 0,
    selfhosted: 0,
    'tempmail-lol': 0,
    mailtm: 0,
    mailgw: 0,
  };
  private readonly deliveryListeners: ((mailbox: Mailbox, message: StoredMessage) => void)[] = [];

  /** Called after each mail is stored (the Mail.tm hub announces it). */
  onDeliver(listener: (mailbox: Mailbox, message: StoredMessage) => void): void {
    this.deliveryListeners.push(listener);
  }

  /** Creates (or replaces an expired) mailbox living `ttlSeconds` from now. */
  create(
    api: ApiName,
    address: string,
    ttlSeconds: number,
    extra: Pick<Mailbox, 'owner' | 'emailToken' | 'token' | 'accountId' | 'password'> = {},
  ): Mailbox {
    const lower = address.toLowerCase();
    const now = new Date();
    const mailbox: Mailbox = {
      api,
      address: lower,
      domain: lower.slice(lower.indexOf('@') + 1),
      id: this.nextMailboxId++,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      messages: [],
      ...extra,
    };
    this.remove(lower);
    this.byAddress.set(lower, mailbox);
    if (mailbox.token) this.byToken.set(mailbox.token, mailbox);
    return mailbox;
  }

  get(address: string): Mailbox | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  /** The mailbox if it exists and has not expired; else the live catch-all (`*@domain`) of its domain. */
  getLive(address: string, now = Date.now()): Mailbox | undefined {
    const lower = address.toLowerCase();
    const mailbox = this.get(lower) ?? this.get(`*${lower.slice(lower.lastIndexOf('@'))}`);
    return mailbox && isLive(mailbox, now) ? mailbox : undefined;
  }

  getByToken(token: string): Mailbox | undefined {
    return this.byToken.get(token);
  }

  remove(address: string): boolean {
    const mailbox = this.byAddress.get(address.toLowerCase());
    if (!mailbox) return false;
    this.byAddress.delete(mailbox.address);
    if (mailbox.token) this.byToken.delete(mailbox.token);
    for (const message of mailbox.messages) this.forgetAttachments(message);
    return true;
  }

  all(api?: ApiName): Mailbox[] {
    const list = [...this.byAddress.values()];
    return api ? list.filter((m) => m.api === api) : list;
  }

  /** Forces a mailbox to expire now. */
  expire(address: string): boolean {
    const mailbox = this.get(address);
    if (!mailbox) return false;
    mailbox.expiresAt = new Date(Math.min(mailbox.expiresAt.getTime(), Date.now() - 1));
    return true;
  }

  /** Stores one mail in one mailbox (`to`: the recipient, for a catch-all) and returns the stored message. */
  deliver(mailbox: Mailbox, mail: IncomingMail, to = mailbox.address): StoredMessage {
    const seq = this.nextMessageSeq++;
    const attachments = mail.attachments.map((a) => {
      const id = this.nextAttachmentId++;
      const stored: StoredAttachment = {
        ...a,
        id,
        publicPath: `/uploads/attachments/${id}_${safeFileName(a.filename)}`,
      };
      this.attachmentsByPath.set(stored.publicPath, stored);
      return stored;
    });
    const message: StoredMessage = {
      ...mail,
      attachments,
      hashId: hashId(),
      seq,
      to,
      seen: false,
    };
    mailbox.messages.push(message);
    this.receivedTotals[mailbox.api]++;
    for (const listener of this.deliveryListeners) listener(mailbox, message);
    return message;
  }

  /** Finds a message by a predicate across mailboxes of one API. */
  findMessage(
    api: ApiName,
    matches: (message: StoredMessage) => boolean,
  ): { mailbox: Mailbox; message: StoredMessage } | undefined {
    for (const mailbox of this.byAddress.values()) {
      if (mailbox.api !== api) continue;
      const message = mailbox.messages.find(matches);
      if (message) return { mailbox, message };
    }
    return undefined;
  }

  deleteMessage(mailbox: Mailbox, message: StoredMessage): void {
    mailbox.messages = mailbox.messages.filter((m) => m !== message);
    this.forgetAttachments(message);
  }

  /** An attachment served as a static file by its public path. */
  attachmentByPath(path: string): StoredAttachment | undefined {
    return this.attachmentsByPath.get(path);
  }

  summaries(now = Date.now()): MailboxSummary[] {
    return this.all().map((m) => ({
      api: m.api,
      address: m.address,
      createdAt: m.createdAt.toISOString(),
      expiresAt: m.expiresAt.toISOString(),
      expired: !isLive(m, now),
      messageCount: m.messages.length,
      ...(m.token ? { token: m.token } : {}),
      ...(m.owner ? { owner: m.owner } : {}),
    }));
  }

  private forgetAttachments(message: StoredMessage): void {
    for (const a of message.attachments) this.attachmentsByPath.delete(a.publicPath);
  }
}

/** True while the mailbox has not reached its expiry. */
export function isLive(mailbox: Mailbox, now = Date.now()): boolean {
  return mailbox.expiresAt.getTime() > now;
}
