import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { observeNoteText, type Note } from '../../shared/schema/note';
import type { Point } from '../../shared/template/template';
import type { BoardCommand } from './commands';
import { HouseBoard, type EditorRect, type HouseBoardHandle } from './HouseBoard';
import { NoteEditor } from './NoteEditor';
import type { HousePicture } from './paint/house';
import type { BoardPresence } from './PresenceLayer';
import { SelectionAnnouncer } from './SelectionAnnouncer';
import type { BoardEditor } from './useBoardEditor';
import { useViewportState } from './useViewport';
import { ZoomControls } from './ZoomControls';

interface Props {
  editor: BoardEditor;
  picture: HousePicture;
  /** What a screen reader calls the board. */
  label: string;
  onBoardKey: (e: React.KeyboardEvent<HTMLElement>) => void;
  /** Zone id → its name, for saying where the selected note lies. */
  zoneLabel: (zoneId: string) => string;
  presence?: BoardPresence;
  onPointerWorld?: (world: Point | null) => void;
  boardRef?: React.Ref<HouseBoardHandle>;
}

/**
 * The board's keyboard area: the house (HouseBoard), the text editor over it, the zoom controls,
 * and what a screen reader hears of the canvas (the help, the questions, the selected note).
 */
export function BoardSurface({ editor, picture, label, onBoardKey, zoneLabel, presence, onPointerWorld, boardRef }: Props) {
  const { t } = useTranslation();
  const { run, store, focusBoard, doc, draft, compose, surface } = editor;
  const { scale } = useViewportState(editor.viewport.viewport);
  // A press on the board takes the keyboard too, so its keys work at once.
  const runFromCanvas = useCallback(
    (command: BoardCommand) => {
      const taken = run(command);
      if (command.type === 'select') focusBoard();
      return taken;
    },
    [run, focusBoard],
  );
  const renderEditor = useCallback(
    (note: Note, rect: EditorRect) => (
      <NoteEditor
        key={note.id}
        note={note}
        {...rect}
        onChange={(text) => run({ type: 'write', id: note.id, text })}
        onDraft={(text) => draft(note.id, text)}
        onDone={() => run({ type: 'finish-edit' })}
        onUndo={() => run({ type: 'undo' })}
        onRedo={() => run({ type: 'redo' })}
        observeText={(listener) => observeNoteText(doc, note.id, listener)}
        compose={(base) => compose(note.id, base)}
      />
    ),
    [run, draft, compose, doc],
  );
  const { lang, template, questions } = picture;
  return (
    <div
      ref={surface}
      className="board-surface"
      tabIndex={0}
      role="application"
      aria-label={label}
      aria-describedby="board-help board-questions"
      onKeyDown={onBoardKey}
    >
      <HouseBoard
        ref={boardRef}
        picture={picture}
        store={store}
        viewport={editor.viewport}
        selectedId={editor.selectedId}
        editingId={editor.editingId}
        editable={editor.editable}
        run={runFromCanvas}
        renderEditor={renderEditor}
        presence={presence}
        onPointerWorld={onPointerWorld}
      />
      <ZoomControls
        zoom={scale}
        presenting={editor.presenting}
        run={(command) => {
          run(command);
          if (command.type === 'present') focusBoard();
        }}
      />
      <p id="board-help" className="board-help">
        {/* A tablet has no mouse wheel, keys or double-click: it gets the touch words. A read-only
            board says only what can be done on it (the banner above says why). */}
        <span className="help-pointer">{t(editor.editable ? 'board.help' : 'board.helpReadOnly')}</span>
        <span className="help-touch">{t(editor.editable ? 'board.helpTouch' : 'board.helpTouchReadOnly')}</span>
      </p>
      {/* The questions are painted on the canvas; screen readers hear them with the board. */}
      <div id="board-questions" className="sr-only">
        {[...template.zones].reverse().map((zone) => (
          <p key={zone.id}>
            {zone.label[lang]}: {questions[zone.id] ?? zone.defaultQuestion[lang]}
          </p>
        ))}
      </div>
      <SelectionAnnouncer
        note={editor.selectedId ? (store.get(editor.selectedId) ?? null) : null}
        editing={editor.editingId !== null}
        zoneLabel={zoneLabel}
      />
    </div>
  );
}
