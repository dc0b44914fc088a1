import * as Y from 'yjs';
import { notesMap, readNote } from '../../shared/schema/note';

/** How long a board may change before its count is taken again: one count per burst of typing. */
export const COUNT_DELAY_MS = 500;

/**
 * How many notes a board shows: the records that validate (a hostile or broken record is not
 * shown, so it is not counted either). The library, the session page and "remove this group?"
 * all say this number.
 */
export function countShownNotes(doc: Y.Doc): number {
  let count = 0;
  notesMap(doc).forEach((ynote, id) => {
    if (ynote instanceof Y.Map && readNote(id, ynote)) count++;
  });
  return count;
}

/**
 * Keeps a board's note count: counts it now, and again `delayMs` after a change (once per burst),
 * and hands each count that differs from the last to `record`. Returns a function that stops
 * (a count still waiting is dropped: the board is being closed or deleted).
 */
export function countNotesOf(doc: Y.Doc, record: (count: number) => void, delayMs = COUNT_DELAY_MS): () => void {
  let last: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const take = () => {
    timer = null;
    const count = countShownNotes(doc);
    if (count === last) return;
    last = count;
    record(count);
  };
  const onUpdate = () => {
    timer ??= setTimeout(take, delayMs);
  };
  doc.on('update', onUpdate);
  take();
  return () => {
    doc.off('update', onUpdate);
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
