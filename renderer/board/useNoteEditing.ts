import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteNote, type Note, type NoteColour } from '../../shared/schema/note';
import { LOCAL_ORIGIN, type BoardHistory } from '../../shared/schema/undo';
import { forgetFresh, isEmptyNote, markFresh, removeIfEmpty } from '../docs/freshNotes';
import type { StoredDoc } from '../docs/openDoc';
import type { NotesStore } from './notesStore';

/** What is left of a note someone else deleted while this person was typing in it. */
export interface LostNote {
  /** The words as this person last saw them in the editor (theirs and anyone else's). */
  text: string;
  x: number;
  y: number;
  colour: NoteColour;
}

export interface NoteEditing {
  /** The selected note: only ever a note that exists. */
  selectedId: string | null;
  /** The note being typed in: only ever a note that exists. */
  editingId: string | null;
  select(id: string | null): void;
  /** Opens the editor on an existing note. */
  edit(id: string): void;
  /** Opens the editor on a note this person has just added (see freshNotes). */
  editNew(id: string): void;
  /** Closes the editor; a new note left empty is removed. */
  finish(): void;
  /** Closes the editor without a word (an undo or redo is about to change the board). */
  close(): void;
  /** Keeps the editor's latest text, in case the note is deleted under it. */
  draft(id: string, text: string): void;
}

interface Options {
  stored: StoredDoc;
  store: NotesStore;
  history: BoardHistory;
  /** Someone else deleted the note being typed in. */
  onLost: (lost: LostNote) => void;
  focusBoard: () => void;
}

/**
 * Which note is selected and which is being typed in. A peer can delete either at any moment, so
 * both are read through "does the note still exist" instead of being trusted (issue 6, item 18:
 * the editor vanished, keystrokes went nowhere and the board ignored its keys until a reload).
 * When the note being typed in goes, the person is told and keeps their words (onLost).
 * A note added here and left empty is removed on every way out (issue 7, item 21): closing the
 * editor, leaving the board, and the page going away; freshNotes covers a crash.
 */
export function useNoteEditing({ stored, store, history, onLost, focusBoard }: Options): NoteEditing {
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Read from the store, not from a list React was given: the board paints from the store first and
  // the screen's list may be a render behind it (a note just added is edited at once).
  const selectedId = selected !== null && store.get(selected) ? selected : null;
  const editingId = editing !== null && store.get(editing) ? editing : null;
  /** The note being typed in, as last seen, and its text in the editor. */
  const draftRef = useRef<{ id: string; text: string; note: Note } | null>(null);
  const editingRef = useRef<string | null>(null);
  const freshRef = useRef<string | null>(null);
  const lostRef = useRef(onLost);
  const focusRef = useRef(focusBoard);
  useEffect(() => {
    lostRef.current = onLost;
    focusRef.current = focusBoard;
  }, [onLost, focusBoard]);

  const open = useCallback(
    (id: string) => {
      const note = store.get(id);
      if (!note) return;
      editingRef.current = id;
      draftRef.current = { id, text: note.text, note };
      setSelected(id);
      setEditing(id);
    },
    [store],
  );

  const close = useCallback(() => {
    editingRef.current = null;
    setEditing(null);
  }, []);

  /** The page or the board goes: a new note nobody typed in goes with it. */
  const dropFresh = useCallback(() => {
    const id = freshRef.current;
    if (!id) return;
    if (isEmptyNote(stored, id)) {
      freshRef.current = null;
      if (editingRef.current === id) close();
      // The mark stays until the next open confirms the note is gone from disk too.
      removeIfEmpty(stored, id);
    } else if (store.get(id)) {
      freshRef.current = null;
      forgetFresh(stored, id);
    }
  }, [stored, store, close]);

  // Someone else deleted the note being typed in (or it stopped being a valid note).
  useEffect(
    () =>
      store.subscribe(() => {
        const id = editingRef.current;
        if (!id) return;
        const note = store.get(id);
        const draft = draftRef.current;
        if (note) {
          if (draft?.id === id) draft.note = note;
          return;
        }
        close();
        setSelected((s) => (s === id ? null : s));
        if (freshRef.current === id) {
          freshRef.current = null;
          forgetFresh(stored, id);
        }
        history.stopCapturing();
        if (draft?.id === id) {
          const { text, note: last } = draft;
          lostRef.current({ text, x: last.x, y: last.y, colour: last.colour });
        }
        focusRef.current();
      }),
    [store, stored, history, close],
  );

  // Reload, closing the tab, the browser's Back to another page, the app closing. Not on
  // visibilitychange: a person who switches away for a moment comes back to their open editor; a
  // hidden page that is then discarded is cleaned up on the next open (freshNotes).
  useEffect(() => {
    window.addEventListener('pagehide', dropFresh);
    return () => {
      window.removeEventListener('pagehide', dropFresh);
      dropFresh();
    };
  }, [dropFresh]);

  return {
    selectedId,
    editingId,
    select: setSelected,
    edit: (id) => {
      freshRef.current = null;
      open(id);
    },
    editNew: (id) => {
      markFresh(stored, id);
      freshRef.current = id;
      open(id);
    },
    finish: () => {
      const id = editingRef.current;
      close();
      if (id && freshRef.current === id) {
        freshRef.current = null;
        // A note opened and left empty was never meant: take it away, and out of the history.
        if (isEmptyNote(stored, id)) {
          if (!history.discardCreation(id)) deleteNote(stored.doc, id, LOCAL_ORIGIN);
          setSelected(null);
        }
        forgetFresh(stored, id);
      }
    },
    close,
    draft: (id, text) => {
      const draft = draftRef.current;
      if (draft?.id === id) draft.text = text;
    },
  };
}
