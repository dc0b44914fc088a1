import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { MAX_GROUPS, addGroup, defaultGroupNames, readGroups, removeGroup, reorderGroups } from '../../shared/schema/group';
import {
  TITLE_MAX,
  SessionMetaSchema,
  defaultQuestions,
  fitTitle,
  readQuestions,
  readSessionMeta,
  writeSessionMeta,
} from '../../shared/schema/session';
import { draftFromSession, initSessionDoc, type SessionDraft } from '../../shared/schema/sessionDraft';
import { applySessionEdit, readSessionForm, type SessionForm } from '../../shared/schema/sessionEdit';

const house = HOUSE_TEMPLATE;

function session(overrides: Partial<SessionDraft> = {}): Y.Doc {
  const doc = new Y.Doc();
  initSessionDoc(doc, house, {
    title: 'Leeratelier Zo thuis mogelijk!',
    date: '2023-09-14',
    place: 'Zeist',
    organiser: 'SJVZOU',
    intro: '',
    groups: ['Groep 1', 'Groep 2', 'Groep 3'],
    questions: defaultQuestions(house, 'nl'),
    ...overrides,
  });
  return doc;
}

function form(doc: Y.Doc): SessionForm {
  const read = readSessionForm(doc, house);
  if (!read) throw new Error('no form');
  return read;
}

const names = (doc: Y.Doc) => readGroups(doc).map((g) => g.name);

describe('a title made from another ("Kopie van …") stays within the cap', () => {
  const copyOf = (t: string) => `Kopie van ${t}`;

  it('leaves a short title whole', () => {
    expect(fitTitle('Zo thuis mogelijk!', copyOf)).toBe('Kopie van Zo thuis mogelijk!');
  });

  it('cuts a 195-character title so the copy fits the cap, ends in "…" and validates', () => {
    const long = `Leeratelier ${'jeugdzorg en onderwijs aan tafel '.repeat(6)}`.slice(0, 195);
    expect(long).toHaveLength(195);
    const copy = fitTitle(long, copyOf);
    expect(copy.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(copy.startsWith('Kopie van Leeratelier jeugdzorg')).toBe(true);
    expect(copy.endsWith('…')).toBe(true);
    expect(copy).not.toMatch(/\s…$/);
    expect(SessionMetaSchema.shape.title.safeParse(copy).success).toBe(true);
  });

  it('never cuts inside an emoji or a surrogate pair', () => {
    const family = '👨‍👩‍👧';
    const copy = fitTitle(family.repeat(40), copyOf);
    expect(copy.length).toBeLessThanOrEqual(TITLE_MAX);
    const inner = copy.slice('Kopie van '.length, -1);
    expect(inner.length % family.length).toBe(0);
    expect(inner.split(family).every((part) => part === '')).toBe(true);
  });

  it('refuses a wrapper that leaves no room', () => {
    expect(() => fitTitle('x', () => 'y'.repeat(TITLE_MAX + 1))).toThrow(RangeError);
  });
});

describe('writing meta validates first', () => {
  it('refuses a title over the cap and a bad date, and writes nothing', () => {
    const doc = session();
    expect(() => writeSessionMeta(doc, { title: 'x'.repeat(TITLE_MAX + 1) })).toThrow();
    expect(() => writeSessionMeta(doc, { date: '14-09-2023', place: 'Houten' })).toThrow();
    expect(readSessionMeta(doc)).toMatchObject({ title: 'Leeratelier Zo thuis mogelijk!', date: '2023-09-14', place: 'Zeist' });
  });

  it('stores the title trimmed', () => {
    const doc = session();
    writeSessionMeta(doc, { title: '  Middag  ' });
    expect(readSessionMeta(doc)?.title).toBe('Middag');
  });
});

describe('groups: add, remove, reorder', () => {
  it(`refuses a group past ${MAX_GROUPS}`, () => {
    const doc = session({ groups: defaultGroupNames(MAX_GROUPS, 'Groep') });
    expect(() => addGroup(doc, 'Nog een')).toThrow(RangeError);
    expect(readGroups(doc)).toHaveLength(MAX_GROUPS);
  });

  it('removes a group, but never the last one', () => {
    const doc = session({ groups: ['Groep 1', 'Groep 2'] });
    const [first, second] = readGroups(doc);
    expect(removeGroup(doc, first!.id)).toBe(true);
    expect(names(doc)).toEqual(['Groep 2']);
    expect(() => removeGroup(doc, second!.id)).toThrow(RangeError);
    expect(names(doc)).toEqual(['Groep 2']);
    expect(removeGroup(doc, 'nosuchgroup0')).toBe(false);
  });

  it('reorders, keeping a group a peer added meanwhile at the end', () => {
    const doc = session();
    const [a, b, c] = readGroups(doc);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    addGroup(peer, 'Ouders');
    reorderGroups(doc, [c!.id, a!.id, b!.id]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));
    expect(names(doc)).toEqual(names(peer));
    expect(names(doc).slice(0, 3)).toEqual(['Groep 3', 'Groep 1', 'Groep 2']);
    expect(names(doc)).toContain('Ouders');
  });
});

