import { readdir, readFile, writeFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LIVE_LIMITS, SYNC_PATH_PREFIX } from '../../shared/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { LOG_MAGIC, docFilePath, encodeRecord, parseLog } from '../../electron/host/docStore';
import { readStoredDoc, startLiveSession } from '../../electron/host/live';
import { startHost } from '../../electron/host/server';
import { refusal, startLiveHarness, TestSocket, upgradeStatus, type LiveHarness } from './support/liveHost';
import { connectRelay, relayFrame as frame, synced, until } from './support/relayClient';

/**
 * The host's Yjs relay with the real y-websocket client (the package browsers use), against a real
 * host on 127.0.0.1, and the doc logs it keeps on disk.
 */

const SESSION = 'sessie0002';
const BOARD = boardDocName(SESSION, 'groep00001');

let live: LiveHarness;
const providers: WebsocketProvider[] = [];
const sockets: TestSocket[] = [];

function connect(docName: string, doc = new Y.Doc(), harness = live): WebsocketProvider {
  const provider = connectRelay(harness, docName, doc);
  providers.push(provider);
  return provider;
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

function destroyAll(): void {
  for (const provider of providers.splice(0)) provider.destroy();
}

async function rawSocket(docName = BOARD): Promise<TestSocket> {
  const socket = await TestSocket.open(live.wsUrl(SYNC_PATH_PREFIX + docName));
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  live = await startLiveHarness({ sessionId: SESSION });
});

afterEach(async () => {
  destroyAll();
  await Promise.all(sockets.splice(0).map((s) => s.terminate()));
});

afterAll(async () => {
  await live?.dispose();
});

describe('relay: two laptops on one board', () => {
  it('converges both docs through the host, and relays awareness', async () => {
    const a = connect(BOARD);
    const b = connect(BOARD);
    await Promise.all([synced(a), synced(b)]);
    addNote(a.doc, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Kennis van het gezin' });
    await until(b.doc, (d) => texts(d).length === 1);
    addNote(b.doc, HOUSE_TEMPLATE, { x: 300, y: 300, text: 'Samen met school' });
    await until(a.doc, (d) => texts(d).length === 2);
    expect(texts(a.doc)).toEqual(['Kennis van het gezin', 'Samen met school']);
    expect(readNotes(b.doc)).toEqual(readNotes(a.doc));

    const seen = new Promise<void>((resolve) => {
      const check = () => {
        if ((b.awareness.getStates().get(a.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name !== 'Anna') return;
        b.awareness.off('change', check);
        resolve();
      };
      b.awareness.on('change', check);
    });
    a.awareness.setLocalStateField('user', { name: 'Anna' });
    await seen;
  });

  it('keeps the notes on disk once everyone has left', async () => {
    // The previous test's laptops are gone (afterEach); the host wrote each update as it came.
    const stored = await readStoredDoc(live.dataDir, SESSION, BOARD);
    expect(stored && texts(stored)).toEqual(['Kennis van het gezin', 'Samen met school']);
    expect(await readStoredDoc(live.dataDir, SESSION, boardDocName(SESSION, 'nooitgebruikt'))).toBeNull();
  });

  it('loads the doc back from disk after a restart of the host (same port)', async () => {
    await live.restart({ samePort: true });
    expect(live.session.docNames()).toContain(BOARD);
    const late = connect(BOARD);
    await synced(late);
    expect(texts(late.doc)).toEqual(['Kennis van het gezin', 'Samen met school']);
  });

  it('syncs the session doc as well', async () => {
    const a = connect(sessionDocName(SESSION));
    const b = connect(sessionDocName(SESSION));
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('meta').set('title', 'Leeratelier jeugdzorg');
    await until(b.doc, (d) => d.getMap('meta').get('title') === 'Leeratelier jeugdzorg');
  });
});

describe('relay: admission', () => {
  it('refuses doc names outside the session (404) and wrong codes (403), without a socket', async () => {
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + sessionDocName('anderesessie')))).status).toBe(404);
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + `bouwplaats/${SESSION}/geheim`))).status).toBe(404);
    const raw = (docPath: string) => upgradeStatus(live.host.port, `${SYNC_PATH_PREFIX}${docPath}${new URL(live.wsUrl('/')).search}`);
    expect(await raw(`bouwplaats/${SESSION}/board/../session`)).toBe(404);
    expect(await raw(`bouwplaats/${SESSION}/board/%2E%2E/session`)).toBe(404);
    expect(await raw('%E0%A4%A')).toBe(404);
    expect(await raw(encodeURIComponent(BOARD))).toBe(101);
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + BOARD, 'ZZZZZZ'))).status).toBe(403);
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + BOARD, null))).status).toBe(403);
  });

  it(`serves at most ${LIVE_LIMITS.maxDocsPerSession} docs per session (503 beyond)`, async () => {
    const own = await startLiveHarness({ sessionId: 'sessie0099' });
    try {
      const names = Array.from({ length: LIVE_LIMITS.maxDocsPerSession }, (_, i) => boardDocName('sessie0099', `vol${String(i).padStart(5, '0')}`));
      for (const name of names) await (await TestSocket.open(own.wsUrl(SYNC_PATH_PREFIX + name))).close();
      // The session doc comes on top: the host read it to know which boards may open.
      expect(own.session.docNames()).toHaveLength(LIVE_LIMITS.maxDocsPerSession + 1);
      expect((await refusal(own.wsUrl(SYNC_PATH_PREFIX + boardDocName('sessie0099', 'eenteveel')))).status).toBe(503);
      // A doc it already holds still opens.
      await (await TestSocket.open(own.wsUrl(SYNC_PATH_PREFIX + names[0]!))).close();
    } finally {
      await own.dispose();
    }
  });
});

