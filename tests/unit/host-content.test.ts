import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_SHAPES, TEXT_SLACK } from '../../shared/schema/docShape';
import { migrate } from '../../shared/schema/docVersion';
import { NOTE_TEXT_MAX, addNote, deleteNote, holdNoteTextEdit, moveNote, notesMap, readNotes, setNoteColour, setNoteText } from '../../shared/schema/note';
import { participantsMap, recordParticipant } from '../../shared/schema/participant';
import { setTableDone } from '../../shared/schema/tableDone';
import { LOCAL_ORIGIN, createBoardHistory } from '../../shared/schema/undo';
import { keepZonesSettled } from '../../shared/schema/zoneKeeper';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { checkContent } from '../../electron/host/content';

/**
 * The relay's schema check (electron/host/content.ts) on its own: everything the app writes into a
 * board or room doc fits, alone and when people write at once; what no schema allows does not.
 */

const BOARD = DOC_SHAPES.board!;
const ROOM = DOC_SHAPES.room!;
const GROUPS = ['groep00001', 'groep00002'];

/** A host doc that takes each laptop's updates through the check, as the relay does. */
class Host {
  readonly doc = new Y.Doc();
  refused = 0;
  problems: string[] = [];

  constructor(private readonly shape: typeof BOARD) {}

  take(update: Uint8Array): void {
    const checked = checkContent(this.doc, this.shape, update, Y.decodeUpdate(update));
    this.refused += checked.refused;
    if (checked.problem) this.problems.push(checked.problem);
    Y.applyUpdate(this.doc, checked.update);
  }
}

/** A laptop whose every change goes to the host as its own update (as y-websocket sends them). */
function laptop(host: Host, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'host') host.take(update);
  });
  return doc;
}

/** Brings `doc` up to date with the host (what the relay sends it). */
function pull(host: Host, doc: Y.Doc): void {
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(host.doc, Y.encodeStateVector(doc)), 'host');
}

describe('content: what the app writes fits', () => {
  it('a board worked by two laptops: notes typed letter by letter, moved, recoloured, deleted, undone and redone, zones settled', () => {
    const host = new Host(BOARD);
    const a = laptop(host, 101);
    const b = laptop(host, 202);
    keepZonesSettled(a, HOUSE_TEMPLATE);
    const history = createBoardHistory(a);
    migrate(a, 'board');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = addNote(a, HOUSE_TEMPLATE, { x: 100 + i * 50, y: 300, author: 'Amira', domain: 'school' }, LOCAL_ORIGIN);
      ids.push(id);
      const words = `Notitie ${i}: samen met school en gezin`;
      for (let c = 1; c <= words.length; c++) setNoteText(a, id, words.slice(0, c), LOCAL_ORIGIN);
      moveNote(a, HOUSE_TEMPLATE, id, 900, 100 + i * 20, LOCAL_ORIGIN);
      setNoteColour(a, id, 'green', LOCAL_ORIGIN);
      history.stopCapturing();
    }
    deleteNote(a, ids[3]!, LOCAL_ORIGIN);
    history.stopCapturing();
    history.undo();
    history.undo();
    history.redo();
    pull(host, b);
    // An input method's held edit, and someone else moving the same note meanwhile.
    const held = holdNoteTextEdit(b, ids[0]!, readNotes(b).find((n) => n.id === ids[0])!.text);
    moveNote(b, HOUSE_TEMPLATE, ids[0]!, 1200, 900);
    held!.commit('Notitie 0: samen met school, gezin en buurt');
    expect(host.problems).toEqual([]);
    expect(host.refused).toBe(0);
    pull(host, a);
    expect(readNotes(host.doc)).toEqual(readNotes(a));
    expect(readNotes(host.doc)).toHaveLength(12);
  });

  it('two people typing into one note at once, one deleting it while the other types', () => {
    const host = new Host(BOARD);
    const a = laptop(host, 101);
    const b = laptop(host, 202);
    const id = addNote(a, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'x'.repeat(NOTE_TEXT_MAX - 10) });
    pull(host, b);
    // Not yet told of each other's change: both fill the note to the app's cap; merged it is past it.
    setNoteText(a, id, `${'x'.repeat(NOTE_TEXT_MAX - 10)}${'a'.repeat(10)}`);
    setNoteText(b, id, `${'b'.repeat(10)}${'x'.repeat(NOTE_TEXT_MAX - 10)}`);
    expect(host.doc.getMap('notes').get(id)).toBeInstanceOf(Y.Map);
    expect((notesMap(host.doc).get(id)!.get('text') as Y.Text).length).toBe(NOTE_TEXT_MAX + 10);
    // B deletes the note while A (not yet told) types on.
    deleteNote(b, id);
    setNoteText(a, id, `${'x'.repeat(NOTE_TEXT_MAX - 10)}${'a'.repeat(9)}!`);
    expect(host.refused).toBe(0);
    expect(readNotes(host.doc)).toEqual([]);
  });

  it('a room: the roster as people join and change, tables saying they are done and taking it back', () => {
    const host = new Host(ROOM);
    const a = laptop(host, 101);
    const b = laptop(host, 202);
    migrate(a, 'room');
    recordParticipant(a, { id: 'deelnemer1', groupId: GROUPS[0]!, name: 'Amira', domain: 'school' }, GROUPS);
    recordParticipant(b, { id: 'deelnemer2', groupId: GROUPS[1]! }, GROUPS);
    recordParticipant(a, { id: 'deelnemer1', groupId: GROUPS[1]!, name: 'Amira B.', domain: 'gezin' }, GROUPS);
    recordParticipant(a, { id: 'deelnemer1', groupId: GROUPS[1]! }, GROUPS);
    setTableDone(a, GROUPS[0]!, 'fase00001', true);
    setTableDone(b, GROUPS[0]!, 'fase00001', true);
    setTableDone(a, GROUPS[0]!, 'fase00001', false);
    expect(host.problems).toEqual([]);
    expect(host.refused).toBe(0);
    expect(participantsMap(host.doc).size).toBe(2);
  });

  it('the whole of a worked board at once, as a laptop uploads it to a host that lost it', () => {
    const laptopDoc = new Y.Doc();
    migrate(laptopDoc, 'board');
    for (let i = 0; i < 60; i++) {
      const id = addNote(laptopDoc, HOUSE_TEMPLATE, { x: (i * 37) % 1800, y: (i * 53) % 1400 });
      const words = 'Ouders versterken met kennis en contact';
      for (let c = 1; c <= words.length; c++) setNoteText(laptopDoc, id, words.slice(0, c));
      if (i % 7 === 0) deleteNote(laptopDoc, id);
    }
    const host = new Host(BOARD);
    host.take(Y.encodeStateAsUpdate(laptopDoc));
    expect(host.refused).toBe(0);
    expect(readNotes(host.doc)).toEqual(readNotes(laptopDoc));
  });
});

