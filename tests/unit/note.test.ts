import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { PARKED } from '../../shared/template/template';
import {
  NOTE_COLOURS,
  NOTE_HEIGHT,
  NOTE_TEXT_MAX,
  addNote,
  clampNoteText,
  clampText,
  countNotes,
  deleteNote,
  holdNoteTextEdit,
  moveNote,
  notesMap,
  readNote,
  readNotes,
  setNoteColour,
  setNoteText,
} from '../../shared/schema/note';
import {
  centreX,
  centredOn,
  centredOnPoint,
  inside,
  parkingCentre,
  roofWallsY,
  wallsLeft,
  wallsRight,
} from './houseLandmarks';

const house = HOUSE_TEMPLATE;

/** Top-left corners of notes that lie in the middle of each part of the house, and in the parking. */
const IN_ROOF = centredOnPoint(inside.roof);
const IN_WALLS = centredOnPoint(inside.walls);
const IN_FOUNDATION = centredOnPoint(inside.foundation);
const IN_PARKING = centredOnPoint(parkingCentre);

/** A second peer that starts from a copy of `doc`, as after a sync. */
function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer;
}

/** Exchanges what each side is missing, in both directions, like a provider does. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

/** Waits for the clock to tick: notes made in the same millisecond are ordered by (random) id. */
function nextMillisecond(): void {
  const now = Date.now();
  while (Date.now() === now) {
    /* spin */
  }
}

function textOf(doc: Y.Doc, id: string): string | undefined {
  const ynote = notesMap(doc).get(id);
  return ynote ? readNote(id, ynote)?.text : undefined;
}

/** A note map as a broken or hostile peer might write it, starting from a valid one. */
function rawNote(doc: Y.Doc, fields: Record<string, unknown>, drop: string[] = []): string {
  const id = 'rogue0note01';
  doc.transact(() => {
    const ynote = new Y.Map<unknown>();
    const text = new Y.Text();
    text.insert(0, 'Werk systemisch');
    const base: Record<string, unknown> = {
      text,
      x: IN_WALLS.x,
      y: IN_WALLS.y,
      zone: 'walls',
      colour: 'yellow',
      createdAt: 1_694_678_400_000,
      updatedAt: 1_694_678_400_000,
      ...fields,
    };
    for (const [key, value] of Object.entries(base)) if (!drop.includes(key)) ynote.set(key, value);
    notesMap(doc).set(id, ynote);
  });
  return id;
}

