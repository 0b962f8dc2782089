import type { MailboxCredentials, ProviderId } from '../core/types';

/**
 * Secrets: API keys and per-mailbox credentials (tokens). They live in IndexedDB of the extension's own
 * origin, not in storage.local: content scripts (which share a renderer with the web page) can read
 * storage.local in every browser, but never the extension origin's IndexedDB. Never synced, never logged.
 * Only the background and extension pages import this module.
 */

const DB_NAME = 'mayfly-secrets';
const STORE = 'secrets';

let dbPromise: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      dbPromise = undefined;
      reject(req.error ?? new Error('Cannot open the secrets store'));
    };
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = run(t.objectStore(STORE));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error ?? req.error);
    t.onabort = () => reject(t.error ?? new Error('Secrets transaction aborted'));
  });
}

const apiKeyKey = (p: ProviderId) => `apiKey:${p}`;
const credKey = (mailboxId: string) => `mailbox:${mailboxId}`;

export async function getApiKey(provider: ProviderId): Promise<string | undefined> {
  const v = await tx('readonly', (s) => s.get(apiKeyKey(provider)));
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export async function setApiKey(provider: ProviderId, key: string | undefined): Promise<void> {
  const trimmed = key?.trim();
  if (!trimmed) await tx('readwrite', (s) => s.delete(apiKeyKey(provider)));
  else await tx('readwrite', (s) => s.put(trimmed, apiKeyKey(provider)));
}

export async function getCredentials(mailboxId: string): Promise<MailboxCredentials | undefined> {
  return (await tx('readonly', (s) => s.get(credKey(mailboxId)))) as MailboxCredentials | undefined;
}

export async function setCredentials(mailboxId: string, creds: MailboxCredentials): Promise<void> {
  await tx('readwrite', (s) => s.put(creds, credKey(mailboxId)));
}

export async function deleteCredentials(mailboxId: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(credKey(mailboxId)));
}

/** For tests: forget the cached connection (fake-indexeddb is reset between tests). */
export function resetSecretsConnection(): void {
  dbPromise = undefined;
}
