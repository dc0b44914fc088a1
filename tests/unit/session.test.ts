import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { SessionDraftSchema, initSessionDoc, type SessionDraft } from '../../shared/schema/sessionDraft';
import {
  SCHEMA_VERSION,
  metaMap,
  questionsMap,
  readQuestions,
  readSessionMeta,
  writeQuestion,
  writeSessionMeta,
} from '../../shared/schema/session';
import { MAX_GROUPS, addGroup, defaultGroupNames, groupsMap, readGroups, renameGroup } from '../../shared/schema/group';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { ID_PATTERN } from '../../shared/ids';

const house = HOUSE_TEMPLATE;
const CREATED = Date.UTC(2023, 8, 14, 9, 30);

/** The session of seed 000, as the "Nieuwe sessie" form would hand it over. */
function zoThuisMogelijk(overrides: Partial<SessionDraft> = {}): SessionDraft {
  return {
    title: 'Zo thuis mogelijk!',
    date: '2023-09-14',
    place: 'Zuid Oost Utrecht',
    organiser: 'Samenwerkingsverband Jeugd Verblijf ZOU',
    intro: 'Themabijeenkomst met aanbieders, lokale teams en beleidsadviseurs.',
    groups: ['Groep 1', 'Groep 2', 'Groep 3'],
    questions: {},
    ...overrides,
  };
}

function newSession(draft: SessionDraft = zoThuisMogelijk()): Y.Doc {
  const doc = new Y.Doc();
  initSessionDoc(doc, house, draft, CREATED);
  return doc;
}

