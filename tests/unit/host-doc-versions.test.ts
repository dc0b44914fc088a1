import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  CODE_PARAM,
  LIVE_INFO_PATH,
  LIVE_PROTOCOL_VERSION,
  LiveRefusalSchema,
  RELAY_CLOSE,
  SIGNALING_PATH,
  SYNC_PATH_PREFIX,
  VERSION_PARAM,
} from '../../shared/live';
import { boardDocName, parseDocName, sessionDocName } from '../../shared/schema/docNames';
import { DOC_VERSIONS, docVersionMap, readDocVersion } from '../../shared/schema/docVersion';
import { addNote, readNotes } from '../../shared/schema/note';
import { readSessionMeta } from '../../shared/schema/session';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { LOG_MAGIC, docFilePath, encodeRecord } from '../../electron/host/docStore';
import { readStoredDoc } from '../../electron/host/live';
import { TestSocket, httpRequest, refusal, startLiveHarness, type LiveHarness } from './support/liveHost';
import { connectRelay, synced, until } from './support/relayClient';
import { notesAsExpected, v1Expected, v1HostDir } from './support/v1Fixtures';

/**
 * Versions on the host (electron/host/relay.ts, live.ts): docs on its disk are migrated when
 * loaded, a doc written by a newer app is never relayed, and a laptop with another protocol
 * version is refused with a reason. Real host on 127.0.0.1, real y-websocket clients.
 */

const harnesses: LiveHarness[] = [];
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

async function harness(sessionId: string, prepare?: (dataDir: string) => Promise<void>): Promise<LiveHarness> {
  // The data dir is filled before the host starts (it loads every stored doc on start).
  const probe = await startLiveHarness({ sessionId });
  harnesses.push(probe);
  if (!prepare) return probe;
  await probe.stop();
  await prepare(probe.dataDir);
  await probe.restart();
  return probe;
}

function connect(live: LiveHarness, docName: string, doc = new Y.Doc()): WebsocketProvider {
  const provider = connectRelay(live, docName, doc);
  providers.push(provider);
  return provider;
}

/** Resolves with the code and reason y-websocket gives when the host closes it for good. */
function closedForGood(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => provider.once('closed', (event: { code: number; reason: string }) => resolve(event)));
}

/** A log holding one snapshot of `doc`, as the host writes it. */
async function writeLog(dataDir: string, sessionId: string, name: string, doc: Y.Doc): Promise<string> {
  const file = docFilePath(dataDir, sessionId, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.concat([LOG_MAGIC, encodeRecord(Y.encodeStateAsUpdate(doc))]));
  return file;
}

/** A board written by a Bouwplaats newer than this one. */
function futureBoard(): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, HOUSE_TEMPLATE, { x: 900, y: 1600, text: 'Uit de toekomst' });
  docVersionMap(doc).set('kind', 'board');
  docVersionMap(doc).set(String(DOC_VERSIONS.board.current + 1), true);
  return doc;
}

describe("the v1 fixtures on the host's disk", () => {
  it('open through the relay with every note in place, and are stamped version 1 on disk', async () => {
    const expected = await v1Expected();
    const live = await harness(expected.sessionId, (dataDir) => cp(v1HostDir(expected.sessionId), path.join(dataDir, expected.sessionId), { recursive: true }));
    expect(live.session.docNames()).toHaveLength(1 + expected.groups.length);
    for (const group of expected.groups) {
      const board = connect(live, boardDocName(expected.sessionId, group.id));
      await synced(board);
      expect(notesAsExpected(readNotes(board.doc))).toEqual(group.notes);
    }
    const session = connect(live, sessionDocName(expected.sessionId));
    await synced(session);
    expect(readSessionMeta(session.doc)?.title).toBe(expected.title);
    await live.stop();
    for (const name of live.session.docNames()) {
      const stored = await readStoredDoc(live.dataDir, expected.sessionId, name);
      expect(readDocVersion(stored!)).toEqual({ kind: parseDocName(name)!.kind, version: 1, stamped: true });
    }
  });
});

