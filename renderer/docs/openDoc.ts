import * as Y from 'yjs';
import { DocStorage, deleteDatabase, type SaveState } from './docStorage';
import { removeAbandonedNotes } from './freshNotes';

export type { SaveState };

/** A Y.Doc with its IndexedDB copy, and whether every change on screen is on disk yet. */
export interface StoredDoc {
  readonly name: string;
  readonly doc: Y.Doc;
  saveState(): SaveState;
  onSaveState(listener: (state: SaveState) => void): () => void;
  /** Resolves when everything written so far is committed to IndexedDB; rejects when a write fails. */
  flushed(): Promise<void>;
  /** This device's own notes about the doc (never synced), written together with its changes. */
  getLocal(key: string): unknown;
  /** The keys of those notes that start with `prefix`. */
  localKeys(prefix: string): string[];
  /** Stores a note (undefined removes it). */
  setLocal(key: string, value: unknown): void;
}

interface Entry {
  stored: StoredDoc;
  storage: DocStorage;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
  /** What watchers asked to run when the doc closes. */
  unwatch: (() => void)[];
  closed: boolean;
}

const open = new Map<string, Promise<Entry>>();

/** Hears of every doc this page opens; what it returns runs when that doc is closed or deleted. */
export type DocWatcher = (stored: StoredDoc) => (() => void) | void;
const watchers = new Set<DocWatcher>();

function attach(entry: Entry, watcher: DocWatcher): void {
  if (entry.closed) return;
  const stop = watcher(entry.stored);
  if (stop) entry.unwatch.push(stop);
}

function close(entry: Entry): void {
  entry.closed = true;
  for (const stop of entry.unwatch.splice(0)) stop();
  entry.storage.destroy();
  entry.stored.doc.destroy();
}

/**
 * Calls `watcher` for every doc open now and every doc opened later, whoever opens it (a screen,
 * the live room, a one-off read): how the session's owner keeps each open board's note count.
 */
export function watchOpenDocs(watcher: DocWatcher): () => void {
  watchers.add(watcher);
  for (const pending of open.values()) void pending.then((entry) => watchers.has(watcher) && attach(entry, watcher), () => {});
  return () => watchers.delete(watcher);
}

async function create(name: string): Promise<Entry> {
  const doc = new Y.Doc();
  const storage = await DocStorage.open(name, doc);
  const stored: StoredDoc = {
    name,
    doc,
    saveState: () => storage.saveState(),
    onSaveState: (listener) => storage.onSaveState(listener),
    flushed: () => storage.flushed(),
    getLocal: (key) => storage.getLocal(key),
    localKeys: (prefix) => storage.localKeys(prefix),
    setLocal: (key, value) => storage.setLocal(key, value),
  };
  // A note this device created and left empty when the page went (reload, closed tab, crash).
  await removeAbandonedNotes(stored);
  const entry: Entry = { stored, storage, refs: 0, closeTimer: null, unwatch: [], closed: false };
  for (const watcher of watchers) attach(entry, watcher);
  return entry;
}

/**
 * Opens (or shares) the doc called `name`. Call the returned release function when done; the doc is
 * closed a little later so that moving between screens does not reload it.
 */
export async function acquireDoc(name: string): Promise<{ stored: StoredDoc; release: () => void }> {
  let found = open.get(name);
  if (!found) {
    found = create(name);
    open.set(name, found);
    found.catch(() => open.delete(name));
  }
  const promise = found;
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
        entry.closeTimer = null;
        // While storage is failing the doc in memory is the only copy: close it once it is on disk,
        // and not at all if someone opened it again meanwhile.
        void entry.storage.saved().then(() => {
          if (entry.refs > 0 || open.get(name) !== promise) return;
          open.delete(name);
          close(entry);
        });
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
    const entry = await promise.catch(() => null);
    if (entry?.closeTimer) clearTimeout(entry.closeTimer);
    if (entry) close(entry);
  }
  await deleteDatabase(name);
}