describe('adding and reading notes', () => {
  it('reads back what the group wrote, with the zone under the note', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    const id = addNote(doc, house, {
      ...IN_FOUNDATION,
      text: 'Werk systemisch',
      colour: 'green',
      author: 'Sanne',
      domain: 'lokaal team',
    });
    const note = readNote(id, notesMap(doc).get(id)!);
    expect(note).toMatchObject({
      id,
      text: 'Werk systemisch',
      x: IN_FOUNDATION.x,
      y: IN_FOUNDATION.y,
      zone: 'foundation',
      colour: 'green',
      author: 'Sanne',
      domain: 'lokaal team',
    });
    expect(note!.createdAt).toBeGreaterThanOrEqual(before);
    expect(note!.updatedAt).toBe(note!.createdAt);
  });

  it('gives a new note an empty yellow face and no author by default', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, IN_ROOF);
    const note = readNote(id, notesMap(doc).get(id)!)!;
    expect(note.text).toBe('');
    expect(note.colour).toBe('yellow');
    expect(note.zone).toBe('roof');
    expect(note.author).toBeUndefined();
    expect(note.domain).toBeUndefined();
  });

  it('lists every note of a board oldest first, and a synced peer sees the same', () => {
    const doc = new Y.Doc();
    const texts = ['Werk systemisch', '1Gezin1Plan1Regisseur', 'Ruimte bieden aan innovatie'];
    // Side by side across the walls.
    const step = (wallsRight - wallsLeft) / (texts.length + 1);
    const ids = texts.map((text, i) => {
      nextMillisecond();
      return addNote(doc, house, { ...centredOn(wallsLeft + (i + 1) * step, inside.walls.y), text });
    });
    expect(readNotes(doc).map((n) => n.zone)).toEqual(texts.map(() => 'walls'));
    expect(readNotes(doc).map((n) => n.text)).toEqual(texts);
    expect(readNotes(doc).map((n) => n.id)).toEqual(ids);
    expect(countNotes(doc)).toBe(3);
    expect(readNotes(peerOf(doc))).toEqual(readNotes(doc));
  });

  it('parks a note put down outside the house', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_PARKING, text: 'Onderwijs is vaak de grote afwezige' });
    expect(readNote(id, notesMap(doc).get(id)!)!.zone).toBe(PARKED);
  });

  it.each([
    ['x is NaN', { ...IN_WALLS, x: NaN }],
    ['y is NaN', { ...IN_WALLS, y: NaN }],
    ['x is Infinity', { ...IN_WALLS, x: Infinity }],
    ['y is -Infinity', { ...IN_WALLS, y: -Infinity }],
  ] as const)('refuses to add a note where %s, and adds nothing', (_label, at) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(() => addNote(doc, house, { ...at, text: 'Werk systemisch' })).toThrow(RangeError);
    expect(countNotes(doc)).toBe(0);
    expect(updates).toEqual([]);
  });

  it('caps author and domain without cutting an emoji in half', () => {
    const doc = new Y.Doc();
    // The cap (80 and 40 UTF-16 units) falls between the two halves of the last emoji.
    const id = addNote(doc, house, { ...IN_WALLS, author: 'a' + '😀'.repeat(40), domain: 'd' + '🏠'.repeat(20) });
    const note = readNote(id, notesMap(peerOf(doc)).get(id)!)!;
    expect(note.author).toBe('a' + '😀'.repeat(39));
    expect(note.domain).toBe('d' + '🏠'.repeat(19));
  });
});

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clampText', () => {
  it('leaves text at or under the limit alone', () => {
    expect(clampText('', 3)).toBe('');
    expect(clampText('abc', 3)).toBe('abc');
    expect(clampText('a😀', 3)).toBe('a😀');
  });

  it('cuts to the limit, one unit shorter when the limit falls inside a surrogate pair', () => {
    expect(clampText('abcdef', 3)).toBe('abc');
    expect(clampText('ab😀', 3)).toBe('ab');
    expect(clampText('a😀b', 3)).toBe('a😀');
    expect(clampText('😀😀', 3)).toBe('😀');
    // Never leaves a lone half, whatever the limit.
    const text = 'x😀y👍🏽z🏠';
    for (let max = 0; max <= text.length; max++) {
      const cut = clampText(text, max);
      expect(cut.length, `max=${max}`).toBeLessThanOrEqual(max);
      expect(text.startsWith(cut), `max=${max}`).toBe(true);
      expect(cut, `max=${max}`).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('clampText by grapheme', () => {
  it('never cuts an emoji made of several code points apart (a family joined by zero-width joiners)', () => {
    const family = '👨‍👩‍👧'; // 8 UTF-16 units, one grapheme
    const text = `ab${family.repeat(70)}`;
    for (let max = 0; max <= text.length; max++) {
      const cut = clampText(text, max);
      expect(cut.length, `max=${max}`).toBeLessThanOrEqual(max);
      expect(cut.length, `max=${max}`).toBeGreaterThan(max - family.length);
      expect(cut.slice(2).split(family).every((rest) => rest === ''), `max=${max}: ${JSON.stringify(cut.slice(-8))}`).toBe(true);
    }
    expect(clampNoteText(text)).toBe(`ab${family.repeat(62)}`);
  });

  it('keeps a letter with its combining accent together', () => {
    expect(clampText('cafe\u0301', 4)).toBe('caf');
  });
});

describe('moving notes', () => {
  it('changes the zone when the note is dragged across the roof/walls line, and back', () => {
    const doc = new Y.Doc();
    const onRoof = centredOn(centreX, roofWallsY - NOTE_HEIGHT);
    const id = addNote(doc, house, { ...onRoof, text: 'Ruimte bieden aan innovatie' });
    expect(readNotes(doc)[0]!.zone).toBe('roof');

    const onWalls = centredOn(centreX, roofWallsY + NOTE_HEIGHT / 2);
    expect(moveNote(doc, house, id, onWalls.x, onWalls.y)).toBe(true);
    expect(readNotes(doc)[0]).toMatchObject({ zone: 'walls', x: onWalls.x, y: onWalls.y });

    const backOnRoof = centredOn(centreX, roofWallsY - NOTE_HEIGHT / 2);
    moveNote(doc, house, id, backOnRoof.x, backOnRoof.y);
    expect(readNotes(doc)[0]).toMatchObject({ zone: 'roof', x: backOnRoof.x, y: backOnRoof.y });
  });

  it('parks a note dragged off the house, and a peer sees the same zone', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' });
    moveNote(doc, house, id, IN_PARKING.x, IN_PARKING.y);
    expect(readNotes(doc)[0]!.zone).toBe(PARKED);
    expect(readNotes(peerOf(doc))[0]!.zone).toBe(PARKED);
  });

  it('ignores a move to a position that is not a number, and a move of a note that is gone', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, IN_WALLS);
    expect(moveNote(doc, house, id, NaN, 10)).toBe(false);
    expect(moveNote(doc, house, id, 10, Infinity)).toBe(false);
    expect(readNotes(doc)[0]).toMatchObject({ x: IN_WALLS.x, y: IN_WALLS.y, zone: 'walls' });
    expect(moveNote(doc, house, 'nosuchnote00', 10, 10)).toBe(false);
  });

  it('marks the note as updated', async () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, IN_WALLS);
    const created = readNotes(doc)[0]!.createdAt;
    await new Promise((r) => setTimeout(r, 5));
    moveNote(doc, house, id, IN_ROOF.x, IN_ROOF.y);
    expect(readNotes(doc)[0]!.updatedAt).toBeGreaterThan(created);
  });
});

