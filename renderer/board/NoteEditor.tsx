import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOUR_HEX, NOTE_TEXT_MAX, type Note } from '../../shared/schema/note';
import { shiftThroughEdit } from '../../shared/textEdit';
import { useCapNotice } from './useCapNotice';

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
}

/**
 * Typing happens in a real <textarea> over the canvas: the browser gives us caret, selection,
 * IME and spell-check. maxLength makes the browser cut a pasted megabyte before it reaches us.
 */
export function NoteEditor({ note, left, top, width, height, onChange, onDone, onUndo, onRedo, observeText }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  // One subscription for the life of the editor (it is keyed by note), whatever the parent passes.
  const observeRef = useRef(observeText);
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
      if (el.value === text) return;
      const { selectionStart, selectionEnd } = el;
      const start = shiftThroughEdit(el.value, text, selectionStart);
      const end = shiftThroughEdit(el.value, text, selectionEnd);
      el.value = text;
      if (document.activeElement === el) el.setSelectionRange(start, end);
    };
    return observeRef.current(follow);
  }, []);
  const left500 = NOTE_TEXT_MAX - note.text.length;
  const capped = useCapNotice(ref, NOTE_TEXT_MAX);
  return (
    <div className="note-editor" style={{ left, top, width }}>
      <textarea
        ref={ref}
        aria-label={t('board.noteText')}
        defaultValue={note.text}
        maxLength={NOTE_TEXT_MAX}
        style={{ height, background: NOTE_COLOUR_HEX[note.colour] }}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onDone}
        onKeyDown={(e) => {
          e.stopPropagation();
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

