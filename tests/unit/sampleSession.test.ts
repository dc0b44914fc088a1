import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readDocVersion } from '../../shared/schema/docVersion';
import { readGroups } from '../../shared/schema/group';
import { NOTE_HEIGHT, NOTE_WIDTH, placementOf, readNotes } from '../../shared/schema/note';
import { readRoster } from '../../shared/schema/participant';
import { summariseRoster } from '../../shared/schema/rosterSummary';
import { readQuestions, readSessionMeta } from '../../shared/schema/session';
import { SessionDraftSchema, initSessionDoc } from '../../shared/schema/sessionDraft';
import { fillSampleBoard, fillSampleCase, fillSampleRoom } from '../../shared/sample/fillSample';
import { caseStatus, readCaseField, readDiscussionPoints, readShownCase } from '../../shared/schema/caseDoc';
import { findPersonalData } from '../../shared/privacy/personalData';
import { ZO_THUIS_MOGELIJK as SAMPLE } from '../../shared/sample/zoThuisMogelijk';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import type { Rect } from '../../shared/template/template';

/** Open rectangles overlap (sharing an edge is not overlapping). */
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const rect = (n: { x: number; y: number }): Rect => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT });

/** The sample written as the app writes it: a session doc, its boards and its room. */
function writeSample() {
  const session = new Y.Doc();
  initSessionDoc(session, HOUSE_TEMPLATE, SAMPLE.draft);
  const groups = readGroups(session);
  const boards = groups.map((_, i) => {
    const board = new Y.Doc();
    fillSampleBoard(board, HOUSE_TEMPLATE, SAMPLE.groups[i]!);
    return board;
  });
  const room = new Y.Doc();
  fillSampleRoom(room, SAMPLE, groups.map((g) => g.id));
  return { session, groups, boards, room };
}

