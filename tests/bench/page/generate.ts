import * as Y from 'yjs';
import {
  NOTE_COLOURS,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  addNote,
  clampNoteText,
  deleteNote,
  moveNote,
  notesMap,
  placementOf,
  setNoteColour,
  setNoteText,
  type NoteColour,
} from '../../../shared/schema/note';
import { newId } from '../../../shared/ids';
import { PARKED, type BoardTemplate, type Point } from '../../../shared/template/template';

/**
 * Deterministic board content for the benchmark: note texts taken from seed 000 (the "Zo thuis
 * mogelijk!" session), positions spread over the house's zones and the parking strip, and edit
 * scripts (add, move, recolour, retype, delete) as a board collects them during a session.
 */

/** mulberry32: small, fast, and the same sequence for the same seed in every browser. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** What the subgroups of seed 000 wrote, in their words. */
const PHRASES: readonly string[] = [
  'Werk systemisch',
  'Team rondom de jeugdige: gezin, school, vrije tijd',
  '1Gezin1Plan1Regisseur',
  'Verwachtingen afstemmen van ieders rol',
  'Ruimte bieden aan innovatie',
  'Ouders versterken met kennis en contact',
  'Onderwijs aan tafel!',
  'Vertrouwen geven om het uit te voeren',
  'Elkaar aanspreken en reflecteren',
  'Procesregisseur stelt het team samen',
  'Zo thuis mogelijk opgroeien',
  'Verblijf alleen als het kansrijk is',
  'Kennis van complexe problematiek',
  'Samenwerken met lokale teams',
  'Niemand alleen laten staan in een casus',
  'Ervaringsdeskundigen betrekken',
  'Contact met ouders in soortgelijke situaties',
  'Steun van leidinggevenden',
  'Tijd en ruimte voor overleg',
  'Eén plan voor het hele gezin',
  'Heldere afspraken over processen',
  'Aanbieders ambulant en verblijf samen',
  'Breed kijken naar alle domeinen',
  'Stevige basis voor de juiste hulp',
];

const CONNECTORS: readonly string[] = [' en ', ', ', ' — ', '; ook: ', ' met ', ': '];

/** A note text of 1–4 phrases, cut at about 120 characters (what fits on a note). */
export function noteText(random: Random): string {
  const parts = 1 + Math.floor(random() * random() * 4);
  let text = pick(random, PHRASES);
  for (let i = 1; i < parts; i++) {
    const next = pick(random, PHRASES);
    const joined = `${text}${pick(random, CONNECTORS)}${next.charAt(0).toLowerCase()}${next.slice(1)}`;
    if (joined.length > 120) break;
    text = joined;
  }
  return text;
}

/** A small change as someone makes while retyping a note: add, swap or drop a few words. */
function editText(random: Random, text: string): string {
  const roll = random();
  if (roll < 0.1) return noteText(random);
  const words = text.split(' ');
  if (roll < 0.5 && text.length < 110) {
    return `${text} ${pick(random, PHRASES).split(' ').slice(0, 2).join(' ').toLowerCase()}`;
  }
  if (roll < 0.8 && words.length > 1) {
    const at = Math.floor(random() * words.length);
    words[at] = pick(random, pick(random, PHRASES).split(' ')).toLowerCase();
    return words.join(' ');
  }
  return words.length > 2 ? words.slice(0, -1).join(' ') : `${text}!`;
}

/** A note's top-left corner: mostly in the house (each zone by its area), some in the parking. */
export function notePosition(random: Random, template: BoardTemplate): Point {
  const parking = template.parking;
  if (random() < 0.15) {
    return {
      x: Math.round(parking.x + random() * (parking.width - NOTE_WIDTH)),
      y: Math.round(parking.y + random() * (parking.height - NOTE_HEIGHT)),
    };
  }
  const xs = template.zones.flatMap((z) => z.polygon.map((p) => p.x));
  const ys = template.zones.flatMap((z) => z.polygon.map((p) => p.y));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (;;) {
    const cx = minX + random() * (maxX - minX);
    const cy = minY + random() * (maxY - minY);
    const x = Math.round(cx - NOTE_WIDTH / 2);
    const y = Math.round(cy - NOTE_HEIGHT / 2);
    if (placementOf(template, x, y) !== PARKED) return { x, y };
  }
}

const colour = (random: Random): NoteColour => (random() < 0.5 ? 'yellow' : pick(random, NOTE_COLOURS));

/** A board of `count` notes, each added in its own transaction as the app adds them. */
export function buildNotesDoc(template: BoardTemplate, count: number, seed: number): Y.Doc {
  const random = prng(seed);
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) {
    addNote(doc, template, { ...notePosition(random, template), text: noteText(random), colour: colour(random) });
  }
  return doc;
}