describe('colours', () => {
  it('recolours a note with every colour of the palette', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, IN_WALLS);
    for (const colour of NOTE_COLOURS) {
      expect(setNoteColour(doc, id, colour)).toBe(true);
      expect(readNotes(doc)[0]!.colour).toBe(colour);
    }
    expect(setNoteColour(doc, 'nosuchnote00', 'pink')).toBe(false);
  });
});

describe('editing note text', () => {
  it('changes the text and leaves the note where it was', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' });
    expect(setNoteText(doc, id, 'Werk systemisch, met school erbij')).toBe(true);
    expect(readNotes(doc)[0]).toMatchObject({ text: 'Werk systemisch, met school erbij', zone: 'walls' });
    expect(setNoteText(doc, 'nosuchnote00', 'x')).toBe(false);
  });

  it('makes the smallest edit: unchanged text before and after the change stays the same items', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const ytext = notesMap(doc).get(id)!.get('text') as Y.Text;
    const deltas: unknown[] = [];
    ytext.observe((event) => deltas.push(event.delta));
    setNoteText(doc, id, 'Werk echt systemisch');
    expect(deltas).toEqual([[{ retain: 5 }, { insert: 'echt ' }]]);
  });

  it('keeps both words when two people edit the same note at once (one prefixes, one appends)', () => {
    const alice = new Y.Doc();
    const id = addNote(alice, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const bob = peerOf(alice);

    // Both type before they hear from each other.
    setNoteText(alice, id, 'Altijd: Werk systemisch');
    setNoteText(bob, id, 'Werk systemisch (gezin, school, vrije tijd)');
    sync(alice, bob);

    const expected = 'Altijd: Werk systemisch (gezin, school, vrije tijd)';
    expect(textOf(alice, id)).toBe(expected);
    expect(textOf(bob, id)).toBe(expected);
  });

  it('keeps both edits when one deletes a word and the other appends', () => {
    const alice = new Y.Doc();
    const id = addNote(alice, house, { ...IN_WALLS, text: 'Ruimte bieden aan veel innovatie' });
    const bob = peerOf(alice);
    setNoteText(alice, id, 'Ruimte bieden aan innovatie');
    setNoteText(bob, id, 'Ruimte bieden aan veel innovatie en vertrouwen');
    sync(alice, bob);
    expect(textOf(alice, id)).toBe('Ruimte bieden aan innovatie en vertrouwen');
    expect(textOf(bob, id)).toBe(textOf(alice, id));
  });

  it('never splits an emoji: an edit between two emoji survives a round trip intact', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: '🏠👪' });
    setNoteText(doc, id, '🏠 1Gezin1Plan1Regisseur 👪');
    const peer = peerOf(doc);
    expect(textOf(peer, id)).toBe('🏠 1Gezin1Plan1Regisseur 👪');
    expect(textOf(peer, id)).not.toContain('\uFFFD');
  });

  it('never splits an emoji when only its second half differs', () => {
    // 😀 and 😁 share their first UTF-16 code unit; 😀 and 🨀 share their second one.
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: 'ja 😀 ja' });
    const peer = peerOf(doc);
    for (const next of ['ja 😁 ja', 'ja \u{1FA00} ja', 'ja 👍🏽 ja', 'ja  ja', 'ja 😀😀 ja']) {
      setNoteText(doc, id, next);
      sync(doc, peer);
      expect(textOf(peer, id), next).toBe(next);
      expect(textOf(peer, id)).not.toContain('\uFFFD');
    }
  });

  it('keeps emoji typed at the same time by two people', () => {
    const alice = new Y.Doc();
    const id = addNote(alice, house, { ...IN_WALLS, text: '👍👍' });
    const bob = peerOf(alice);
    setNoteText(alice, id, '👍❤️👍');
    setNoteText(bob, id, '👍👍🎉');
    sync(alice, bob);
    expect(textOf(alice, id)).toBe('👍❤️👍🎉');
    expect(textOf(bob, id)).toBe('👍❤️👍🎉');
  });

  it(`caps a pasted megabyte at ${NOTE_TEXT_MAX} characters, when adding and when editing`, () => {
    const megabyte = 'Werk systemisch. '.repeat(62_000).slice(0, 1_000_000);
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: megabyte });
    expect(readNotes(doc)[0]!.text).toBe(megabyte.slice(0, NOTE_TEXT_MAX));

    const other = addNote(doc, house, IN_FOUNDATION);
    setNoteText(doc, other, megabyte);
    expect(textOf(doc, other)).toHaveLength(NOTE_TEXT_MAX);
    expect(textOf(peerOf(doc), other)).toBe(megabyte.slice(0, NOTE_TEXT_MAX));
    expect(textOf(doc, id)).toHaveLength(NOTE_TEXT_MAX);
  });

  // The cap must not cut between the two halves of an emoji: a lone half becomes U+FFFD on every peer.
  it('caps text at the limit without cutting an emoji in half', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, house, { ...IN_WALLS, text: 'x' + '😀'.repeat(NOTE_TEXT_MAX) });
    const seen = textOf(peerOf(doc), id)!;
    expect(seen).not.toContain('\uFFFD');
    expect(seen).toBe('x' + '😀'.repeat((NOTE_TEXT_MAX - 2) / 2));
  });

  it('stores hostile markup and spreadsheet formulas verbatim, as plain text', () => {
    const doc = new Y.Doc();
    const html = '<img src=x onerror=alert(1)>';
    const formula = '=HYPERLINK("http://x","klik")';
    const a = addNote(doc, house, { ...IN_WALLS, text: html });
    const b = addNote(doc, house, IN_FOUNDATION);
    setNoteText(doc, b, formula);
    const peer = peerOf(doc);
    expect(textOf(peer, a)).toBe(html);
    expect(textOf(peer, b)).toBe(formula);
  });
});

