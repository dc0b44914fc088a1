import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LIVE_LIMITS, RELAY_CLOSE, SIGNALING_PATH, SYNC_PATH_PREFIX } from '../../shared/live';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { addNote, moveNote, notesMap, readNotes, setNoteColour, setNoteText } from '../../shared/schema/note';
import { participantsMap, recordParticipant } from '../../shared/schema/participant';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { isLoopback } from '../../electron/host/admission';
import { LOG_MAGIC, docFilePath, encodeRecord } from '../../electron/host/docStore';
import { readStoredDoc } from '../../electron/host/live';
import type { HostTuning } from '../../electron/host/limits';
import { eventually, refusal, startLiveHarness, TestSocket, type LiveHarness } from './support/liveHost';
import { connectRelay, relayFrame as frame, synced, until } from './support/relayClient';

/**
 * Issue 10, item 2: a participant with bad intent against the LAN host's quotas, each attack
 * reproduced on loopback. Every socket comes from 127.0.0.1 here, so the host is given a client
 * key that reads a test header: a socket that sends `x-test-client: mallory` counts as another
 * laptop in the room (its own address), one without it as this machine (the facilitator's app).
 */

const SESSION = 'sessie0201';
const BOARD_A = boardDocName(SESSION, 'groep0000a');
const BOARD_B = boardDocName(SESSION, 'groep0000b');

const harnesses: LiveHarness[] = [];
const sockets: TestSocket[] = [];
const providers: WebsocketProvider[] = [];

/** This machine unless the socket says which laptop it is (see the file comment). */
function testClientKey(request: IncomingMessage): { key: string; local: boolean } {
  const named = request.headers['x-test-client'];
  if (typeof named === 'string') return { key: named, local: false };
  return { key: request.socket.remoteAddress ?? 'unknown', local: isLoopback(request.socket.remoteAddress) };
}

async function host(tuning: Partial<HostTuning> = {}, sessionId = SESSION): Promise<LiveHarness> {
  const live = await startLiveHarness({ sessionId, tuning, clientKey: testClientKey });
  harnesses.push(live);
  return live;
}

async function open(live: LiveHarness, docName: string, laptop?: string): Promise<TestSocket> {
  const socket = await TestSocket.open(live.wsUrl(SYNC_PATH_PREFIX + docName), laptop ? { headers: { 'x-test-client': laptop } } : {});
  sockets.push(socket);
  return socket;
}

function laptop(live: LiveHarness, docName: string, doc = new Y.Doc()): WebsocketProvider {
  const provider = connectRelay(live, docName, doc);
  providers.push(provider);
  return provider;
}

/** A y-websocket update message (type 0, step 2 = 2) or sync step 2 (step 1) carrying `update`. */
const updateFrame = (update: Uint8Array, step: 1 | 2 = 2) => frame(0, step, update);

