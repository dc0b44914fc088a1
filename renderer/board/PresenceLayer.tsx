import { memo, useSyncExternalStore } from 'react';
import { Group, Label, Layer, Path, Rect, Tag, Text } from 'react-konva';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema/note';
import type { NotesStore } from './notesStore';

export interface BoardPresence {
  cursors: readonly { id: number; x: number; y: number; colour: string; name: string }[];
  editing: readonly { noteId: string; colour: string; name: string }[];
}

const CURSOR = 'M0 0 L0 34 L9 26 L16 42 L22 39 L15 24 L27 24 Z';

/**
 * Other people's pointers and the notes they are typing in, on a layer of its own. It follows the
 * notes from the store itself (only while it is shown: while someone else is on the board).
 */
export const PresenceLayer = memo(function PresenceLayer({ presence, store, scale }: { presence: BoardPresence; store: NotesStore; scale: number }) {
  useSyncExternalStore(store.subscribe, store.getSnapshot);
  // Keep labels readable whatever the zoom.
  const k = 1 / Math.max(scale, 0.05);
  return (
    <Layer listening={false}>
      {presence.editing.map((e) => {
        const note = store.get(e.noteId);
        if (!note) return null;
        return (
          <Group key={`edit-${e.noteId}-${e.name}`} x={note.x} y={note.y}>
            <Rect x={-6} y={-6} width={NOTE_WIDTH + 12} height={NOTE_HEIGHT + 12} stroke={e.colour} strokeWidth={6} dash={[14, 8]} />
            <Label y={NOTE_HEIGHT + 10} scaleX={k * 0.9} scaleY={k * 0.9}>
              <Tag fill={e.colour} cornerRadius={4} />
              <Text text={`✎ ${e.name}`} fill="#fff" fontSize={14} padding={4} />
            </Label>
          </Group>
        );
      })}
      {presence.cursors.map((c) => (
        <Group key={`cursor-${c.id}`} x={c.x} y={c.y} scaleX={k} scaleY={k}>
          <Path data={CURSOR} fill={c.colour} stroke="#fff" strokeWidth={2} scaleX={0.6} scaleY={0.6} />
          {c.name && (
            <Label x={16} y={22}>
              <Tag fill={c.colour} cornerRadius={4} />
              <Text text={c.name} fill="#fff" fontSize={14} padding={4} />
            </Label>
          )}
        </Group>
      ))}
    </Layer>
  );
});
