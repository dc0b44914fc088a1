import * as Y from 'yjs';
import { z } from 'zod';
import { zoneAt } from '../template/geometry';
import type { BoardTemplate, Placement, Point } from '../template/template';
import { ID_PATTERN, newId } from '../ids';
import { diffText, mapThroughDelta, type TextDelta } from '../textEdit';
import { cutAtGrapheme } from '../graphemes';
import type { DocKindVersions } from './docVersion';

/** A note is capped so that a pasted megabyte cannot freeze a board or bloat a doc. */
export const NOTE_TEXT_MAX = 500;
/**
 * A note's size in board units. 240 × 168 against a house 2000 wide: big enough that its text is
 * at least 12 CSS px when the whole house fits a 1280×720 projector (see renderer/board/textLayout).
 */
export const NOTE_WIDTH = 240;
export const NOTE_HEIGHT = 168;

export const NOTE_COLOURS = ['yellow', 'orange', 'pink', 'blue', 'green', 'purple'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];
export const NOTE_COLOUR_HEX: Readonly<Record<NoteColour, string>> = {
  yellow: '#ffe680',
  orange: '#ffc38a',
  pink: '#ffb3cf',
  blue: '#a9dcff',
  green: '#c2eba0',
  purple: '#d7c7ff',
};

/** The plain record the UI draws; read from the doc, never written back as a whole. */
export const NoteSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  text: z.string().max(NOTE_TEXT_MAX),
  /** Top-left corner in board coordinates. */
  x: z.number().finite(),
  y: z.number().finite(),
  /** Derived from the position when it is written, so other tools can read it without geometry. */
  zone: z.string().min(1).max(32),
  colour: z.enum(NOTE_COLOURS),
  author: z.string().max(80).optional(),
  domain: z.string().max(40).optional(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Note = z.infer<typeof NoteSchema>;

export interface NewNote {
  readonly x: number;
  readonly y: number;
  readonly text?: string;
  readonly colour?: NoteColour;
  readonly author?: string;
  readonly domain?: string;
}

/**
 * The board doc's layout versions (docVersion.ts). Version 1: `notes` as below. Add a step here,
 * with `current`, when the layout changes.
 */
export const BOARD_DOC_VERSIONS: DocKindVersions = { current: 1, migrations: [] };

/** Board doc layout: `notes` is a Y.Map of note id → Y.Map (text: Y.Text, the rest plain values). */
export function notesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('notes');
}

export function noteCentre(note: { x: number; y: number }): Point {
  return { x: note.x + NOTE_WIDTH / 2, y: note.y + NOTE_HEIGHT / 2 };
}

export function placementOf(template: BoardTemplate, x: number, y: number): Placement {
  return zoneAt(template, noteCentre({ x, y }));
}

/**
 * Cuts text to at most `max` UTF-16 units (the unit the cap and the textarea count in), at a
 * grapheme boundary: never inside a surrogate pair (a lone half syncs as U+FFFD) nor inside an
 * emoji made of several code points ("👨‍👩‍👧" would otherwise end as a man and a dangling joiner).
 */
export function clampText(text: string, max: number): string {
  return cutAtGrapheme(text, max);
}

export function clampNoteText(text: string): string {
  return clampText(text, NOTE_TEXT_MAX);
}

/** Reads one note; returns null for a record that does not validate (a broken or hostile peer). */
export function readNote(id: string, ynote: Y.Map<unknown>): Note | null {
  const text = ynote.get('text');
  // A note whose text is not a Y.Text could never be edited: treat it as broken, not as empty.
  if (!(text instanceof Y.Text)) return null;
  const createdAt = ynote.get('createdAt');
  const candidate = {
    id,
    text: text.toString(),
    x: ynote.get('x'),
    y: ynote.get('y'),
    zone: ynote.get('zone'),
    colour: ynote.get('colour'),
    author: ynote.get('author') ?? undefined,
    domain: ynote.get('domain') ?? undefined,
    createdAt,
    // Undo after a concurrent edit can delete this key (yjs #514); it must not cost the note.
    updatedAt: ynote.get('updatedAt') ?? createdAt,
  };
  const parsed = NoteSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // Text over the cap can arrive from a peer that ignores it: show it cut, do not drop the note.
  if (candidate.text.length > NOTE_TEXT_MAX) {
    const cut = NoteSchema.safeParse({ ...candidate, text: clampNoteText(candidate.text) });
    if (cut.success) return cut.data;
  }
  return null;
}

