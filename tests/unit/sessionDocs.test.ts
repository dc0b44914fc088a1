import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ForgetAnswer, ForgetRequest, SessionIndexEntry } from '../../shared/platform';
import { boardDocName, parseDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { WRITABLE } from '../../shared/schema/docVersion';
import { addGroup } from '../../shared/schema/group';
import { addNote, notesMap, setNoteText } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { LibraryIndex, type IndexStore } from '../../renderer/docs/libraryIndex';
import { countNotesOf, countShownNotes } from '../../renderer/docs/noteCounter';
import type { StoredDoc } from '../../renderer/docs/openDoc';
import { HostCopyKept, SessionDocs, SessionIsLive, type DocHandle, type SessionDocsDeps } from '../../renderer/docs/sessionDocs';

/**
 * The session's owner with recording stand-ins for what the page gives it (IndexedDB, the
 * platform, the live room): real Y.Docs, a real LibraryIndex over a store that counts its writes.
 */

const SESSION = 'sessie0001';
const OTHER = 'sessie0002';
const DELAY = 500;

const row = (id: string, overrides: Partial<SessionIndexEntry> = {}): SessionIndexEntry => ({
  id,
  title: 'Zo thuis mogelijk!',
  date: '2023-09-14',
  place: 'Zeist',
  noteCount: 0,
  boardNotes: {},
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...overrides,
});

function storedDoc(name: string, doc: Y.Doc): StoredDoc {
  return {
    name,
    kind: parseDocName(name)!.kind,
    doc,
    access: () => WRITABLE,
    onAccess: () => () => {},
    saveState: () => 'saved',
    onSaveState: () => () => {},
    flushed: async () => {},
    getLocal: () => undefined,
    localKeys: () => [],
    setLocal: () => {},
  };
}

/** IndexedDB as a Map of doc names, the platform and the live room as logs of what was asked. */
function harness(options: { rows?: SessionIndexEntry[]; liveHere?: boolean; host?: (r: ForgetRequest) => Promise<ForgetAnswer>; listing?: boolean } = {}) {
  const log: string[] = [];
  const databases = new Map<string, Y.Doc>();
  const saves: SessionIndexEntry[][] = [];
  const store: IndexStore = { load: async () => options.rows ?? [row(SESSION), row(OTHER)], save: async (e) => void saves.push(e) };
  const index = new LibraryIndex(store);
  const deps: SessionDocsDeps = {
    async acquire(name): Promise<DocHandle> {
      let doc = databases.get(name);
      if (!doc) databases.set(name, (doc = new Y.Doc()));
      log.push(`open ${name}`);
      return { stored: storedDoc(name, doc), release: () => log.push(`release ${name}`) };
    },
    async deleteStored(name) {
      log.push(`delete ${name}`);
      databases.delete(name);
    },
    storedDocNames: async () => (options.listing === false ? null : [...databases.keys()]),
    index,
    async forgetHosted(request) {
      log.push(`host forget ${request.sessionId}${request.groupIds ? ` ${request.groupIds.join(',')}` : ''}`);
      return options.host ? options.host(request) : { status: 'forgotten' };
    },
    liveHere: async () => options.liveHere ?? false,
    async leave(id) {
      log.push(`leave ${id}`);
    },
    countDelayMs: DELAY,
  };
  const put = (name: string, fill: (doc: Y.Doc) => void = () => {}) => {
    const doc = new Y.Doc();
    fill(doc);
    databases.set(name, doc);
    return doc;
  };
  return { log, databases, saves, index, deps, put, owner: new SessionDocs(SESSION, deps) };
}

describe('the note counter', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('counts at once, then once per burst of changes, and only counts that differ', () => {
    const doc = new Y.Doc();
    const counts: number[] = [];
    const stop = countNotesOf(doc, (c) => counts.push(c), DELAY);
    expect(counts).toEqual([0]);
    const id = addNote(doc, HOUSE_TEMPLATE, { x: 100, y: 900 });
    for (let i = 0; i < 30; i++) setNoteText(doc, id, 'Kennis van het gezin'.slice(0, i));
    vi.advanceTimersByTime(DELAY);
    expect(counts).toEqual([0, 1]);
    // Typing in a note does not change the count: nothing more is handed on.
    for (let i = 0; i < 10; i++) {
      setNoteText(doc, id, `Kennis ${i}`);
      vi.advanceTimersByTime(DELAY);
    }
    expect(counts).toEqual([0, 1]);
    addNote(doc, HOUSE_TEMPLATE, { x: 400, y: 900 });
    stop();
    vi.advanceTimersByTime(DELAY);
    expect(counts).toEqual([0, 1]);
  });

  it('counts the notes a board shows: a broken record is not one', () => {
    const doc = new Y.Doc();
    addNote(doc, HOUSE_TEMPLATE, { x: 100, y: 900, text: 'Echt' });
    notesMap(doc).set('kapot00001', new Y.Map());
    expect(countShownNotes(doc)).toBe(1);
  });
});

