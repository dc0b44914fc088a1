import { SessionIndexSchema, type SessionIndexEntry } from '../../shared/platform';

/** Where the index is kept: Platform.loadSessionIndex / saveSessionIndex (electron-store, IndexedDB). */
export interface IndexStore {
  load(): Promise<SessionIndexEntry[]>;
  save(entries: SessionIndexEntry[]): Promise<void>;
}

type Listener = (entries: SessionIndexEntry[]) => void;

/** JSON with every object's keys sorted: two rows with the same fields in another order are equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Equal but for `updatedAt`: nothing a person sees changed. */
function sameRow(a: SessionIndexEntry, b: SessionIndexEntry): boolean {
  return canonical({ ...a, updatedAt: 0 }) === canonical({ ...b, updatedAt: 0 });
}

function sameIndex(a: readonly SessionIndexEntry[], b: readonly SessionIndexEntry[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i] || canonical(row) === canonical(b[i]));
}

/**
 * The session library's rows: a cache of every session doc's meta and note counts (the docs are the
 * truth). Every change goes through one queue, so two quick updates never overwrite each other;
 * each is validated whole before it is written (a row the library could not read back throws a
 * ZodError and nothing is written); and the store is written, and listeners told, only when a row
 * really changed: in Electron each write rewrites the whole electron-store file.
 */
export class LibraryIndex {
  private chain: Promise<SessionIndexEntry[]>;
  private readonly listeners = new Set<Listener>();

  /** `prepare` runs once on what was loaded (library.ts puts back rows lost in a crash). */
  constructor(
    private readonly store: IndexStore,
    prepare: (entries: SessionIndexEntry[]) => Promise<SessionIndexEntry[]> = async (entries) => entries,
  ) {
    this.chain = store
      .load()
      .catch(() => [])
      .then(prepare)
      .catch(() => []);
  }

  /** The rows as they are once every change asked for so far is done. */
  entries(): Promise<SessionIndexEntry[]> {
    return this.chain;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies `fn` to the rows, after every earlier change. Rejects (and keeps the rows as they were,
   * for this and every later change) when the result does not validate or the store fails.
   */
  update(fn: (entries: SessionIndexEntry[]) => SessionIndexEntry[]): Promise<SessionIndexEntry[]> {
    const previous = this.chain;
    const run = previous.then(async (entries) => {
      const next = SessionIndexSchema.parse(fn(entries));
      if (sameIndex(entries, next)) return entries;
      await this.store.save(next);
      this.listeners.forEach((l) => l(next));
      return next;
    });
    this.chain = run.catch(() => previous);
    return run;
  }

  /**
   * Puts the row `make` gives (from the session's current row, if any) first: a new or changed
   * session. A row that only differs in `updatedAt` stays as and where it was, so refreshing an
   * unchanged session writes nothing; null from `make` changes nothing.
   */
  upsert(id: string, make: (previous: SessionIndexEntry | undefined) => SessionIndexEntry | null): Promise<SessionIndexEntry[]> {
    return this.update((entries) => {
      const previous = entries.find((e) => e.id === id);
      const entry = make(previous);
      if (!entry || (previous && sameRow(previous, entry))) return entries;
      return [entry, ...entries.filter((e) => e.id !== id)];
    });
  }

  remove(id: string): Promise<SessionIndexEntry[]> {
    return this.update((entries) => entries.filter((e) => e.id !== id));
  }

  /** Stores how many notes a board holds; nothing is written when the count is what it was. */
  recordBoardNotes(sessionId: string, groupId: string, count: number, now = Date.now()): Promise<SessionIndexEntry[]> {
    return this.update((entries) =>
      entries.map((e) => {
        if (e.id !== sessionId || e.boardNotes[groupId] === count) return e;
        const boardNotes = { ...e.boardNotes, [groupId]: count };
        return { ...e, boardNotes, noteCount: Object.values(boardNotes).reduce((a, b) => a + b, 0), updatedAt: now };
      }),
    );
  }
}