export function readNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = [];
  notesMap(doc).forEach((ynote, id) => {
    if (!(ynote instanceof Y.Map)) return;
    const note = readNote(id, ynote);
    if (note) notes.push(note);
  });
  return notes.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export function addNote(doc: Y.Doc, template: BoardTemplate, init: NewNote, origin?: unknown): string {
  if (!Number.isFinite(init.x) || !Number.isFinite(init.y)) throw new RangeError('note position must be finite');
  const id = newId();
  const now = Date.now();
  doc.transact(() => {
    const ynote = new Y.Map<unknown>();
    const text = new Y.Text();
    text.insert(0, clampNoteText(init.text ?? ''));
    ynote.set('text', text);
    ynote.set('x', init.x);
    ynote.set('y', init.y);
    ynote.set('zone', placementOf(template, init.x, init.y));
    ynote.set('colour', init.colour ?? 'yellow');
    if (init.author) ynote.set('author', clampText(init.author, 80));
    if (init.domain) ynote.set('domain', clampText(init.domain, 40));
    ynote.set('createdAt', now);
    ynote.set('updatedAt', now);
    notesMap(doc).set(id, ynote);
  }, origin);
  return id;
}

function withNote(doc: Y.Doc, id: string, origin: unknown, fn: (ynote: Y.Map<unknown>) => boolean): boolean {
  const ynote = notesMap(doc).get(id);
  if (!(ynote instanceof Y.Map)) return false;
  doc.transact(() => {
    if (fn(ynote)) ynote.set('updatedAt', Date.now());
  }, origin);
  return true;
}

/**
 * Writes `value` under `key` only when it differs. Every write of a key is a change of its own in
 * Yjs: a key written with its old value would overwrite a peer's concurrent change of it, and
 * undoing it would take back theirs (issue 6, item 19).
 */
function setIfChanged(ynote: Y.Map<unknown>, key: string, value: unknown): boolean {
  if (ynote.get(key) === value) return false;
  ynote.set(key, value);
  return true;
}

/**
 * Moves a note; its zone follows from where its centre now lies. Only the coordinates that change
 * are written, so a move to the right and someone else's move down of the same note both stand.
 */
export function moveNote(doc: Y.Doc, template: BoardTemplate, id: string, x: number, y: number, origin?: unknown): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return withNote(doc, id, origin, (ynote) => {
    const movedX = setIfChanged(ynote, 'x', x);
    const movedY = setIfChanged(ynote, 'y', y);
    const rezoned = setIfChanged(ynote, 'zone', placementOf(template, x, y));
    return movedX || movedY || rezoned;
  });
}

export function setNoteColour(doc: Y.Doc, id: string, colour: NoteColour, origin?: unknown): boolean {
  return withNote(doc, id, origin, (ynote) => setIfChanged(ynote, 'colour', colour));
}

/**
 * Writes the zone that follows from the note's position, if it is not written already. Needed
 * because x and y are written separately: two people moving a note at once (one across, one
 * down), or undoing one of two moves, can leave a position whose zone nobody computed.
 * Returns whether it wrote.
 */
export function settleNoteZone(doc: Y.Doc, template: BoardTemplate, id: string, origin?: unknown): boolean {
  const ynote = notesMap(doc).get(id);
  if (!(ynote instanceof Y.Map)) return false;
  const x = ynote.get('x');
  const y = ynote.get('y');
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return false;
  const zone = placementOf(template, x, y);
  if (ynote.get('zone') === zone) return false;
  doc.transact(() => ynote.set('zone', zone), origin);
  return true;
}

