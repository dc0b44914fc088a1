import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import {
  NOTE_HEIGHT,
  addNote,
  countNotes,
  deleteNote,
  moveNote,
  notesMap,
  readNotes,
  setNoteColour,
  setNoteText,
} from '../../shared/schema/note';
import { LOCAL_ORIGIN, createBoardUndoManager } from '../../shared/schema/undo';
import { centreX, centredOn, centredOnPoint, inside, roofWallsY } from './houseLandmarks';

const house = HOUSE_TEMPLATE;
/** The origin this window's own edits carry; edits from peers arrive with another one. */
const LOCAL = LOCAL_ORIGIN;
const REMOTE = 'remote';

/** Top-left corners of notes that lie in the middle of each part of the house. */
const IN_ROOF = centredOnPoint(inside.roof);
const IN_WALLS = centredOnPoint(inside.walls);
const IN_FOUNDATION = centredOnPoint(inside.foundation);

/** What a facilitator sees of a board: the notes without their timestamps. */
const board = (doc: Y.Doc) => readNotes(doc).map(({ text, x, y, zone, colour }) => ({ text, x, y, zone, colour }));

/**
 * The board's undo, as the renderer makes it: only this window's edits, and `ignoreRemoteMapChanges`
 * so that undo after a concurrent change of the same key restores the old value instead of deleting
 * the key (see the last describe block).
 */
const undoManagerFor = (doc: Y.Doc): Y.UndoManager => createBoardUndoManager(doc);

/** What the board's undo would be without `ignoreRemoteMapChanges`: a plain Yjs UndoManager. */
const rawUndoManagerFor = (doc: Y.Doc): Y.UndoManager => new Y.UndoManager(notesMap(doc), { trackedOrigins: new Set([LOCAL]) });

describe('undo and redo of your own edits', () => {
  it('undoes add, move, recolour, text edit and delete one step at a time, and redoes them', () => {
    const doc = new Y.Doc();
    const undo = undoManagerFor(doc);
    const snapshots: ReturnType<typeof board>[] = [board(doc)];
    // Each user action is its own undo step (the UI calls stopCapturing after each one).
    const step = (action: () => void) => {
      action();
      undo.stopCapturing();
      snapshots.push(board(doc));
    };

    const onRoof = centredOn(centreX, roofWallsY - NOTE_HEIGHT);
    let id = '';
    step(() => {
      id = addNote(doc, house, { ...onRoof, text: 'Werk systemisch' }, LOCAL);
    });
    step(() => moveNote(doc, house, id, IN_WALLS.x, IN_WALLS.y, LOCAL));
    step(() => setNoteColour(doc, id, 'blue', LOCAL));
    step(() => setNoteText(doc, id, 'Werk systemisch, met school erbij', LOCAL));
    step(() => deleteNote(doc, id, LOCAL));

    expect(snapshots[1]).toEqual([{ text: 'Werk systemisch', ...onRoof, zone: 'roof', colour: 'yellow' }]);
    expect(snapshots[2]![0]).toMatchObject({ ...IN_WALLS, zone: 'walls' });
    expect(snapshots[3]![0]!.colour).toBe('blue');
    expect(snapshots[4]![0]!.text).toBe('Werk systemisch, met school erbij');
    expect(snapshots[5]).toEqual([]);
    expect(undo.undoStack).toHaveLength(5);

    for (let i = snapshots.length - 2; i >= 0; i--) {
      undo.undo();
      expect(board(doc), `after undoing to step ${i}`).toEqual(snapshots[i]);
    }
    expect(undo.canUndo()).toBe(false);

    for (let i = 1; i < snapshots.length; i++) {
      undo.redo();
      expect(board(doc), `after redoing step ${i}`).toEqual(snapshots[i]);
    }
    expect(undo.canRedo()).toBe(false);
  });

  it('brings a deleted note back with its text still editable, and a peer sees it too', () => {
    const doc = new Y.Doc();
    const undo = undoManagerFor(doc);
    const id = addNote(doc, house, { ...IN_FOUNDATION, text: '1Gezin1Plan1Regisseur' }, LOCAL);
    undo.stopCapturing();
    deleteNote(doc, id, LOCAL);
    undo.undo();

    expect(board(doc)).toEqual([{ text: '1Gezin1Plan1Regisseur', ...IN_FOUNDATION, zone: 'foundation', colour: 'yellow' }]);
    expect(setNoteText(doc, id, '1Gezin1Plan1Regisseur!')).toBe(true);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(readNotes(peer).map((n) => n.text)).toEqual(['1Gezin1Plan1Regisseur!']);
  });
});

