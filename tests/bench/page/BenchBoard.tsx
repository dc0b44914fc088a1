import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { HouseBoard, type HouseBoardHandle } from '../../../renderer/board/HouseBoard';
import { LOCAL_ORIGIN, useNotes, useNotesStore, useBoardHistory } from '../../../renderer/board/useBoard';
import nl from '../../../renderer/i18n/nl.json';
import { moveNote } from '../../../shared/schema/note';
import { defaultQuestions } from '../../../shared/schema/session';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';

const template = HOUSE_TEMPLATE;
const questions: Readonly<Record<string, string>> = defaultQuestions(template);

interface Props {
  doc: Y.Doc;
  /** Called after every commit, so the page can listen to the layers before their first draw. */
  onCommit: (board: HouseBoardHandle | null) => void;
}

/**
 * The board part of renderer/screens/BoardScreen.tsx with the same wiring (notes store, undo
 * manager, selection, zoom state, inline callbacks) but no IndexedDB, i18n, toolbar or notes panel.
 */
export function BenchBoard({ doc, onCommit }: Props) {
  const store = useNotesStore(doc);
  const notes = useNotes(store);
  const undo = useBoardHistory(doc);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [zoom, setZoom] = useState(1);
  const boardRef = useRef<HouseBoardHandle>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => onCommit(boardRef.current));

  const onMove = useCallback(
    (id: string, x: number, y: number) => {
      undo.stopCapturing();
      moveNote(doc, template, id, Math.round(x), Math.round(y), LOCAL_ORIGIN);
    },
    [doc, undo],
  );

  return (
    <div ref={surfaceRef} className="board-surface" tabIndex={0} role="application" aria-label="bench">
      <HouseBoard
        ref={boardRef}
        template={template}
        questions={questions}
        lang="nl"
        parkingLabel={nl.board.parking}
        parkingHint={nl.board.parkingHint}
        notes={notes}
        selectedId={selectedId}
        editingId={null}
        onSelect={(id) => {
          setSelectedId(id);
          surfaceRef.current?.focus({ preventScroll: true });
        }}
        onMove={onMove}
        onCreateAt={() => {}}
        onEdit={(id) => setSelectedId(id)}
        onZoomChange={setZoom}
        renderEditor={() => null}
      />
      <output className="bench-zoom">{Math.round(zoom * 100)}%</output>
    </div>
  );
}
