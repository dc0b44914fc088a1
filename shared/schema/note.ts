import * as Y from 'yjs';
import { z } from 'zod';
import { zoneAt } from '../template/geometry';
import type { BoardTemplate, Placement, Point } from '../template/template';
import { ID_PATTERN, newId } from '../ids';
import { diffText } from '../textEdit';
import { cutAtGrapheme } from '../graphemes';

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

function withNote(doc: Y.Doc, id: string, origin: unknown, fn: (ynote: Y.Map<unknown>) => void): boolean {
  const ynote = notesMap(doc).get(id);
  if (!(ynote instanceof Y.Map)) return false;
  doc.transact(() => {
    fn(ynote);
    ynote.set('updatedAt', Date.now());
  }, origin);
  return true;
}

/** Moves a note; its zone follows from where its centre now lies. */
export function moveNote(doc: Y.Doc, template: BoardTemplate, id: string, x: number, y: number, origin?: unknown): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return withNote(doc, id, origin, (ynote) => {
    ynote.set('x', x);
    ynote.set('y', y);
    const zone = placementOf(template, x, y);
    if (ynote.get('zone') !== zone) ynote.set('zone', zone);
  });
}

export function setNoteColour(doc: Y.Doc, id: string, colour: NoteColour, origin?: unknown): boolean {
  return withNote(doc, id, origin, (ynote) => ynote.set('colour', colour));
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

export function deleteNote(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const notes = notesMap(doc);
  if (!notes.has(id)) return false;
  doc.transact(() => notes.delete(id), origin);
  return true;
}

export function countNotes(doc: Y.Doc): number {
  return notesMap(doc).size;
}
