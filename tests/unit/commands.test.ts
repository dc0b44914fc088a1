import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { EDITING_COMMANDS, runBoardCommand, type BoardCommand, type BoardModel, type BoardUi } from '../../renderer/board/commands';
import type { Notice } from '../../renderer/board/BoardNotice';
import { NUDGE, NUDGE_FAST, boardCommand, type KeyPress } from '../../renderer/board/keymap';
import { NotesStore } from '../../renderer/board/notesStore';
import { NOTE_HEIGHT, NOTE_WIDTH, addNote, readNotes, setNoteColour, type NoteColour } from '../../shared/schema/note';
import { BoardHistory, LOCAL_ORIGIN } from '../../shared/schema/undo';
import { HOUSE_TEMPLATE as house } from '../../shared/template/house';
import type { Point, Rect } from '../../shared/template/template';
import { centredOnPoint, inside } from './houseLandmarks';

/**
 * The board's commands on real Y.Docs, with this device's real undo history and notes store. The
 * screen around them (selection, editor, colour, view) is a plain record of what they asked for.
 */

interface Screen {
  selectedId: string | null;
  editingId: string | null;
  /** The note the editor was opened on as a new one (it goes if left empty). */
  fresh: string | null;
  colour: NoteColour;
  presenting: boolean;
  notice: Notice | null;
  fits: number;
  zooms: number[];
  revealed: Rect[];
  panned: Point[];
  focused: number;
  left: number;
}

const boards: { store: NotesStore; history: BoardHistory }[] = [];
afterEach(() => {
  for (const b of boards.splice(0)) {
    b.store.destroy();
    b.history.destroy();
  }
});

function board(options: { readOnlyReason?: string | null; doc?: Y.Doc; byline?: { author?: string } } = {}) {
  const doc = options.doc ?? new Y.Doc();
  const history = new BoardHistory(doc);
  const store = new NotesStore(doc);
  boards.push({ store, history });
  const screen: Screen = { selectedId: null, editingId: null, fresh: null, colour: 'yellow', presenting: false, notice: null, fits: 0, zooms: [], revealed: [], panned: [], focused: 0, left: 0 };
  const model: BoardModel = {
    doc,
    template: house,
    history,
    notes: () => store.getSnapshot(),
    note: (id) => store.get(id),
    byline: options.byline ?? {},
    readOnlyReason: options.readOnlyReason ?? null,
  };
  const ui: BoardUi = {
    get selectedId() {
      return screen.selectedId;
    },
    get colour() {
      return screen.colour;
    },
    get presenting() {
      return screen.presenting;
    },
    view: {
      fit: () => void screen.fits++,
      zoomBy: (factor) => void screen.zooms.push(factor),
      centre: (): Point => ({ x: 1000, y: 1100 }),
      reveal: (rect) => void screen.revealed.push(rect),
      panBy: (dx, dy) => void screen.panned.push({ x: dx, y: dy }),
    },
    select: (id) => void (screen.selectedId = id),
    edit: (id) => void Object.assign(screen, { selectedId: id, editingId: id }),
    editNew: (id) => void Object.assign(screen, { selectedId: id, editingId: id, fresh: id }),
    finishEditing: () => void (screen.editingId = null),
    closeEditor: () => void (screen.editingId = null),
    setColour: (colour) => void (screen.colour = colour),
    setPresenting: (on) => void (screen.presenting = on),
    tell: (notice) => void (screen.notice = notice),
    focusBoard: () => void screen.focused++,
    leaveBoard: () => void screen.left++,
  };
  const run = (command: BoardCommand) => runBoardCommand(model, ui, command);
  const notes = () => readNotes(doc);
  const only = () => {
    const all = notes();
    expect(all).toHaveLength(1);
    return all[0]!;
  };
  return { doc, history, store, screen, run, notes, only };
}