describe('validating what peers send', () => {
  it('reads a well-formed record written by hand (the schema the README documents)', () => {
    const doc = new Y.Doc();
    const id = rawNote(doc, {});
    expect(readNote(id, notesMap(doc).get(id)!)).toMatchObject({ text: 'Werk systemisch', zone: 'walls' });
  });

  it.each([
    ['x as a string', { x: String(IN_WALLS.x) }, []],
    ['y as NaN', { y: NaN }, []],
    ['x as Infinity', { x: Infinity }, []],
    ['missing createdAt', {}, ['createdAt']],
    ['negative updatedAt', { updatedAt: -1 }, []],
    ['fractional createdAt', { createdAt: 1.5 }, []],
    ['an unknown colour', { colour: 'red' }, []],
    ['a colour as CSS', { colour: '#ff0000' }, []],
    ['an empty zone', { zone: '' }, []],
    ['a very long zone', { zone: 'z'.repeat(33) }, []],
    ['an author of 81 characters', { author: 'a'.repeat(81) }, []],
    ['a domain as a number', { domain: 7 }, []],
  ] as const)('drops a note with %s', (_label, fields, drop) => {
    const doc = new Y.Doc();
    const good = addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const bad = rawNote(doc, fields, [...drop]);
    expect(readNote(bad, notesMap(doc).get(bad)!)).toBeNull();
    // The board still shows the good notes.
    expect(readNotes(doc).map((n) => n.id)).toEqual([good]);
  });

  it('drops a note whose id is not one of ours, and a notes entry that is not a map', () => {
    const doc = new Y.Doc();
    const ynote = new Y.Map<unknown>();
    notesMap(doc).set('../../etc', ynote);
    (notesMap(doc) as Y.Map<unknown>).set('abcdefabcdef', 'not a map');
    expect(readNote('../../etc', ynote)).toBeNull();
    expect(readNotes(doc)).toEqual([]);
  });

  // A note whose text is not a Y.Text could never be edited (setNoteText returns false): reject it.
  it.each([
    ['text as a plain string', { text: 'Werk systemisch' }, []],
    ['text as a Y.Array', { text: new Y.Array() }, []],
    ['no text at all', {}, ['text']],
  ] as const)('drops a note with %s', (_label, fields, drop) => {
    const doc = new Y.Doc();
    const bad = rawNote(doc, fields, [...drop]);
    expect(readNote(bad, notesMap(doc).get(bad)!)).toBeNull();
  });

  // Undo after a concurrent edit can delete `updatedAt` (yjs #514, see undo.test.ts); the note stays.
  it('reads a note without updatedAt as last updated when it was created', () => {
    const doc = new Y.Doc();
    const id = rawNote(doc, { createdAt: 1_694_678_400_000 }, ['updatedAt']);
    expect(readNote(id, notesMap(doc).get(id)!)).toMatchObject({ createdAt: 1_694_678_400_000, updatedAt: 1_694_678_400_000 });
    expect(readNotes(doc).map((n) => n.id)).toEqual([id]);
  });

  it('shows a note with over-long text from a rogue peer cut, instead of dropping it', () => {
    const doc = new Y.Doc();
    const long = new Y.Text();
    long.insert(0, 'Werk systemisch. '.repeat(200));
    const id = rawNote(doc, { text: long });
    const note = readNote(id, notesMap(doc).get(id)!);
    expect(note).not.toBeNull();
    expect(note!.text).toBe('Werk systemisch. '.repeat(200).slice(0, NOTE_TEXT_MAX));
    expect(readNotes(doc)).toHaveLength(1);
  });
});

