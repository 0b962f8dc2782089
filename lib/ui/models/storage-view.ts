import type { ReadableItem } from './deps';
import type { Prefetched } from './storage-prefetch';

type LocalKey = `local:${string}`;

/** What the view needs of WXT's `storage` (the real one, or an in-memory one in tests). */
export interface StorageReader {
  getItems(keys: LocalKey[]): Promise<{ key: string; value: unknown }[]>;
  watch<T>(key: LocalKey, callback: (value: T | null) => void): () => void;
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