/** Everything `fill` writes into a fresh doc, as one update. */
function updateOf(fill: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  fill(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** A note written as the app writes it, with `text` (the app caps it at 500 characters). */
function noteUpdate(text: string, clientID?: number): Uint8Array {
  return updateOf((doc) => addNote(doc, HOUSE_TEMPLATE, { x: 100, y: 100, text }), clientID);
}

/** Resolves with how the socket ended, or 'open' if it is still open after `ms`. */
async function outcome(socket: TestSocket, ms = 300): Promise<number | 'open'> {
  const closed = await Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
  return closed ? closed.code : 'open';
}

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await Promise.all(sockets.splice(0).map((s) => s.terminate()));
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

describe('quota: a doc and a session hold at most so many bytes', () => {
  it('closes a socket that keeps growing a board past its cap (4413), keeps what the board held, and serves other boards on', async () => {
    const live = await host({ maxDocBytes: 64 * 1024, maxSessionBytes: 1024 * 1024 });
    const honest = laptop(live, BOARD_B);
    await synced(honest);
    const flood = await open(live, BOARD_A);
    const text = 'x'.repeat(500);
    let sent = 0;
    // ~1.7 MB/s of growth per socket was possible: a valid note of 500 characters per message.
    while ((await outcome(flood, 5)) === 'open') {
      expect(sent).toBeLessThan(400);
      flood.ws.send(updateFrame(noteUpdate(text)));
      sent++;
    }
    const closed = await flood.closed;
    expect(closed.code).toBe(RELAY_CLOSE.docFull);
    expect(closed.reason).toMatch(/vol/);
    const stored = await readStoredDoc(live.dataDir, SESSION, BOARD_A);
    const kept = readNotes(stored!).length;
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThan(sent);
    // Nothing it held is lost: a laptop that opens the full board gets every note.
    const reader = laptop(live, BOARD_A);
    await synced(reader);
    expect(readNotes(reader.doc)).toHaveLength(kept);
    // Further growth is refused (also from this machine), reading is not.
    const more = await open(live, BOARD_A);
    more.ws.send(updateFrame(noteUpdate(text)));
    expect((await more.closed).code).toBe(RELAY_CLOSE.docFull);
    // Other boards work on.
    addNote(honest.doc, HOUSE_TEMPLATE, { x: 10, y: 10, text: 'Samen met school' });
    const other = laptop(live, BOARD_B);
    await until(other.doc, (d) => readNotes(d).some((n) => n.text === 'Samen met school'));
    expect(live.session.stats().relay.docsFull).toBe(1);
  });

  it('does not call a board full whose log is long from typing, not from what it holds, also after a crash', async () => {
    const cap = 64 * 1024;
    const words = 'Werk systemisch, met gezin, school en vrije tijd';
    /** Types the words into the note and takes them back, letter by letter: each keystroke a record. */
    const type = (doc: Y.Doc, id: string, rounds: number) => {
      for (let r = 0; r < rounds; r++) {
        for (let c = 1; c <= words.length; c++) setNoteText(doc, id, words.slice(0, c));
        for (let c = words.length - 1; c >= 0; c--) setNoteText(doc, id, words.slice(0, c));
      }
    };
    // The log a host left when it crashed (never compacted): every keystroke its own record, just
    // under the cap, while the board holds far less.
    const typist = new Y.Doc();
    const records: Buffer[] = [LOG_MAGIC];
    typist.on('update', (update: Uint8Array) => records.push(encodeRecord(update)));
    const id = addNote(typist, HOUSE_TEMPLATE, { x: 100, y: 100, text: '' });
    while (Buffer.concat(records).byteLength < cap - 8 * 1024) type(typist, id, 1);
    expect(Y.encodeStateAsUpdate(typist).byteLength).toBeLessThan(cap / 2);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-quota-'));
    const file = docFilePath(dataDir, SESSION, BOARD_A);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.concat(records));
    const live = await startLiveHarness({ sessionId: SESSION, dataDir, tuning: { maxDocBytes: cap, maxSessionBytes: 4 * cap }, clientKey: testClientKey });
    harnesses.push(live);
    try {
      const again = laptop(live, BOARD_A, typist);
      await synced(again);
      type(typist, id, 4);
      const check = laptop(live, BOARD_A);
      await synced(check);
      await until(check.doc, (d) => Y.encodeStateVector(d).toString() === Y.encodeStateVector(typist).toString());
      expect(again.wsconnected).toBe(true);
      expect(live.session.stats().relay.docsFull).toBe(0);
      expect((await stat(file)).size).toBeLessThan(cap);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses growth in every doc once the session holds its cap, whichever docs it is spread over', async () => {
    const live = await host({ maxDocBytes: 64 * 1024, maxSessionBytes: 160 * 1024 });
    const text = 'y'.repeat(500);
    let refusedIn: string | null = null;
    for (let g = 0; g < 10 && !refusedIn; g++) {
      const name = boardDocName(SESSION, `vol${String(g).padStart(5, '0')}`);
      const socket = await open(live, name);
      for (let i = 0; i < 40; i++) {
        socket.ws.send(updateFrame(noteUpdate(text)));
        if ((await outcome(socket, 5)) !== 'open') break;
      }
      const end = await outcome(socket, 50);
      if (end !== 'open') {
        expect(end).toBe(RELAY_CLOSE.docFull);
        refusedIn = name;
      }
    }
    expect(refusedIn).not.toBeNull();
    // The refusing doc is not full on its own: the session is.
    const stored = await readStoredDoc(live.dataDir, SESSION, refusedIn!);
    expect(Y.encodeStateAsUpdate(stored!).byteLength).toBeLessThan(64 * 1024);
    const fresh = await open(live, boardDocName(SESSION, 'nieuwbord1'));
    fresh.ws.send(updateFrame(noteUpdate(text)));
    expect((await fresh.closed).code).toBe(RELAY_CLOSE.docFull);
  });

  it('gives each laptop a share of growth (1008 beyond it), while this machine writes on', async () => {
    const live = await host({ growthBurstBytes: 32 * 1024, growthBytesPerSecond: 1024 });
    const mallory = await open(live, BOARD_A, 'mallory');
    const text = 'z'.repeat(500);
    let sent = 0;
    while ((await outcome(mallory, 5)) === 'open') {
      expect(sent).toBeLessThan(200);
      mallory.ws.send(updateFrame(noteUpdate(text)));
      sent++;
    }
    const closed = await mallory.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/te veel/i);
    // Another socket of the same laptop has no fresh share.
    const again = await open(live, BOARD_B, 'mallory');
    again.ws.send(updateFrame(noteUpdate(text)));
    expect((await again.closed).code).toBe(1008);
    // Another laptop, and the facilitator's app, are not affected.
    const bram = await open(live, BOARD_B, 'bram');
    bram.ws.send(updateFrame(noteUpdate('Van Bram')));
    expect(await outcome(bram)).toBe('open');
    const facilitator = await open(live, BOARD_B);
    for (let i = 0; i < 80; i++) facilitator.ws.send(updateFrame(noteUpdate(text)));
    expect(await outcome(facilitator)).toBe('open');
  });
});

describe('quota: presence', () => {
  const awarenessFrame = (states: [number, unknown][]) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, states.length);
    for (const [id, state] of states) {
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
    return frame(1, encoding.toUint8Array(encoder));
  };
  /** Client ids in the states a fresh socket is told about. */
  const present = async (live: LiveHarness, docName: string): Promise<Set<number>> => {
    const look = await open(live, docName);
    look.ws.send(frame(3));
    const answer = await Promise.race([look.next<Buffer>((m) => m[0] === 1), new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))]);
    await look.close();
    if (!answer) return new Set();
    const decoder = decoding.createDecoder(answer);
    decoding.readVarUint(decoder);
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const ids = new Set<number>();
    const count = decoding.readVarUint(inner);
    for (let i = 0; i < count; i++) {
      ids.add(decoding.readVarUint(inner));
      decoding.readVarUint(inner);
      decoding.readVarString(inner);
    }
    return ids;
  };

  it('one 49 KB message no longer fills the room: one socket speaks for a few people, newcomers are never closed', async () => {
    const live = await host();
    const name = sessionDocName(SESSION);
    const mallory = await open(live, name, 'mallory');
    const crowd = Array.from({ length: LIVE_LIMITS.maxClients }, (_, i): [number, unknown] => [10_000 + i, { user: { name: `nep ${i}` } }]);
    const message = awarenessFrame(crowd);
    expect(message.byteLength).toBeGreaterThan(10_000);
    mallory.ws.send(message);
    // The excess is refused, not a reason to close anyone.
    expect(await outcome(mallory)).toBe('open');
    // Newcomers (laptops of the room) come in and are seen.
    const newcomers = await Promise.all(Array.from({ length: 5 }, (_, i) => open(live, name, `laptop${i}`)));
    newcomers.forEach((s, i) => s.ws.send(awarenessFrame([[500 + i, { user: { name: `Deelnemer ${i}` } }]])));
    await eventually(() => live.session.stats().relay.presenceRefused > 0);
    for (const s of newcomers) expect(await outcome(s, 50)).toBe('open');
    const ids = await present(live, name);
    for (let i = 0; i < 5; i++) expect(ids.has(500 + i)).toBe(true);
    expect([...ids].filter((id) => id >= 10_000).length).toBeLessThanOrEqual(16);
  });

  it('still takes a newcomer when a crowd of sockets has filled the doc to its cap', async () => {
    const live = await host({ maxAwarenessStatesPerDoc: 20, maxPresencePerSocket: 4 });
    const name = roomDocName(SESSION);
    for (let s = 0; s < 6; s++) {
      const socket = await open(live, name, 'mallory');
      socket.ws.send(awarenessFrame(Array.from({ length: 4 }, (_, i): [number, unknown] => [1000 + s * 10 + i, { user: { name: 'nep' } }])));
    }
    // Five sockets fill the doc's 20; the sixth still brings its first state, none of its others.
    await eventually(() => live.session.stats().relay.presenceRefused >= 3);
    const amira = await open(live, name, 'amira');
    amira.ws.send(awarenessFrame([[77, { user: { name: 'Amira' } }]]));
    expect(await outcome(amira)).toBe('open');
    expect((await present(live, name)).has(77)).toBe(true);
  });
});

