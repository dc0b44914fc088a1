import * as Y from 'yjs';
import { notesMap } from './note';

/** Marks the changes made on this device, so undo never takes back what others did. */
export const LOCAL_ORIGIN = Symbol('bouwplaats.local');

/**
 * The undo manager of a board: it undoes only this device's changes. ignoreRemoteMapChanges keeps
 * undo from deleting a note's fields after a concurrent edit of the same field (yjs #514).
 */
export function createBoardUndoManager(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN): Y.UndoManager {
  return new Y.UndoManager(notesMap(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: 600,
    ignoreRemoteMapChanges: true,
  });
}
