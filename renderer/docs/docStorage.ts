import * as Y from 'yjs';

export type SaveState = 'saved' | 'saving' | 'error';

/** y-indexeddb's layout, kept so that every database written before opens as it was. */
const UPDATES = 'updates';
const LOCAL = 'custom';
/** Above this many stored updates the store is compacted into one (y-indexeddb's figure). */
const COMPACT_AFTER = 500;
const COMPACT_DELAY_MS = 1000;
/** Waits between attempts to reopen storage after a failure: quick at first, then every 5 s. */
const RETRY_MS = [100, 500, 1000, 2000, 5000] as const;

/**
 * A Y.Doc's copy in IndexedDB: database = the doc's name; store `updates` holds Yjs updates under
 * auto-increment keys, store `custom` this device's own notes about the doc (never synced).
 *
 * Why not y-indexeddb (which wrote this layout before): its 'update' listener calls
 * IDBDatabase.transaction synchronously, and that throws once the connection is closed — site
 * data cleared or evicted, a disk error, Safari dropping a backgrounded tab's storage. A listener
 * that throws inside Yjs's update event stops every listener after it and leaves the doc's
 * transaction chain broken: the board stopped syncing and drawing while it still said "Alles
 * bewaard" (issue 6, item 17). Here nothing that runs inside Yjs can throw; changes are written in
 * one transaction per task; a failed write reopens the database (creating it again if it was
 * deleted) and writes the whole state, retrying until it succeeds; and the save state says what
 * really happened.
 */
export class DocStorage {
  private db: IDBDatabase | null = null;
  private state: SaveState = 'saving';
  private readonly listeners = new Set<(state: SaveState) => void>();
  private readonly queue: Uint8Array[] = [];
  private readonly local = new Map<string, unknown>();
  private readonly localDirty = new Set<string>();
  /** The next write must carry the whole state: an earlier write (or the database) was lost. */
  private rewrite = false;
  private writing = false;
  private scheduled = false;
  private destroyed = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  /** Updates written since the store was last read whole or compacted. */
  private stored = 0;
  /** Highest key read back: keys above it may hold other tabs' updates. */
  private readKey = 0;
  /** Counts what was queued, and what of it is on disk (see flushed). */
  private queued = 0;
  private committed = 0;
  private waiters: { upTo: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private lastError: unknown = null;

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
  ) {
    doc.on('update', this.onUpdate);
  }

  /**
   * Opens the doc's database and loads it into `doc`. When storage cannot be opened at all, the doc
   * opens empty with the save state 'error' and storage is tried again and again; what it holds is
   * merged in when it opens. Never rejects.
   */
  static async open(name: string, doc: Y.Doc): Promise<DocStorage> {
    const storage = new DocStorage(name, doc);
    try {
      await storage.connect();
      storage.setState(storage.queue.length || storage.localDirty.size ? 'saving' : 'saved');
      storage.schedule();
    } catch (error) {
      storage.fail(error);
    }
    return storage;
  }

  saveState(): SaveState {
    return this.state;
  }

