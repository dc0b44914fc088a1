import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ZodError } from 'zod';
import {
  addDiscussionPoint,
  approveCase,
  CASE_TEXT_MAX,
  caseMap,
  caseStatus,
  discussionPointsMap,
  DISCUSSION_POINT_MAX,
  DISCUSSION_POINTS_MAX,
  moveDiscussionPoint,
  NOTES_TEXT_MAX,
  observeCaseField,
  readCaseApproval,
  readCaseField,
  readDiscussionPoints,
  readShownCase,
  removeDiscussionPoint,
  updateDiscussionPoint,
  withdrawCase,
  writeCaseField,
} from '../../shared/schema/caseDoc';
import { DOC_VERSIONS, migrate, readDocVersion } from '../../shared/schema/docVersion';

const CASE = 'Een jongen van 14 woont bij zijn moeder; school maakt zich zorgen. Hoe pakken we dit aan?';

describe('the case text and its approval', () => {
  it('shows nothing until the facilitator approves the very text that is there', () => {
    const doc = new Y.Doc();
    expect(caseStatus(doc)).toBe('empty');
    writeCaseField(doc, 'caseText', CASE);
    expect(readCaseField(doc, 'caseText')).toBe(CASE);
    expect(caseStatus(doc)).toBe('draft');
    expect(readShownCase(doc)).toBeNull();
    approveCase(doc, CASE, 1000);
    expect(caseStatus(doc)).toBe('shown');
    expect(readShownCase(doc)).toBe(CASE);
    expect(readCaseApproval(doc)).toEqual({ approvedText: CASE, approvedAt: 1000 });
  });

  it('takes the case off the screen when its text changes after approval, until approved again', () => {
    const doc = new Y.Doc();
    writeCaseField(doc, 'caseText', CASE);
    approveCase(doc, CASE, 1000);
    writeCaseField(doc, 'caseText', `${CASE} Sem is er ook.`);
    expect(caseStatus(doc)).toBe('changed');
    expect(readShownCase(doc)).toBeNull();
    writeCaseField(doc, 'caseText', CASE);
    expect(readShownCase(doc)).toBe(CASE);
    withdrawCase(doc);
    expect(caseStatus(doc)).toBe('draft');
    expect(readShownCase(doc)).toBeNull();
  });

  it('refuses to approve a text that is not the current one, or a blank one, and writes nothing', () => {
    const doc = new Y.Doc();
    writeCaseField(doc, 'caseText', CASE);
    expect(() => approveCase(doc, 'iets anders', 1)).toThrow('case-changed');
    expect(() => approveCase(doc, '   ', 1)).toThrow(RangeError);
    expect(caseMap(doc).size).toBe(0);
  });

  it('caps the texts: too long throws and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => writeCaseField(doc, 'caseText', 'x'.repeat(CASE_TEXT_MAX + 1))).toThrow(RangeError);
    expect(() => writeCaseField(doc, 'observations', 'x'.repeat(NOTES_TEXT_MAX + 1))).toThrow(RangeError);
    expect(() => writeCaseField(doc, 'closingWords', 42 as unknown as string)).toThrow(TypeError);
    expect(readCaseField(doc, 'caseText')).toBe('');
    writeCaseField(doc, 'caseText', 'x'.repeat(CASE_TEXT_MAX));
    expect(readCaseField(doc, 'caseText')).toHaveLength(CASE_TEXT_MAX);
  });

  it('merges two windows typing in the case at once instead of overwriting', () => {
    const a = new Y.Doc();
    writeCaseField(a, 'caseText', 'Begin. Einde.');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeCaseField(a, 'caseText', 'Begin. Midden. Einde.');
    writeCaseField(b, 'caseText', 'Begin. Einde. Vraag?');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readCaseField(a, 'caseText')).toBe('Begin. Midden. Einde. Vraag?');
    expect(readCaseField(b, 'caseText')).toBe('Begin. Midden. Einde. Vraag?');
  });

  it('keeps observations and closing words (seed 000), and tells a listener of each change', () => {
    const doc = new Y.Doc();
    const seen: string[] = [];
    const stop = observeCaseField(doc, 'observations', (text) => seen.push(text));
    writeCaseField(doc, 'observations', 'Men voelt zich alleen staan in een casus.');
    writeCaseField(doc, 'closingWords', 'Versterk ouders: breng kennis over en breng hen in contact met ouders in soortgelijke situaties.');
    stop();
    writeCaseField(doc, 'observations', 'Onderwijs is vaak de grote afwezige.');
    expect(seen).toEqual(['Men voelt zich alleen staan in een casus.']);
    expect(readCaseField(doc, 'closingWords')).toMatch(/^Versterk ouders/);
  });

  it('ignores what a hostile peer puts there: wrong types, over-long texts, embeds', () => {
    const doc = new Y.Doc();
    caseMap(doc).set('approvedText', 42);
    caseMap(doc).set('approvedAt', 'gisteren');
    expect(readCaseApproval(doc)).toEqual({ approvedText: null, approvedAt: null });
    const long = 'a'.repeat(CASE_TEXT_MAX + 50);
    doc.getText('caseText').insert(0, long);
    caseMap(doc).set('approvedText', long.slice(0, CASE_TEXT_MAX));
    expect(readCaseField(doc, 'caseText')).toHaveLength(CASE_TEXT_MAX);
    expect(readShownCase(doc)).toBeNull(); // the cut text is not what was approved
    const other = new Y.Doc();
    other.getText('observations').insert(0, 'tekst');
    other.getText('observations').insertEmbed(2, { img: 'x' });
    other.getText('observations').format(0, 2, { bold: true });
    expect(readCaseField(other, 'observations')).toBe('tekst');
  });

  it('is additive to session doc version 1: no migration, no version stamp', () => {
    const doc = new Y.Doc();
    writeCaseField(doc, 'caseText', CASE);
    addDiscussionPoint(doc, 'Wie is regisseur?', 1);
    migrate(doc, 'session');
    expect(DOC_VERSIONS.session.current).toBe(1);
    expect(readDocVersion(doc).version).toBe(1);
    expect(readCaseField(doc, 'caseText')).toBe(CASE);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['Wie is regisseur?']);
  });
});