describe('deleting notes', () => {
  it('removes the note for everyone', () => {
    const doc = new Y.Doc();
    const keep = addNote(doc, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const gone = addNote(doc, house, { ...IN_FOUNDATION, text: 'weg ermee' });
    const peer = peerOf(doc);
    expect(deleteNote(doc, gone)).toBe(true);
    sync(doc, peer);
    expect(readNotes(doc).map((n) => n.id)).toEqual([keep]);
    expect(readNotes(peer).map((n) => n.id)).toEqual([keep]);
    expect(deleteNote(doc, gone)).toBe(false);
    expect(countNotes(peer)).toBe(1);
  });

  it('does not bring a note back when a peer edits it while it is being deleted', () => {
    const alice = new Y.Doc();
    const id = addNote(alice, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const bob = peerOf(alice);
    deleteNote(alice, id);
    setNoteText(bob, id, 'Werk systemisch!');
    sync(alice, bob);
    expect(readNotes(alice)).toEqual([]);
    expect(readNotes(bob)).toEqual([]);
  });
});

/**
 * Issue 6, item 20: an input method composes a word (Japanese, Chinese, an Android keyboard that
 * composes each word) while someone else types in the same note. Nothing is written until the
 * composition is committed; then only the writer's change goes in, where they made it.
 */
describe('an edit held back while an input method composes', () => {
  it('writes nothing while composing, then puts in the committed word once, beside the peer’s words', () => {
    const amira = new Y.Doc();
    const id = addNote(amira, house, { ...IN_WALLS, text: 'Wij willen ' });
    const bram = peerOf(amira);
    const held = holdNoteTextEdit(amira, id, 'Wij willen ')!;
    // Composing: the textarea shows 'Wij willen samenwerk', the doc stays as it was.
    expect(textOf(amira, id)).toBe('Wij willen ');
    setNoteText(bram, id, 'Samen: Wij willen ');
    sync(amira, bram);
    setNoteText(bram, id, 'Samen: Wij willen  (met school)');
    sync(amira, bram);
    expect(held.commit('Wij willen samenwerken')).toEqual({
      text: 'Samen: Wij willen samenwerken (met school)',
      caret: 'Samen: Wij willen samenwerken'.length,
    });
    sync(amira, bram);
    expect(textOf(bram, id)).toBe('Samen: Wij willen samenwerken (met school)');
  });

  it('replaces the selected word only, even when the peer typed right after it', () => {
    const amira = new Y.Doc();
    const id = addNote(amira, house, { ...IN_WALLS, text: 'Werk systemisch' });
    const bram = peerOf(amira);
    const held = holdNoteTextEdit(amira, id, 'Werk systemisch')!;
    setNoteText(bram, id, 'Werk systemisch!');
    sync(amira, bram);
    // Amira had selected "systemisch" and composed "samen" over it.
    expect(held.commit('Werk samen')!.text).toBe('Werk samen!');
  });

  it('writes nothing and says so when the note was deleted meanwhile', () => {
    const amira = new Y.Doc();
    const id = addNote(amira, house, { ...IN_WALLS, text: 'Werk' });
    const held = holdNoteTextEdit(amira, id, 'Werk')!;
    deleteNote(amira, id);
    expect(held.commit('Werk systemisch')).toBeNull();
    expect(holdNoteTextEdit(amira, id, '')).toBeNull();
  });

  it(`keeps the note within ${NOTE_TEXT_MAX} characters`, () => {
    const amira = new Y.Doc();
    const id = addNote(amira, house, { ...IN_WALLS, text: 'a'.repeat(NOTE_TEXT_MAX - 3) });
    const bram = peerOf(amira);
    const held = holdNoteTextEdit(amira, id, 'a'.repeat(NOTE_TEXT_MAX - 3))!;
    setNoteText(bram, id, 'b' + 'a'.repeat(NOTE_TEXT_MAX - 3));
    sync(amira, bram);
    const result = held.commit('a'.repeat(NOTE_TEXT_MAX - 3) + '協力する')!;
    expect(result.text).toBe('b' + 'a'.repeat(NOTE_TEXT_MAX - 3) + '協力');
    expect(result.caret).toBe(NOTE_TEXT_MAX);
  });
});
