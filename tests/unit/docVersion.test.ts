import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { boardDocName, parseDocName, sessionDocName } from '../../shared/schema/docNames';
import {
  DOC_VERSIONS,
  DOC_VERSION_MAP,
  MIGRATION_ORIGIN,
  docAccess,
  docVersionMap,
  migrate,
  migrateWith,
  readDocVersion,
  type DocKindVersions,
} from '../../shared/schema/docVersion';
import { readGroups } from '../../shared/schema/group';
import { addNote, notesMap, readNotes } from '../../shared/schema/note';
import { readSessionMeta } from '../../shared/schema/session';
import { initSessionDoc } from '../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { docFromDatabase, notesAsExpected, v1Databases, v1Expected, v1HostDocs } from './support/v1Fixtures';

/** shared/schema/docVersion.ts: every doc says its layout's version; migrate() brings it up. */

/** Updates a doc emits, so a test can see that nothing was written. */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

function boardWithNote(text = 'Kennis van het gezin'): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, HOUSE_TEMPLATE, { x: 900, y: 1600, text });
  return doc;
}

/** A made-up kind's history: v2 adds a `tags` map per note, v3 a `summary` count. */
const TAGGED: DocKindVersions = {
  current: 3,
  migrations: [
    {
      to: 3,
      name: 'summary',
      up: (doc) => {
        const summary = doc.getMap('summary');
        const count = notesMap(doc).size;
        if (summary.get('notes') !== count) summary.set('notes', count);
      },
    },
    {
      to: 2,
      name: 'tags per note',
      up: (doc) => {
        notesMap(doc).forEach((note) => {
          if (note.get('tags') === undefined) note.set('tags', 'none');
        });
      },
    },
  ],
};

describe('a doc version', () => {
  it('is 1 for a doc written before versions, which migrate() stamps once', () => {
    const doc = boardWithNote();
    expect(readDocVersion(doc)).toEqual({ kind: null, version: 1, stamped: false });
    const result = migrate(doc, 'board');
    expect(result).toEqual({ access: { readOnly: false }, from: 1, ran: [] });
    expect(docVersionMap(doc).toJSON()).toEqual({ kind: 'board', '1': true });
    expect(readDocVersion(doc)).toEqual({ kind: 'board', version: 1, stamped: true });

    const updates = recordUpdates(doc);
    migrate(doc, 'board');
    migrate(doc, 'board');
    expect(updates).toEqual([]);
    expect(readNotes(doc).map((n) => n.text)).toEqual(['Kennis van het gezin']);
  });

  it('is written with a new session (initSessionDoc), in the same transaction', () => {
    const doc = new Y.Doc();
    const updates = recordUpdates(doc);
    initSessionDoc(doc, HOUSE_TEMPLATE, { title: 'Zo thuis mogelijk!', date: '', place: '', organiser: '', intro: '', groups: ['Groep 1'], questions: {} });
    expect(updates).toHaveLength(1);
    expect(readDocVersion(doc)).toEqual({ kind: 'session', version: DOC_VERSIONS.session.current, stamped: true });
    // Apps before versions list a session only with meta.schemaVersion: it stays.
    expect(readSessionMeta(doc)?.schemaVersion).toBe(1);
  });

  it('is not written into an empty doc (nothing synced yet): whoever fills it stamps it', () => {
    const doc = new Y.Doc();
    const updates = recordUpdates(doc);
    expect(migrate(doc, 'session').access).toEqual({ readOnly: false });
    expect(updates).toEqual([]);
  });

  it('above what this app knows makes the doc read-only, and migrate() writes nothing into it', () => {
    const doc = boardWithNote();
    docVersionMap(doc).set('kind', 'board');
    docVersionMap(doc).set(String(DOC_VERSIONS.board.current + 1), true);
    const updates = recordUpdates(doc);
    const result = migrate(doc, 'board');
    expect(result.access).toEqual({ readOnly: true, reason: 'newer', version: DOC_VERSIONS.board.current + 1 });
    expect(result.ran).toEqual([]);
    expect(updates).toEqual([]);
  });

  it('of another kind than the name says makes the doc read-only', () => {
    const doc = boardWithNote();
    docVersionMap(doc).set('kind', 'session');
    docVersionMap(doc).set('1', true);
    expect(docAccess(doc, 'board')).toEqual({ readOnly: true, reason: 'other-kind', version: 1 });
    expect(migrate(doc, 'board').access.readOnly).toBe(true);
  });

  it('ignores keys that are not versions (a hostile or broken peer)', () => {
    const doc = boardWithNote();
    const map = docVersionMap(doc);
    for (const key of ['0', '-2', '1.5', 'abc', '1e3', '0007', '9999999']) map.set(key, true);
    map.set('5', 'yes');
    expect(readDocVersion(doc)).toEqual({ kind: null, version: 1, stamped: false });
  });

  it('merges to the highest of two laptops that stamped at once, whichever client id wins the key race', () => {
    for (const [idA, idB] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const base = boardWithNote();
      const a = new Y.Doc();
      a.clientID = idA;
      const b = new Y.Doc();
      b.clientID = idB;
      Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
      docVersionMap(a).set('2', true);
      docVersionMap(b).set('3', true);
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      expect(readDocVersion(a).version).toBe(3);
      expect(readDocVersion(b).version).toBe(3);
    }
  });
});