/**
 * Turns the note's text into `next` with the smallest edit (common prefix and suffix kept), so that
 * two people typing in the same note at once both keep their words.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string, origin?: unknown): boolean {
  const ynote = notesMap(doc).get(id);
  const ytext = ynote instanceof Y.Map ? ynote.get('text') : undefined;
  if (!(ytext instanceof Y.Text)) return false;
  const target = clampNoteText(next);
  const current = ytext.toString();
  if (current === target) return true;
  const { start, endBefore: endCurrent, endAfter: endTarget } = diffText(current, target);
  return withNote(doc, id, origin, () => {
    if (endCurrent > start) ytext.delete(start, endCurrent - start);
    if (endTarget > start) ytext.insert(start, target.slice(start, endTarget));
    return true;
  });
}

/** Calls `listener` with the note's text whenever it changes, synchronously (for an open editor). */
export function observeNoteText(doc: Y.Doc, id: string, listener: (text: string) => void): () => void {
  const ynote = notesMap(doc).get(id);
  const ytext = ynote instanceof Y.Map ? ynote.get('text') : undefined;
  if (!(ytext instanceof Y.Text)) return () => {};
  const onChange = () => listener(clampNoteText(ytext.toString()));
  ytext.observe(onChange);
  return () => ytext.unobserve(onChange);
}

/** An edit of a note's text held back while the writer's input method composes it. */
export interface HeldTextEdit {
  /**
   * Writes the difference between the text the edit began from and `after` into the note as it is
   * now, with whatever others typed meanwhile kept in place. Returns the note's text afterwards and
   * where the caret belongs (just after the written text), or null when the note is gone.
   */
  commit(after: string, origin?: unknown): { text: string; caret: number } | null;
  /** Stops following the note without writing anything. */
  cancel(): void;
}

/**
 * Starts an edit of the note's text that is written only when `commit` is called: an input method
 * (Japanese, Chinese, an Android keyboard that composes each word) shows text that is not final
 * yet, and writing that would show peers the reading and double the word once it is committed.
 * `base` is the text as the writer sees it when composing starts. Others' changes meanwhile are
 * followed exactly (Yjs deltas), so the writer's change lands where they made it.
 */
export function holdNoteTextEdit(doc: Y.Doc, id: string, base: string): HeldTextEdit | null {
  const ynote = notesMap(doc).get(id);
  if (!(ynote instanceof Y.Map)) return null;
  const ytext = ynote.get('text');
  if (!(ytext instanceof Y.Text)) return null;
  const deltas: TextDelta[] = [];
  const current = ytext.toString();
  // The writer's view lags the doc (it should not, but a clamp or a late event could): count the
  // gap as a change someone else made.
  if (current !== base) {
    const gap = diffText(base, current);
    deltas.push([
      { retain: gap.start },
      { delete: gap.endBefore - gap.start },
      { insert: current.slice(gap.start, gap.endAfter) },
    ]);
  }
  const follow = (event: Y.YTextEvent) => deltas.push(event.delta as TextDelta);
  ytext.observe(follow);
  let open = true;
  const close = () => {
    if (open) ytext.unobserve(follow);
    open = false;
  };
  return {
    cancel: close,
    commit(after, origin) {
      close();
      if (notesMap(doc).get(id) !== ynote) return null;
      const mine = diffText(base, after);
      let start = mine.start;
      let end = mine.endBefore;
      // Text others put in at the edges of a replaced range stays outside it; an insertion goes
      // before text others put in at the same spot, as the caret stays there while typing.
      const startBias = end > start ? 'after' : 'before';
      for (const delta of deltas) {
        start = mapThroughDelta(start, delta, startBias);
        end = mapThroughDelta(end, delta, 'before');
      }
      end = Math.max(start, end);
      const now = ytext.toString();
      const room = NOTE_TEXT_MAX - (now.length - (end - start));
      const inserted = clampText(after.slice(mine.start, mine.endAfter), Math.max(0, room));
      if (end > start || inserted) {
        doc.transact(() => {
          if (end > start) ytext.delete(start, end - start);
          if (inserted) ytext.insert(start, inserted);
          ynote.set('updatedAt', Date.now());
        }, origin);
      }
      return { text: clampNoteText(ytext.toString()), caret: Math.min(start + inserted.length, NOTE_TEXT_MAX) };
    },
  };
}

export function deleteNote(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const notes = notesMap(doc);
  if (!notes.has(id)) return false;
  doc.transact(() => notes.delete(id), origin);
  return true;
}

export function countNotes(doc: Y.Doc): number {
  return notesMap(doc).size;
}
