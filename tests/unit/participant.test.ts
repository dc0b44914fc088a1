import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { isDocOfSession } from '../../shared/live';
import { boardDocName, parseDocName, roomDocName, sessionDocName, sessionDocPrefix } from '../../shared/schema/docNames';
import {
  PARTICIPANT_NAME_MAX,
  ROSTER_MAX,
  participantsMap,
  readRoster,
  recordParticipant,
} from '../../shared/schema/participant';

const SESSION = 'sessie0001';
const GROUPS = ['groep1abcd', 'groep2abcd'];
const JOINED = Date.UTC(2023, 8, 14, 9, 30);

/** What a hostile peer can put in the room doc: any keys and values in a Y.Map of its own making. */
function writeRaw(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const yrecord = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) yrecord.set(key, value);
  participantsMap(doc).set(id, yrecord);
}

const valid = { groupId: GROUPS[0], joinedAt: JOINED, lastSeen: JOINED } as const;

describe('doc names', () => {
  it('builds and parses the three kinds of doc', () => {
    expect(roomDocName(SESSION)).toBe('bouwplaats/sessie0001/room');
    expect(parseDocName(sessionDocName(SESSION))).toEqual({ kind: 'session', sessionId: SESSION });
    expect(parseDocName(roomDocName(SESSION))).toEqual({ kind: 'room', sessionId: SESSION });
    expect(parseDocName(boardDocName(SESSION, 'groep1abcd'))).toEqual({ kind: 'board', sessionId: SESSION, groupId: 'groep1abcd' });
    expect(sessionDocName(SESSION).startsWith(sessionDocPrefix(SESSION))).toBe(true);
  });

  it.each([
    'bouwplaats/sessie0001/geheim',
    'bouwplaats/sessie0001/room/extra',
    'bouwplaats/sessie0001/board/',
    'bouwplaats/sessie0001/board/../session',
    'bouwplaats/SESSIE0001/session',
    'bouwplaats//session',
    'andere/sessie0001/session',
    'bouwplaats/sessie0001/session/',
    '',
  ])('parses %j as no doc of ours', (name) => {
    expect(parseDocName(name)).toBeNull();
    expect(isDocOfSession(name, SESSION)).toBe(false);
  });

  it("lets a live session sync its room doc, and not another session's", () => {
    expect(isDocOfSession(roomDocName(SESSION), SESSION)).toBe(true);
    expect(isDocOfSession(roomDocName('sessie0002'), SESSION)).toBe(false);
    expect(isDocOfSession(boardDocName(SESSION, 'groep1abcd'), SESSION)).toBe(true);
  });
});