describe('createBoardUndoManager', () => {
  it('tracks LOCAL_ORIGIN by default, and only the origin it is given otherwise', () => {
    const doc = new Y.Doc();
    const mineByDefault = createBoardUndoManager(doc);
    const other = Symbol('other window');
    const forOther = createBoardUndoManager(doc, other);
    addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' }, LOCAL_ORIGIN);
    expect(mineByDefault.undoStack).toHaveLength(1);
    expect(forOther.undoStack).toHaveLength(0);
    addNote(doc, house, { ...IN_FOUNDATION, text: '1Gezin1Plan1Regisseur' }, other);
    addNote(doc, house, { ...IN_ROOF, text: 'Ruimte bieden aan innovatie' });
    expect(mineByDefault.undoStack).toHaveLength(1);
    expect(forOther.undoStack).toHaveLength(1);
    forOther.undo();
    expect(readNotes(doc).map((n) => n.text).sort()).toEqual(['Ruimte bieden aan innovatie', 'Werk systemisch']);
  });
});

describe("undo never touches other people's edits", () => {
  it("does not undo a peer's text edit, but undoes your own move around it", () => {
    const mine = new Y.Doc();
    const undo = undoManagerFor(mine);
    const id = addNote(mine, house, { ...IN_WALLS, text: 'Ruimte bieden aan innovatie' }, LOCAL);
    undo.stopCapturing();
    moveNote(mine, house, id, IN_ROOF.x, IN_ROOF.y, LOCAL);
    undo.stopCapturing();

    // A peer who has seen the move adds words; the update reaches us with a non-local origin.
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), REMOTE);
    setNoteText(theirs, id, 'Ruimte bieden aan innovatie en vertrouwen geven');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), REMOTE);
    expect(undo.undoStack).toHaveLength(2);

    undo.undo();
    expect(board(mine)).toEqual([
      { text: 'Ruimte bieden aan innovatie en vertrouwen geven', ...IN_WALLS, zone: 'walls', colour: 'yellow' },
    ]);
  });

  it("does nothing when the only edits are a peer's", () => {
    const theirs = new Y.Doc();
    addNote(theirs, house, { ...IN_FOUNDATION, text: 'Werk systemisch' });
    const mine = new Y.Doc();
    const undo = undoManagerFor(mine);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), REMOTE);
    expect(undo.canUndo()).toBe(false);
    undo.undo();
    expect(readNotes(mine).map((n) => n.text)).toEqual(['Werk systemisch']);
  });

  it("keeps a peer's new words when you undo your own text edit of the same note", () => {
    const mine = new Y.Doc();
    const id = addNote(mine, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const undo = undoManagerFor(mine);
    setNoteText(mine, id, 'Altijd: Werk systemisch', LOCAL);
    undo.stopCapturing();

    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), REMOTE);
    setNoteText(theirs, id, 'Altijd: Werk systemisch (gezin, school)');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), REMOTE);

    undo.undo();
    expect(readNotes(mine)[0]!.text).toBe('Werk systemisch (gezin, school)');
  });
});

/**
 * Two people change the same note at the same moment, then the one whose change won presses undo.
 * Every edit writes `updatedAt`, so any two concurrent edits of one note collide on that key (and two
 * concurrent drags on x, y and zone). Which side wins depends on the client ids, so they are fixed.
 */
