import { memo } from 'react';
import { Shape } from 'react-konva';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '../../shared/schema/note';
import { drawNote } from './noteDrawing';

/** One note on the canvas. Memoised on the note record, which the store keeps stable; the selection
 * is drawn on the overlay layer, so selecting never redraws the notes. */
export const NoteNode = memo(function NoteNode({ note }: { note: Note }) {
  return (
    <Shape
      id={note.id}
      x={note.x}
      y={note.y}
      width={NOTE_WIDTH}
      height={NOTE_HEIGHT}
      noteText={note.text}
      noteColour={note.colour}
      sceneFunc={drawNote}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
});