describe('relay: garbage and floods', () => {
  it('sends sync step 1 first, closes on a text frame (1003) and on an undecodable update (1007)', async () => {
    const text = await rawSocket();
    const first = await text.next<Buffer>();
    expect([first[0], first[1]]).toEqual([0, 0]);
    text.ws.send('hallo');
    expect((await text.closed).code).toBe(1003);

    const bad = await rawSocket();
    bad.ws.send(frame(0, 2, new Uint8Array([255, 255, 255, 255, 15, 1, 2, 3])));
    expect((await bad.closed).code).toBe(1007);
  });

  it('survives hundreds of random frames without crashing or changing the doc', async () => {
    const before = texts((await readStoredDoc(live.dataDir, SESSION, BOARD))!);
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const garbage = (): Uint8Array => {
      const body = Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      const kind = Math.floor(random() * 4);
      // Most go where they hurt most: into the update and awareness decoders.
      if (kind === 0) return frame(0, 2, body);
      if (kind === 1) return frame(0, 1, body);
      if (kind === 2) return frame(1, body);
      return body;
    };
    const probe = frame(0, 0, Y.encodeStateVector(new Y.Doc()));
    const isStep2 = (m: Buffer) => m[0] === 0 && m[1] === 1;
    let closed = 0;
    for (let round = 0; round < 300; round++) {
      const socket = await rawSocket();
      socket.ws.send(garbage());
      if (round % 10 === 0) for (let i = 0; i < 20; i++) socket.ws.send(garbage());
      // A well-formed step 1 after the garbage: answered (step 2) if the socket survived it.
      socket.ws.send(probe);
      const outcome = await Promise.race([socket.closed.then(() => 'closed'), socket.next<Buffer>(isStep2).then(() => 'open')]);
      if (outcome === 'closed') closed++;
      await socket.terminate();
    }
    expect(closed).toBeGreaterThan(200);
    // The host is alive and the board is what it was, in memory and on disk.
    const check = connect(BOARD);
    await synced(check);
    expect(texts(check.doc)).toEqual(before);
    expect(texts((await readStoredDoc(live.dataDir, SESSION, BOARD))!)).toEqual(before);
    expect(live.session.stats().relay.closedForInvalid).toBeGreaterThan(0);
  });

  it(`closes a socket that sends a frame over ${LIVE_LIMITS.maxSyncMessageBytes} bytes (1009)`, async () => {
    const big = await rawSocket();
    big.ws.send(frame(0, 2, new Uint8Array(LIVE_LIMITS.maxSyncMessageBytes)));
    expect((await big.closed).code).toBe(1009);
  });

  it('closes a flooding socket (1008) while another laptop keeps syncing', async () => {
    const calm = connect(BOARD);
    await synced(calm);
    const flood = await rawSocket();
    const query = frame(3);
    for (let i = 0; i < LIVE_LIMITS.maxMessagesPerSecond * 5; i++) flood.ws.send(query);
    expect((await flood.closed).code).toBe(1008);
    const other = connect(BOARD);
    await synced(other);
    addNote(other.doc, HOUSE_TEMPLATE, { x: 500, y: 120, text: 'Na de vloed' });
    await until(calm.doc, (d) => texts(d).includes('Na de vloed'));
  });

  it('takes presence a laptop passes along for the whole room; refuses oversized states (1008) and states past a socket\'s share', async () => {
    const awarenessFrame = (states: [number, string][]) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, states.length);
      for (const [id, json] of states) {
        encoding.writeVarUint(encoder, id);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, json);
      }
      return frame(1, encoding.toUint8Array(encoder));
    };
    const state = (i: number) => JSON.stringify({ user: { name: `Deelnemer ${i}`, colour: '#1e88e5' }, cursor: { x: i, y: i } });
    const own = await startLiveHarness({ sessionId: 'sessie0097', tuning: { maxAwarenessStatesPerDoc: 60, maxPresencePerSocket: 8 } });
    try {
      const url = own.wsUrl(SYNC_PATH_PREFIX + sessionDocName('sessie0097'));
      // 20 people, each on their own socket.
      const people = await Promise.all(Array.from({ length: 20 }, () => TestSocket.open(url)));
      sockets.push(...people);
      people.forEach((p, i) => p.ws.send(awarenessFrame([[1000 + i, state(i)]])));
      // y-websocket re-sends every state it learns (also over WebRTC): one laptop passes the whole
      // room along, which brings nobody new and is not refused.
      const relaying = await TestSocket.open(url);
      sockets.push(relaying);
      await expect.poll(() => own.session.stats().relay.clients).toBe(21);
      const room = awarenessFrame(Array.from({ length: 20 }, (_, i): [number, string] => [1000 + i, state(i)]));
      relaying.ws.send(room);
      const big = await TestSocket.open(url);
      sockets.push(big);
      big.ws.send(awarenessFrame([[9, JSON.stringify({ user: { name: 'x'.repeat(20_000) } })]]));
      expect((await big.closed).code).toBe(1008);
      // One socket bringing 11 new states: its share is 8, the rest is refused, the socket stays
      // (the doc's own cap: host-quota.test.ts).
      const crowd = await TestSocket.open(url);
      sockets.push(crowd);
      crowd.ws.send(awarenessFrame(Array.from({ length: 11 }, (_, i): [number, string] => [2000 + i, state(i)])));
      await expect.poll(() => own.session.stats().relay.presenceRefused).toBe(3);
      // y-websocket echoes every change it hears back to the host; echoes barely count against the
      // rate, so a busy room does not get its laptops closed.
      for (let i = 0; i < LIVE_LIMITS.maxMessagesPerSecond * 5; i++) relaying.ws.send(room);
      // The one that passed the room along is still there, and so is the crowd.
      const from = relaying.messages.length;
      relaying.ws.send(frame(3));
      const answer = await relaying.next<Buffer>((m) => m[0] === 1, from);
      expect(answer.byteLength).toBeGreaterThan(28 * 20);
      crowd.ws.send(frame(3));
      await crowd.next<Buffer>((m) => m[0] === 1);
      expect(own.session.stats().relay.presenceRefused).toBe(3);
    } finally {
      await own.dispose();
    }
  });
});

