import { storage } from 'wxt/utils/storage';
import {
  MAX_ADDRESS_CHARS,
  MAX_BODY_CHARS,
  MAX_NAME_CHARS,
  MAX_SUBJECT_CHARS,
  toBody,
  toSummary,
} from '../core/mail-merge';
import type { AttachmentRef, MessageSummary, StoredMessage } from '../core/types';
import {
  activeMailboxItem,
  LEGACY_MESSAGES_KEY,
  LEGACY_NOTIFIED_KEY,
  mailboxesItem,
  notifiedKey,
} from '../storage/items';
import {
  MAIL_SCHEMA,
  bodyIds,
  clearJournal,
  commitInbox,
  mailSchemaItem,
  pendingJournals,
  readInbox,
  writeBodies,
} from '../storage/mail-store';
import { withStateLock } from './state-lock';

/**
 * Moves mail from the v1 layout (every mailbox's mail, bodies included, in one `local:messages` key) to
 * storage v2 (lib/storage/mail-store.ts), in place, on the first start after the update.
 *
 * Resumable: each mailbox is copied in steps that can be repeated (bodies put by key, summaries merged by
 * id), and the mailboxes done are recorded with their summaries, so a worker stopped half-way carries on
 * where it was on its next start. The old key is removed only after every message it holds has been found
 * in the new layout, summary and body. The active mailbox goes first, so the popup has it soonest.
 */

const PROGRESS_KEY = 'local:mailMigration';

export interface MigrationResult {
  status: 'done' | 'not-needed';
  mailboxes: number;
  messages: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A v1 message in today's stored form. v1 was written by Mayfly itself; this only guards against damage. */
function fromLegacy(v: unknown, mailboxId: string): StoredMessage | undefined {
  if (!isObj(v) || typeof v.id !== 'string') return undefined;
  const from = isObj(v.from) ? v.from : {};
  const name = str(from.name)?.slice(0, MAX_NAME_CHARS);
  const address = str(from.address)?.slice(0, MAX_ADDRESS_CHARS);
  const text = str(v.text)?.slice(0, MAX_BODY_CHARS);
  const html = str(v.html)?.slice(0, MAX_BODY_CHARS);
  const to = str(v.to)?.slice(0, MAX_ADDRESS_CHARS);
  const receivedAt = typeof v.receivedAt === 'number' ? v.receivedAt : 0;
  return {
    id: v.id,
    mailboxId,
    from: { ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) },
    ...(to !== undefined ? { to } : {}),
    subject: (str(v.subject) ?? '').slice(0, MAX_SUBJECT_CHARS),
    receivedAt,
    fetchedAt: typeof v.fetchedAt === 'number' ? v.fetchedAt : receivedAt,
    seen: v.seen === true,
    hasBody: v.hasBody === true,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    attachments: Array.isArray(v.attachments) ? (v.attachments as AttachmentRef[]) : [],
    ...(v.truncated === true ? { truncated: true } : {}),
    ...(typeof v.code === 'string' ? { code: v.code } : {}),
    ...(typeof v.link === 'string' ? { link: v.link } : {}),
  };
}

/** Summaries already in the new layout win (a poll may have added mail); v1 adds what they lack. */
function union(current: readonly MessageSummary[], legacy: readonly MessageSummary[]): MessageSummary[] {
  const ids = new Set(current.map((m) => m.id));
  return [...current, ...legacy.filter((m) => !ids.has(m.id))].sort(
    (a, b) => b.receivedAt - a.receivedAt || b.fetchedAt - a.fetchedAt,
  );
}

export async function migrateMailStorage(): Promise<MigrationResult> {
  if ((await mailSchemaItem.getValue()) >= MAIL_SCHEMA)
    return { status: 'not-needed', mailboxes: 0, messages: 0 };
  const legacy = await storage.getItem<Record<string, unknown>>(LEGACY_MESSAGES_KEY);
  const legacyNotified = (await storage.getItem<Record<string, unknown>>(LEGACY_NOTIFIED_KEY)) ?? {};
  const done = new Set((await storage.getItem<string[]>(PROGRESS_KEY)) ?? []);
  const active = await activeMailboxItem.getValue();
  const ids = Object.keys(isObj(legacy) ? legacy : {}).sort(
    (a, b) => Number(b === active) - Number(a === active),
  );
  let messages = 0;
  /** The ids each mailbox held in v1: the copy is checked against these before the old key goes. */
  const wanted = new Map<string, string[]>();

  for (const id of ids) {
    const list = Array.isArray(legacy![id]) ? (legacy![id] as unknown[]) : [];
    const stored = list.map((m) => fromLegacy(m, id)).filter((m) => m !== undefined);
    messages += stored.length;
    wanted.set(
      id,
      stored.map((m) => m.id),
    );
    if (done.has(id)) continue;
    await writeBodies(stored.map(toBody));
    await withStateLock(async () => {
      const notified = legacyNotified[id];
      done.add(id);
      await commitInbox(id, union(await readInbox(id), stored.map(toSummary)), [
        { key: PROGRESS_KEY, value: [...done] },
        ...(Array.isArray(notified) ? [{ key: notifiedKey(id), value: notified }] : []),
      ]);
    });
  }

  // Check the copy before letting the original go: every v1 message has its summary and its body.
  for (const [id, want] of wanted) {
    const summaries = new Set((await readInbox(id)).map((m) => m.id));
    const bodies = await bodyIds(id);
    const missing = want.filter((m) => !summaries.has(m) || !bodies.has(m));
    if (missing.length > 0) {
      throw new Error(`Mail migration: ${missing.length} messages of ${id} are not in the new layout yet`);
    }
  }
  // storage.local.set stores a null (it does not remove the key), so the old keys are removed outright.
  await storage.removeItems([
    { key: LEGACY_MESSAGES_KEY, options: { removeMeta: true } },
    { key: LEGACY_NOTIFIED_KEY, options: { removeMeta: true } },
    PROGRESS_KEY,
  ]);
  await mailSchemaItem.setValue(MAIL_SCHEMA);
  return { status: 'done', mailboxes: ids.length, messages };
}

/**
 * Replays journals a stopped worker left between writing bodies and their summaries (lib/storage/mail-store
 * writeBodies): the summaries missing from storage.local are added, nothing already there is changed.
 */
export async function recoverPendingMail(): Promise<number> {
  let recovered = 0;
  for (const journal of await pendingJournals()) {
    await withStateLock(async () => {
      const kept = (await mailboxesItem.getValue()).some((m) => m.id === journal.mailboxId);
      if (!kept) return clearJournal(journal.mailboxId);
      const current = await readInbox(journal.mailboxId);
      const known = new Set(current.map((m) => m.id));
      const missing = journal.summaries.filter((m) => !known.has(m.id));
      if (missing.length > 0) await commitInbox(journal.mailboxId, union(current, missing));
      recovered += missing.length;
      await clearJournal(journal.mailboxId);
    });
  }
  return recovered;
}

/** Brings stored mail to the current layout once per start; pages and polls wait for it. */
export async function prepareMailStorage(): Promise<void> {
  try {
    await recoverPendingMail();
    await migrateMailStorage();
  } catch (e) {
    // Nothing is lost: the v1 key stays until a later start completes the move.
    console.error('Mayfly: mail storage could not be brought up to date', e);
  }
}