describe('board commands', () => {
  it('adds a note in the part a key names (1 foundation, 2 walls, 3 roof), in the colour chosen, and opens it', () => {
    const b = board({ byline: { author: 'Amira' } });
    b.screen.colour = 'green';
    expect(b.run({ type: 'add', part: 1 })).toBe(true);
    expect(b.only()).toMatchObject({ zone: 'foundation', colour: 'green', author: 'Amira', text: '' });
    expect(b.screen).toMatchObject({ editingId: b.only().id, fresh: b.only().id });
    expect(b.screen.revealed.at(-1)).toMatchObject({ x: b.only().x, y: b.only().y });
    b.run({ type: 'add', part: 2 });
    b.run({ type: 'add', part: 3 });
    b.run({ type: 'add', part: 3 });
    expect(b.notes().map((n) => n.zone).sort()).toEqual(['foundation', 'roof', 'roof', 'walls']);
    // A second note in the roof does not go on the first.
    const [r1, r2] = b.notes().filter((n) => n.zone === 'roof');
    expect(Math.abs(r1!.x - r2!.x) >= NOTE_WIDTH || Math.abs(r1!.y - r2!.y) >= NOTE_HEIGHT).toBe(true);
    expect(b.run({ type: 'add', part: 4 })).toBe(false);
  });

  it('says the part is full when a note added by key finds no free place, and not before', () => {
    const b = board();
    let added = 0;
    // Fill the roof by key until a new note has to lie partly over another.
    while (b.screen.notice === null && added < 60) {
      b.run({ type: 'add', part: 3 });
      added++;
    }
    expect(b.screen.notice).toMatchObject({ kind: 'crowded', zone: { nl: 'Dak' } });
    const roof = b.notes().filter((n) => n.zone === 'roof');
    const overlaps = (a: (typeof roof)[number], c: (typeof roof)[number]) =>
      Math.abs(a.x - c.x) < NOTE_WIDTH && Math.abs(a.y - c.y) < NOTE_HEIGHT;
    // Every note before the last one had a place of its own.
    const earlier = roof.slice(0, -1);
    expect(earlier.some((a, i) => earlier.some((c, j) => i !== j && overlaps(a, c)))).toBe(false);
    expect(roof.slice(0, -1).some((a) => overlaps(a, roof.at(-1)!))).toBe(true);
  });

  it('adds a note centred where the board was double-clicked, or in the middle of the screen', () => {
    const b = board();
    b.run({ type: 'add-at', at: inside.walls });
    expect(b.only()).toMatchObject({ x: inside.walls.x - NOTE_WIDTH / 2, y: inside.walls.y - NOTE_HEIGHT / 2, zone: 'walls' });
    b.run({ type: 'add-at-centre' });
    expect(b.notes().find((n) => n.id === b.screen.fresh)).toMatchObject({ x: 1000 - NOTE_WIDTH / 2, y: 1100 - NOTE_HEIGHT / 2 });
  });

  it('moves a dropped note to whole board units and gives it the zone its centre lies in', () => {
    const b = board();
    const id = addNote(b.doc, house, centredOnPoint(inside.roof), LOCAL_ORIGIN);
    const to = centredOnPoint(inside.foundation);
    expect(b.run({ type: 'move', id, x: to.x + 0.4, y: to.y - 0.3 })).toBe(true);
    expect(b.only()).toMatchObject({ x: Math.round(to.x + 0.4), y: Math.round(to.y - 0.3), zone: 'foundation' });
  });

  it('nudges, recolours, edits and deletes the selected note, and only when there is one', () => {
    const b = board();
    const id = addNote(b.doc, house, centredOnPoint(inside.walls), LOCAL_ORIGIN);
    const start = b.only();
    for (const type of ['edit', 'delete'] as const) expect(b.run({ type })).toBe(false);
    // Without a selection the arrows look around instead (the view moves, the note does not).
    expect(b.run({ type: 'nudge', dx: 10, dy: 0 })).toBe(true);
    expect(b.screen.panned).toEqual([{ x: 40, y: 0 }]);
    expect(b.only()).toMatchObject({ x: start.x, y: start.y });
    // Without a selection a swatch picks the colour of the next note only.
    expect(b.run({ type: 'recolour', colour: 'pink' })).toBe(true);
    expect(b.screen.colour).toBe('pink');
    expect(b.only().colour).toBe('yellow');

    b.run({ type: 'select', id });
    expect(b.run({ type: 'nudge', dx: 10, dy: -60 })).toBe(true);
    expect(b.only()).toMatchObject({ x: start.x + 10, y: start.y - 60 });
    b.run({ type: 'recolour', colour: 'blue' });
    expect(b.only().colour).toBe('blue');
    expect(b.run({ type: 'edit' })).toBe(true);
    expect(b.screen.editingId).toBe(id);
    expect(b.run({ type: 'write', id, text: 'Werk systemisch' })).toBe(true);
    expect(b.only().text).toBe('Werk systemisch');
    b.run({ type: 'finish-edit' });
    expect(b.screen.editingId).toBeNull();
    expect(b.run({ type: 'delete' })).toBe(true);
    expect(b.notes()).toEqual([]);
    expect(b.screen.selectedId).toBeNull();
  });

  it('undoes and redoes one step at a time, and says so when someone else changed it since', () => {
    const b = board();
    b.run({ type: 'add-at', at: inside.walls });
    b.run({ type: 'finish-edit' });
    const id = b.only().id;
    b.run({ type: 'select', id });
    b.run({ type: 'recolour', colour: 'orange' });
    expect(b.run({ type: 'undo' })).toBe(true);
    expect(b.only().colour).toBe('yellow');
    b.run({ type: 'redo' });
    expect(b.only().colour).toBe('orange');
    expect(b.screen.notice).toBeNull();

    // Someone else recolours it: the undo of this person's recolour keeps their colour, and says so.
    setNoteColour(b.doc, id, 'purple', 'peer');
    b.run({ type: 'undo' });
    expect(b.only().colour).toBe('purple');
    expect(b.screen.notice).toEqual({ kind: 'history', action: 'undo', outcome: 'kept' });
  });

  it('walks the notes in reading order and lets the keyboard go past the last', () => {
    const b = board();
    const low = addNote(b.doc, house, centredOnPoint(inside.foundation), LOCAL_ORIGIN);
    const high = addNote(b.doc, house, centredOnPoint(inside.roof), LOCAL_ORIGIN);
    expect(b.run({ type: 'walk', back: false })).toBe(true);
    expect(b.screen.selectedId).toBe(high);
    b.run({ type: 'walk', back: false });
    expect(b.screen.selectedId).toBe(low);
    expect(b.run({ type: 'walk', back: false })).toBe(false);
    b.run({ type: 'select', id: null });
    expect(b.run({ type: 'walk', back: true })).toBe(true);
    expect(b.screen.selectedId).toBe(low);
  });

  it('puts the words of a note someone else deleted back as a new note of this person', () => {
    const b = board({ byline: { author: 'Bram' } });
    b.screen.notice = { kind: 'lost', lost: { text: 'Onderwijs aan tafel!', x: 300, y: 1000, colour: 'pink' } };
    b.run({ type: 'restore', lost: { text: 'Onderwijs aan tafel!', x: 300, y: 1000, colour: 'pink' } });
    expect(b.only()).toMatchObject({ text: 'Onderwijs aan tafel!', x: 300, y: 1000, colour: 'pink', author: 'Bram', zone: 'walls' });
    expect(b.screen).toMatchObject({ notice: null, selectedId: b.only().id });
    expect(b.screen.focused).toBe(1);
  });

  it('moves the view and presentation mode, and leaves Esc to the page', () => {
    const b = board();
    b.run({ type: 'zoom', factor: 1.25 });
    b.run({ type: 'fit' });
    expect(b.screen.zooms).toEqual([1.25]);
    expect(b.screen.fits).toBe(1);
    b.run({ type: 'present' });
    expect(b.screen.presenting).toBe(true);
    expect(b.screen.fits).toBe(2);
    expect(b.run({ type: 'escape' })).toBe(false);
    expect(b.screen.presenting).toBe(false);
    // Esc goes one step out at a time: the selection, then off the board.
    const id = addNote(b.doc, house, centredOnPoint(inside.walls), LOCAL_ORIGIN);
    b.run({ type: 'select', id });
    b.run({ type: 'escape' });
    expect(b.screen.selectedId).toBeNull();
    expect(b.screen.left).toBe(0);
    b.run({ type: 'escape' });
    expect(b.screen.left).toBe(1);
  });

  it('changes nothing of a read-only board (a doc from a newer app), and still lets it be looked at', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...centredOnPoint(inside.walls), text: 'Werk systemisch' }, 'peer');
    const b = board({ doc, readOnlyReason: 'newer' });
    const before = Y.encodeStateAsUpdate(doc);
    b.run({ type: 'select', id });
    const tried: BoardCommand[] = [
      { type: 'add', part: 1 },
      { type: 'add-at', at: inside.roof },
      { type: 'add-at-centre' },
      { type: 'edit' },
      { type: 'edit', id },
      { type: 'write', id, text: 'anders' },
      { type: 'nudge', dx: 10, dy: 0 },
      { type: 'move', id, x: 0, y: 0 },
      { type: 'delete' },
      { type: 'restore', lost: { text: 'x', x: 0, y: 0, colour: 'blue' } },
      { type: 'undo' },
      { type: 'redo' },
    ];
    for (const command of tried) expect(b.run(command), command.type).toBe(false);
    expect(new Set(tried.map((c) => c.type))).toEqual(EDITING_COMMANDS);
    b.run({ type: 'recolour', colour: 'green' });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(b.screen.editingId).toBeNull();
    // Looking still works.
    expect(b.run({ type: 'walk', back: false })).toBe(false);
    expect(b.run({ type: 'select', id: null })).toBe(true);
    expect(b.run({ type: 'walk', back: false })).toBe(true);
    expect(b.run({ type: 'zoom', factor: 0.8 })).toBe(true);
    expect(b.run({ type: 'present' })).toBe(true);
  });
});

describe('the keymap on a real board', () => {
  const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it('does what the help text says: 1 2 3 add, arrows move, Delete removes, Ctrl+Z and Ctrl+Y take it back and again', () => {
    const b = board();
    const key = (k: string, mods: Partial<KeyPress> = {}) => {
      const command = boardCommand(press(k, mods));
      expect(command, k).not.toBeNull();
      return b.run(command!);
    };
    key('2');
    b.run({ type: 'write', id: b.only().id, text: 'Werk systemisch' });
    b.run({ type: 'finish-edit' });
    const start = b.only();
    expect(start.zone).toBe('walls');
    key('ArrowRight');
    key('ArrowDown', { shiftKey: true });
    expect(b.only()).toMatchObject({ x: start.x + NUDGE, y: start.y + NUDGE_FAST });
    key('Enter');
    expect(b.screen.editingId).toBe(start.id);
    b.run({ type: 'finish-edit' });
    key('Delete');
    expect(b.notes()).toEqual([]);
    key('z', { ctrlKey: true });
    expect(b.notes().map((n) => n.text)).toEqual(['Werk systemisch']);
    key('y', { ctrlKey: true });
    expect(b.notes()).toEqual([]);
    key('p');
    expect(b.screen.presenting).toBe(true);
  });
});
