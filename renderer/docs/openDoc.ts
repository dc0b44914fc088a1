import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';

export type SaveState = 'saved' | 'saving' | 'error';

/** A Y.Doc with its IndexedDB copy, and whether every change on screen is on disk yet. */
export interface StoredDoc {
  readonly name: string;
  readonly doc: Y.Doc;
  saveState(): SaveState;
  onSaveState(listener: (state: SaveState) => void): () => void;
  /** Resolves when everything written so far is committed to IndexedDB. */
  flushed(): Promise<void>;
}

interface Entry {
  stored: StoredDoc;
  persistence: IndexeddbPersistence;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

const open = new Map<string, Promise<Entry>>();

async function create(name: string): Promise<Entry> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const db = persistence.db as IDBDatabase;
  let state: SaveState = 'saved';
  let pending = 0;
  const listeners = new Set<(s: SaveState) => void>();
  const setState = (next: SaveState) => {
    if (next === state) return;
    state = next;
    listeners.forEach((l) => l(next));
  };
  // y-indexeddb queues each update in a readwrite transaction from its own 'update' listener,
  // registered before ours. A readonly transaction on the same store opened afterwards completes
  // only once that write has committed, so its completion means "on disk".
  const waitForWrites = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(['updates'], 'readonly');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === persistence) return;
    pending++;
    setState('saving');
    waitForWrites().then(
      () => {
        pending--;
        if (pending === 0) setState('saved');
      },
      () => {
        pending--;
        setState('error');
      },
    );
  });
  const stored: StoredDoc = {
    name,
    doc,
    saveState: () => state,
    onSaveState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flushed: waitForWrites,
  };
  return { stored, persistence, refs: 0, closeTimer: null };
}

/**
 * Opens (or shares) the doc called `name`. Call the returned release function when done; the doc is
 * closed a little later so that moving between screens does not reload it.
 */
export async function acquireDoc(name: string): Promise<{ stored: StoredDoc; release: () => void }> {
  let promise = open.get(name);
  if (!promise) {
    promise = create(name);
    open.set(name, promise);
    promise.catch(() => open.delete(name));
  }
  const entry = await promise;
  entry.refs++;
  if (entry.closeTimer) {
    clearTimeout(entry.closeTimer);
    entry.closeTimer = null;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    entry.refs--;
    if (entry.refs === 0) {
      entry.closeTimer = setTimeout(() => {
        if (entry.refs > 0) return;
        open.delete(name);
        void entry.stored.flushed().finally(() => entry.stored.doc.destroy());
      }, 30_000);
    }
  };
  return { stored: entry.stored, release };
}

/** Runs fn with the doc open, then releases it. */
export async function withDoc<T>(name: string, fn: (stored: StoredDoc) => Promise<T> | T): Promise<T> {
  const { stored, release } = await acquireDoc(name);
  try {
    const result = await fn(stored);
    await stored.flushed();
    return result;
  } finally {
    release();
  }
}

/** Deletes a doc's IndexedDB copy for good (after closing it if open). */
export async function deleteStoredDoc(name: string): Promise<void> {
  const promise = open.get(name);
  if (promise) {
    open.delete(name);
    const entry = await promise;
    if (entry.closeTimer) clearTimeout(entry.closeTimer);
    await entry.persistence.destroy();
    entry.stored.doc.destroy();
  }
  await clearDocument(name);
}
