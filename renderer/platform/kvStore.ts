/**
 * A tiny key-value store on IndexedDB. localStorage is written to disk lazily by Chromium (a crash
 * seconds after a change can lose it), so what must survive a crash lives here.
 *
 * The browser can close the connection under us (site data cleared or evicted, storage lost). The
 * next call then opens the database again, creating it if it was deleted, and everything this page
 * has read or written is put back, so that a live participant still rejoins after a reload.
 */
const DB_NAME = 'bouwplaats-app';
const STORE = 'kv';
const RESTORE_RETRY_MS = [200, 1000, 5000] as const;

let dbPromise: Promise<IDBDatabase> | null = null;
/** Every value this page has read or written, to put back after the database was lost. */
const known = new Map<string, unknown>();

function openDb(): Promise<IDBDatabase> {
  if (dbPromise) return dbPromise;
  const opened = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      db.onclose = () => {
        if (dbPromise === opened) dbPromise = null;
        restore(0);
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  dbPromise = opened;
  opened.catch(() => {
    if (dbPromise === opened) dbPromise = null;
  });
  return opened;
}

/** Puts back what this page knows, trying again a few times while storage stays away. */
function restore(attempt: number): void {
  const wait = RESTORE_RETRY_MS[attempt];
  if (wait === undefined || known.size === 0) return;
  setTimeout(() => {
    const entries = [...known];
    run('readwrite', (store) => {
      for (const [key, value] of entries) store.put(value, key);
      return null;
    }).catch(() => restore(attempt + 1));
  }, wait);
}

/** Runs requests in one transaction; once more on a new connection if this one is closing. */
async function run(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest | null): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const db = await openDb();
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode);
    } catch (error) {
      dbPromise = null;
      if (attempt === 0 && (error as DOMException).name === 'InvalidStateError') continue;
      throw error;
    }
    const request = op(tx.objectStore(STORE));
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(request?.result);
      tx.onabort = () => reject(tx.error);
    });
  }
}

export async function kvGet(key: string): Promise<unknown> {
  const value = await run('readonly', (store) => store.get(key));
  if (value !== undefined && !known.has(key)) known.set(key, value);
  return value;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  known.set(key, value);
  await run('readwrite', (store) => {
    store.put(value, key);
    return null;
  });
}