describe('a new session from the form', () => {
  it('opens with the title, date, place and organiser that were filled in', () => {
    expect(readSessionMeta(newSession())).toEqual({
      title: 'Zo thuis mogelijk!',
      date: '2023-09-14',
      place: 'Zuid Oost Utrecht',
      organiser: 'Samenwerkingsverband Jeugd Verblijf ZOU',
      intro: 'Themabijeenkomst met aanbieders, lokale teams en beleidsadviseurs.',
      templateId: 'house',
      createdAt: CREATED,
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it('lists the groups in the order they were entered, each with its own id', () => {
    const groups = readGroups(newSession());
    expect(groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2', 'Groep 3']);
    expect(groups.map((g) => g.order)).toEqual([0, 1, 2]);
    for (const g of groups) expect(g.id).toMatch(ID_PATTERN);
    expect(new Set(groups.map((g) => g.id)).size).toBe(3);
  });

  it('keeps the order of many groups (more than nine: "Groep 10" after "Groep 9")', () => {
    const names = defaultGroupNames(12, 'Groep');
    expect(readGroups(newSession(zoThuisMogelijk({ groups: names }))).map((g) => g.name)).toEqual(names);
  });

  it("prefills the house's three questions of seed 000 in Dutch", () => {
    const questions = readQuestions(newSession(), house);
    expect(Object.keys(questions)).toEqual(['roof', 'walls', 'foundation']);
    expect(questions.roof).toBe(
      'Wat hebben we nodig, van onze organisaties/leidinggevenden, of elkaar, om het huis stevig te maken en houden?',
    );
    expect(questions.walls).toMatch(/^Welke werkwijze of methode is belangrijk en succesvol gebleken/);
    expect(questions.foundation).toMatch(/^Welke brede kennis en kunde is nodig/);
    expect(questions.foundation).toContain('Welk fundament zorgt voor een stevige basis');
    // They are written into the doc, so a peer or a report without the template still has them.
    expect(questionsMap(newSession()).get('walls')).toBe(questions.walls);
  });

  it('uses a question the organiser wrote instead of the default, and ignores unknown zones', () => {
    const doc = newSession(
      zoThuisMogelijk({ questions: { roof: 'Wat heb jij nodig van je leidinggevende?', attic: 'Zolder?' } }),
    );
    const questions = readQuestions(doc, house);
    expect(questions.roof).toBe('Wat heb jij nodig van je leidinggevende?');
    expect(questions.walls).toBe(house.zones[1]!.defaultQuestion.nl);
    expect(questionsMap(doc).has('attic')).toBe(false);
  });

  it('lets a question be changed later, and falls back to the default for a blank one from a peer', () => {
    const doc = newSession();
    writeQuestion(doc, 'walls', 'Welke werkwijze willen we meer zien?');
    expect(readQuestions(doc, house).walls).toBe('Welke werkwijze willen we meer zien?');
    expect(() => writeQuestion(doc, 'walls', '   ')).toThrow();
    questionsMap(doc).set('roof', '   ');
    expect(readQuestions(doc, house).roof).toBe(house.zones[0]!.defaultQuestion.nl);
  });

  it('reaches a second peer intact', () => {
    const doc = newSession();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(readSessionMeta(peer)).toEqual(readSessionMeta(doc));
    expect(readGroups(peer)).toEqual(readGroups(doc));
    expect(readQuestions(peer, house)).toEqual(readQuestions(doc, house));
  });
});

describe('the form refuses what cannot be a session', () => {
  it.each([
    ['an empty title', { title: '' }],
    ['a title of spaces', { title: '   ' }],
    ['no groups', { groups: [] }],
    [`${MAX_GROUPS + 1} groups`, { groups: defaultGroupNames(MAX_GROUPS + 1, 'Groep') }],
    ['a group without a name', { groups: ['Groep 1', ''] }],
    ['a question of a megabyte', { questions: { roof: 'Wat hebben we nodig? '.repeat(50_000) } }],
    ['a date that is not yyyy-mm-dd', { date: '14 september 2023' }],
  ] as const)('rejects %s, and writes nothing', (_label, overrides) => {
    const draft = zoThuisMogelijk(overrides as Partial<SessionDraft>);
    expect(SessionDraftSchema.safeParse(draft).success).toBe(false);
    const doc = new Y.Doc();
    expect(() => initSessionDoc(doc, house, draft)).toThrow();
    expect(metaMap(doc).size).toBe(0);
    expect(groupsMap(doc).size).toBe(0);
  });

  it(`accepts ${MAX_GROUPS} groups and an empty date`, () => {
    const draft = zoThuisMogelijk({ groups: defaultGroupNames(MAX_GROUPS, 'Groep'), date: '' });
    expect(SessionDraftSchema.safeParse(draft).success).toBe(true);
    expect(readGroups(newSession(draft))).toHaveLength(MAX_GROUPS);
  });
});

describe('reading meta from a doc a peer wrote', () => {
  it('returns null for a meta map full of garbage', () => {
    const doc = new Y.Doc();
    const meta = metaMap(doc);
    meta.set('title', 42);
    meta.set('date', 'gisteren');
    meta.set('createdAt', -1);
    meta.set('schemaVersion', 'een');
    expect(readSessionMeta(doc)).toBeNull();
  });

  it('returns null for an empty doc, and for one field gone bad', () => {
    expect(readSessionMeta(new Y.Doc())).toBeNull();
    const doc = newSession();
    metaMap(doc).set('title', 'x'.repeat(201));
    expect(readSessionMeta(doc)).toBeNull();
  });

  it('changes only the fields that are patched', () => {
    const doc = newSession();
    writeSessionMeta(doc, { place: 'Houten' });
    expect(readSessionMeta(doc)).toMatchObject({ title: 'Zo thuis mogelijk!', place: 'Houten' });
  });
});

describe('groups', () => {
  it('renames a group, and the new name reaches a peer', () => {
    const doc = newSession();
    const [first] = readGroups(doc);
    expect(renameGroup(doc, first!.id, '  Lokale teams  ')).toBe(true);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    expect(readGroups(peer).map((g) => g.name)).toEqual(['Lokale teams', 'Groep 2', 'Groep 3']);
  });

  it('refuses an empty name and reports a group that does not exist', () => {
    const doc = newSession();
    const [first] = readGroups(doc);
    expect(() => renameGroup(doc, first!.id, '  ')).toThrow();
    expect(readGroups(doc)[0]!.name).toBe('Groep 1');
    expect(renameGroup(doc, 'nosuchgroup0', 'Ouders')).toBe(false);
  });

  it('adds a group at the end of the list', () => {
    const doc = newSession();
    addGroup(doc, 'Ervaringsdeskundigen');
    expect(readGroups(doc).map((g) => g.name)).toEqual(['Groep 1', 'Groep 2', 'Groep 3', 'Ervaringsdeskundigen']);
  });

  it('shows both groups, in the same order everywhere, when two facilitators add one at once', () => {
    const a = newSession();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addGroup(a, 'Onderwijs');
    addGroup(b, 'Ouders');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(readGroups(a)).toEqual(readGroups(b));
    expect(readGroups(a).map((g) => g.name).sort()).toEqual(['Groep 1', 'Groep 2', 'Groep 3', 'Onderwijs', 'Ouders']);
  });

  it('skips a group record that a peer broke', () => {
    const doc = newSession();
    const [first] = readGroups(doc);
    groupsMap(doc).get(first!.id)!.set('order', 'eerst');
    expect(readGroups(doc).map((g) => g.name)).toEqual(['Groep 2', 'Groep 3']);
  });
});

describe('doc names', () => {
  it('names the session doc and each board doc after the session and group ids', () => {
    expect(sessionDocName('zothuis2023a')).toBe('bouwplaats/zothuis2023a/session');
    expect(boardDocName('zothuis2023a', 'groep1abcdef')).toBe('bouwplaats/zothuis2023a/board/groep1abcdef');
    expect(boardDocName('s1s1s1', 'g1g1g1')).not.toBe(boardDocName('s1s1s1', 'g2g2g2'));
    expect(sessionDocName('s1s1s1')).not.toBe(sessionDocName('s2s2s2'));
  });
});
