import type { ReadableItem } from './deps';
import type { Prefetched } from './storage-prefetch';

type LocalKey = `local:${string}`;

/** What the view needs of storage: WXT's `storage` fits, and so does browserStorageReader below. */
export interface StorageReader {
  getItems(keys: LocalKey[]): Promise<{ key: string; value: unknown }[]>;
  watch<T>(key: LocalKey, callback: (value: T | null) => void): () => void;
}

/** The part of `browser.storage` the reader below uses. */
export interface BrowserStorage {
  local: { get(keys: string[]): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: StorageChangeListener): void;
    removeListener(listener: StorageChangeListener): void;
  };
}
type StorageChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;

/**
 * storage.local read directly (`local:settings` is the key `settings`), for pages that need nothing else
 * of WXT's storage module: the popup leaves that module (about 8 KB) out of its first paint.
 */
export function browserStorageReader(api: BrowserStorage): StorageReader {
  const name = (key: LocalKey) => key.slice('local:'.length);
  return {
    async getItems(keys) {
      const values = await api.local.get(keys.map(name));
      return keys.map((key) => ({ key, value: values[name(key)] ?? null }));
    },
    watch<T>(key: LocalKey, callback: (value: T | null) => void) {
      const listener: StorageChangeListener = (changes, areaName) => {
        const change = areaName === 'local' ? changes[name(key)] : undefined;
        if (change) callback((change.newValue as T | undefined) ?? null);
      };
      api.onChanged.addListener(listener);
      return () => api.onChanged.removeListener(listener);
    },
  };
}

/**
 * Read-only storage items for extension pages, whose reads issued in the same tick travel as one
 * storage.local.get: the popup's first paint waits on one round trip to the browser process for its
 * state and one for the shown inbox, not one per item. Unlike WXT's defineItem, making an item reads
 * nothing; only getValue does. With `prefetched` (the popup's early reads), a first read of a key that was
 * read early and has not changed since is answered from there.
 */
export function createStorageView(reader: StorageReader, prefetched?: Prefetched) {
  interface Pending {
    key: LocalKey;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  let queued: Pending[] | null = null;

  function flush(): void {
    const batch = queued ?? [];
    queued = null;
    const keys = [...new Set(batch.map((p) => p.key))];
    reader.getItems(keys).then(
      (results) => {
        const values = new Map(results.map((r) => [r.key, r.value]));
        for (const p of batch) p.resolve(values.get(p.key) ?? null);
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  }

  async function read(key: LocalKey): Promise<unknown> {
    const early = prefetched ? await prefetched.take(key) : 'miss';
    if (early !== 'miss') return early.value;
    return readNow(key);
  }

  function readNow(key: LocalKey): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!queued) {
        queued = [];
        queueMicrotask(flush);
      }
      queued.push({ key, resolve, reject });
    });
  }

  /** An item at `key`; `fallback` makes the value shown when nothing is stored (a fresh one each time). */
  function item<T>(key: LocalKey, fallback: () => T): ReadableItem<T> {
    return {
      getValue: async () => ((await read(key)) as T | null) ?? fallback(),
      watch: (callback) => reader.watch<T>(key, (value) => callback(value ?? fallback())),
    };
  }

  return { item };
}