describe('a doc written by a newer Bouwplaats', () => {
  const SESSION = 'toekomst01';
  const BOARD = boardDocName(SESSION, 'groep00001');

  it("is kept on the host's disk as it is, and never relayed: the socket is closed with 4426 doc-too-new, for good", async () => {
    let file = '';
    const live = await harness(SESSION, async (dataDir) => {
      file = await writeLog(dataDir, SESSION, BOARD, futureBoard());
    });
    const before = await readFile(file);
    const doc = new Y.Doc();
    const laptop = connect(live, BOARD, doc);
    expect(await closedForGood(laptop)).toEqual({ code: RELAY_CLOSE.docTooNew, reason: 'doc-too-new' });
    expect(laptop.shouldConnect).toBe(false);
    expect(readNotes(doc)).toEqual([]);
    expect(live.session.stats().relay.docsTooNew).toBe(1);
    expect(live.warnings.join('\n')).toContain('newer Bouwplaats');
    // Another doc of the same session still syncs.
    const other = connect(live, boardDocName(SESSION, 'groep00002'));
    await synced(other);
    await live.stop();
    expect(await readFile(file)).toEqual(before);
  });

  it('arriving while laptops are on a doc: the host stores it, relays it to nobody, and closes every socket on it', async () => {
    const live = await harness(SESSION);
    const amira = connect(live, BOARD);
    const bram = connect(live, BOARD);
    await Promise.all([synced(amira), synced(bram)]);
    addNote(amira.doc, HOUSE_TEMPLATE, { x: 900, y: 1600, text: 'Nog gewoon' });
    await until(bram.doc, (d) => readNotes(d).length === 1);
    const closed = [closedForGood(amira), closedForGood(bram)];
    // Amira's app is newer: it stamps its version into the board.
    docVersionMap(amira.doc).set(String(DOC_VERSIONS.board.current + 1), true);
    for (const event of await Promise.all(closed)) expect(event.code).toBe(RELAY_CLOSE.docTooNew);
    expect(readDocVersion(bram.doc).version).toBe(DOC_VERSIONS.board.current);
    // Coming back does not help.
    const again = connect(live, BOARD);
    expect((await closedForGood(again)).code).toBe(RELAY_CLOSE.docTooNew);
    await live.stop();
    const stored = await readStoredDoc(live.dataDir, SESSION, BOARD);
    expect(readDocVersion(stored!).version).toBe(DOC_VERSIONS.board.current + 1);
    expect(readNotes(stored!).map((n) => n.text)).toEqual(['Nog gewoon']);
  });
});

describe('the protocol version on every socket and on /api/live', () => {
  const SESSION = 'protocol01';

  const url = (live: LiveHarness, pathname: string, version: string | null) => {
    const query = new URLSearchParams({ [CODE_PARAM]: live.session.code });
    if (version !== null) query.set(VERSION_PARAM, version);
    return `ws://127.0.0.1:${live.host.port}${pathname}?${query}`;
  };

  it.each([
    ['a newer app', String(LIVE_PROTOCOL_VERSION + 1)],
    ['a much older or broken one', '0'],
    ['garbage', 'één'],
  ])('refuses %s with other-version (426) on signaling, relay and /api/live, before looking at the code', async (_who, version) => {
    const live = await harness(SESSION);
    for (const pathname of [SIGNALING_PATH, SYNC_PATH_PREFIX + sessionDocName(SESSION)]) {
      const refused = await refusal(url(live, pathname, version));
      expect(refused.status).toBe(426);
      expect(LiveRefusalSchema.parse(JSON.parse(refused.body)).reason).toBe('other-version');
    }
    const query = `${CODE_PARAM}=WRONG1&${VERSION_PARAM}=${encodeURIComponent(version)}`;
    const info = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${query}`);
    expect(info.status).toBe(426);
    const body = LiveRefusalSchema.parse(JSON.parse(info.body));
    expect(body).toEqual({ reason: 'other-version', error: 'Deze laptop heeft een andere versie van Bouwplaats dan de begeleider.' });
  });

  it('admits its own version; an app from before roles (version 1, or no parameter at all) hears other-version', async () => {
    const live = await harness(SESSION);
    for (const pathname of [SIGNALING_PATH, SYNC_PATH_PREFIX + sessionDocName(SESSION)]) {
      const socket = await TestSocket.open(url(live, pathname, String(LIVE_PROTOCOL_VERSION)));
      expect(socket.ws.readyState).toBe(WebSocket.OPEN);
      await socket.close();
      for (const old of ['1', null]) expect((await refusal(url(live, pathname, old))).status).toBe(426);
    }
    const query = (version: string | null) => `${CODE_PARAM}=${live.session.code}${version === null ? '' : `&${VERSION_PARAM}=${version}`}`;
    expect((await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${query(String(LIVE_PROTOCOL_VERSION))}`)).status).toBe(200);
    for (const old of ['1', null]) expect((await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${query(old)}`)).status).toBe(426);
  });
});
