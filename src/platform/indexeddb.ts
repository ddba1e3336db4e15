/**
 * One record kept in this browser's IndexedDB. Each call opens the database and closes it when
 * done: a connection left open would block deleting it (deleteDatabase waits for every
 * connection to close). Where IndexedDB is missing (Node, some private modes) nothing is kept.
 */
const available = () => typeof indexedDB !== 'undefined';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export interface KeptRecord<T> {
  get(): Promise<T | undefined>;
  put(value: T): Promise<void>;
  /** Deletes the whole database: nothing of ours is left in IndexedDB. */
  clear(): Promise<void>;
}

export function keptRecord<T>(dbName: string, storeName: string, key: string): KeptRecord<T> {
  function open(): Promise<IDBDatabase> {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    return done(request).then((db) => {
      // Another tab forgetting the data must not wait for us.
      db.onversionchange = () => db.close();
      return db;
    });
  }

  async function withStore<R>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest<R>,
  ): Promise<R> {
    const db = await open();
    try {
      const tx = db.transaction(storeName, mode);
      const committed = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () =>
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
      });
      const [result] = await Promise.all([done(work(tx.objectStore(storeName))), committed]);
      return result;
    } finally {
      db.close();
    }
  }

  return {
    async get() {
      if (!available()) return undefined;
      return (await withStore('readonly', (store) => store.get(key))) as T | undefined;
    },
    async put(value) {
      if (!available()) return;
      await withStore('readwrite', (store) => store.put(value, key));
    },
    async clear() {
      if (!available()) return;
      await done(indexedDB.deleteDatabase(dbName));
    },
  };
}