describe('discussion points', () => {
  it('are numbered in the order they were added, editable, removable', () => {
    const doc = new Y.Doc();
    const a = addDiscussionPoint(doc, '  Wie neemt de regie?  ', 1);
    const b = addDiscussionPoint(doc, 'School ontbreekt aan tafel', 2);
    const c = addDiscussionPoint(doc, 'Ouders eerder betrekken', 3);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['Wie neemt de regie?', 'School ontbreekt aan tafel', 'Ouders eerder betrekken']);
    expect(updateDiscussionPoint(doc, b, 'Onderwijs ontbreekt aan tafel')).toBe(true);
    expect(removeDiscussionPoint(doc, a)).toBe(true);
    expect(removeDiscussionPoint(doc, a)).toBe(false);
    expect(updateDiscussionPoint(doc, a, 'weg')).toBe(false);
    expect(readDiscussionPoints(doc).map((p) => [p.id, p.text])).toEqual([
      [b, 'Onderwijs ontbreekt aan tafel'],
      [c, 'Ouders eerder betrekken'],
    ]);
  });

  it('move to any place, clamped, writing only the orders that change', () => {
    const doc = new Y.Doc();
    const ids = ['een', 'twee', 'drie', 'vier'].map((t, i) => addDiscussionPoint(doc, t, i));
    moveDiscussionPoint(doc, ids[3]!, 0);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['vier', 'een', 'twee', 'drie']);
    moveDiscussionPoint(doc, ids[3]!, 99);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['een', 'twee', 'drie', 'vier']);
    let writes = 0;
    doc.on('update', () => writes++);
    moveDiscussionPoint(doc, ids[0]!, 0);
    expect(writes).toBe(0);
    expect(moveDiscussionPoint(doc, 'onbekend1', 0)).toBe(false);
  });

  it('refuse a blank or over-long text and a full list, writing nothing', () => {
    const doc = new Y.Doc();
    expect(() => addDiscussionPoint(doc, '   ', 1)).toThrow(ZodError);
    expect(() => addDiscussionPoint(doc, 'x'.repeat(DISCUSSION_POINT_MAX + 1), 1)).toThrow(ZodError);
    const id = addDiscussionPoint(doc, 'een', 1);
    expect(() => updateDiscussionPoint(doc, id, '')).toThrow(ZodError);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['een']);
    for (let i = 1; i < DISCUSSION_POINTS_MAX; i++) addDiscussionPoint(doc, `punt ${i}`, i);
    expect(() => addDiscussionPoint(doc, 'te veel', 1)).toThrow(RangeError);
    expect(readDiscussionPoints(doc)).toHaveLength(DISCUSSION_POINTS_MAX);
  });

  it('leave out what a hostile peer writes: not a map, wrong fields, bad ids, too many', () => {
    const doc = new Y.Doc();
    addDiscussionPoint(doc, 'echt', 1);
    const points = discussionPointsMap(doc);
    points.set('nietgoed1', 'tekst' as unknown as Y.Map<unknown>);
    const bad = new Y.Map<unknown>();
    points.set('slecht01', bad);
    bad.set('text', { kwaad: true });
    bad.set('order', 0);
    bad.set('createdAt', 1);
    const badId = new Y.Map<unknown>();
    points.set('../../x', badId);
    badId.set('text', 'fout id');
    badId.set('order', 0);
    badId.set('createdAt', 1);
    const nan = new Y.Map<unknown>();
    points.set('nanorder1', nan);
    nan.set('text', 'geen volgorde');
    nan.set('order', Number.NaN);
    nan.set('createdAt', 1);
    expect(readDiscussionPoints(doc).map((p) => p.text)).toEqual(['echt']);
    for (let i = 0; i < DISCUSSION_POINTS_MAX + 20; i++) {
      const extra = new Y.Map<unknown>();
      points.set(`extra${String(i).padStart(4, '0')}`, extra);
      extra.set('text', `extra ${i}`);
      extra.set('order', 1000 + i);
      extra.set('createdAt', 1);
    }
    expect(readDiscussionPoints(doc)).toHaveLength(DISCUSSION_POINTS_MAX);
  });
});
