import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOUR_HEX, NOTE_TEXT_MAX, type Note } from '../../shared/schema/note';
import { shiftThroughEdit } from '../../shared/textEdit';
import { useCapNotice } from './useCapNotice';

/** An edit held back while an input method composes (see holdNoteTextEdit). */
export interface Composition {
  /** Writes the composed change into the note; returns its text then and the caret, or null if the note is gone. */
  commit(after: string): { text: string; caret: number } | null;
  cancel(): void;
}

interface Props {
  note: Note;
  /** Screen rectangle of the note inside the board. */
  left: number;
  top: number;
  width: number;
  height: number;
  onChange: (text: string) => void;
  onDone: () => void;
  onUndo: () => void;
  onRedo: () => void;
  /**
   * Tells the editor at once when the note's text changes in the doc (someone else typing), so
   * the textarea never lags behind it: each keystroke is then diffed against the current text.
   */
  observeText: (listener: (text: string) => void) => () => void;
  /**
   * Starts holding back an edit while an input method composes, from the text as shown. Nothing
   * is written (so peers never see the uncommitted reading) until the composition ends.
   */
  compose: (base: string) => Composition | null;
  /** Every text the textarea shows, typed, composing or arriving from others (kept in case the note is deleted). */
  onDraft?: (text: string) => void;
  /**
   * The doc may not be changed (StoredDoc.access: a newer app wrote it): the text can be read and
   * selected, typing writes nothing.
   */
  readOnly?: boolean;
}

/**
 * Typing happens in a real <textarea> over the canvas: the browser gives us caret, selection,
 * IME and spell-check. maxLength makes the browser cut a pasted megabyte before it reaches us.
 */
export function NoteEditor({ note, left, top, width, height, onChange, onDone, onUndo, onRedo, observeText, compose, onDraft, readOnly = false }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  // One subscription for the life of the editor (it is keyed by note), whatever the parent passes.
  const observeRef = useRef(observeText);
  /** Set while an input method composes: the textarea then belongs to it alone. */
  const composition = useRef<Composition | null>(null);
  const draftRef = useRef(onDraft);
  useEffect(() => {
    draftRef.current = onDraft;
  }, [onDraft]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  // The textarea is not controlled: when someone else's words arrive, the caret must stay where
  // this person is typing instead of jumping to the end.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const follow = (text: string) => {
      // Writing the textarea during a composition breaks it (the word is committed twice); the
      // held edit follows others' changes and merges them when the composition ends.
      if (composition.current || el.value === text) return;
      const { selectionStart, selectionEnd } = el;
      const start = shiftThroughEdit(el.value, text, selectionStart);
      const end = shiftThroughEdit(el.value, text, selectionEnd);
      el.value = text;
      if (document.activeElement === el) el.setSelectionRange(start, end);
      draftRef.current?.(text);
    };
    const stop = observeRef.current(follow);
    return () => {
      stop();
      composition.current?.cancel();
      composition.current = null;
    };
  }, []);
  const endComposition = (el: HTMLTextAreaElement) => {
    const held = composition.current;
    composition.current = null;
    if (!held) return;
    const result = held.commit(el.value);
    if (!result || result.text === el.value) return;
    el.value = result.text;
    el.setSelectionRange(result.caret, result.caret);
    onDraft?.(result.text);
  };
  const left500 = NOTE_TEXT_MAX - note.text.length;
  const capped = useCapNotice(ref, NOTE_TEXT_MAX);
  return (
    <div className="note-editor" style={{ left, top, width }}>
      <textarea
        ref={ref}
        aria-label={t('board.noteText')}
        defaultValue={note.text}
        maxLength={NOTE_TEXT_MAX}
        readOnly={readOnly}
        style={{ height, background: NOTE_COLOUR_HEX[note.colour] }}
        onChange={(e) => {
          if (readOnly) return;
          onDraft?.(e.target.value);
          if (!composition.current) onChange(e.target.value);
        }}
        onCompositionStart={(e) => {
          composition.current?.cancel();
          if (readOnly) return;
          composition.current = compose(e.currentTarget.value);
        }}
        onCompositionEnd={(e) => endComposition(e.currentTarget)}
        onBlur={(e) => {
          // Leaving mid-composition keeps what was composed (browsers differ on whether
          // compositionend comes first).
          endComposition(e.currentTarget);
          onDone();
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          // Keys pressed inside a composition (Enter, Escape, arrows) belong to the input method.
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          const mod = e.ctrlKey || e.metaKey;
          if (e.key === 'Escape' || (e.key === 'Enter' && mod)) {
            e.preventDefault();
            onDone();
          } else if (mod && e.key.toLowerCase() === 'z') {
            e.preventDefault();
            if (e.shiftKey) onRedo();
            else onUndo();
          } else if (mod && e.key.toLowerCase() === 'y') {
            e.preventDefault();
            onRedo();
          }
        }}
      />
      <div className={left500 < 50 ? 'note-counter warn' : 'note-counter'} aria-live="polite">
        {t('board.counter', { count: note.text.length, max: NOTE_TEXT_MAX })}
      </div>
      {capped && (
        <p className="note-capped" role="alert">
          {t('board.capped', { max: NOTE_TEXT_MAX })}
        </p>
      )}
    </div>
  );
}

