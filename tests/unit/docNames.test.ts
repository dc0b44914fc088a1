import { describe, expect, it } from 'vitest';
import { isDocOfSession as isDocOfSessionFromLive } from '../../shared/live';
import { boardDocName, docName, isDocOfSession, parseDocName, roomDocName, sessionDocName, type DocRef } from '../../shared/schema/docNames';

/** shared/schema/docNames.ts: the one place doc names are built and read back. */

const SESSION = 'zothuis2023a';
const GROUP = 'groep1abcdef';

describe('doc names', () => {
  it('are the names stored docs already have (IndexedDB databases, host logs)', () => {
    expect(sessionDocName(SESSION)).toBe('bouwplaats/zothuis2023a/session');
    expect(roomDocName(SESSION)).toBe('bouwplaats/zothuis2023a/room');
    expect(boardDocName(SESSION, GROUP)).toBe('bouwplaats/zothuis2023a/board/groep1abcdef');
  });

  it.each<DocRef>([
    { kind: 'session', sessionId: SESSION },
    { kind: 'room', sessionId: SESSION },
    { kind: 'board', sessionId: SESSION, groupId: GROUP },
    { kind: 'board', sessionId: 'a'.repeat(32), groupId: '000000' },
  ])('read back what they were built from: %o', (ref) => {
    expect(parseDocName(docName(ref))).toEqual(ref);
  });

  it('are never built from something that is not an id', () => {
    for (const bad of ['', 'abc', '../x1y2z3', 'ABCDEF12', 'groep 1', 'a/b/c/d/e', 'a'.repeat(33), 'abcdef%2f']) {
      expect(() => sessionDocName(bad)).toThrow(RangeError);
      expect(() => boardDocName(SESSION, bad)).toThrow(RangeError);
      expect(() => boardDocName(bad, GROUP)).toThrow(RangeError);
    }
  });

  it.each([
    ['another prefix', `yjs/${SESSION}/session`],
    ['no prefix', `${SESSION}/session`],
    ['an unknown kind', `bouwplaats/${SESSION}/notes`],
    ['a board without a group', `bouwplaats/${SESSION}/board`],
    ['a board with an empty group', `bouwplaats/${SESSION}/board/`],
    ['a session with a group', `bouwplaats/${SESSION}/session/${GROUP}`],
    ['a climb out of the board', `bouwplaats/${SESSION}/board/../session`],
    ['a climb as the session', `bouwplaats/../${SESSION}/session`],
    ['a dot segment', `bouwplaats/./session`],
    ['a percent-encoded climb', `bouwplaats/${SESSION}/board/%2E%2E`],
    ['a wrong session id (capitals)', 'bouwplaats/ZOTHUIS2023/session'],
    ['a wrong session id (too short)', 'bouwplaats/abc/session'],
    ['a wrong group id (space)', `bouwplaats/${SESSION}/board/groep 1`],
    ['an extra segment', `bouwplaats/${SESSION}/board/${GROUP}/x`],
    ['a trailing slash', `bouwplaats/${SESSION}/session/`],
    ['a leading slash', `/bouwplaats/${SESSION}/session`],
    ['nothing', ''],
  ])('refuse %s', (_why, name) => {
    expect(parseDocName(name)).toBeNull();
    expect(isDocOfSession(name, SESSION)).toBe(false);
  });

  it('say which session a doc belongs to (what a live session may sync), also through shared/live', () => {
    for (const name of [sessionDocName(SESSION), roomDocName(SESSION), boardDocName(SESSION, GROUP)]) {
      expect(isDocOfSession(name, SESSION)).toBe(true);
      expect(isDocOfSessionFromLive(name, SESSION)).toBe(true);
      expect(isDocOfSession(name, 'anderesessie')).toBe(false);
    }
  });
});