describe('relay: presence belongs to the laptop that gave it', () => {
  const awarenessFrame = (states: [number, number, unknown][]) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, states.length);
    for (const [id, clock, state] of states) {
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
    return frame(1, encoding.toUint8Array(encoder));
  };
  /** The states a fresh socket is told on arrival: client id → state. */
  const roomSeenBy = async (url: string): Promise<Map<number, unknown>> => {
    const look = await TestSocket.open(url);
    sockets.push(look);
    look.ws.send(frame(3));
    // An empty room sends no states at all: a second's silence means nobody.
    const answer = await Promise.race([look.next<Buffer>((m) => m[0] === 1), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
    if (answer === null) {
      await look.close();
      return new Map();
    }
    const decoder = decoding.createDecoder(answer);
    decoding.readVarUint(decoder);
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const states = new Map<number, unknown>();
    const count = decoding.readVarUint(inner);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(inner);
      decoding.readVarUint(inner);
      states.set(id, JSON.parse(decoding.readVarString(inner)));
    }
    await look.close();
    return states;
  };

  it("lets nobody remove another laptop's presence or change who it says it is, while it may still pass it along", async () => {
    const own = await startLiveHarness({ sessionId: 'sessie0096' });
    try {
      const url = own.wsUrl(SYNC_PATH_PREFIX + boardDocName('sessie0096', 'groep00001'));
      const amira = await TestSocket.open(url);
      const mallory = await TestSocket.open(url);
      sockets.push(amira, mallory);
      const amiraState = { user: { name: 'Amira', colour: '#1e88e5' }, cursor: { x: 10, y: 10 } };
      amira.ws.send(awarenessFrame([[1001, 1, amiraState]]));
      await mallory.next<Buffer>((m) => m[0] === 1);
      // Mallory claims Amira's id as the facilitator, then removes it, with ever higher clocks.
      mallory.ws.send(awarenessFrame([[1001, 5, { user: { name: 'Begeleider', role: 'facilitator' } }]]));
      mallory.ws.send(awarenessFrame([[1001, 6, null]]));
      // Passing Amira's own state along (as y-websocket does with what it hears over WebRTC) is fine.
      mallory.ws.send(awarenessFrame([[1001, 7, { ...amiraState, cursor: { x: 20, y: 20 } }]]));
      // Her own presence is hers to set.
      mallory.ws.send(awarenessFrame([[2002, 1, { user: { name: 'Mallory' } }]]));
      await expect.poll(async () => (await roomSeenBy(url)).get(2002)).toEqual({ user: { name: 'Mallory' } });
      const room = await roomSeenBy(url);
      expect(room.get(1001)).toEqual({ ...amiraState, cursor: { x: 20, y: 20 } });
      expect(own.session.stats().relay.presenceRefused).toBe(2);
      // When Mallory leaves, Amira's state (which Mallory passed along) stays; Mallory's own goes.
      await mallory.close();
      await expect.poll(async () => (await roomSeenBy(url)).has(2002)).toBe(false);
      expect((await roomSeenBy(url)).get(1001)).toMatchObject({ user: { name: 'Amira' } });
      // Amira's laptop drops off the network and comes back on a new socket while the host still
      // thinks the old one open; her state had timed out meanwhile (here: she took it back). She is
      // seen again at once.
      amira.ws.send(awarenessFrame([[1001, 8, null]]));
      await expect.poll(async () => (await roomSeenBy(url)).has(1001)).toBe(false);
      const amiraAgain = await TestSocket.open(url);
      sockets.push(amiraAgain);
      amiraAgain.ws.send(awarenessFrame([[1001, 9, amiraState]]));
      await expect.poll(async () => (await roomSeenBy(url)).get(1001)).toEqual(amiraState);
      await amiraAgain.close();
      await expect.poll(async () => (await roomSeenBy(url)).has(1001)).toBe(false);
      // When Amira leaves, so does she; her id is free again.
      amira.ws.send(awarenessFrame([[1001, 10, amiraState]]));
      await expect.poll(async () => (await roomSeenBy(url)).has(1001)).toBe(true);
      await amira.close();
      await expect.poll(async () => (await roomSeenBy(url)).has(1001)).toBe(false);
    } finally {
      await own.dispose();
    }
  });
});

