/**
 * The last analysis, kept in this browser's IndexedDB (database `segment`) so that closing and
 * reopening the app, online or offline, brings it back. It holds results and settings, never the
 * raw file. Each call opens the database and closes it when done: a connection left open would
 * block "Forget my data" (deleteDatabase waits for every connection to close).
 */
import type { ModelName } from '../core/validation/models.ts';
import type { ClusterOptions } from '../core/pipeline.ts';
import type { ClusterView, PreparedView, SegmentView } from '../core/results.ts';
import type { ColumnMapping, DateFormat } from '../core/types.ts';
import type { AnalysisSnapshot, DbscanChoice } from '../worker/analysis.api.ts';

export const DB_NAME = 'segment';
const STORE = 'sessions';
const KEY = 'last';
/** Bump when the record's shape changes; older records are then dropped, not misread. */
export const SESSION_VERSION = 1;

export interface SavedSession {
  version: typeof SESSION_VERSION;
  /** Date.now() of the save. */
  savedAt: number;
  fileName: string;
  settings: {
    mapping: ColumnMapping;
    dateFormat: DateFormat | null;
    nonProductCodes: string[];
    clusterOptions: ClusterOptions;
    k: number;
    segmentNames: Record<string, Record<number, string>>;
    /** Absent in sessions saved before other models could be chosen: k-means. */
    model?: ModelName | undefined;
    dbscan?: DbscanChoice | undefined;
  };
  views: { prepared: PreparedView; clustering: ClusterView; segmentation: SegmentView };
  /** The worker's state (customers, clustering), restored with `api.restore`. */
  snapshot: AnalysisSnapshot;
}

const available = () => typeof indexedDB !== 'undefined';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return done(request).then((db) => {
    // Another tab forgetting the data must not wait for us.
    db.onversionchange = () => db.close();
    return db;
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const [result] = await Promise.all([done(work(tx.objectStore(STORE))), committed]);
    return result;
  } finally {
    db.close();
  }
}

export async function saveSession(session: SavedSession): Promise<void> {
  if (!available()) return;
  await withStore('readwrite', (store) => store.put(session, KEY));
}

/** The saved session, or null when there is none (or it was written by an older version). */
export async function loadSession(): Promise<SavedSession | null> {
  if (!available()) return null;
  const record = (await withStore('readonly', (store) => store.get(KEY))) as
    SavedSession | undefined;
  if (!record) return null;
  if (record.version !== SESSION_VERSION) {
    await clearSession();
    return null;
  }
  return record;
}

/** Deletes the whole database: nothing of ours is left in IndexedDB. */
export async function clearSession(): Promise<void> {
  if (!available()) return;
  await done(indexedDB.deleteDatabase(DB_NAME));
}