describe('content: what no schema allows does not fit', () => {
  const refusedBy = (shape: typeof BOARD, fill: (doc: Y.Doc) => void, base?: Y.Doc) => {
    const host = new Host(shape);
    if (base) Y.applyUpdate(host.doc, Y.encodeStateAsUpdate(base));
    const doc = new Y.Doc();
    if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(doc);
    fill(doc);
    host.take(Y.encodeStateAsUpdate(doc, before));
    return host;
  };

  it.each([
    ['a root as a text instead of a map', (d: Y.Doc) => d.getText('notes').insert(0, 'x')],
    ['a key with an id that is no id', (d: Y.Doc) => notesMap(d).set('../x', new Y.Map())],
    ['an XML text where a note text goes', (d: Y.Doc) => {
      const note = new Y.Map<unknown>();
      notesMap(d).set('notitie001', note);
      note.set('text', new Y.XmlText('x'));
    }],
    ['binary in a note', (d: Y.Doc) => {
      const note = new Y.Map<unknown>();
      notesMap(d).set('notitie001', note);
      note.set('colour', new Uint8Array([1, 2, 3]));
    }],
    ['a colour the app does not have', (d: Y.Doc) => {
      const note = new Y.Map<unknown>();
      notesMap(d).set('notitie001', note);
      note.set('colour', 'zwart');
    }],
    ['a sub-document', (d: Y.Doc) => notesMap(d).set('notitie001', new Y.Doc() as unknown as Y.Map<unknown>)],
    ['a version key that is no version', (d: Y.Doc) => d.getMap('docVersion').set('99', 'ja')],
  ])('refuses %s', (_what, fill) => {
    const host = refusedBy(BOARD, fill);
    expect(host.refused).toBeGreaterThan(0);
    expect(readNotes(host.doc)).toEqual([]);
  });

  it(`refuses text past ${TEXT_SLACK} × the note's cap, typed into a note the host holds`, () => {
    const base = new Y.Doc();
    const id = addNote(base, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Kort' });
    const host = refusedBy(BOARD, (d) => (notesMap(d).get(id)!.get('text') as Y.Text).insert(4, 'y'.repeat(NOTE_TEXT_MAX * TEXT_SLACK)), base);
    expect(host.refused).toBe(1);
    expect(readNotes(host.doc)[0]!.text).toBe('Kort');
  });

  it('keeps what came after a refused struct, its client\'s later notes included; what was built on it goes', () => {
    const mallory = new Y.Doc();
    mallory.getText('reclame').insert(0, 'Koop nu!');
    const after = addNote(mallory, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Geldig' });
    mallory.getText('reclame').insert(8, ' Echt!');
    const host = new Host(BOARD);
    host.take(Y.encodeStateAsUpdate(mallory));
    expect(readNotes(host.doc).map((n) => n.id)).toEqual([after]);
    expect(host.doc.getText('reclame').toString()).toBe('');
    expect(host.refused).toBe(2);
  });

  it('does not hang on origins that point at each other', () => {
    const a = new Y.Doc();
    a.clientID = 5;
    a.getMap('notes').set('notitie001', new Y.Map());
    const update = Y.encodeStateAsUpdate(a);
    const decoded = Y.decodeUpdate(update);
    const item = decoded.structs.find((s): s is Y.Item => s instanceof Y.Item)!;
    // Its origin is itself; its parent is to be copied from there.
    item.origin = item.id;
    item.parent = null;
    const host = new Host(BOARD);
    const checked = checkContent(host.doc, BOARD, update, decoded);
    expect(checked.refused).toBe(0);
  });
});