describe('SessionDocs: the one writer of note counts', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes the index once per real change of a count, never while someone only types', async () => {
    const { owner, saves, index, deps } = harness();
    const board = (await deps.acquire(boardDocName(SESSION, 'groep1abcd'))).stored.doc;
    const stop = owner.countBoard('groep1abcd', board);
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(1);
    const id = addNote(board, HOUSE_TEMPLATE, { x: 100, y: 900 });
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(saves).toHaveLength(2);
    for (let i = 0; i < 40; i++) {
      setNoteText(board, id, `Ouders aan tafel ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toHaveLength(2);
    // A second screen on the same board, counting too, adds no write.
    const again = owner.countBoard('groep1abcd', board);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(saves).toHaveLength(2);
    expect((await index.entries()).find((e) => e.id === SESSION)).toMatchObject({ noteCount: 1, boardNotes: { groep1abcd: 1 } });
    stop();
    again();
  });

  it('recounts boards (after a crash), writing only the count that was wrong', async () => {
    const { owner, saves, index, put } = harness({ rows: [row(SESSION, { noteCount: 7, boardNotes: { groep1abcd: 2, groep2abcd: 5 } })] });
    put(boardDocName(SESSION, 'groep1abcd'), (d) => {
      addNote(d, HOUSE_TEMPLATE, { x: 100, y: 900 });
      addNote(d, HOUSE_TEMPLATE, { x: 400, y: 900 });
    });
    await owner.recount(['groep1abcd', 'groep2abcd']);
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(1);
    expect((await index.entries())[0]).toMatchObject({ noteCount: 2, boardNotes: { groep1abcd: 2, groep2abcd: 0 } });
    await owner.recount(['groep1abcd', 'groep2abcd']);
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(1);
  });
});

describe('SessionDocs: deleting a session deletes every copy', () => {
  it('asks the host first, leaves the live room, removes the row, then every doc — the session doc last', async () => {
    const { owner, log, databases, index, put } = harness();
    const session = put(sessionDocName(SESSION));
    const kept = addGroup(session, 'Groep 1');
    put(roomDocName(SESSION));
    put(boardDocName(SESSION, kept));
    // A group removed long ago whose board is still stored, and another session's docs.
    put(boardDocName(SESSION, 'weggehaald'));
    put(sessionDocName(OTHER));
    put(boardDocName(OTHER, kept));

    await owner.delete();
    const deletes = log.filter((l) => l.startsWith('delete '));
    expect(log[0]).toBe(`host forget ${SESSION}`);
    expect(log.indexOf(`leave ${SESSION}`)).toBeLessThan(log.indexOf(deletes[0]!));
    expect(deletes.sort()).toEqual(
      [sessionDocName(SESSION), roomDocName(SESSION), boardDocName(SESSION, kept), boardDocName(SESSION, 'weggehaald')].map((n) => `delete ${n}`).sort(),
    );
    expect(log.filter((l) => l.startsWith('delete ')).at(-1)).toBe(`delete ${sessionDocName(SESSION)}`);
    expect([...databases.keys()].sort()).toEqual([boardDocName(OTHER, kept), sessionDocName(OTHER)].sort());
    expect((await index.entries()).map((e) => e.id)).toEqual([OTHER]);
  });

  it('finds the boards through the session doc where the browser cannot list its databases', async () => {
    const { owner, log, put } = harness({ listing: false });
    const session = put(sessionDocName(SESSION));
    const a = addGroup(session, 'Groep 1');
    const b = addGroup(session, 'Groep 2');
    await owner.delete();
    expect(log.filter((l) => l.startsWith('delete ')).sort()).toEqual(
      [sessionDocName(SESSION), roomDocName(SESSION), boardDocName(SESSION, a), boardDocName(SESSION, b)].map((n) => `delete ${n}`).sort(),
    );
  });

  it('deletes nothing while the session is live on this computer', async () => {
    const { owner, log, databases, index, put } = harness({ liveHere: true });
    put(sessionDocName(SESSION));
    await expect(owner.delete()).rejects.toBeInstanceOf(SessionIsLive);
    expect(log).toEqual([]);
    expect(databases.size).toBe(1);
    expect((await index.entries()).map((e) => e.id)).toContain(SESSION);
  });

  it('deletes nothing when the host says the session is live there', async () => {
    const { owner, log, put } = harness({ host: async () => ({ status: 'live' }) });
    put(sessionDocName(SESSION));
    await expect(owner.delete()).rejects.toBeInstanceOf(SessionIsLive);
    expect(log).toEqual([`host forget ${SESSION}`]);
  });

  it("deletes nothing when the host's copy cannot be deleted (the host does not answer)", async () => {
    const { owner, log, index, put } = harness({
      host: async () => {
        throw new Error('fetch failed');
      },
    });
    put(sessionDocName(SESSION));
    await expect(owner.delete()).rejects.toBeInstanceOf(HostCopyKept);
    expect(log).toEqual([`host forget ${SESSION}`]);
    expect((await index.entries()).map((e) => e.id)).toContain(SESSION);
  });

  it("deletes only this device's copy of a joined session: the host is the facilitator's", async () => {
    const { owner, log, put } = harness({ rows: [row(SESSION, { joined: true })], liveHere: true });
    put(sessionDocName(SESSION));
    await owner.delete();
    expect(log.some((l) => l.startsWith('host forget'))).toBe(false);
    expect(log).toContain(`leave ${SESSION}`);
    expect(log).toContain(`delete ${sessionDocName(SESSION)}`);
  });

  it('deletes the boards of removed groups here and on the host', async () => {
    const { owner, log, put } = harness();
    put(boardDocName(SESSION, 'groep1abcd'));
    await owner.deleteBoards([]);
    expect(log).toEqual([]);
    await owner.deleteBoards(['groep1abcd']);
    expect(log).toEqual([`delete ${boardDocName(SESSION, 'groep1abcd')}`, `host forget ${SESSION} groep1abcd`]);
  });
});
