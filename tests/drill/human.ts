import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { NOTE_COLOURS, NOTE_HEIGHT, NOTE_WIDTH, addNote, deleteNote, moveNote, notesMap, readNote, readNotes, setNoteColour, setNoteText, type NoteColour } from '../../shared/schema/note';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import type { BoardTemplate } from '../../shared/template/template';
import { ADDITIONS, textsFor, type Random } from './texts';

/**
 * One person at a laptop, editing their group's board at a human pace with the project's own note
 * functions (shared/schema/note.ts), as the board's commands call them: a note added in a part of
 * the house at the app's free spot (freeSpotInZone) and then typed into letter by letter (one
 * setNoteText per key, as NoteEditor does), words added to their notes later, a typo and its
 * backspaces, a note moved, recoloured or deleted. Everyone edits only their own notes, so what
 * each person wrote is exactly what the board must hold at the end (`written`).
 */

/** How fast people work; the drill's defaults are a calm room (times in ms). */
export interface Pace {
  /** Between two actions (reading, talking): uniform in [min, max]. */
  readonly thinkMs: readonly [number, number];
  /** Between two keys while typing. */
  readonly keyMs: readonly [number, number];
}

export const HUMAN_PACE: Pace = { thinkMs: [2000, 6000], keyMs: [110, 260] };

/** What one note of this person's holds at the end, or that it was deleted. */
export interface Written {
  readonly id: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly colour: NoteColour;
  readonly deleted: boolean;
}

export interface HumanOptions {
  readonly doc: Y.Doc;
  /** The board's presence: `editing` is set while typing, as the app does. */
  readonly awareness: Awareness;
  readonly template: BoardTemplate;
  readonly random: Random;
  readonly author: string;
  readonly domain: string;
  readonly colour: NoteColour;
  /** The machine clock in ms (performance.timeOrigin + performance.now()). */
  readonly now: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The origin of this person's own changes (any object that is not a provider). */
const HANDS = { drill: 'hands' };

export class Human {
  /** Every change this person made: one per key, per note added, moved, recoloured or deleted. */
  edits = 0;
  /** Each note this person added and when (machine clock): the start of "note → other laptop". */
  readonly added: { id: string; at: number }[] = [];
  private readonly mine = new Map<string, Written>();
  private readonly nextText: ReturnType<typeof textsFor>;
  private pace: Pace = HUMAN_PACE;

  constructor(private readonly o: HumanOptions) {
    this.nextText = textsFor(o.random);
  }

  written(): Written[] {
    return [...this.mine.values()];
  }

  /** Edits at `pace` until the machine clock passes `until`; the action under way is finished first. */
  async run(until: number, pace: Pace): Promise<void> {
    this.pace = pace;
    const { random } = this.o;
    while (this.o.now() < until) {
      await sleep(between(random, pace.thinkMs));
      if (this.o.now() >= until) break;
      await this.act(until);
    }
  }

  private live(): string[] {
    return [...this.mine.values()].filter((w) => !w.deleted).map((w) => w.id);
  }

  private async act(until: number): Promise<void> {
    const own = this.live();
    const roll = this.o.random();
    const pick = () => own[Math.floor(this.o.random() * own.length)]!;
    if (own.length < 2 || roll < 0.3) return this.newNote(until);
    if (roll < 0.65) return this.typeOn(pick(), until);
    if (roll < 0.75) return this.typo(pick());
    if (roll < 0.9) return this.move(pick());
    if (roll < 0.95) return this.recolour(pick());
    if (own.length >= 3) return this.remove(pick());
    return this.typeOn(pick(), until);
  }

  private record(id: string): void {
    const ynote = notesMap(this.o.doc).get(id);
    const note = ynote instanceof Y.Map ? readNote(id, ynote) : null;
    if (!note) throw new Error(`note ${id} of ${this.o.author} is gone or broken`);
    this.mine.set(id, { id, text: note.text, x: note.x, y: note.y, colour: note.colour, deleted: false });
  }

  private spotIn(zoneId: string): { x: number; y: number } {
    const zone = this.o.template.zones.find((z) => z.id === zoneId) ?? this.o.template.zones[0]!;
    const occupied = readNotes(this.o.doc).map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }));
    return freeSpotInZone(this.o.template, zone, occupied);
  }

  private async newNote(until: number): Promise<void> {
    const { doc, template, author, domain, colour } = this.o;
    const text = this.nextText();
    const spot = this.spotIn(text.zone);
    const at = this.o.now();
    const id = addNote(doc, template, { ...spot, text: '', colour, author, domain }, HANDS);
    this.added.push({ id, at });
    this.edits++;
    this.record(id);
    await this.type(id, '', text.text, until);
  }

  private async typeOn(id: string, until: number): Promise<void> {
    const current = this.mine.get(id)!.text;
    const addition = ADDITIONS[Math.floor(this.o.random() * ADDITIONS.length)]!;
    if (current.length + addition.length > 300) return this.typo(id);
    await this.type(id, current, current + addition, until);
  }

  /** Types `to` after `from` letter by letter; stops early (keeping what is typed) past `until`. */
  private async type(id: string, from: string, to: string, until: number): Promise<void> {
    const { doc, awareness, random } = this.o;
    const pace = this.pace;
    awareness.setLocalStateField('editing', id);
    for (let n = from.length + 1; n <= to.length; n++) {
      await sleep(between(random, pace.keyMs) + (to[n - 2] === ' ' ? between(random, pace.keyMs) : 0));
      setNoteText(doc, id, to.slice(0, n), HANDS);
      this.edits++;
      if (this.o.now() >= until + 2000) break;
    }
    awareness.setLocalStateField('editing', null);
    this.record(id);
  }

  /** Three wrong letters at the end, then three backspaces. */
  private async typo(id: string): Promise<void> {
    const { doc, awareness, random } = this.o;
    const pace = this.pace;
    const text = this.mine.get(id)!.text;
    awareness.setLocalStateField('editing', id);
    const wrong = 'sdf';
    for (const step of [...[1, 2, 3].map((n) => text + wrong.slice(0, n)), text + 'sd', text + 's', text]) {
      await sleep(between(random, pace.keyMs));
      setNoteText(doc, id, step, HANDS);
      this.edits++;
    }
    awareness.setLocalStateField('editing', null);
    this.record(id);
  }

  private async move(id: string): Promise<void> {
    const zones = this.o.template.zones;
    const spot = this.spotIn(zones[Math.floor(this.o.random() * zones.length)]!.id);
    moveNote(this.o.doc, this.o.template, id, spot.x, spot.y, HANDS);
    this.edits++;
    this.record(id);
  }

  private async recolour(id: string): Promise<void> {
    const others = NOTE_COLOURS.filter((c) => c !== this.mine.get(id)!.colour);
    setNoteColour(this.o.doc, id, others[Math.floor(this.o.random() * others.length)]!, HANDS);
    this.edits++;
    this.record(id);
  }

  private async remove(id: string): Promise<void> {
    deleteNote(this.o.doc, id, HANDS);
    this.edits++;
    this.mine.set(id, { ...this.mine.get(id)!, deleted: true });
  }
}

function between(random: Random, [min, max]: readonly [number, number]): number {
  return min + random() * (max - min);
}
