/**
 * The little IndexedDB plumbing the extension's own stores share (secrets, mail bodies). IndexedDB of the
 * extension origin is reachable from the background and extension pages only, never from a content script
 * or a web page, in Chrome and in Firefox.
 */

export interface Database {
  /** Runs `work` in one transaction over `stores` and resolves when the transaction commits. */
  run<T>(
    stores: string | string[],
    mode: IDBTransactionMode,
    work: (tx: IDBTransaction) => IDBRequest<T> | undefined,
  ): Promise<T | undefined>;
  /** Forgets the cached connection (tests swap the IndexedDB factory between cases). */
  reset(): void;
}

export function database(
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, from: number) => void,
): Database {
  let connection: Promise<IDBDatabase> | undefined;

  function open(): Promise<IDBDatabase> {
    connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = (e) => upgrade(req.result, e.oldVersion);
      req.onsuccess = () => {
        const db = req.result;
        // Another context upgrading the database asks this one to let go.
        db.onversionchange = () => {
          db.close();
          connection = undefined;
        };
        resolve(db);
      };
      req.onerror = () => {
        connection = undefined;
        reject(req.error ?? new Error(`Cannot open ${name}`));
      };
    });
    return connection;
  }

  return {
    async run(stores, mode, work) {
      const db = await open();
      return new Promise((resolve, reject) => {
        const tx = db.transaction(stores, mode);
        const req = work(tx);
        tx.oncomplete = () => resolve(req?.result);
        tx.onerror = () => reject(tx.error ?? req?.error ?? new Error(`${name}: transaction failed`));
        tx.onabort = () => reject(tx.error ?? new Error(`${name}: transaction aborted`));
      });
    },
    reset() {
      connection = undefined;
    },
  };
}