describe('quota: sockets per laptop', () => {
  it('gives one laptop a share of the relay and signaling sockets, leaves room for others and for this machine', async () => {
    const live = await host({ maxClients: 20, relaySocketsPerClient: 6, signalingSocketsPerClient: 3, socketsReservedForLocal: 5 });
    const url = (endpoint: string) => live.wsUrl(endpoint);
    const as = (name: string) => ({ headers: { 'x-test-client': name } });
    // One laptop takes its share and no more.
    for (let i = 0; i < 6; i++) sockets.push(await TestSocket.open(url(SYNC_PATH_PREFIX + BOARD_A), as('mallory')));
    const refused = await refusal(url(SYNC_PATH_PREFIX + BOARD_A), as('mallory'));
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error).toMatch(/verbindingen/);
    for (let i = 0; i < 3; i++) sockets.push(await TestSocket.open(url(SIGNALING_PATH), as('mallory')));
    expect((await refusal(url(SIGNALING_PATH), as('mallory'))).status).toBe(503);
    // Other laptops fill what is left for the room, not the part kept for this machine.
    for (let i = 0; i < 9; i++) sockets.push(await TestSocket.open(url(SYNC_PATH_PREFIX + BOARD_B), as(`laptop${i}`)));
    expect((await refusal(url(SYNC_PATH_PREFIX + BOARD_B), as('laptop99'))).status).toBe(503);
    // The facilitator's app (this machine) still gets in: the rest is kept for it.
    for (let i = 0; i < 5; i++) sockets.push(await TestSocket.open(url(SYNC_PATH_PREFIX + sessionDocName(SESSION))));
    expect(live.session.stats().relay.clients).toBe(20);
    expect(live.session.stats().relay.refusedFull).toBeGreaterThanOrEqual(2);
  });
});

