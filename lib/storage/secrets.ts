import type { MailboxCredentials, ProviderId } from '../core/types';
import { DEFAULT_BASE_URLS } from '../core/settings';
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

/**
 * A saved API key and the origin it was saved for. The key is handed out only for that origin, so a base
 * URL changed anywhere but through Options with the key (in Firefox a content script can rewrite settings in
 * storage.local, which has no access levels there) gets no key: settings cannot redirect it.
 */
interface BoundApiKey {
  key: string;
  origin: string;
}

/** The origin of an http(s) address, or null. */
export function apiOrigin(url: string | undefined): string | null {
  try {
    const parsed = new URL(url?.trim() ?? '');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

async function readApiKey(provider: ProviderId): Promise<BoundApiKey | undefined> {
  const v: unknown = await tx('readonly', (s) => s.get(apiKeyKey(provider)));
  if (typeof v === 'string') {
    // Saved before keys were bound to an origin: it stays valid for the provider's default API only.
    const origin = apiOrigin(DEFAULT_BASE_URLS[provider]);
    return v !== '' && origin ? { key: v, origin } : undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { key, origin } = v as Partial<BoundApiKey>;
  return typeof key === 'string' && key !== '' && typeof origin === 'string' ? { key, origin } : undefined;
}

/** The key saved for `provider`, only when it was saved for the origin of `baseUrl`. */
export async function getApiKey(
  provider: ProviderId,
  baseUrl: string | undefined,
): Promise<string | undefined> {
  const saved = await readApiKey(provider);
  const origin = apiOrigin(baseUrl);
  return saved && origin !== null && saved.origin === origin ? saved.key : undefined;
}

/** The origin the saved key belongs to, or null when no key is saved. Never the key itself. */
export async function getApiKeyOrigin(provider: ProviderId): Promise<string | null> {
  return (await readApiKey(provider))?.origin ?? null;
}

/** Saves (or, with no key, forgets) the key for the API at `baseUrl`, bound to its origin. */
export async function setApiKey(
  provider: ProviderId,
  key: string | undefined,
  baseUrl: string,
): Promise<void> {
  const trimmed = key?.trim();
  const origin = apiOrigin(baseUrl);
  if (!trimmed) {
    await tx('readwrite', (s) => s.delete(apiKeyKey(provider)));
    return;
  }
  if (!origin) throw new Error('An API key is saved only for an http(s) API address.');
  const bound: BoundApiKey = { key: trimmed, origin };
  await tx('readwrite', (s) => s.put(bound, apiKeyKey(provider)));
}

/** The person chose "use my saved key with this address": binds the saved key to the origin of `baseUrl`. */
export async function rebindApiKey(provider: ProviderId, baseUrl: string): Promise<boolean> {
  const saved = await readApiKey(provider);
  const origin = apiOrigin(baseUrl);
  if (!saved || !origin) return false;
  const bound: BoundApiKey = { key: saved.key, origin };
  await tx('readwrite', (s) => s.put(bound, apiKeyKey(provider)));
  return true;
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
