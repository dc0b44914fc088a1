/**
 * A tiny key-value store on IndexedDB. localStorage is written to disk lazily by Chromium (a crash
 * seconds after a change can lose it), so what must survive a crash lives here.
 */
const DB_NAME = 'bouwplaats-app';
const STORE = 'kv';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Site data cleared or storage lost: the next call opens (and if need be creates) it again.
      db.onclose = () => {
        if (dbPromise === opened) dbPromise = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  const opened = dbPromise;
  opened.catch(() => {
    if (dbPromise === opened) dbPromise = null;
  });
  return opened;
}

/**
 * Runs one request in a transaction; when the connection turns out to be closing (see openDb),
 * once more on a new one.
 */
async function run<T>(mode: IDBTransactionMode, op: (tx: IDBTransaction) => IDBRequest | null, result: (request: IDBRequest | null) => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const db = await openDb();
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode);
    } catch (error) {
      if (dbPromise) dbPromise = null;
      if (attempt === 0 && (error as DOMException).name === 'InvalidStateError') continue;
      throw error;
    }
    const request = op(tx);
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(result(request));
      tx.onabort = () => reject(tx.error);
    });
  }
}

export function kvGet(key: string): Promise<unknown> {
  return run('readonly', (tx) => tx.objectStore(STORE).get(key), (request) => request?.result);
}

export function kvSet(key: string, value: unknown): Promise<void> {
  return run(
    'readwrite',
    (tx) => {
      tx.objectStore(STORE).put(value, key);
      return null;
    },
    () => undefined,
  );
}