describe('migrations', () => {
  it('run in order from the doc version up, in one transaction with the migration origin, and only once', () => {
    const doc = boardWithNote();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const result = migrateWith(doc, 'board', TAGGED);
    expect(result).toEqual({ access: { readOnly: false }, from: 1, ran: ['tags per note', 'summary'] });
    expect(origins).toEqual([MIGRATION_ORIGIN]);
    expect(docVersionMap(doc).toJSON()).toEqual({ kind: 'board', '2': true, '3': true });
    expect(readNotes(doc).map((n) => n.text)).toEqual(['Kennis van het gezin']);
    expect([...notesMap(doc).values()].map((n) => n.get('tags'))).toEqual(['none']);
    expect(doc.getMap('summary').get('notes')).toBe(1);

    const again = migrateWith(doc, 'board', TAGGED);
    expect(again.ran).toEqual([]);
    expect(origins).toHaveLength(1);
  });

  it('skip the steps a doc already has', () => {
    const doc = boardWithNote();
    docVersionMap(doc).set('2', true);
    expect(migrateWith(doc, 'board', TAGGED).ran).toEqual(['summary']);
  });

  it('converge when two laptops migrate the same doc at once, offline, then sync', () => {
    const base = boardWithNote();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    migrateWith(a, 'board', TAGGED);
    migrateWith(b, 'board', TAGGED);
    // Each then writes a note of its own before they meet.
    addNote(a, HOUSE_TEMPLATE, { x: 100, y: 1000, text: 'Van Amira' });
    addNote(b, HOUSE_TEMPLATE, { x: 500, y: 1000, text: 'Van Bram' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap(DOC_VERSION_MAP).toJSON()).toEqual(b.getMap(DOC_VERSION_MAP).toJSON());
    expect(readDocVersion(a).version).toBe(3);
    expect(readNotes(a).map((n) => n.text).sort()).toEqual(['Kennis van het gezin', 'Van Amira', 'Van Bram']);
    expect(readNotes(b)).toEqual(readNotes(a));
    // Running them again on the merged doc changes nothing.
    const updates = recordUpdates(a);
    migrateWith(a, 'board', TAGGED);
    expect(updates).toEqual([]);
  });
});

describe('the v1 fixtures (as the app stored them before versions)', () => {
  it('from IndexedDB: migrate() keeps the session and every note in place, and stamps version 1', async () => {
    const expected = await v1Expected();
    const databases = await v1Databases();
    const session = docFromDatabase(databases.find((d) => d.name === sessionDocName(expected.sessionId))!);
    expect(readDocVersion(session).stamped).toBe(false);
    expect(migrate(session, 'session').access.readOnly).toBe(false);
    expect(readSessionMeta(session)?.title).toBe(expected.title);
    expect(readGroups(session).map((g) => g.name)).toEqual(expected.groups.map((g) => g.name));
    expect(readDocVersion(session)).toEqual({ kind: 'session', version: 1, stamped: true });
    for (const group of expected.groups) {
      const board = docFromDatabase(databases.find((d) => d.name === boardDocName(expected.sessionId, group.id))!);
      expect(migrate(board, 'board').access.readOnly).toBe(false);
      expect(notesAsExpected(readNotes(board))).toEqual(group.notes);
      expect(readDocVersion(board)).toEqual({ kind: 'board', version: 1, stamped: true });
    }
  });

  it("from the host's logs: the same", async () => {
    const expected = await v1Expected();
    const docs = await v1HostDocs(expected.sessionId);
    expect([...docs.keys()].sort()).toEqual([sessionDocName(expected.sessionId), ...expected.groups.map((g) => boardDocName(expected.sessionId, g.id))].sort());
    for (const [name, doc] of docs) {
      const ref = parseDocName(name)!;
      expect(migrate(doc, ref.kind).access.readOnly).toBe(false);
      if (ref.kind === 'board') expect(notesAsExpected(readNotes(doc))).toEqual(expected.groups.find((g) => g.id === ref.groupId)!.notes);
      else expect(readSessionMeta(doc)?.title).toBe(expected.title);
    }
  });
});

describe('versions and the live protocol', () => {
  it('go up together (bump LIVE_PROTOCOL_VERSION with a doc kind: mixed apps must not share a live session)', () => {
    expect({ protocol: LIVE_PROTOCOL_VERSION, ...Object.fromEntries(Object.entries(DOC_VERSIONS).map(([k, v]) => [k, v.current])) }).toEqual({
      protocol: 2,
      session: 1,
      board: 1,
      room: 1,
    });
  });
});