  onSaveState(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The value stored under `key` in this device's notes about the doc. */
  getLocal(key: string): unknown {
    return this.local.get(key);
  }

  /** The keys of this device's notes about the doc that start with `prefix`. */
  localKeys(prefix: string): string[] {
    return [...this.local.keys()].filter((key) => key.startsWith(prefix));
  }

  /**
   * Stores `value` under `key` (undefined removes it), in the same IndexedDB transaction as the
   * doc's next changes.
   */
  setLocal(key: string, value: unknown): void {
    if (value === undefined) this.local.delete(key);
    else this.local.set(key, value);
    this.localDirty.add(key);
    this.queued++;
    this.setState(this.state === 'error' ? 'error' : 'saving');
    this.schedule();
  }

  /**
   * Resolves when everything queued so far is on disk; rejects when a write fails meanwhile (the
   * doc keeps it in memory and storage keeps trying).
   */
  flushed(): Promise<void> {
    if (this.committed >= this.queued && !this.rewrite) return Promise.resolve();
    if (this.state === 'error') return Promise.reject(this.lastError ?? new Error('storage unavailable'));
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.queued, resolve, reject }));
  }

  /** Resolves once everything is on disk, however long storage takes to come back. */
  saved(): Promise<void> {
    if (this.state === 'saved') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onSaveState((state) => {
        if (state !== 'saved') return;
        off();
        resolve();
      });
    });
  }

  /** Stops writing and closes the database. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.closeDb();
    this.listeners.clear();
  }

  // Inside Yjs's update event: must never throw (see the class comment).
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    try {
      this.queue.push(update);
      this.queued++;
      if (this.state === 'saved') this.setState('saving');
      this.schedule();
    } catch {
      // Nothing here can fail short of running out of memory; still, Yjs must go on.
    }
  };

  private schedule(): void {
    if (this.scheduled || this.destroyed) return;
    this.scheduled = true;
    // A microtask: the changes of one task go in one write, and a change made while the page is
    // being hidden is handed to IndexedDB before the page goes.
    queueMicrotask(() => {
      this.scheduled = false;
      this.write();
    });
  }

  private write(): void {
    const db = this.db;
    if (!db || this.writing || this.destroyed) return;
    if (!this.rewrite && this.queue.length === 0 && this.localDirty.size === 0) return;
    const full = this.rewrite;
    const updates = full ? [Y.encodeStateAsUpdate(this.doc)] : this.queue.slice();
    const localKeys = full ? [...this.local.keys()] : [...this.localDirty];
    const upTo = this.queued;
    this.queue.length = 0;
    this.localDirty.clear();
    this.rewrite = false;
    try {
      const tx = db.transaction([UPDATES, LOCAL], 'readwrite');
      const store = tx.objectStore(UPDATES);
      for (const update of updates) store.add(update);
      const local = tx.objectStore(LOCAL);
      for (const key of localKeys) {
        if (this.local.has(key)) local.put(this.local.get(key), key);
        else local.delete(key);
      }
      this.writing = true;
      tx.oncomplete = () => {
        this.writing = false;
        this.failures = 0;
        this.stored += updates.length;
        this.committed = Math.max(this.committed, upTo);
        this.settleWaiters();
        if (this.queue.length || this.localDirty.size || this.rewrite) this.write();
        else this.setState('saved');
        if (this.stored >= COMPACT_AFTER) this.compactSoon();
      };
      tx.onabort = () => {
        this.writing = false;
        this.lost(localKeys);
        this.fail(tx.error);
      };
    } catch (error) {
      this.writing = false;
      this.lost(localKeys);
      this.fail(error);
    }
  }

  /** A write did not happen: its updates are in the doc (the rewrite carries them), its local values are written again. */
  private lost(localKeys: readonly string[]): void {
    this.rewrite = true;
    for (const key of localKeys) this.localDirty.add(key);
  }

  private fail(error: unknown): void {
    if (this.destroyed) return;
    this.lastError = error;
    this.rewrite = true;
    this.setState('error');
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w.reject(error));
    this.closeDb();
    this.retrySoon();
  }

  private retrySoon(): void {
    if (this.retryTimer || this.destroyed) return;
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => this.write(),
        (error: unknown) => this.fail(error),
      );
    }, wait);
  }

  /** Opens the database, creating it if needed, and merges in everything it holds. */
  private async connect(): Promise<void> {
    const db = await openDatabase(this.name);
    if (this.destroyed) {
      db.close();
      return;
    }
    // The browser closes the connection when site data is cleared or storage is lost.
    db.onclose = () => {
      if (this.db !== db) return;
      this.db = null;
      this.rewrite = true;
      if (!this.destroyed) this.setState('saving');
      this.retrySoon();
    };
    let read: Awaited<ReturnType<typeof readAll>>;
    try {
      read = await readAll(db);
    } catch (error) {
      db.close();
      throw error;
    }
    const { updates, lastKey, local } = read;
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update, this);
      },
      this,
      false,
    );
    for (const [key, value] of local) if (!this.local.has(key)) this.local.set(key, value);
    this.readKey = lastKey;
    this.stored = updates.length;
    this.db = db;
    if (this.stored >= COMPACT_AFTER) this.compactSoon();
  }

  private compactSoon(): void {
    if (this.compactTimer || this.destroyed) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      this.compact();
    }, COMPACT_DELAY_MS);
  }

  /**
   * Replaces the stored updates with one: the whole state. Updates other tabs wrote since we last
   * read are merged in first, in the same transaction, so nothing is deleted unread.
   */
  private compact(): void {
    const db = this.db;
    if (!db || this.writing || this.destroyed) {
      if (!this.destroyed) this.compactSoon();
      return;
    }
    try {
      const tx = db.transaction([UPDATES], 'readwrite');
      const store = tx.objectStore(UPDATES);
      this.writing = true;
      const newer = store.getAll(IDBKeyRange.lowerBound(this.readKey, true));
      newer.onsuccess = () => {
        try {
          Y.transact(this.doc, () => (newer.result as Uint8Array[]).forEach((u) => Y.applyUpdate(this.doc, u, this)), this, false);
        } catch {
          tx.abort();
          return;
        }
        const added = store.add(Y.encodeStateAsUpdate(this.doc));
        added.onsuccess = () => {
          const key = added.result as number;
          store.delete(IDBKeyRange.upperBound(key, true));
          this.readKey = key;
        };
      };
      tx.oncomplete = () => {
        this.writing = false;
        this.stored = 1;
        this.write();
      };
      tx.onabort = () => {
        this.writing = false;
        this.fail(tx.error);
      };
    } catch (error) {
      this.writing = false;
      this.fail(error);
    }
  }

  private settleWaiters(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) {
      if (w.upTo <= this.committed) w.resolve();
      else this.waiters.push(w);
    }
  }

  private closeDb(): void {
    const db = this.db;
    this.db = null;
    try {
      db?.close();
    } catch {
      // Already closed by the browser.
    }
  }

  private setState(next: SaveState): void {
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((listener) => listener(next));
  }
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch (error) {
      reject(error);
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(UPDATES)) db.createObjectStore(UPDATES, { autoIncrement: true });
      if (!db.objectStoreNames.contains(LOCAL)) db.createObjectStore(LOCAL);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked`));
  });
}

function readAll(db: IDBDatabase): Promise<{ updates: Uint8Array[]; lastKey: number; local: Map<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES, LOCAL], 'readonly');
    const updates = tx.objectStore(UPDATES).getAll();
    const keys = tx.objectStore(UPDATES).getAllKeys();
    const localValues = tx.objectStore(LOCAL).getAll();
    const localKeys = tx.objectStore(LOCAL).getAllKeys();
    tx.oncomplete = () => {
      const updateKeys = keys.result as number[];
      const local = new Map<string, unknown>();
      (localKeys.result as IDBValidKey[]).forEach((key, i) => {
        if (typeof key === 'string') local.set(key, localValues.result[i]);
      });
      resolve({ updates: updates.result as Uint8Array[], lastKey: updateKeys.length ? updateKeys[updateKeys.length - 1]! : 0, local });
    };
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Makes a doc's database hold exactly `update` (nothing when null) and the notes `local`, in one
 * transaction (the database is created when missing). Only for a doc not open on this page
 * (openDoc.replaceStoredDoc closes it first): an open DocStorage would write its state back.
 */
export async function rewriteDatabase(name: string, update: Uint8Array | null, local: ReadonlyMap<string, unknown>): Promise<void> {
  const db = await openDatabase(name);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction([UPDATES, LOCAL], 'readwrite');
      const updates = tx.objectStore(UPDATES);
      updates.clear();
      if (update) updates.add(update);
      const notes = tx.objectStore(LOCAL);
      notes.clear();
      for (const [key, value] of local) notes.put(value, key);
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error(`IndexedDB ${name}: rewrite aborted`));
    });
  } finally {
    db.close();
  }
}

/** Deletes a doc's database for good. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
