import { startTransition, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { BoardHistory, LOCAL_ORIGIN } from '../../shared/schema/undo';
import { keepZonesSettled } from '../../shared/schema/zoneKeeper';
import type { BoardTemplate } from '../../shared/template/template';
import type { Note } from '../../shared/schema/note';
import { NotesStore } from './notesStore';

export { LOCAL_ORIGIN };

export function useNotesStore(doc: Y.Doc): NotesStore {
  const store = useMemo(() => new NotesStore(doc), [doc]);
  useEffect(() => () => store.destroy(), [store]);
  return store;
}

/**
 * The notes for what a screen shows beside the board (the outline, the toolbar's state): rendered
 * as a transition, which React renders in slices between frames, so a change never holds up the
 * frame that paints it on the board (the board paints straight from the store).
 */
export function useNotesDeferred(store: NotesStore): readonly Note[] {
  const [notes, setNotes] = useState(store.getSnapshot);
  useEffect(() => {
    // A change between the render and this subscription would otherwise be missed.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNotes(store.getSnapshot());
    return store.subscribe(() => startTransition(() => setNotes(store.getSnapshot())));
  }, [store]);
  return notes;
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
 * not while `template` is null (a read-only board writes nothing).
 */
export function useZonesSettled(doc: Y.Doc, template: BoardTemplate | null): void {
  useEffect(() => (template ? keepZonesSettled(doc, template) : undefined), [doc, template]);
}

export function useUndoState(history: BoardHistory): UndoState {
  const key = useSyncExternalStore(
    (cb) => history.subscribe(cb),
    () => `${history.canUndo() ? 1 : 0}${history.canRedo() ? 1 : 0}`,
  );
  return { canUndo: key[0] === '1', canRedo: key[1] === '1' };
}