describe('editing a session after it was created', () => {
  it('changes the date, place, a question, renames, adds a 7th group, reorders and removes one', () => {
    const doc = session({ groups: defaultGroupNames(6, 'Groep') });
    const before = form(doc);
    const [g1, g2, g3, g4, g5, g6] = before.groups;
    const after: SessionForm = {
      ...before,
      date: '2023-09-21',
      place: 'Houten',
      intro: 'Tweede bijeenkomst.',
      questions: { ...before.questions, walls: 'Welke werkwijze willen we meer zien?' },
      groups: [g2!, { ...g1!, name: 'Lokale teams' }, g4!, g5!, g6!, { name: 'Groep 7' }, { name: 'Ouders' }],
    };
    const result = applySessionEdit(doc, house, before, after);
    expect(result.removedGroupIds).toEqual([g3!.id]);
    expect(result.addedGroupIds).toHaveLength(2);
    expect(readSessionMeta(doc)).toMatchObject({
      title: 'Leeratelier Zo thuis mogelijk!',
      date: '2023-09-21',
      place: 'Houten',
      intro: 'Tweede bijeenkomst.',
    });
    expect(readQuestions(doc, house).walls).toBe('Welke werkwijze willen we meer zien?');
    expect(names(doc)).toEqual(['Groep 2', 'Lokale teams', 'Groep 4', 'Groep 5', 'Groep 6', 'Groep 7', 'Ouders']);
    // Existing groups keep their ids, so their boards (and notes) stay theirs.
    expect(readGroups(doc)[1]!.id).toBe(g1!.id);
  });

  it('writes only what changed, so a rename made meanwhile in another window survives', () => {
    const doc = session();
    const before = form(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    writeSessionMeta(other, { place: 'Utrecht' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    applySessionEdit(doc, house, before, { ...before, title: 'Middag' });
    expect(readSessionMeta(doc)).toMatchObject({ title: 'Middag', place: 'Utrecht' });
  });

  it('replaces every old group with new ones without ever leaving the session without a group', () => {
    const doc = session({ groups: ['Groep 1'] });
    const before = form(doc);
    applySessionEdit(doc, house, before, { ...before, groups: [{ name: 'Onderwijs' }, { name: 'Zorg' }] });
    expect(names(doc)).toEqual(['Onderwijs', 'Zorg']);
  });

  it.each([
    ['an empty title', { title: '  ' }],
    ['a title over the cap', { title: 'x'.repeat(TITLE_MAX + 1) }],
    ['no groups', { groups: [] }],
    ['a group without a name', { groups: [{ name: '' }] }],
    [`${MAX_GROUPS + 1} groups`, { groups: defaultGroupNames(MAX_GROUPS + 1, 'Groep').map((name) => ({ name })) }],
    ['an empty question', { questions: { roof: ' ', walls: 'x', foundation: 'y' } }],
    ['a date that is not yyyy-mm-dd', { date: '21 september' }],
  ] as const)('refuses %s and writes nothing', (_label, change) => {
    const doc = session();
    const before = form(doc);
    const snapshot = Y.encodeStateAsUpdate(doc);
    expect(() => applySessionEdit(doc, house, before, { ...before, ...change } as SessionForm)).toThrow();
    expect(Y.encodeStateAsUpdate(doc)).toEqual(snapshot);
  });
});

describe('a new session from an existing one', () => {
  it('takes the details, the groups by name and the questions; no ids, no notes', () => {
    const doc = session({ questions: { ...defaultQuestions(house, 'nl'), roof: 'Wat heb jij nodig?' } });
    const draft = draftFromSession(doc, house);
    expect(draft).toMatchObject({ place: 'Zeist', organiser: 'SJVZOU', groups: ['Groep 1', 'Groep 2', 'Groep 3'] });
    expect(draft?.questions.roof).toBe('Wat heb jij nodig?');
    const copy = new Y.Doc();
    initSessionDoc(copy, house, { ...draft!, title: 'Tweede atelier', date: '2024-01-10' });
    expect(names(copy)).toEqual(names(doc));
    expect(readGroups(copy).map((g) => g.id)).not.toEqual(readGroups(doc).map((g) => g.id));
  });
});

describe('questions in the UI language', () => {
  it('has every default question in Dutch and English, and they differ', () => {
    const nl = defaultQuestions(house, 'nl');
    const en = defaultQuestions(house, 'en');
    expect(Object.keys(en)).toEqual(['roof', 'walls', 'foundation']);
    for (const zone of house.zones) {
      expect(en[zone.id]).toMatch(/^(What|Which)\b/);
      expect(en[zone.id]).not.toBe(nl[zone.id]);
    }
  });
});