describe('the roster in the room doc', () => {
  it('records a participant when they join, and only what changed when they come back', () => {
    const doc = new Y.Doc();
    recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]!, name: '  Amira ', domain: 'lokaal-team' }, GROUPS, JOINED);
    expect(readRoster(doc, GROUPS)).toEqual([
      { id: 'amira00001', name: 'Amira', domain: 'lokaal-team', groupId: GROUPS[0], joinedAt: JOINED, lastSeen: JOINED },
    ]);

    const changes: string[] = [];
    participantsMap(doc).observeDeep((events) => events.forEach((e) => e.changes.keys.forEach((_c, key) => changes.push(key))));
    // She moves to another table and leaves her domain out: joinedAt stays, lastSeen moves on.
    recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[1]!, name: 'Amira' }, GROUPS, JOINED + 60_000);
    expect(changes.sort()).toEqual(['domain', 'groupId', 'lastSeen']);
    expect(readRoster(doc, GROUPS)).toEqual([{ id: 'amira00001', name: 'Amira', groupId: GROUPS[1], joinedAt: JOINED, lastSeen: JOINED + 60_000 }]);
  });

  it('lists participants in the order they joined; a name is optional', () => {
    const doc = new Y.Doc();
    recordParticipant(doc, { id: 'bram000001', groupId: GROUPS[1]!, name: '' }, GROUPS, JOINED + 5);
    recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]! }, GROUPS, JOINED);
    expect(readRoster(doc, GROUPS).map((p) => [p.id, p.name])).toEqual([
      ['amira00001', undefined],
      ['bram000001', undefined],
    ]);
  });

  it('cuts a long name at a grapheme and keeps it within the cap', () => {
    const doc = new Y.Doc();
    const record = recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]!, name: 'A' + '👩‍👧'.repeat(40) }, GROUPS, JOINED);
    expect(record.name!.length).toBeLessThanOrEqual(PARTICIPANT_NAME_MAX);
    expect(record.name).toBe('A' + '👩‍👧'.repeat(15));
  });

  it.each([
    ['a group the session does not have', { id: 'amira00001', groupId: 'onbekend01' }],
    ['a group id that is no id', { id: 'amira00001', groupId: '../session' }],
    ['a participant id that is no id', { id: 'Amira!', groupId: GROUPS[0]! }],
    ['an unknown domain', { id: 'amira00001', groupId: GROUPS[0]!, domain: 'ruimtevaart' }],
  ])('refuses to write %s, and writes nothing', (_what, init) => {
    const doc = new Y.Doc();
    expect(() => recordParticipant(doc, init, GROUPS, JOINED)).toThrow(ZodError);
    expect(participantsMap(doc).size).toBe(0);
  });

  it.each([
    ['a name of the wrong type', { ...valid, name: 42 }],
    ['a name over the cap', { ...valid, name: 'x'.repeat(PARTICIPANT_NAME_MAX + 1) }],
    ['a megabyte of name', { ...valid, name: 'x'.repeat(1_000_000) }],
    ['an unknown domain', { ...valid, domain: 'ruimtevaart' }],
    ['a group that never existed', { ...valid, groupId: 'onbekend01' }],
    ['a group id of the wrong type', { ...valid, groupId: 7 }],
    ['no joinedAt', { groupId: GROUPS[0], lastSeen: JOINED }],
    ['a negative joinedAt', { ...valid, joinedAt: -1 }],
    ['a fractional lastSeen', { ...valid, lastSeen: 1.5 }],
    ['a lastSeen that is text', { ...valid, lastSeen: 'gisteren' }],
  ])('leaves out a record with %s and keeps the others', (_what, fields) => {
    const doc = new Y.Doc();
    writeRaw(doc, 'vijand0001', fields);
    recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]! }, GROUPS, JOINED);
    expect(readRoster(doc, GROUPS).map((p) => p.id)).toEqual(['amira00001']);
  });

  it('leaves out records that are no map, or whose key is no id', () => {
    const doc = new Y.Doc();
    (participantsMap(doc) as unknown as Y.Map<unknown>).set('vijand0001', 'Amira');
    writeRaw(doc, '../../etc', valid);
    expect(readRoster(doc, GROUPS)).toEqual([]);
  });

  it('drops the people of a group the facilitator removed from the roster', () => {
    const doc = new Y.Doc();
    recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]! }, GROUPS, JOINED);
    recordParticipant(doc, { id: 'bram000001', groupId: GROUPS[1]! }, GROUPS, JOINED);
    expect(readRoster(doc, [GROUPS[1]!]).map((p) => p.id)).toEqual(['bram000001']);
  });

  it('starts joinedAt again when a peer wrote a broken one, instead of refusing to record', () => {
    const doc = new Y.Doc();
    writeRaw(doc, 'amira00001', { ...valid, joinedAt: Number.MAX_VALUE });
    expect(recordParticipant(doc, { id: 'amira00001', groupId: GROUPS[0]! }, GROUPS, JOINED).joinedAt).toBe(JOINED);
  });

  it(`shows at most ${ROSTER_MAX} records, the earliest first`, () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < ROSTER_MAX + 50; i++) writeRaw(doc, `p${String(i).padStart(9, '0')}`, { ...valid, joinedAt: JOINED + i, lastSeen: JOINED + i });
    });
    const roster = readRoster(doc, GROUPS);
    expect(roster).toHaveLength(ROSTER_MAX);
    expect(roster[0]!.joinedAt).toBe(JOINED);
  });

  it('merges two laptops recording at once: both records stand', () => {
    const amira = new Y.Doc();
    const bram = new Y.Doc();
    recordParticipant(amira, { id: 'amira00001', groupId: GROUPS[0]! }, GROUPS, JOINED);
    recordParticipant(bram, { id: 'bram000001', groupId: GROUPS[0]! }, GROUPS, JOINED + 1);
    Y.applyUpdate(amira, Y.encodeStateAsUpdate(bram));
    Y.applyUpdate(bram, Y.encodeStateAsUpdate(amira));
    expect(readRoster(amira, GROUPS)).toEqual(readRoster(bram, GROUPS));
    expect(readRoster(amira, GROUPS)).toHaveLength(2);
  });
});
