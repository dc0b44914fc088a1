import { useLayoutEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { HouseBoard, type HouseBoardHandle } from '../../../renderer/board/HouseBoard';
import type { HousePicture } from '../../../renderer/board/paint/house';
import { useBoardEditor } from '../../../renderer/board/useBoardEditor';
import { useNotesDeferred } from '../../../renderer/board/useBoard';
import { useViewportState, type BoardViewport } from '../../../renderer/board/useViewport';
import type { StoredDoc } from '../../../renderer/docs/openDoc';
import nl from '../../../renderer/i18n/nl.json';
import { defaultQuestions } from '../../../shared/schema/session';
import { WRITABLE } from '../../../shared/schema/docVersion';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';

const template = HOUSE_TEMPLATE;
const picture: HousePicture = {
  template,
  questions: defaultQuestions(template),
  lang: 'nl',
  parkingLabel: nl.board.parking,
  parkingHint: nl.board.parkingHint,
};
const NO_BYLINE = {};

/** A StoredDoc without IndexedDB: the bench measures the board, not storage. */
function memoryStored(doc: Y.Doc): StoredDoc {
  const local = new Map<string, unknown>();
  return {
    name: 'bench',
    kind: 'board',
    doc,
    access: () => WRITABLE,
    onAccess: () => () => {},
    saveState: () => 'saved',
    onSaveState: () => () => {},
    flushed: () => Promise.resolve(),
    getLocal: (key) => local.get(key),
    localKeys: (prefix) => [...local.keys()].filter((k) => k.startsWith(prefix)),
    setLocal: (key, value) => (value === undefined ? local.delete(key) : local.set(key, value)),
  };
}

interface Props {
  doc: Y.Doc;
  /** Called after every commit, so the page can listen to the layers before their first draw. */
  onCommit: (board: HouseBoardHandle | null, viewport: BoardViewport) => void;
}

/**
 * The board part of renderer/screens/BoardScreen.tsx with the same wiring (useBoardEditor: notes
 * store, history, commands, viewport; the screen's deferred notes list; the zoom shown) but no
 * IndexedDB, i18n, toolbar or notes panel.
 */
export function BenchBoard({ doc, onCommit }: Props) {
  const stored = useMemo(() => memoryStored(doc), [doc]);
  const editor = useBoardEditor({ stored, template, byline: NO_BYLINE, readOnlyReason: null });
  const { surface } = editor;
  const boardRef = useRef<HouseBoardHandle>(null);
  // What BoardScreen renders beside the board (its panel, the note count) follows the notes too.
  const notes = useNotesDeferred(editor.store);
  const { scale } = useViewportState(editor.viewport.viewport);

  useLayoutEffect(() => onCommit(boardRef.current, editor.viewport.viewport));

  return (
    <div ref={surface} className="board-surface" tabIndex={0} role="application" aria-label="bench">
      <HouseBoard
        ref={boardRef}
        picture={picture}
        store={editor.store}
        viewport={editor.viewport}
        selectedId={editor.selectedId}
        editingId={editor.editingId}
        editable={editor.editable}
        run={editor.run}
        renderEditor={() => null}
      />
      <output className="bench-zoom">
        {Math.round(scale * 100)}% · {notes.length}
      </output>
    </div>
  );
}
