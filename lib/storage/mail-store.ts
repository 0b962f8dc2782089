import { storage } from 'wxt/utils/storage';
import { countInbox, joinMessage, type MailboxCounts } from '../core/mail-merge';
import type { MessageBody, MessageSummary, StoredMessage } from '../core/types';
import { database } from './idb';
import { inboxKey, STORAGE_KEYS } from './keys';

/**
 * Where mail lives (storage v2), shaped so that cost follows what is new or shown, never all mail kept:
 * - `local:inbox:<mailboxId>`: that mailbox's summaries (what a list shows), newest first. A poll rewrites
 *   one mailbox's summaries; the popup reads the shown mailbox's.
 * - IndexedDB `mayfly-mail`, store `bodies`: one record per message (text, HTML, attachments), keyed
 *   [mailboxId, id], read when a message is opened. Like the secrets, it is out of reach of content
 *   scripts in every browser (storage.local is not, on Firefox).
 * - `local:mailCounts`: unread, total and kept size per mailbox, for the badge and Options.
 * The background is the only writer, under its state lock.
 */

/** The storage layout version of mail; the migration from v1 (one `local:messages` key) sets it. */
export const MAIL_SCHEMA = 2;
export const mailSchemaItem = storage.defineItem<number>('local:mailSchema', { fallback: 1 });

export const mailCountsItem = storage.defineItem<Record<string, MailboxCounts>>(STORAGE_KEYS.mailCounts, {
  get fallback() {
    return {};
  },
  version: 1,
});

export { inboxKey, type InboxKey } from './keys';

export async function readInbox(mailboxId: string): Promise<MessageSummary[]> {
  return (await storage.getItem<MessageSummary[]>(inboxKey(mailboxId))) ?? [];
}

export function watchInbox(mailboxId: string, cb: (summaries: MessageSummary[]) => void): () => void {
  return storage.watch<MessageSummary[]>(inboxKey(mailboxId), (v) => cb(v ?? []));
}

/** One mailbox's summaries as a readable item (the popup model watches the shown mailbox's). */
export function inboxItem(mailboxId: string) {
  return {
    getValue: () => readInbox(mailboxId),
    watch: (cb: (v: MessageSummary[]) => void) => watchInbox(mailboxId, cb),
  };
}

type StorageWrite = Parameters<typeof storage.setItems>[0][number];

/**
 * Stores one mailbox's summaries, its counts and whatever else belongs to the same change (poll state) in
 * one storage.local write, so no reader sees new mail beside stale counts or a stale error. The caller
 * holds the state lock (counts are read, patched and written back).
 */
export async function commitInbox(
  mailboxId: string,
  summaries: MessageSummary[],
  also: StorageWrite[] = [],
): Promise<void> {
  // A new object, never the one read: an in-memory store (tests) hands out its own, and editing that in
  // place would make the write look like no change to watchers.
  const counts = { ...(await mailCountsItem.getValue()), [mailboxId]: countInbox(summaries) };
  await storage.setItems([
    { key: inboxKey(mailboxId), value: summaries },
    { item: mailCountsItem, value: counts },
    ...also,
  ]);
}

/** Removes a mailbox's summaries, counts and bodies. The caller holds the state lock. */
export async function removeInbox(mailboxId: string): Promise<void> {
  const { [mailboxId]: _gone, ...counts } = await mailCountsItem.getValue();
  await storage.setItem(inboxKey(mailboxId), null);
  await mailCountsItem.setValue(counts);
  await deleteBodies(mailboxId);
}

// --- bodies (IndexedDB) ---

const BODIES = 'bodies';
/** Bodies written whose summaries are not yet in storage.local: replayed at start-up (see recoverPending). */
const PENDING = 'pending';

const mailDb = database('mayfly-mail', 1, (db) => {
  db.createObjectStore(BODIES, { keyPath: ['mailboxId', 'id'] });
  db.createObjectStore(PENDING, { keyPath: 'mailboxId' });
});

/** Every key [mailboxId, id] of one mailbox: arrays sort after strings, so [mailboxId, []] bounds them. */
const ofMailbox = (mailboxId: string) => IDBKeyRange.bound([mailboxId], [mailboxId, []]);

interface PendingRecord {
  mailboxId: string;
  summaries: MessageSummary[];
}

/**
 * Writes bodies in one transaction. With `journal`, the summaries that will point at them are written
 * beside them (same transaction): if the worker stops before the summaries reach storage.local, the next
 * start finds them there and nothing fetched is lost (TempMail.lol hands each message out once).
 */
export async function writeBodies(
  bodies: readonly MessageBody[],
  journal?: { mailboxId: string; summaries: MessageSummary[] },
): Promise<void> {
  if (bodies.length === 0 && !journal) return;
  await mailDb.run([BODIES, PENDING], 'readwrite', (tx) => {
    const store = tx.objectStore(BODIES);
    for (const b of bodies) store.put(b);
    if (journal) tx.objectStore(PENDING).put(journal satisfies PendingRecord);
    return undefined;
  });
}

export async function clearJournal(mailboxId: string): Promise<void> {
  await mailDb.run(PENDING, 'readwrite', (tx) => tx.objectStore(PENDING).delete(mailboxId));
}

/** Journals left by a worker that stopped between writing bodies and their summaries (normally none). */
export async function pendingJournals(): Promise<PendingRecord[]> {
  return ((await mailDb.run(PENDING, 'readonly', (tx) => tx.objectStore(PENDING).getAll())) ??
    []) as PendingRecord[];
}

export async function readBody(mailboxId: string, id: string): Promise<MessageBody | undefined> {
  return (await mailDb.run(BODIES, 'readonly', (tx) => tx.objectStore(BODIES).get([mailboxId, id]))) as
    | MessageBody
    | undefined;
}

/** Every body of one mailbox (export). */
export async function readBodies(mailboxId: string): Promise<MessageBody[]> {
  return ((await mailDb.run(BODIES, 'readonly', (tx) =>
    tx.objectStore(BODIES).getAll(ofMailbox(mailboxId)),
  )) ?? []) as MessageBody[];
}

/** The message ids with a stored body in one mailbox (the migration checks its copy with these). */
export async function bodyIds(mailboxId: string): Promise<Set<string>> {
  const keys = (await mailDb.run(BODIES, 'readonly', (tx) =>
    tx.objectStore(BODIES).getAllKeys(ofMailbox(mailboxId)),
  )) as [string, string][] | undefined;
  return new Set((keys ?? []).map((k) => k[1]));
}

/** Deletes some bodies of a mailbox, or all of them when `ids` is omitted. */
export async function deleteBodies(mailboxId: string, ids?: readonly string[]): Promise<void> {
  if (ids && ids.length === 0) return;
  await mailDb.run(BODIES, 'readwrite', (tx) => {
    const store = tx.objectStore(BODIES);
    if (!ids) return store.delete(ofMailbox(mailboxId));
    for (const id of ids) store.delete([mailboxId, id]);
    return undefined;
  });
}

/** One stored message, summary and body, or undefined when its summary is gone. */
export async function readMessage(mailboxId: string, id: string): Promise<StoredMessage | undefined> {
  const summary = (await readInbox(mailboxId)).find((m) => m.id === id);
  if (!summary) return undefined;
  return joinMessage(summary, await readBody(mailboxId, id));
}

/** For tests: forget the cached connection (fake-indexeddb is swapped between tests). */
export function resetMailConnection(): void {
  mailDb.reset();
}