describe('relay: a laptop that stops reading', () => {
  it('is terminated once the cap is queued for it, while the others keep syncing', async () => {
    const cap = 256 * 1024;
    const own = await startLiveHarness({ sessionId: 'sessie0098', tuning: { relayBufferCap: cap } });
    // The session doc: its shape is not checked by the relay, so a text of any name may grow it.
    const name = sessionDocName('sessie0098');
    const url = own.wsUrl(SYNC_PATH_PREFIX + name);
    try {
      const stuck = await TestSocket.open(url);
      sockets.push(stuck);
      await stuck.next();
      (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const writer = new Y.Doc();
      const reader = new Y.Doc();
      await Promise.all([synced(connect(name, writer, own)), synced(connect(name, reader, own))]);
      const chunk = 'x'.repeat(60 * 1024);
      let sent = 0;
      while (own.session.stats().relay.closedForBackpressure === 0) {
        expect(sent).toBeLessThan(120); // ~7 MB: far beyond the socket buffers
        writer.getText('groot').insert(0, chunk);
        sent++;
        await until(reader, (d) => d.getText('groot').length === sent * chunk.length);
      }
      const stats = own.session.stats().relay;
      expect(stats.maxBufferedAmount).toBeLessThanOrEqual(cap + 2 * chunk.length);
      expect(stats.clients).toBe(2);
      writer.getMap('meta').set('na', 'nog steeds');
      await until(reader, (d) => d.getMap('meta').get('na') === 'nog steeds');
    } finally {
      destroyAll();
      await own.dispose();
    }
  });
});

describe('relay: doc logs on disk', () => {
  it('tolerates a torn tail: keeps what came before, warns, keeps a copy and appends cleanly after it', async () => {
    const name = boardDocName(SESSION, 'groep00002');
    const written = new Y.Doc();
    const records: Buffer[] = [];
    written.on('update', (update: Uint8Array) => records.push(encodeRecord(update)));
    addNote(written, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Eerste' });
    addNote(written, HOUSE_TEMPLATE, { x: 200, y: 100, text: 'Tweede' });
    const torn = encodeRecord(new Uint8Array(100)).subarray(0, 30);
    const file = docFilePath(live.dataDir, SESSION, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.concat([LOG_MAGIC, ...records, torn]));

    await live.restart();
    expect(live.warnings.some((w) => w.includes('torn record'))).toBe(true);
    const copies = (await readdir(path.dirname(file))).filter((f) => f.startsWith(path.basename(file) + '.corrupt-'));
    expect(copies).toHaveLength(1);

    const laptop = connect(name);
    await synced(laptop);
    expect(texts(laptop.doc)).toEqual(['Eerste', 'Tweede']);
    addNote(laptop.doc, HOUSE_TEMPLATE, { x: 300, y: 100, text: 'Derde' });
    const watcher = connect(name);
    await until(watcher.doc, (d) => texts(d).length === 3);
    const log = parseLog(await readFile(file));
    expect(log.problem).toBeNull();
    expect(texts((await readStoredDoc(live.dataDir, SESSION, name))!)).toEqual(['Derde', 'Eerste', 'Tweede']);
  });

  it('cuts a log at a record whose checksum fails', async () => {
    const name = boardDocName(SESSION, 'groep00003');
    const written = new Y.Doc();
    const records: Buffer[] = [];
    written.on('update', (update: Uint8Array) => records.push(encodeRecord(update)));
    addNote(written, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Heel' });
    addNote(written, HOUSE_TEMPLATE, { x: 200, y: 100, text: 'Beschadigd' });
    const damaged = Buffer.from(records[1]!);
    const at = damaged.length - 3;
    damaged.writeUInt8(damaged.readUInt8(at) ^ 0xff, at);
    const file = docFilePath(live.dataDir, SESSION, name);
    await writeFile(file, Buffer.concat([LOG_MAGIC, records[0]!, damaged]));
    const warnings: string[] = [];
    const stored = await readStoredDoc(live.dataDir, SESSION, name, { warn: (w) => warnings.push(w) });
    expect(texts(stored!)).toEqual(['Heel']);
    expect(warnings.join()).toContain('checksum mismatch');
  });

  it('keeps no log open when a session cannot start (a stored doc that cannot be read)', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-relay-'));
    const host = await startHost({ rootDir: base });
    try {
      const dataDir = path.join(base, 'data');
      const good = new Y.Doc();
      addNote(good, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Heel' });
      const names = ['groep00001', 'groep00002', 'groep00003'].map((g) => boardDocName('sessie0096', g));
      await mkdir(path.join(dataDir, 'sessie0096'), { recursive: true });
      for (const name of names.slice(0, 2)) await writeFile(docFilePath(dataDir, 'sessie0096', name), Buffer.concat([LOG_MAGIC, encodeRecord(Y.encodeStateAsUpdate(good))]));
      // Loaded last (names sort): a folder where a log should be.
      await mkdir(docFilePath(dataDir, 'sessie0096', names[2]!));
      const descriptors = async () => (await readdir('/proc/self/fd')).length;
      const before = await descriptors();
      for (let i = 0; i < 5; i++) {
        await expect(startLiveSession(host, { sessionId: 'sessie0096', title: 'Kapot', dataDir })).rejects.toThrow(/EISDIR/);
      }
      expect(await descriptors()).toBeLessThanOrEqual(before + 1);
    } finally {
      await host.close();
      await rm(base, { recursive: true, force: true });
    }
  });
});
