import type * as Y from 'yjs';
import {
  NOTE_HEIGHT,
  NOTE_WIDTH,
  addNote,
  deleteNote,
  moveNote,
  setNoteColour,
  setNoteText,
  type Note,
  type NoteColour,
} from '../../shared/schema/note';
import { LOCAL_ORIGIN, type BoardHistory, type HistoryOutcome } from '../../shared/schema/undo';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import { rectsIntersect } from '../../shared/template/geometry';
import type { BoardTemplate, Point, Rect } from '../../shared/template/template';
import type { Notice } from './BoardNotice';
import { readingOrder } from './readingOrder';
import type { LostNote } from './useNoteEditing';

/**
 * The board's commands, in one place: the keyboard (keymap.ts), the toolbar, the canvas's gestures
 * and, next, the reflection board all run them here, so a key and a button can never do two
 * different things, and editing is allowed or refused in one spot (`readOnlyReason`).
 */
export type BoardCommand =
  | { type: 'undo' }
  | { type: 'redo' }
  /** A note in a part of the house, counted as it is built: 1 foundation, 2 walls, 3 roof. */
  | { type: 'add'; part: number }
  /** A note centred on a board point (a double-click on the board). */
  | { type: 'add-at'; at: Point }
  /** A note in the middle of what is on screen. */
  | { type: 'add-at-centre' }
  /** Opens the editor on a note (default: the selected one). */
  | { type: 'edit'; id?: string }
  /** The editor closes: a note added here and left empty goes. */
  | { type: 'finish-edit' }
  /** The editor's text for a note. */
  | { type: 'write'; id: string; text: string }
  | { type: 'delete' }
  /** Moves the selected note, in board units. */
  | { type: 'nudge'; dx: number; dy: number }
  /** Puts a note at a place (a drag dropped), board units. */
  | { type: 'move'; id: string; x: number; y: number }
  /** The colour for new notes, and of the selected note. */
  | { type: 'recolour'; colour: NoteColour }
  /** The words of a note someone else deleted, back as a new note of this person's. */
  | { type: 'restore'; lost: LostNote }
  /** Selects a note (or nothing); `reveal` pans to it when it is off screen. */
  | { type: 'select'; id: string | null; reveal?: boolean }
  /** The next (or previous) note in reading order. */
  | { type: 'walk'; back: boolean }
  /** Presentation mode on or off (default: the other way). */
  | { type: 'present'; on?: boolean }
  | { type: 'escape' }
  | { type: 'zoom'; factor: number }
  | { type: 'fit' };

export type BoardCommandType = BoardCommand['type'];

/** The commands that change the doc. A read-only board refuses them, and only them. */
export const EDITING_COMMANDS: ReadonlySet<BoardCommandType> = new Set<BoardCommandType>([
  'undo',
  'redo',
  'add',
  'add-at',
  'add-at-centre',
  'edit',
  'write',
  'delete',
  'nudge',
  'move',
  'restore',
]);

/**
 * Whether `command` would change the doc (EDITING_COMMANDS), given what is selected: an arrow
 * with nothing selected only moves the view.
 */
export function changesBoard(command: BoardCommand, selectedId: string | null): boolean {
  if (command.type === 'nudge' && selectedId === null) return false;
  return EDITING_COMMANDS.has(command.type);
}

/** Who writes a note added here (a participant's name and domain, when they gave them). */
export interface Byline {
  readonly author?: string;
  readonly domain?: string;
}

/** The board's data: the doc and what is derived from it. */
export interface BoardModel {
  readonly doc: Y.Doc;
  readonly template: BoardTemplate;
  /** This device's undo history of the board. */
  readonly history: BoardHistory;
  /** The notes as read from the doc (NotesStore). */
  notes(): readonly Note[];
  note(id: string): Note | undefined;
  readonly byline: Byline;
  /**
   * Why this board may not be changed here, or null when it may. Every editing command checks it
   * (EDITING_COMMANDS): the one place that blocks editing, e.g. for a doc made by a newer app.
   */
  readonly readOnlyReason: string | null;
}

/** The part of the view the commands move. */
export interface BoardView {
  fit(): void;
  zoomBy(factor: number): void;
  /** The board point in the middle of the screen. */
  centre(): Point;
  /** Pans so that `rect` is on screen. */
  reveal(rect: Rect): void;
  /** Moves the view by screen pixels. */
  panBy(dx: number, dy: number): void;
}

/** What the commands change on screen: selection, the editor, the colour, presentation, notices. */
export interface BoardUi {
  readonly selectedId: string | null;
  readonly colour: NoteColour;
  readonly presenting: boolean;
  readonly view: BoardView;
  select(id: string | null): void;
  /** Opens the editor on an existing note. */
  edit(id: string): void;
  /** Opens the editor on a note this person has just added. */
  editNew(id: string): void;
  /** Closes the editor; a new note left empty is removed. */
  finishEditing(): void;
  /** Closes the editor without a word (an undo or redo is about to change the board). */
  closeEditor(): void;
  setColour(colour: NoteColour): void;
  setPresenting(on: boolean): void;
  /** Shows a notice over the board, or takes it away (null). */
  tell(notice: Notice | null): void;
  /** Gives the keyboard back to the board. */
  focusBoard(): void;
  /** Takes the keyboard off the board, to the controls above it (Esc with nothing selected). */
  leaveBoard(): void;
}

/** Screen pixels the view moves per board unit of a nudge (an arrow: 40 px, with Shift 240 px). */
const PAN_PER_NUDGE = 4;

const noteRect = (at: Point): Rect => ({ x: at.x, y: at.y, width: NOTE_WIDTH, height: NOTE_HEIGHT });

