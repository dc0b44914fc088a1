import { useEffect, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { createBoardUndoManager, LOCAL_ORIGIN } from '../../shared/schema/undo';
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

export function useUndoManager(doc: Y.Doc): Y.UndoManager {
  const manager = useMemo(() => createBoardUndoManager(doc), [doc]);
  useEffect(() => () => manager.destroy(), [manager]);
  return manager;
}

export function useUndoState(manager: Y.UndoManager): UndoState {
  const key = useSyncExternalStore(
    (cb) => {
      manager.on('stack-item-added', cb);
      manager.on('stack-item-popped', cb);
      manager.on('stack-cleared', cb);
      return () => {
        manager.off('stack-item-added', cb);
        manager.off('stack-item-popped', cb);
        manager.off('stack-cleared', cb);
      };
    },
    () => `${manager.canUndo() ? 1 : 0}${manager.canRedo() ? 1 : 0}`,
  );
  return { canUndo: key[0] === '1', canRedo: key[1] === '1' };
}
