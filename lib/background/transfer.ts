import { AppError } from '../core/errors';
import {
  PROVIDER_IDS,
  type AttachmentRef,
  type EmailAddress,
  type Mailbox,
  type MailboxCredentials,
  type StoredMessage,
} from '../core/types';
import { isWebLink } from '../core/links';
import {
  HARD_MAX_MESSAGES_PER_MAILBOX,
  MAX_BODY_CHARS,
  MAX_SUBJECT_CHARS,
  joinMessage,
  toBody,
  toSummary,
} from '../core/mail-merge';
import { mailboxesItem, pollStateItem, settingsItem } from '../storage/items';
import { DEFAULT_BASE_URLS } from '../core/settings';
import { transferSecret, type MailboxTransfer } from '../core/mailbox-qr';
import { commitInbox, readBodies, readInbox, writeBodies } from '../storage/mail-store';
import { getCredentials, setCredentials } from '../storage/secrets';
import { getMailbox, mailboxIdFor } from './mailboxes';
import { withStateLock } from './state-lock';

/**
 * Export and import of mailboxes, so a person can move them to another browser. The file carries mailbox
 * credentials (tokens: anyone holding the file can read that mail) and the mail already fetched (TempMail.lol
 * hands each message out once), never API keys.
 */
export const EXPORT_FORMAT = 'mayfly-mailboxes';

interface ExportEntry {
  mailbox: Mailbox;
  credentials: MailboxCredentials;
  messages: StoredMessage[];
}

/** An import larger than this is refused before it is parsed. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Mailboxes one import may add. */
export const MAX_IMPORT_MAILBOXES = 200;

/**
 * One mailbox for a phone's QR code (issue 15): its address, provider, API base URL and its own secret, read
 * here in the background. Never an API key: only the mailbox's credentials are read.
 */
export async function mailboxTransfer(mailboxId: string): Promise<MailboxTransfer> {
  const mb = await getMailbox(mailboxId);
  const settings = await settingsItem.getValue();
  return {
    provider: mb.provider,
    address: mb.address,
    apiBaseUrl: settings.baseUrls[mb.provider] || DEFAULT_BASE_URLS[mb.provider],
    secret: transferSecret(await getCredentials(mb.id)),
  };
}

