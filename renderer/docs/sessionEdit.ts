import type * as Y from 'yjs';
import { applySessionEdit, type SessionForm } from '../../shared/schema/sessionEdit';
import type { BoardTemplate } from '../../shared/template/template';
import { syncLibraryEntry } from './library';
import { countShownNotes } from './noteCounter';
import { assertWritable, type StoredDoc } from './openDoc';
import { sessionDocs } from './sessions';

/** How many notes a group's board holds on this computer (what removing the group would lose). */
export async function countBoardNotes(sessionId: string, groupId: string): Promise<number> {
  const { stored, release } = await sessionDocs(sessionId).openBoard(groupId);
  try {
    return countShownNotes(stored.doc);
  } finally {
    release();
  }
}

/**
 * Saves the "Sessie bewerken" form: writes the changes to the session doc (validated; a ZodError
 * writes nothing), waits until the session doc is on disk, deletes the boards of removed groups
 * (from this computer and from the host's copy, also while live) and refreshes the library row
 * (title, date, place, note count). The edit stands when the host cannot be reached; its copy of
 * those boards goes with the session's when the session is deleted. Throws, writing nothing, when
 * the doc is read-only (StoredDoc.access).
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
  await sessionDocs(sessionId)
    .deleteBoards(removedGroupIds)
    .catch((error: unknown) => console.warn('Bouwplaats: de kopie op de host van een verwijderde subgroep bleef staan.', error));
  await syncLibraryEntry(sessionId, doc);
}
