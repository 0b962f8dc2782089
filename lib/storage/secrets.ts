import type { MailboxCredentials, ProviderId } from '../core/types';
import { database } from './idb';

/**
 * Secrets: API keys and per-mailbox credentials (tokens). They live in IndexedDB of the extension's own
 * origin, not in storage.local: content scripts (which share a renderer with the web page) can read
 * storage.local in every browser, but never the extension origin's IndexedDB. Never synced, never logged.
 * Only the background and extension pages import this module.
 */

const STORE = 'secrets';
const db = database('mayfly-secrets', 1, (d) => d.createObjectStore(STORE));

function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db.run(STORE, mode, (t) => run(t.objectStore(STORE))) as Promise<T>;
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
  db.reset();
}