describe('undo after a concurrent edit of the same note', () => {
  function concurrently(
    myClientId: number,
    myEdit: (doc: Y.Doc, id: string) => void,
    theirEdit: (doc: Y.Doc, id: string) => void,
    makeUndoManager: (doc: Y.Doc) => Y.UndoManager = undoManagerFor,
  ): { mine: Y.Doc; theirs: Y.Doc } {
    const mine = new Y.Doc();
    mine.clientID = myClientId;
    const id = addNote(mine, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const theirs = new Y.Doc();
    theirs.clientID = 500;
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), REMOTE);
    const undo = makeUndoManager(mine);
    myEdit(mine, id);
    theirEdit(theirs, id);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), REMOTE);
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)), REMOTE);
    undo.undo();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)), REMOTE);
    return { mine, theirs };
  }
  const myMove = (doc: Y.Doc, id: string) => moveNote(doc, house, id, IN_ROOF.x, IN_ROOF.y, LOCAL);
  const theirMove = (doc: Y.Doc, id: string) => moveNote(doc, house, id, IN_FOUNDATION.x, IN_FOUNDATION.y);
  const theirText = (doc: Y.Doc, id: string) => setNoteText(doc, id, 'Werk systemisch, altijd');

  for (const [who, clientId] of [
    ['the peer', 100],
    ['you', 900],
  ] as const) {
    it(`keeps the peer's words and undoes your drag, when ${who} won the collision`, () => {
      const { mine, theirs } = concurrently(clientId, myMove, theirText);
      expect(board(mine)).toEqual([{ text: 'Werk systemisch, altijd', ...IN_WALLS, zone: 'walls', colour: 'yellow' }]);
      expect(board(theirs)).toEqual(board(mine));
    });
  }

  it('puts the note back where it was when two people dragged it at once and the winner undoes', () => {
    const { mine, theirs } = concurrently(900, myMove, theirMove);
    expect(board(mine)).toEqual([{ text: 'Werk systemisch', ...IN_WALLS, zone: 'walls', colour: 'yellow' }]);
    expect(board(theirs)).toEqual(board(mine));
  });

  // Why the board's UndoManager needs ignoreRemoteMapChanges: without it, Yjs deletes a key whose
  // concurrent write this side won instead of restoring the older value (yjs issue #514, open in
  // 13.6.33). When two people drag the same note at once, that deletes its position; readNote then
  // drops the note, so one Ctrl+Z makes it vanish on every screen. If this test starts failing,
  // Yjs has fixed the issue and the test can go.
  it('(guard) without ignoreRemoteMapChanges the note vanishes, as yjs #514 describes', () => {
    const { mine, theirs } = concurrently(900, myMove, theirMove, rawUndoManagerFor);
    expect(board(mine)).toEqual([]);
    expect(board(theirs)).toEqual([]);
    expect(countNotes(mine)).toBe(1);
    const ynote = [...notesMap(mine).values()][0]!;
    expect(ynote.has('x')).toBe(false);
    expect(ynote.has('y')).toBe(false);
  });

  // The same Yjs behaviour after a drag against a text edit deletes only `updatedAt` (every edit
  // writes it); readNote falls back to createdAt, so the note stays even then.
  it('(guard) without ignoreRemoteMapChanges a drag against a text edit loses only updatedAt, and the note stays', () => {
    const { mine, theirs } = concurrently(900, myMove, theirText, rawUndoManagerFor);
    const ynote = [...notesMap(mine).values()][0]!;
    expect(ynote.has('updatedAt')).toBe(false);
    expect(board(mine)).toEqual([{ text: 'Werk systemisch, altijd', ...IN_WALLS, zone: 'walls', colour: 'yellow' }]);
    expect(board(theirs)).toEqual(board(mine));
    expect(readNotes(mine)[0]!.updatedAt).toBe(readNotes(mine)[0]!.createdAt);
  });
});
