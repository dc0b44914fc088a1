import type * as Y from 'yjs';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { holdNoteTextEdit, type NoteColour } from '../../shared/schema/note';
import { LOCAL_ORIGIN, type BoardHistory } from '../../shared/schema/undo';
import { PARKED, type BoardTemplate } from '../../shared/template/template';
import type { StoredDoc } from '../docs/openDoc';
import type { Notice } from './BoardNotice';
import { changesBoard, runBoardCommand, type BoardCommand, type BoardModel, type BoardUi, type Byline } from './commands';
import type { Composition } from './NoteEditor';
import type { NotesStore } from './notesStore';
import { useBoardHistory, useNotesStore, useUndoState, useZonesSettled, type UndoState } from './useBoard';
import { useNoteEditing, type LostNote } from './useNoteEditing';
import { usePresentation } from './usePresentation';
import { useViewport, type ViewportHandle } from './useViewport';

interface Options {
  stored: StoredDoc;
  template: BoardTemplate;
  /** Who writes a note added here. */
  byline: Byline;
  /** Why this board may not be changed here (see BoardModel.readOnlyReason), or null. */
  readOnlyReason: string | null;
  /** Hears each editing command a read-only board refused (to say why again, not stay silent). */
  onRefused?: () => void;
}

/** An editor board's model and UI state, and the one way to change them: `run`. */
export interface BoardEditor {
  readonly doc: Y.Doc;
  readonly store: NotesStore;
  readonly history: BoardHistory;
  readonly viewport: ViewportHandle;
  readonly selectedId: string | null;
  readonly editingId: string | null;
  readonly colour: NoteColour;
  readonly presenting: boolean;
  readonly notice: Notice | null;
  readonly undoState: UndoState;
  /** False while the board is read-only (readOnlyReason): editing controls are then disabled. */
  readonly editable: boolean;
  /** Runs a command (see runBoardCommand); stable for the life of the board. */
  run(command: BoardCommand): boolean;
  /** Starts holding back an input method's edit of a note (null when the board is read-only or the note is gone). */
  compose(id: string, base: string): Composition | null;
  /** Keeps the editor's latest text of a note, in case it is deleted under it. */
  draft(id: string, text: string): void;
  closeNotice(): void;
  /** The element that takes the board's keys (pass as its `ref`); `focusBoard` gives it the keyboard. */
  surface(element: HTMLDivElement | null): void;
  focusBoard(): void;
}

/**
 * Everything a board screen needs to edit one board: the notes store, this device's history, zones
 * kept settled, the viewport, presentation mode, the selection and the editor, and the command
 * runner over them. A read-only board keeps its zones as they are too (writing them is editing).
 */
export function useBoardEditor({ stored, template, byline, readOnlyReason, onRefused }: Options): BoardEditor {
  const { doc } = stored;
  const store = useNotesStore(doc);
  const history = useBoardHistory(doc);
  const undoState = useUndoState(history);
  useZonesSettled(doc, readOnlyReason === null ? template : null);
  const parkingInUse = useCallback(() => store.getSnapshot().some((n) => n.zone === PARKED), [store]);
  const viewport = useViewport(template, parkingInUse);
  const [presenting, setPresenting] = usePresentation();
  const [colour, setColour] = useState<NoteColour>('yellow');
  const [notice, setNotice] = useState<Notice | null>(null);
  const surfaceRef = useRef<HTMLDivElement | null>(null);
  const focusBoard = useCallback(() => surfaceRef.current?.focus({ preventScroll: true }), []);
  const surface = useCallback((element: HTMLDivElement | null) => {
    surfaceRef.current = element;
  }, []);
  const onLost = useCallback((lost: LostNote) => setNotice({ kind: 'lost', lost }), []);
  const editing = useNoteEditing({ stored, store, history, onLost, focusBoard });

  // A board that becomes read-only while a note is open: the editor closes (its writes would be refused).
  const { close } = editing;
  useEffect(() => {
    if (readOnlyReason !== null) close();
  }, [readOnlyReason, close]);

  // The runner reads the state of the latest render, and what a command set a moment ago (a
  // select followed by another command in the same event sees the new selection).
  const state = useRef({ selectedId: editing.selectedId, colour, presenting, editing, byline, readOnlyReason });
  useLayoutEffect(() => {
    state.current = { selectedId: editing.selectedId, colour, presenting, editing, byline, readOnlyReason };
  });

  const model = useMemo<BoardModel>(
    () => ({
      doc,
      template,
      history,
      notes: () => store.getSnapshot(),
      note: (id) => store.get(id),
      get byline() {
        return state.current.byline;
      },
      get readOnlyReason() {
        return state.current.readOnlyReason;
      },
    }),
    [doc, template, history, store],
  );

  const ui = useMemo<BoardUi>(() => {
    const view = viewport.viewport;
    return {
      get selectedId() {
        const id = state.current.selectedId;
        return id && store.get(id) ? id : null;
      },
      get colour() {
        return state.current.colour;
      },
      get presenting() {
        return state.current.presenting;
      },
      view: {
        fit: () => view.fit(),
        zoomBy: (factor) => view.zoomBy(factor),
        centre: () => view.centre(),
        reveal: (rect) => view.reveal(rect),
        panBy: (dx, dy) => view.panBy(dx, dy),
      },
      select(id) {
        state.current.selectedId = id;
        state.current.editing.select(id);
      },
      edit(id) {
        state.current.selectedId = id;
        state.current.editing.edit(id);
      },
      editNew(id) {
        state.current.selectedId = id;
        state.current.editing.editNew(id);
      },
      finishEditing: () => state.current.editing.finish(),
      closeEditor: () => state.current.editing.close(),
      setColour(next) {
        state.current.colour = next;
        setColour(next);
      },
      setPresenting(on) {
        state.current.presenting = on;
        setPresenting(on);
      },
      tell: setNotice,
      focusBoard,
      leaveBoard() {
        // The first control above the board (its back link, then the add buttons).
        document.querySelector<HTMLElement>('.board-toolbar a, .board-toolbar button:not(:disabled)')?.focus();
      },
    };
  }, [store, viewport, setPresenting, focusBoard]);

  const refused = useRef(onRefused);
  useEffect(() => {
    refused.current = onRefused;
  }, [onRefused]);
  const run = useCallback(
    (command: BoardCommand) => {
      if (model.readOnlyReason !== null && changesBoard(command, ui.selectedId)) {
        refused.current?.();
        return true;
      }
      return runBoardCommand(model, ui, command);
    },
    [model, ui],
  );
  const compose = useCallback(
    (id: string, base: string): Composition | null => {
      if (model.readOnlyReason !== null) return null;
      const held = holdNoteTextEdit(doc, id, base);
      return held && { commit: (after) => held.commit(after, LOCAL_ORIGIN), cancel: held.cancel };
    },
    [doc, model],
  );
  const closeNotice = useCallback(() => setNotice(null), []);
  const draft = useCallback((id: string, text: string) => state.current.editing.draft(id, text), []);

  return {
    doc,
    store,
    history,
    viewport,
    selectedId: editing.selectedId,
    editingId: editing.editingId,
    colour,
    presenting,
    notice,
    undoState,
    editable: readOnlyReason === null,
    run,
    compose,
    draft,
    closeNotice,
    surface,
    focusBoard,
  };
}
