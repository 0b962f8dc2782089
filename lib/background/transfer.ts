import { AppError } from '../core/errors';
import { PROVIDER_IDS, type Mailbox, type MailboxCredentials, type StoredMessage } from '../core/types';
import { mailboxesItem, messagesItem, pollStateItem } from '../storage/items';
import { getCredentials, setCredentials } from '../storage/secrets';
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

export async function exportMailboxes(now = Date.now()): Promise<string> {
  const [mailboxes, messages] = await Promise.all([mailboxesItem.getValue(), messagesItem.getValue()]);
  const entries: ExportEntry[] = [];
  for (const mailbox of mailboxes) {
    const credentials = await getCredentials(mailbox.id);
    if (credentials) entries.push({ mailbox, credentials, messages: messages[mailbox.id] ?? [] });
  }
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(now).toISOString(), entries },
    null,
    1,
  );
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function validMailbox(v: unknown): v is Mailbox {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    typeof v.address === 'string' &&
    /^[^@\s]+@[^@\s]+$/.test(v.address) &&
    typeof v.domain === 'string' &&
    PROVIDER_IDS.includes(v.provider as Mailbox['provider']) &&
    typeof v.createdAt === 'number' &&
    (v.expiresAt === null || typeof v.expiresAt === 'number') &&
    typeof v.expired === 'boolean'
  );
}

function validCredentials(v: unknown, provider: Mailbox['provider']): v is MailboxCredentials {
  if (!isObj(v) || v.kind !== provider) return false;
  if (v.kind === 'tempmailg') return typeof v.id === 'number' && typeof v.emailToken === 'string';
  if (v.kind === 'tempmail-lol') return typeof v.token === 'string' && (v.api === 'v2' || v.api === 'v1');
  return v.kind === 'selfhosted';
}

function validMessage(v: unknown): v is StoredMessage {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    typeof v.subject === 'string' &&
    typeof v.receivedAt === 'number' &&
    isObj(v.from) &&
    Array.isArray(v.attachments)
  );
}

/** Imports what is valid and new; mailboxes already present are skipped, nothing existing is overwritten. */
export async function importMailboxes(json: string): Promise<{ imported: number; skipped: number }> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new AppError('validation', 'This file is not a Mayfly export (it is not valid JSON).');
  }
  if (!isObj(doc) || doc.format !== EXPORT_FORMAT || !Array.isArray(doc.entries)) {
    throw new AppError('validation', 'This file is not a Mayfly export.');
  }
  let imported = 0;
  let skipped = 0;
  await withStateLock(async () => {
    const mailboxes = await mailboxesItem.getValue();
    const messages = await messagesItem.getValue();
    const states = await pollStateItem.getValue();
    const known = new Set(mailboxes.map((m) => m.id));
    for (const e of doc.entries as unknown[]) {
      if (!isObj(e) || !validMailbox(e.mailbox) || !validCredentials(e.credentials, e.mailbox.provider)) {
        skipped++;
        continue;
      }
      const mb = e.mailbox;
      if (known.has(mb.id)) {
        skipped++;
        continue;
      }
      await setCredentials(mb.id, e.credentials);
      mailboxes.push(mb);
      known.add(mb.id);
      const msgs = Array.isArray(e.messages) ? e.messages.filter(validMessage) : [];
      messages[mb.id] = msgs.map((m) => ({ ...m, mailboxId: mb.id }));
      // Not primed: mail found on the first sync after an import is not announced as new.
      states[mb.id] = { failures: 0, primed: false };
      imported++;
    }
    await mailboxesItem.setValue(mailboxes);
    await messagesItem.setValue(messages);
    await pollStateItem.setValue(states);
  });
  return { imported, skipped };
}