export async function exportMailboxes(now = Date.now()): Promise<string> {
  const mailboxes = await mailboxesItem.getValue();
  const entries: ExportEntry[] = [];
  for (const mailbox of mailboxes) {
    const credentials = await getCredentials(mailbox.id);
    if (!credentials) continue;
    const bodies = new Map((await readBodies(mailbox.id)).map((b) => [b.id, b]));
    const messages = (await readInbox(mailbox.id)).map((m) => joinMessage(m, bodies.get(m.id)));
    entries.push({ mailbox, credentials, messages });
  }
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), entries },
    null,
    1,
  );
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Short free text (labels, names, subjects): a string, cut to a sane length. */
function shortText(v: unknown, max = 500): string | undefined {
  return typeof v === 'string' ? v.slice(0, max) : undefined;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The mailbox an export entry describes, rebuilt from checked fields only. Its id must be the one Mayfly
 * derives from provider and address, so an entry cannot pose under another mailbox's id.
 */
function importedMailbox(v: unknown): Mailbox | undefined {
  if (
    !isObj(v) ||
    typeof v.address !== 'string' ||
    !/^[^@\s]{1,64}@[^@\s]{1,189}$/.test(v.address) ||
    typeof v.domain !== 'string' ||
    !PROVIDER_IDS.includes(v.provider as Mailbox['provider']) ||
    !isTime(v.createdAt) ||
    !(v.expiresAt === null || isTime(v.expiresAt)) ||
    typeof v.expired !== 'boolean'
  ) {
    return undefined;
  }
  const provider = v.provider as Mailbox['provider'];
  if (v.id !== mailboxIdFor(provider, v.address)) return undefined;
  const label = shortText(v.label, 100);
  const site = shortText(v.site, 253);
  return {
    id: v.id,
    provider,
    address: v.address,
    domain: v.domain.slice(0, 189),
    createdAt: v.createdAt,
    expiresAt: v.expiresAt,
    expired: v.expired,
    ...(label ? { label } : {}),
    ...(site ? { site } : {}),
    ...(v.customDomain === true && v.address.startsWith('*@') ? { customDomain: true } : {}),
    ...(v.pinned === true ? { pinned: true } : {}),
  };
}

const isWebUrl = (v: unknown): v is string => typeof v === 'string' && isWebLink(v);

function importedAttachment(v: unknown): AttachmentRef | undefined {
  if (!isObj(v) || typeof v.filename !== 'string' || !isWebUrl(v.url)) return undefined;
  const contentType = shortText(v.contentType, 200);
  return {
    filename: v.filename.slice(0, 255),
    url: v.url,
    // A file cannot grant the key to anything: every imported reference is fetched without it.
    auth: 'none',
    ...(isTime(v.size) ? { size: v.size } : {}),
    ...(contentType ? { contentType } : {}),
  };
}

/**
 * A stored message rebuilt from checked fields only: strings where strings belong, bodies capped as
 * fetched mail is, attachments and the verification link only as http(s) URLs. Whatever else the file
 * carries is dropped.
 */
function importedMessage(v: unknown, mailboxId: string): StoredMessage | undefined {
  if (
    !isObj(v) ||
    typeof v.id !== 'string' ||
    typeof v.subject !== 'string' ||
    !isTime(v.receivedAt) ||
    !isObj(v.from) ||
    !Array.isArray(v.attachments)
  ) {
    return undefined;
  }
  const name = shortText(v.from.name);
  const address = shortText(v.from.address);
  const from: EmailAddress = { ...(name ? { name } : {}), ...(address ? { address } : {}) };
  const to = shortText(v.to);
  const text = typeof v.text === 'string' ? v.text.slice(0, MAX_BODY_CHARS) : undefined;
  const html = typeof v.html === 'string' ? v.html.slice(0, MAX_BODY_CHARS) : undefined;
  const code = typeof v.code === 'string' && /^[A-Za-z0-9-]{3,12}$/.test(v.code) ? v.code : undefined;
  return {
    id: v.id.slice(0, 200),
    mailboxId,
    from,
    subject: v.subject.slice(0, MAX_SUBJECT_CHARS),
    receivedAt: v.receivedAt,
    fetchedAt: isTime(v.fetchedAt) ? v.fetchedAt : v.receivedAt,
    seen: v.seen === true,
    hasBody: v.hasBody === true,
    attachments: v.attachments.map(importedAttachment).filter((a) => a !== undefined),
    ...(to ? { to } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    ...(v.truncated === true ? { truncated: true } : {}),
    ...(code ? { code } : {}),
    ...(isWebUrl(v.link) ? { link: v.link } : {}),
  };
}

/** The credentials of an entry, rebuilt from checked fields only (nothing else from the file is kept). */
function importedCredentials(v: unknown, provider: Mailbox['provider']): MailboxCredentials | undefined {
  if (!isObj(v) || v.kind !== provider) return undefined;
  const token = (t: unknown): t is string => typeof t === 'string' && t !== '' && t.length <= 2000;
  if (v.kind === 'tempmailg') {
    return Number.isSafeInteger(v.id) && token(v.emailToken)
      ? { kind: 'tempmailg', id: v.id as number, emailToken: v.emailToken }
      : undefined;
  }
  if (v.kind === 'tempmail-lol') {
    return token(v.token) && (v.api === 'v2' || v.api === 'v1')
      ? {
          kind: 'tempmail-lol',
          token: v.token,
          api: v.api,
          ...(v.customDomain === true ? { customDomain: true } : {}),
        }
      : undefined;
  }
  if (v.kind === 'mailtm' || v.kind === 'mailgw') {
    return typeof v.accountId === 'string' && token(v.accountId) && token(v.password) && token(v.token)
      ? { kind: v.kind, accountId: v.accountId, password: v.password, token: v.token }
      : undefined;
  }
  return { kind: 'selfhosted' };
}

/** Imports what is valid and new; mailboxes already present are skipped, nothing existing is overwritten. */
export async function importMailboxes(json: string): Promise<{ imported: number; skipped: number }> {
  if (json.length > MAX_IMPORT_CHARS) {
    throw new AppError(
      'validation',
      `This file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB; Mayfly imports files up to that size.`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new AppError('validation', 'This file is not a Mayfly export (it is not valid JSON).');
  }
  if (!isObj(doc) || doc.format !== EXPORT_FORMAT || !Array.isArray(doc.entries)) {
    throw new AppError('validation', 'This file is not a Mayfly export.');
  }
  if (doc.entries.length > MAX_IMPORT_MAILBOXES) {
    throw new AppError(
      'validation',
      `This file holds ${doc.entries.length} mailboxes; Mayfly imports at most ${MAX_IMPORT_MAILBOXES} at once.`,
    );
  }
  let imported = 0;
  let skipped = 0;
  await withStateLock(async () => {
    const mailboxes = await mailboxesItem.getValue();
    const states = await pollStateItem.getValue();
    const known = new Set(mailboxes.map((m) => m.id));
    for (const e of doc.entries as unknown[]) {
      if (!isObj(e)) {
        skipped++;
        continue;
      }
      const mb = importedMailbox(e.mailbox);
      const credentials = mb ? importedCredentials(e.credentials, mb.provider) : undefined;
      if (!mb || !credentials) {
        skipped++;
        continue;
      }
      if (known.has(mb.id)) {
        skipped++;
        continue;
      }
      await setCredentials(mb.id, credentials);
      mailboxes.push(mb);
      known.add(mb.id);
      const list: unknown[] = Array.isArray(e.messages) ? e.messages : [];
      const messages = list
        .slice(0, HARD_MAX_MESSAGES_PER_MAILBOX)
        .map((m) => importedMessage(m, mb.id))
        .filter((m) => m !== undefined);
      await writeBodies(messages.map(toBody));
      await commitInbox(
        mb.id,
        messages.map(toSummary).sort((a, b) => b.receivedAt - a.receivedAt),
      );
      // Not primed: mail found on the first sync after an import is not announced as new.
      states[mb.id] = { failures: 0, primed: false };
      imported++;
    }
    await mailboxesItem.setValue(mailboxes);
    await pollStateItem.setValue(states);
  });
  return { imported, skipped };
}
