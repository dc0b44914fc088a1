import * as Y from 'yjs';
import { newId } from '../../shared/ids';
import type { SessionIndexEntry } from '../../shared/platform';
import { boardDocName, parseDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { countNotes } from '../../shared/schema/note';
import { SessionMetaSchema, readSessionMeta, writeSessionMeta } from '../../shared/schema/session';
import { draftFromSession, initSessionDoc, type SessionDraft } from '../../shared/schema/sessionDraft';
import { templateById } from '../../shared/template/house';
import { platform } from '../platform';
import { ReadOnlyDocError, assertWritable, deleteStoredDoc, withDoc } from './openDoc';
import { docAccess } from '../../shared/schema/docVersion';

type Listener = (entries: SessionIndexEntry[]) => void;
const listeners = new Set<Listener>();
// Every write to the index goes through this chain, so two quick updates never overwrite each other.
let chain: Promise<SessionIndexEntry[]> = platform
  .loadSessionIndex()
  .catch(() => [])
  .then(recoverMissing);

/**
 * The docs are the truth; the index is a cache. A session whose doc exists but whose row is
 * missing (an index write lost in a crash) is put back.
 */
async function recoverMissing(entries: SessionIndexEntry[]): Promise<SessionIndexEntry[]> {
  if (typeof indexedDB.databases !== 'function') return entries;
  const known = new Set(entries.map((e) => e.id));
  const names = (await indexedDB.databases().catch(() => [])).map((d) => d.name ?? '');
  const missing = names.flatMap((name) => {
    const ref = parseDocName(name);
    return ref?.kind === 'session' && !known.has(ref.sessionId) ? [ref.sessionId] : [];
  });
  if (missing.length === 0) return entries;
  const recovered: SessionIndexEntry[] = [];
  for (const id of missing) {
    const entry = await withDoc(sessionDocName(id), ({ doc }) => entryFromDoc(id, doc)).catch(() => null);
    if (entry) recovered.push(entry);
  }
  const next = [...recovered, ...entries];
  await platform.saveSessionIndex(next).catch(() => {});
  return next;
}

function update(fn: (entries: SessionIndexEntry[]) => SessionIndexEntry[]): Promise<SessionIndexEntry[]> {
  chain = chain.then(async (entries) => {
    const next = fn(entries);
    await platform.saveSessionIndex(next);
    listeners.forEach((l) => l(next));
    return next;
  });
  return chain;
}

export function loadLibrary(): Promise<SessionIndexEntry[]> {
  return chain;
}

export function onLibraryChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function entryFromDoc(id: string, doc: Y.Doc, previous?: SessionIndexEntry, joined = previous?.joined): SessionIndexEntry | null {
  const meta = readSessionMeta(doc);
  if (!meta) return null;
  // A removed group's notes no longer count.
  const groupIds = new Set(readGroups(doc).map((g) => g.id));
  const boardNotes = Object.fromEntries(Object.entries(previous?.boardNotes ?? {}).filter(([id]) => groupIds.has(id)));
  return {
    ...(joined ? { joined: true } : {}),
    id,
    title: meta.title,
    date: meta.date,
    place: meta.place,
    createdAt: meta.createdAt,
    updatedAt: Date.now(),
    boardNotes,
    noteCount: Object.values(boardNotes).reduce((a, b) => a + b, 0),
  };
}

function upsert(entries: SessionIndexEntry[], entry: SessionIndexEntry): SessionIndexEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest];
}

export async function createSession(draft: SessionDraft): Promise<string> {
  const id = newId();
  const entry = await withDoc(sessionDocName(id), ({ doc }) => {
    initSessionDoc(doc, templateById('house'), draft);
    return entryFromDoc(id, doc);
  });
  if (!entry) throw new Error('session meta invalid after create');
  await update((entries) => upsert(entries, entry));
  return id;
}

/**
 * Refreshes the library row from the session doc (after a rename or an edit of the details);
 * `joined` marks a new row as a participant's copy of a session they joined.
 */
