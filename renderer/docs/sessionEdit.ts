import type * as Y from 'yjs';
import { boardDocName } from '../../shared/schema/docNames';
import { countNotes } from '../../shared/schema/note';
import { applySessionEdit, type SessionForm } from '../../shared/schema/sessionEdit';
import type { BoardTemplate } from '../../shared/template/template';
import { syncLibraryEntry } from './library';
import { assertWritable, deleteStoredDoc, type StoredDoc, withDoc } from './openDoc';

/** How many notes a group's board holds on this computer (what removing the group would lose). */
export function countBoardNotes(sessionId: string, groupId: string): Promise<number> {
  return withDoc(boardDocName(sessionId, groupId), ({ doc }) => countNotes(doc));
}

/**
 * Saves the "Sessie bewerken" form: writes the changes to the session doc (validated; a ZodError
 * writes nothing), deletes the boards of removed groups from this computer, waits until the
 * session doc is on disk and refreshes the library row (title, date, place, note count). Throws,
 * writing nothing, when the doc is read-only (StoredDoc.access).
 */
export async function saveSessionEdit(
  sessionId: string,
  stored: StoredDoc,
  template: BoardTemplate,
  before: SessionForm,
  after: SessionForm,
): Promise<void> {
  const doc: Y.Doc = stored.doc;
  // The screen says so before anyone types; this catches a newer version that arrived meanwhile.
  assertWritable(stored);
  const { removedGroupIds } = applySessionEdit(doc, template, before, after);
  await stored.flushed();
  for (const groupId of removedGroupIds) await deleteStoredDoc(boardDocName(sessionId, groupId));
  await syncLibraryEntry(sessionId, doc);
}