/** One step of an edit script; notes are named by their index among the notes alive at that step. */
export type Edit =
  | { readonly op: 'add'; readonly x: number; readonly y: number; readonly text: string; readonly colour: NoteColour }
  | { readonly op: 'move'; readonly note: number; readonly x: number; readonly y: number }
  | { readonly op: 'colour'; readonly note: number; readonly colour: NoteColour }
  | { readonly op: 'text'; readonly note: number; readonly text: string }
  | { readonly op: 'delete'; readonly note: number };

/**
 * `edits` steps that leave `notes` notes: 8 % of the added notes are deleted again; the rest of the
 * steps are moves (55 %), text edits (30 %) and recolours (15 %), interleaved as in a session.
 */
export function editScript(template: BoardTemplate, edits: number, notes: number, seed: number): Edit[] {
  const random = prng(seed);
  const deletes = Math.round(notes * 0.08);
  const left = { add: notes + deletes, delete: deletes, move: 0, text: 0, colour: 0 };
  const rest = edits - left.add - left.delete;
  if (rest < 0) throw new RangeError(`${edits} edits cannot make ${notes} notes`);
  left.text = Math.round(rest * 0.3);
  left.colour = Math.round(rest * 0.15);
  left.move = rest - left.text - left.colour;
  const texts: string[] = [];
  const script: Edit[] = [];
  while (script.length < edits) {
    // Pick an operation with odds proportional to what remains of it; a note must exist first.
    const kinds = (Object.keys(left) as (keyof typeof left)[]).filter((k) => left[k] > 0 && (k === 'add' || texts.length > 1));
    const total = kinds.reduce((sum, k) => sum + left[k], 0);
    let roll = random() * total;
    const kind = kinds.find((k) => (roll -= left[k]) < 0) ?? kinds[kinds.length - 1]!;
    left[kind]--;
    const note = Math.floor(random() * texts.length);
    switch (kind) {
      case 'add': {
        const text = noteText(random);
        texts.push(text);
        script.push({ op: 'add', ...notePosition(random, template), text, colour: colour(random) });
        break;
      }
      case 'move':
        script.push({ op: 'move', note, ...notePosition(random, template) });
        break;
      case 'colour':
        script.push({ op: 'colour', note, colour: pick(random, NOTE_COLOURS) });
        break;
      case 'text': {
        const text = clampNoteText(editText(random, texts[note]!));
        texts[note] = text;
        script.push({ op: 'text', note, text });
        break;
      }
      case 'delete':
        texts.splice(note, 1);
        script.push({ op: 'delete', note });
        break;
    }
  }
  return script;
}

/** The board schema's own functions (shared/schema/note.ts): text is a Y.Text per note. */
export function applyScript(template: BoardTemplate, script: readonly Edit[]): Y.Doc {
  const doc = new Y.Doc();
  const ids: string[] = [];
  for (const edit of script) {
    if (edit.op === 'add') ids.push(addNote(doc, template, edit));
    else if (edit.op === 'move') moveNote(doc, template, ids[edit.note]!, edit.x, edit.y);
    else if (edit.op === 'colour') setNoteColour(doc, ids[edit.note]!, edit.colour);
    else if (edit.op === 'text') setNoteText(doc, ids[edit.note]!, edit.text);
    else deleteNote(doc, ids.splice(edit.note, 1)[0]!);
  }
  return doc;
}

/**
 * The same script with the text as a plain string in the note's map (last writer wins): the
 * smallest doc a board could be, which the Y.Text layout pays for with mergeable typing.
 */
export function applyScriptPlainText(template: BoardTemplate, script: readonly Edit[]): Y.Doc {
  const doc = new Y.Doc();
  const map = notesMap(doc);
  const ids: string[] = [];
  const touch = (id: string, fn: (note: Y.Map<unknown>) => void) =>
    doc.transact(() => {
      const note = map.get(id)!;
      fn(note);
      note.set('updatedAt', Date.now());
    });
  for (const edit of script) {
    if (edit.op === 'add') {
      const id = newId();
      ids.push(id);
      doc.transact(() => {
        const note = new Y.Map<unknown>();
        note.set('text', edit.text);
        note.set('x', edit.x);
        note.set('y', edit.y);
        note.set('zone', placementOf(template, edit.x, edit.y));
        note.set('colour', edit.colour);
        note.set('createdAt', Date.now());
        note.set('updatedAt', Date.now());
        map.set(id, note);
      });
    } else if (edit.op === 'move') {
      touch(ids[edit.note]!, (note) => {
        note.set('x', edit.x);
        note.set('y', edit.y);
        const zone = placementOf(template, edit.x, edit.y);
        if (note.get('zone') !== zone) note.set('zone', zone);
      });
    } else if (edit.op === 'colour') {
      touch(ids[edit.note]!, (note) => note.set('colour', edit.colour));
    } else if (edit.op === 'text') {
      touch(ids[edit.note]!, (note) => note.set('text', edit.text));
    } else {
      const id = ids.splice(edit.note, 1)[0]!;
      doc.transact(() => map.delete(id));
    }
  }
  return doc;
}
