import * as Y from 'yjs';
import { newId } from '../../shared/ids';
import type { SessionIndexEntry } from '../../shared/platform';
import { boardDocName, parseDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { SessionMetaSchema, readSessionMeta, writeSessionMeta } from '../../shared/schema/session';
import { draftFromSession, initSessionDoc, type SessionDraft } from '../../shared/schema/sessionDraft';
import { templateById } from '../../shared/template/house';
import { platform } from '../platform';
import { LibraryIndex } from './libraryIndex';
import { ReadOnlyDocError, assertWritable, deleteStoredDoc, withDoc } from './openDoc';
import { docAccess } from '../../shared/schema/docVersion';
import { clearRun, readAgenda, writeAgenda } from '../../shared/schema/agenda';

/**
 * The docs are the truth; the index is a cache. A session whose doc exists but whose row is
 * missing (an index write lost in a crash) is put back.
 */
async function recoverMissing(entries: SessionIndexEntry[]): Promise<SessionIndexEntry[]> {
  if (typeof indexedDB.databases !== 'function') return entries;
  const known = new Set(entries.map((e) => e.id));
  const names = (await indexedDB.databases().catch(() => [])).map((d) => d.name ?? '');
  const missing = names.flatMap((name) => {
    const parsed = parseDocName(name);
    return parsed?.kind === 'session' && !known.has(parsed.sessionId) ? [parsed.sessionId] : [];
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

/** The library of this device: every change of a row goes through it (see LibraryIndex). */
export const library = new LibraryIndex(
  { load: () => platform.loadSessionIndex(), save: (entries) => platform.saveSessionIndex(entries) },
  recoverMissing,
);

export function loadLibrary(): Promise<SessionIndexEntry[]> {
  return library.entries();
}

export function onLibraryChange(listener: (entries: SessionIndexEntry[]) => void): () => void {
  return library.onChange(listener);
}

function entryFromDoc(id: string, doc: Y.Doc, previous?: SessionIndexEntry, joined = previous?.joined): SessionIndexEntry | null {
  const meta = readSessionMeta(doc);
  if (!meta) return null;
  // A removed group's notes no longer count.
  const groupIds = new Set(readGroups(doc).map((g) => g.id));
  const boardNotes = Object.fromEntries(Object.entries(previous?.boardNotes ?? {}).filter(([id]) => groupIds.has(id)));
  return {
    ...(joined ? { joined: true } : {}),
    // Only the sample's own row stays the sample (duplicateSession hands its original's row in).
    ...(previous?.sample && previous.id === id ? { sample: true } : {}),
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

/**
 * Makes a new session from a validated draft (a ZodError writes nothing) and lists it in the
 * library; returns its id. `fill` writes more into the new session doc before it is listed (the
 * sample session's agenda).
 */
export async function createSession(draft: SessionDraft, fill?: (doc: Y.Doc) => void): Promise<string> {
  const id = newId();
  const entry = await withDoc(sessionDocName(id), ({ doc }) => {
    initSessionDoc(doc, templateById('house'), draft);
    fill?.(doc);
    return entryFromDoc(id, doc);
  }).catch(async (error: unknown) => {
    // Not half a session: the library would list it again from IndexedDB (recoverMissing).
    await deleteStoredDoc(sessionDocName(id)).catch(() => {});
    throw error;
  });
  if (!entry) throw new Error('session meta invalid after create');
  await library.upsert(id, () => entry);
  return id;
}

/**
 * Refreshes the library row from the session doc (after a rename or an edit of the details);
 * `joined` marks a new row as a participant's copy of a session they joined. Writes nothing when
 * the row would not change.
 */
export async function syncLibraryEntry(id: string, doc: Y.Doc, joined?: boolean): Promise<void> {
  // A session made on this device stays its own, even if this device also joins it.
  await library.upsert(id, (previous) => entryFromDoc(id, doc, previous, previous ? previous.joined : joined));
}

export async function renameSession(id: string, title: string): Promise<void> {
  await withDoc(sessionDocName(id), async (stored) => {
    const { doc } = stored;
    assertWritable(stored);
    writeSessionMeta(doc, { title: title.trim() });
    await syncLibraryEntry(id, doc);
  });
}

const DuplicateSchema = SessionMetaSchema.pick({ title: true, date: true }).partial({ date: true });

/**
 * Copies the session doc and every board into a new session called `title` (and dated `date`,
 * when given). The title and date are checked before anything is written: a title over the cap
 * throws a ZodError. A copy that fails halfway is deleted again, so no half-made session turns up
 * in the library later. The room doc (who took part) is not copied: the copy is a session of its
 * own, nobody has joined it yet.
 */
export async function duplicateSession(id: string, title: string, date?: string): Promise<string> {
  const patch = DuplicateSchema.parse({ title, ...(date !== undefined ? { date } : {}) });
  const copyId = newId();
  let groupIds: string[] = [];
  try {
    await withDoc(sessionDocName(id), async ({ doc }) => {
      if (!readSessionMeta(doc)) throw new Error('session meta invalid');
      // A newer app's session is not copied (the copy could only be read, and not be renamed).
      if (docAccess(doc, 'session').readOnly) throw new ReadOnlyDocError(sessionDocName(id));
      groupIds = readGroups(doc).map((g) => g.id);
      await withDoc(sessionDocName(copyId), async ({ doc: copy }) => {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        writeSessionMeta(copy, { ...patch, createdAt: Date.now() });
        // The copy has not been run: no current phase, no pause, no timer (its agenda is kept).
        clearRun(copy);
      });
    });
    for (const groupId of groupIds) {
      await withDoc(boardDocName(id, groupId), async ({ doc }) => {
        await withDoc(boardDocName(copyId, groupId), ({ doc: copy }) => {
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        });
      });
    }
    const original = (await library.entries()).find((e) => e.id === id);
    const entry = await withDoc(sessionDocName(copyId), ({ doc }) => entryFromDoc(copyId, doc, original, false));
    if (!entry) throw new Error('copy meta invalid');
    await library.upsert(copyId, () => entry);
  } catch (error) {
    for (const groupId of groupIds) await deleteStoredDoc(boardDocName(copyId, groupId)).catch(() => {});
    await deleteStoredDoc(sessionDocName(copyId)).catch(() => {});
    throw error;
  }
  return copyId;
}

/**
 * A new session "from this one": the same details, subgroups and questions, empty houses, with
 * its own title and date. Validated like a new session from the form (a ZodError writes nothing).
 */
export async function newSessionFrom(id: string, title: string, date: string): Promise<string> {
  const from = await withDoc(sessionDocName(id), ({ doc }) => {
    const meta = readSessionMeta(doc);
    return meta ? { draft: draftFromSession(doc, templateById(meta.templateId)), agenda: readAgenda(doc) } : null;
  });
  if (!from?.draft) throw new Error('session meta invalid');
  const copyId = await createSession({ ...from.draft, title, date });
  // The agenda the facilitator prepared comes along (a session without one gets the default when opened).
  if (from.agenda.length > 0) {
    await withDoc(sessionDocName(copyId), ({ doc }) => {
      writeAgenda(doc, from.agenda.map(({ kind, title: phaseTitle, minutes, instruction, boardsOpen }) => ({ kind, title: phaseTitle, minutes, instruction, boardsOpen })));
    });
  }
  return copyId;
}
