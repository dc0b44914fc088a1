import * as Y from 'yjs';
import { parseDocName, type DocKind } from '../../shared/schema/docNames';
import type { DocAccess } from '../../shared/schema/docVersion';
import { DocStorage, deleteDatabase, rewriteDatabase, type SaveState } from './docStorage';
import { DocVersionWatch } from './docVersionWatch';
import { cleanUpAbandonedNotes } from './freshNotes';

export type { DocAccess, SaveState };

/**
 * A Y.Doc with its IndexedDB copy, whether every change on screen is on disk yet, and whether
 * this app may change it at all.
 */
export interface StoredDoc {
  readonly name: string;
  readonly kind: DocKind;
  readonly doc: Y.Doc;
  /**
   * Read-only (with the reason) when the doc was written by a newer Bouwplaats, also when such a
   * version arrives while it is open (docVersionWatch.ts). Screens must then write nothing into it.
   */
  access(): DocAccess;
  onAccess(listener: (access: DocAccess) => void): () => void;
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
  version: DocVersionWatch;
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
  entry.version.stop();
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
  const kind = parseDocName(name)?.kind;
  if (!kind) throw new RangeError(`Not a doc name: ${name}`);
  const doc = new Y.Doc();
  const storage = await DocStorage.open(name, doc);
  // Migrated before any screen sees it (and before anything below writes into it).
  const version = new DocVersionWatch(doc, kind);
  const stored: StoredDoc = {
    name,
    kind,
    doc,
    access: () => version.access(),
    onAccess: (listener) => version.onChange(listener),
    saveState: () => storage.saveState(),
    onSaveState: (listener) => storage.onSaveState(listener),
    flushed: () => storage.flushed(),
    getLocal: (key) => storage.getLocal(key),
    localKeys: (prefix) => storage.localKeys(prefix),
    setLocal: (key, value) => storage.setLocal(key, value),
  };
  const entry: Entry = { stored, storage, version, refs: 0, closeTimer: null, unwatch: [], closed: false };
  // A note this device created and left empty when the page went (reload, closed tab, crash).
  await cleanUpAbandonedNotes(stored, () => !entry.closed);
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

/** Thrown by writers given a read-only doc (StoredDoc.access): nothing was written. */
export class ReadOnlyDocError extends Error {
  constructor(readonly docName: string) {
    super(`${docName} is read-only: a newer Bouwplaats wrote it`);
  }
}

/** Throws ReadOnlyDocError unless this app may write into the doc now. */
export function assertWritable(stored: StoredDoc): void {
  if (stored.access().readOnly) throw new ReadOnlyDocError(stored.name);
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

/** Closes the doc on this page now if it is open, whoever holds it (they must not use it after). */
async function closeNow(name: string): Promise<void> {
  const promise = open.get(name);
  if (!promise) return;
  open.delete(name);
  const entry = await promise.catch(() => null);
  if (entry?.closeTimer) clearTimeout(entry.closeTimer);
  if (entry) close(entry);
}

/** Deletes a doc's IndexedDB copy for good (after closing it if open). */
export async function deleteStoredDoc(name: string): Promise<void> {
  await closeNow(name);
  await deleteDatabase(name);
}

/**
 * Replaces a doc's IndexedDB copy with `update` (empty when null) and this device's notes `local`
 * (after closing it if open: call it when no screen or connection holds the doc). The next
 * acquireDoc opens what was written.
 */
export async function replaceStoredDoc(name: string, update: Uint8Array | null, local: ReadonlyMap<string, unknown>): Promise<void> {
  await closeNow(name);
  await rewriteDatabase(name, update, local);
}