export async function syncLibraryEntry(id: string, doc: Y.Doc, joined?: boolean): Promise<void> {
  await update((entries) => {
    const previous = entries.find((e) => e.id === id);
    // A session made on this device stays its own, even if this device also joins it.
    const entry = entryFromDoc(id, doc, previous, previous ? previous.joined : joined);
    return entry ? upsert(entries, entry) : entries;
  });
}

export async function recordBoardNoteCount(sessionId: string, groupId: string, count: number): Promise<void> {
  await update((entries) =>
    entries.map((e) => {
      if (e.id !== sessionId || e.boardNotes[groupId] === count) return e;
      const boardNotes = { ...e.boardNotes, [groupId]: count };
      return { ...e, boardNotes, noteCount: Object.values(boardNotes).reduce((a, b) => a + b, 0), updatedAt: Date.now() };
    }),
  );
}

export async function renameSession(id: string, title: string): Promise<void> {
  await withDoc(sessionDocName(id), async (stored) => {
    const { doc } = stored;
    assertWritable(stored);
    writeSessionMeta(doc, { title: title.trim() });
    await syncLibraryEntry(id, doc);
  });
}

/**
 * Copies the session doc and every board into a new session called `title` (and dated `date`,
 * when given). The title and date are checked before anything is written: a title over the cap
 * throws a ZodError and leaves no half-made copy behind.
 */
export async function duplicateSession(id: string, title: string, date?: string): Promise<string> {
  const patch = DuplicateSchema.parse({ title, ...(date !== undefined ? { date } : {}) });
  const copyId = newId();
  const groupIds = await withDoc(sessionDocName(id), async ({ doc }) => {
    await withDoc(sessionDocName(copyId), async ({ doc: copy }) => {
      // A newer app's session is not copied (the copy could only be read, and not be renamed).
      if (docAccess(doc, 'session').readOnly) throw new ReadOnlyDocError(sessionDocName(id));
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      writeSessionMeta(copy, { ...patch, createdAt: Date.now() });
    });
    return readGroups(doc).map((g) => g.id);
  });
  for (const groupId of groupIds) {
    await withDoc(boardDocName(id, groupId), async ({ doc }) => {
      await withDoc(boardDocName(copyId, groupId), ({ doc: copy }) => {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      });
    });
  }
  const original = (await chain).find((e) => e.id === id);
  const entry = await withDoc(sessionDocName(copyId), ({ doc }) => entryFromDoc(copyId, doc, original, false));
  if (entry) await update((entries) => upsert(entries, entry));
  return copyId;
}

const DuplicateSchema = SessionMetaSchema.pick({ title: true, date: true }).partial({ date: true });

/**
 * A new session "from this one": the same details, subgroups and questions, empty houses, with
 * its own title and date. Validated like a new session from the form (a ZodError writes nothing).
 */
export async function newSessionFrom(id: string, title: string, date: string): Promise<string> {
  const draft = await withDoc(sessionDocName(id), ({ doc }) => {
    const meta = readSessionMeta(doc);
    return meta ? draftFromSession(doc, templateById(meta.templateId)) : null;
  });
  if (!draft) throw new Error('session meta invalid');
  return createSession({ ...draft, title, date });
}

/** Counts the notes of every board of a session and stores the counts in the library. */
export async function recountSession(sessionId: string, groupIds: readonly string[]): Promise<void> {
  for (const groupId of groupIds) {
    const count = await withDoc(boardDocName(sessionId, groupId), ({ doc }) => countNotes(doc));
    await recordBoardNoteCount(sessionId, groupId, count);
  }
}

export async function deleteSession(id: string): Promise<void> {
  const groupIds = await withDoc(sessionDocName(id), ({ doc }) => readGroups(doc).map((g) => g.id));
  await update((entries) => entries.filter((e) => e.id !== id));
  for (const groupId of groupIds) await deleteStoredDoc(boardDocName(id, groupId));
  await deleteStoredDoc(sessionDocName(id));
}
