import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, readNotes, setNoteText } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { checkWritten, latencies } from '../drill/check';
import type { Written } from '../drill/human';

/**
 * The load drill's end check (tests/drill/check.ts): it must catch a note that is not as its
 * writer left it, or the drill's "nothing missing" could not fail.
 */

const GROUP = { id: 'groep0001', name: 'Groep 1', order: 0 };

function board(): { doc: Y.Doc; written: Written[] } {
  const doc = new Y.Doc();
  const ids = ['Werk systemisch', 'Onderwijs aan tafel!'].map((text, i) => addNote(doc, HOUSE_TEMPLATE, { x: 300 + 300 * i, y: 1000, text, author: 'Bas 1.2' }));
  const written = readNotes(doc).map((n): Written => ({ id: n.id, text: n.text, x: n.x, y: n.y, colour: n.colour, deleted: false }));
  expect(written.map((w) => w.id).sort()).toEqual([...ids].sort());
  return { doc, written };
}

describe("the drill's check that nothing anyone wrote is missing", () => {
  it('passes a board that holds every note as its writer left it', () => {
    const { doc, written } = board();
    const result = checkWritten([{ key: '1.2', written }], [], [GROUP], new Map([[GROUP.id, doc]]));
    expect(result.missing).toEqual([]);
    expect(result.writtenNotes).toBe(2);
  });

  it('reports a note whose text lost its last word, a note that is gone, and a deleted note that came back', () => {
    const { doc, written } = board();
    setNoteText(doc, written[0]!.id, 'Werk');
    deleteNote(doc, written[1]!.id);
    const third = addNote(doc, HOUSE_TEMPLATE, { x: 900, y: 1000, text: 'Tijd en ruimte voor overleg' });
    const all = [...written, { id: third, text: 'Tijd en ruimte voor overleg', x: 900, y: 1000, colour: 'yellow' as const, deleted: true }];
    const { missing } = checkWritten([{ key: '1.2', written: all }], [], [GROUP], new Map([[GROUP.id, doc]]));
    expect(missing).toHaveLength(3);
    expect(missing[0]).toContain('is “Werk”');
    expect(missing[1]).toContain('is gone');
    expect(missing[2]).toContain('still there');
  });

  it("finds a browser's notes by author and text, and reports the one that is not on the board", () => {
    const { doc } = board();
    const page = { name: 'Bas 1.2', groupId: GROUP.id, writes: [{ at: 1000, text: 'Werk systemisch' }, { at: 2000, text: 'Ervaringsdeskundigen betrekken' }] };
    const { missing, pageAdded } = checkWritten([], [page], [GROUP], new Map([[GROUP.id, doc]]));
    expect(missing).toEqual(['Bas 1.2: “Ervaringsdeskundigen betrekken” is not on the board', 'Bas 1.2: 1 note(s) on the board it did not write as they stand: “Onderwijs aan tafel!”']);
    expect(pageAdded).toHaveLength(1);
    // Its note reached another laptop 12 ms after the key was pressed.
    const [added] = pageAdded;
    expect(latencies([{ key: '1.1', edits: 0, added: [], received: [{ id: added!.id, at: 1012, via: 'webrtc' }], written: [], fingerprint: '' }], pageAdded).fromPages).toEqual([12]);
  });
});