function create(model: BoardModel, ui: BoardUi, at: Point): string {
  model.history.stopCapturing();
  const id = addNote(model.doc, model.template, { x: at.x, y: at.y, colour: ui.colour, ...model.byline }, LOCAL_ORIGIN);
  ui.editNew(id);
  return id;
}

function tellHistory(ui: BoardUi, action: 'undo' | 'redo', outcome: HistoryOutcome): void {
  if (outcome === 'partly' || outcome === 'kept') ui.tell({ kind: 'history', action, outcome });
}

function selectNote(model: BoardModel, ui: BoardUi, id: string | null, reveal: boolean): void {
  ui.select(id);
  const note = id ? model.note(id) : undefined;
  if (note && reveal) ui.view.reveal(noteRect(note));
}

/**
 * Runs one command on the board. Returns whether it was taken (a key that was not taken is left
 * to the browser: Tab past the last note leaves the board). A read-only board takes no editing
 * command (EDITING_COMMANDS) and changes nothing for it.
 */
export function runBoardCommand(model: BoardModel, ui: BoardUi, command: BoardCommand): boolean {
  if (model.readOnlyReason !== null && changesBoard(command, ui.selectedId)) return false;
  const { doc, template, history } = model;
  const selected = ui.selectedId ? model.note(ui.selectedId) : undefined;
  switch (command.type) {
    case 'undo':
    case 'redo':
      ui.closeEditor();
      tellHistory(ui, command.type, command.type === 'undo' ? history.undo() : history.redo());
      return true;
    case 'add': {
      // Numbered as the house is built: the template lists its zones top down.
      const zone = [...template.zones].reverse()[command.part - 1];
      if (!zone) return false;
      const occupied = model.notes().map((n) => noteRect(n));
      const spot = freeSpotInZone(template, zone, occupied);
      ui.view.reveal(noteRect(spot));
      create(model, ui, spot);
      // No free place left in the part: say so, so the group makes room rather than lose a note under another.
      if (occupied.some((o) => rectsIntersect(noteRect(spot), o))) ui.tell({ kind: 'crowded', zone: zone.label });
      return true;
    }
    case 'add-at':
      create(model, ui, { x: command.at.x - NOTE_WIDTH / 2, y: command.at.y - NOTE_HEIGHT / 2 });
      return true;
    case 'add-at-centre': {
      const c = ui.view.centre();
      create(model, ui, { x: c.x - NOTE_WIDTH / 2, y: c.y - NOTE_HEIGHT / 2 });
      return true;
    }
    case 'edit': {
      const note = command.id ? model.note(command.id) : selected;
      if (!note) return false;
      ui.edit(note.id);
      return true;
    }
    case 'finish-edit':
      ui.finishEditing();
      history.stopCapturing();
      ui.focusBoard();
      return true;
    case 'write':
      return setNoteText(doc, command.id, command.text, LOCAL_ORIGIN);
    case 'delete':
      if (!selected) return false;
      history.stopCapturing();
      deleteNote(doc, selected.id, LOCAL_ORIGIN);
      ui.select(null);
      return true;
    case 'nudge': {
      // Nothing selected: the arrows look around (a keyboard has no background to drag).
      if (!selected) {
        ui.view.panBy(command.dx * PAN_PER_NUDGE, command.dy * PAN_PER_NUDGE);
        return true;
      }
      const x = selected.x + command.dx;
      const y = selected.y + command.dy;
      moveNote(doc, template, selected.id, x, y, LOCAL_ORIGIN);
      ui.view.reveal(noteRect({ x, y }));
      return true;
    }
    case 'move':
      history.stopCapturing();
      return moveNote(doc, template, command.id, Math.round(command.x), Math.round(command.y), LOCAL_ORIGIN);
    case 'recolour':
      ui.setColour(command.colour);
      // The colour for the next note may always be picked; the selected note's only when it may be changed.
      if (selected && model.readOnlyReason === null) {
        history.stopCapturing();
        setNoteColour(doc, selected.id, command.colour, LOCAL_ORIGIN);
      }
      return true;
    case 'restore': {
      const { lost } = command;
      history.stopCapturing();
      const id = addNote(doc, template, { x: lost.x, y: lost.y, text: lost.text, colour: lost.colour, ...model.byline }, LOCAL_ORIGIN);
      history.stopCapturing();
      ui.tell(null);
      selectNote(model, ui, id, true);
      ui.focusBoard();
      return true;
    }
    case 'select':
      selectNote(model, ui, command.id, command.reveal ?? false);
      return true;
    case 'walk': {
      const ordered = readingOrder(model.notes(), template);
      const index = selected ? ordered.findIndex((n) => n.id === selected.id) : -1;
      const next = index === -1 && command.back ? ordered.length - 1 : index + (command.back ? -1 : 1);
      // Past the last (or before the first) note, the keyboard leaves the board as usual.
      if (next < 0 || next >= ordered.length) return false;
      selectNote(model, ui, ordered[next]!.id, true);
      return true;
    }
    case 'present': {
      const on = command.on ?? !ui.presenting;
      // On the projector the house is shown as it is, without this laptop's selection frame.
      if (on) ui.select(null);
      ui.setPresenting(on);
      ui.view.fit();
      return true;
    }
    case 'escape':
      // One step out at a time: presentation, then the selection, then the board itself (so the
      // keyboard never has to walk past every note to reach the toolbar).
      if (ui.presenting) ui.setPresenting(false);
      else if (ui.selectedId) ui.select(null);
      else ui.leaveBoard();
      // Not taken: Esc may still mean something to the page around the board.
      return false;
    case 'zoom':
      ui.view.zoomBy(command.factor);
      return true;
    case 'fit':
      ui.view.fit();
      return true;
  }
}
