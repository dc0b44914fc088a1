import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { BoardHistory, LOCAL_ORIGIN } from '../../shared/schema/undo';
import { keepZonesSettled } from '../../shared/schema/zoneKeeper';
import type { BoardTemplate } from '../../shared/template/template';
import { NotesStore } from './notesStore';

export { LOCAL_ORIGIN };

export function useNotesStore(doc: Y.Doc): NotesStore {
  const store = useMemo(() => new NotesStore(doc), [doc]);
  useEffect(() => () => store.destroy(), [store]);
  return store;
}

export function useNotes(store: NotesStore) {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** This device's undo history of the board, for as long as the board is on screen. */
export function useBoardHistory(doc: Y.Doc): BoardHistory {
  const history = useMemo(() => new BoardHistory(doc), [doc]);
  useEffect(() => () => history.destroy(), [history]);
  return history;
}

/**
 * Keeps each note's zone in step with where it lies while the board is open (see keepZonesSettled);
 * not while `enabled` is false (a read-only board: this app writes nothing into it).
 */
export function useZonesSettled(doc: Y.Doc, template: BoardTemplate, enabled = true): void {
  useEffect(() => (enabled ? keepZonesSettled(doc, template) : undefined), [doc, template, enabled]);
}

export function useUndoState(history: BoardHistory): UndoState {
  const key = useSyncExternalStore(
    (cb) => history.subscribe(cb),
    () => `${history.canUndo() ? 1 : 0}${history.canRedo() ? 1 : 0}`,
  );
  return { canUndo: key[0] === '1', canRedo: key[1] === '1' };
}
