import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOUR_HEX, NOTE_TEXT_MAX, type Note } from '../../shared/schema/note';
import { shiftThroughEdit } from '../../shared/textEdit';

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
}

/**
 * Typing happens in a real <textarea> over the canvas: the browser gives us caret, selection,
 * IME and spell-check. maxLength makes the browser cut a pasted megabyte before it reaches us.
 */
export function NoteEditor({ note, left, top, width, height, onChange, onDone, onUndo, onRedo }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
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
    if (!el || el.value === note.text) return;
    const { selectionStart, selectionEnd } = el;
    const moved = (pos: number) => shiftThroughEdit(el.value, note.text, pos);
    const start = moved(selectionStart);
    const end = moved(selectionEnd);
    el.value = note.text;
    if (document.activeElement === el) el.setSelectionRange(start, end);
  }, [note.text]);
  const left500 = NOTE_TEXT_MAX - note.text.length;
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
    </div>
  );
}