/** Opens a relay socket by hand and returns the raw TCP stream after the upgrade. */
function rawUpgrade(live: LiveHarness, docName: string, laptopName: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: live.host.port,
      path: `${SYNC_PATH_PREFIX}${encodeURIComponent(docName)}${new URL(live.wsUrl('/')).search}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'x-test-client': laptopName,
      },
    });
    req.on('upgrade', (_res, socket) => resolve(socket));
    req.on('response', (res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

/** The header of a masked binary frame announcing `length` payload bytes (none of them sent yet). */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header; // mask key: four zero bytes
}

describe('quota: unfinished messages', () => {
  it('bounds what one laptop can make the host buffer in unfinished messages, whatever its sockets', async () => {
    const cap = 1024 * 1024;
    const live = await host({ maxUnfinishedBytesPerClient: cap });
    const streams = await Promise.all(Array.from({ length: 4 }, () => rawUpgrade(live, BOARD_A, 'mallory')));
    const ended = streams.map(() => false);
    streams.forEach((s, i) => {
      s.on('error', () => {});
      s.once('close', () => (ended[i] = true));
    });
    // Each socket announces a frame just under maxPayload and sends 448 KB of it: 1.75 MB in all,
    // where each alone is far below maxPayload (4 MB).
    const chunk = Buffer.alloc(64 * 1024);
    for (const s of streams) s.write(frameHeader(LIVE_LIMITS.maxSyncMessageBytes - 1));
    for (let i = 0; i < 7; i++) {
      for (const s of streams) if (!s.destroyed) s.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => ended.filter(Boolean).length >= 2);
    // What the survivors hold stays within the cap (one read, 64 KB, of slack).
    const survivors = ended.filter((e) => !e).length;
    expect(survivors * 7 * chunk.length).toBeLessThanOrEqual(cap + chunk.length);
    expect(live.session.stats().relay.closedForUnfinished).toBe(4 - survivors);
    // Another laptop sends a large, whole message meanwhile (~600 KB: a thousand notes) and is served.
    const notes = new Y.Doc();
    for (let i = 0; i < 1000; i++) addNote(notes, HOUSE_TEMPLATE, { x: i, y: 100, text: 'b'.repeat(500) });
    const big = Y.encodeStateAsUpdate(notes);
    expect(big.byteLength).toBeGreaterThan(500 * 1024);
    const bram = await open(live, BOARD_B, 'bram');
    bram.ws.send(updateFrame(big));
    expect(await outcome(bram, 1000)).toBe('open');
    // Once her sockets are gone, what they held counts no more: she may write afresh.
    for (const s of streams) s.destroy();
    await eventually(() => live.session.stats().relay.clients === 1);
    const again = await open(live, BOARD_B, 'mallory');
    again.ws.send(updateFrame(noteUpdate('Opnieuw')));
    expect(await outcome(again)).toBe('open');
  });
});

describe('quota: content is what the schemas allow', () => {
  it('refuses what a board or room doc cannot hold, from the socket that wrote it (1008), and keeps nothing of it', async () => {
    const live = await host();
    const bad: [string, string, Uint8Array][] = [
      ['a root the board does not have', BOARD_A, updateOf((d) => d.getText('reclame').insert(0, 'Koop nu!'))],
      ['a note whose position is text', BOARD_A, updateOf((d) => {
        const note = new Y.Map<unknown>();
        notesMap(d).set('notitie001', note);
        note.set('x', 'links');
      })],
      ['a note of 100,000 characters', BOARD_A, updateOf((d) => {
        const note = new Y.Map<unknown>();
        notesMap(d).set('notitie002', note);
        const text = new Y.Text();
        note.set('text', text);
        text.insert(0, 'x'.repeat(100_000));
      })],
      ['a note that is not a map', BOARD_A, updateOf((d) => notesMap(d).set('notitie003', 'tekst' as unknown as Y.Map<unknown>))],
      ['formatting and embeds in a note', BOARD_A, updateOf((d) => {
        const note = new Y.Map<unknown>();
        notesMap(d).set('notitie004', note);
        const text = new Y.Text();
        note.set('text', text);
        text.insertEmbed(0, { image: 'x' });
      })],
      ['a roster record with a name of 10,000 characters', roomDocName(SESSION), updateOf((d) => {
        const record = new Y.Map<unknown>();
        participantsMap(d).set('deelnemer1', record);
        record.set('name', 'n'.repeat(10_000));
      })],
      ['a key the room does not have', roomDocName(SESSION), updateOf((d) => d.getMap('stemmen').set('x', 1))],
    ];
    for (const [what, docName, update] of bad) {
      const socket = await open(live, docName, 'mallory');
      socket.ws.send(updateFrame(update));
      expect({ what, code: await outcome(socket, 1000) }).toEqual({ what, code: 1008 });
    }
    const board = laptop(live, BOARD_A);
    const room = laptop(live, roomDocName(SESSION));
    await Promise.all([synced(board), synced(room)]);
    expect(board.doc.share.has('reclame')).toBe(false);
    expect(notesMap(board.doc).size).toBe(0);
    expect(participantsMap(room.doc).size).toBe(0);
    expect(room.doc.share.has('stemmen')).toBe(false);
    // An honest laptop writes as ever: a note, typed into letter by letter, moved, recoloured; the
    // roster.
    const id = addNote(board.doc, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Onderwijs' });
    const words = 'Onderwijs aan tafel!';
    for (let c = 'Onderwijs'.length + 1; c <= words.length; c++) setNoteText(board.doc, id, words.slice(0, c));
    moveNote(board.doc, HOUSE_TEMPLATE, id, 700, 400);
    setNoteColour(board.doc, id, 'pink');
    recordParticipant(room.doc, { id: 'deelnemer1', groupId: 'groep0000a', name: 'Amira' }, ['groep0000a']);
    recordParticipant(room.doc, { id: 'deelnemer1', groupId: 'groep0000a', name: 'Amira B.' }, ['groep0000a']);
    const check = laptop(live, BOARD_A);
    await until(check.doc, (d) => readNotes(d)[0]?.colour === 'pink');
    expect(readNotes(check.doc)).toEqual(readNotes(board.doc));
    expect(readNotes(check.doc)[0]).toMatchObject({ text: words, x: 700, y: 400 });
    const roster = laptop(live, roomDocName(SESSION));
    await until(roster.doc, (d) => participantsMap(d).get('deelnemer1')?.get('name') === 'Amira B.');
    expect(board.wsconnected && room.wsconnected).toBe(true);
    expect(live.session.stats().relay.contentRefused).toBe(bad.length);
  });

  it('takes what a laptop passes along in its sync answer without what does not fit, and keeps it connected', async () => {
    const live = await host();
    // Amira's laptop heard Mallory's writes over WebRTC; its answer to the host carries both.
    const amiraNote = noteUpdate('Samen met school', 1111);
    const mallory = new Y.Doc();
    mallory.clientID = 2222;
    mallory.getText('reclame').insert(0, 'Koop nu!');
    addNote(mallory, HOUSE_TEMPLATE, { x: 300, y: 300, text: 'Daarna wel geldig' });
    const passedAlong = Y.mergeUpdates([amiraNote, Y.encodeStateAsUpdate(mallory)]);
    const amira = await open(live, BOARD_A, 'amira');
    amira.ws.send(updateFrame(passedAlong, 1));
    expect(await outcome(amira)).toBe('open');
    const board = laptop(live, BOARD_A);
    await synced(board);
    await until(board.doc, (d) => readNotes(d).length === 2);
    expect(readNotes(board.doc).map((n) => n.text).sort()).toEqual(['Daarna wel geldig', 'Samen met school']);
    expect(board.doc.getText('reclame').toString()).toBe('');
    expect(live.session.stats().relay.contentRefused).toBeGreaterThan(0);
    // Asked again (the host pulls), the same answer adds nothing and costs nothing.
    amira.ws.send(updateFrame(passedAlong, 1));
    expect(await outcome(amira)).toBe('open');
  });
});