describe('the sample session (seed 000, "Zo thuis mogelijk!")', () => {
  it('is a session as "Nieuwe sessie" makes one: the seed\'s title, date and three questions, three groups', () => {
    expect(SessionDraftSchema.safeParse(SAMPLE.draft).success).toBe(true);
    const { session, groups } = writeSample();
    expect(readSessionMeta(session)).toMatchObject({ title: 'Themabijeenkomst Zo thuis mogelijk!', date: '2023-09-14', templateId: 'house' });
    expect(groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2', 'Groep 3']);
    const questions = readQuestions(session, HOUSE_TEMPLATE);
    expect(questions.foundation).toMatch(/^Welke brede kennis en kunde is nodig/);
    expect(questions.walls).toMatch(/^Welke werkwijze of methode is belangrijk en succesvol gebleken/);
    expect(questions.roof).toBe('Wat hebben we nodig, van onze organisaties/leidinggevenden, of elkaar, om het huis stevig te maken en houden?');
  });

  it("puts every group's notes in the part of the house they answer, none over another, with their writers' names and domains", () => {
    const { boards } = writeSample();
    boards.forEach((board, i) => {
      const group = SAMPLE.groups[i]!;
      const notes = readNotes(board);
      expect(notes.map((n) => n.text).sort()).toEqual(group.notes.map((n) => n.text).sort());
      for (const note of notes) {
        const wanted = group.notes.find((n) => n.text === note.text)!;
        const writer = group.people.find((p) => p.key === wanted.by)!;
        expect(note.zone, note.text).toBe(wanted.zone);
        // The zone written is the one its place gives: moving it later keeps the model's rule.
        expect(placementOf(HOUSE_TEMPLATE, note.x, note.y)).toBe(wanted.zone);
        expect(note).toMatchObject({ colour: writer.colour, author: writer.name, domain: writer.domain });
      }
      for (const a of notes) for (const b of notes) if (a !== b) expect(overlaps(rect(a), rect(b)), `${a.text} / ${b.text}`).toBe(false);
      expect(readDocVersion(board)).toMatchObject({ kind: 'board', stamped: true });
    });
    expect(boards.map((b) => readNotes(b).length)).toEqual([16, 15, 14]);
  });

  it('writes notes in the words of the seed: its points A–D and its closing call', () => {
    const texts = SAMPLE.groups.flatMap((g) => g.notes.map((n) => n.text)).join('\n');
    for (const words of [/Werk systemisch/, /team rondom (een|de) jeugdige/, /gezin, school en vrije tijd/, /1Gezin1Plan1Regisseur/, /Verwachtingen afstemmen/, /aanspreken/, /innovatie/, /[Vv]ertrouwen/, /alleen staan in een casus/, /in contact brengen met ouders in soortgelijke situaties/]) {
      expect(texts).toMatch(words);
    }
    expect(SAMPLE.observations).toContain('men zich alleen voelt staan in een casus');
    expect(SAMPLE.closingWords).toContain('onderwijs vaak de grote afwezige');
    expect(SAMPLE.reflection).toHaveLength(4);
  });

  it('seats its people as in the seed: school missing in the whole room, group 2 without a parent or ervaringsdeskundige', () => {
    const { groups, room } = writeSample();
    const roster = readRoster(room, groups.map((g) => g.id));
    expect(roster).toHaveLength(SAMPLE.groups.reduce((n, g) => n + g.people.length, 0));
    // Joined on the seed's morning, one minute apart, each with an id of its own.
    expect(new Date(roster[0]!.joinedAt).toISOString()).toBe('2023-09-14T07:30:00.000Z');
    expect(new Set(roster.map((p) => p.id)).size).toBe(roster.length);
    // Joining without a name is allowed, and the sample shows it.
    expect(roster.some((p) => p.name === undefined)).toBe(true);
    const summary = summariseRoster(roster, groups);
    expect(summary.missing).toEqual(['school']);
    expect(summary.groups[1]!.missing).toContain('ouder-ervaringsdeskundige');
    expect(summary.groups.every((g) => g.missing.includes('school'))).toBe(true);
    expect(summary.unknown).toBe(1);
    expect(readDocVersion(room)).toMatchObject({ kind: 'room', stamped: true });
  });

  it('refuses a note whose writer is not at its table, and a room with another number of groups', () => {
    const stray = { ...SAMPLE.groups[0]!, notes: [{ zone: 'roof' as const, by: 'niemand', text: 'Wie schreef dit?' }] };
    expect(() => fillSampleBoard(new Y.Doc(), HOUSE_TEMPLATE, stray)).toThrow(RangeError);
    expect(() => fillSampleRoom(new Y.Doc(), SAMPLE, ['groep1abcd'])).toThrow(RangeError);
  });

  it('has a case text that names nobody: no capitalised name inside a sentence, no digits', () => {
    // Every capital starts a sentence; a name (or a school, a street) would be one that does not.
    const inside = SAMPLE.caseText.match(/(?<![.?!;:]\s)(?<!^)\b[A-Z][a-z]+/g) ?? [];
    expect(inside).toEqual([]);
    expect(SAMPLE.caseText).not.toMatch(/\d/);
  });

  it('brings its case, discussion points, observation and closing call, with a case the personal-data check passes, not yet on the screen', () => {
    const doc = new Y.Doc();
    fillSampleCase(doc, SAMPLE, Date.UTC(2023, 8, 14, 9, 30));
    expect(readCaseField(doc, 'caseText')).toBe(SAMPLE.caseText);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual([...SAMPLE.discussionPoints]);
    expect(readCaseField(doc, 'observations')).toContain('alleen');
    expect(readCaseField(doc, 'closingWords')).toBe(SAMPLE.closingWords);
    expect(findPersonalData(SAMPLE.caseText)).toEqual([]);
    expect(readShownCase(doc)).toBeNull();
    expect(caseStatus(doc)).toBe('draft');
  });
});
