import { readFileSync } from 'node:fs';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CODE_PARAM, SIGNALING_PATH, VERSION_PARAM, LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { boardDocName } from '../../shared/schema/docNames';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { sendOnlyOwnUpdates } from '../../renderer/live/transport';
import { startLiveHarness, type LiveHarness } from './support/liveHost';
import { connectRelay, synced, until } from './support/relayClient';

/**
 * Contract with y-websocket and y-webrtc: renderer/live/transport.ts (sendOnlyOwnUpdates) swaps
 * their private doc-update listeners, y-websocket's `provider._updateHandler` and y-webrtc's
 * `room._docUpdateHandler`, and the peer count reads `room.webrtcConns`. Both libraries are pinned
 * to exact versions for it; when an upgrade renames, moves or re-registers these, this fails.
 * The real libraries in Node: y-websocket on Node's ws against the real host, y-webrtc with its
 * room (no WebRTC peer is needed: the room sends what it broadcasts on a BroadcastChannel too,
 * through the same function as to its WebRTC peers, and the test listens there).
 */

const SESSION = 'contract01';
const PINNED = { 'y-websocket': '3.1.0', 'y-webrtc': '10.3.0' } as const;

let live: LiveHarness;
const cleanups: (() => void)[] = [];
const hadWebSocket = 'WebSocket' in globalThis;

beforeAll(async () => {
  // y-webrtc's signaling socket uses the global WebSocket, which Node 20 lacks.
  if (!hadWebSocket) (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  live = await startLiveHarness({ sessionId: SESSION });
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

afterAll(async () => {
  await live?.dispose();
  if (!hadWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

/** A laptop as transport.ts makes it: both providers on one doc, then the filter. */
async function laptop(docName: string): Promise<{ doc: Y.Doc; relay: WebsocketProvider; webrtc: WebrtcProvider }> {
  const doc = new Y.Doc();
  const relay = connectRelay(live, docName, doc);
  const signaling = `ws://127.0.0.1:${live.host.port}${SIGNALING_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${live.session.code}`;
  const webrtc = new WebrtcProvider(docName, doc, { signaling: [signaling], awareness: relay.awareness, peerOpts: { config: { iceServers: [] } } });
  cleanups.push(() => {
    webrtc.disconnect();
    webrtc.destroy();
    relay.destroy();
  });
  sendOnlyOwnUpdates(doc, relay, webrtc);
  // The room, and the swap of its listener, come one promise later.
  await Promise.resolve(webrtc.key);
  await Promise.resolve();
  return { doc, relay, webrtc };
}

/** A doc that hears the updates a y-webrtc room broadcasts (its BroadcastChannel, named after the room). */
function listenToRoom(docName: string): Y.Doc {
  const heard = new Y.Doc();
  const channel = new BroadcastChannel(docName);
  channel.onmessage = (event: MessageEvent) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    // messageSync (0), then sync step 2 (1) or update (2) with the update; step 1 carries none.
    if (decoding.readVarUint(decoder) !== 0) return;
    if (decoding.readVarUint(decoder) === 0) return;
    Y.applyUpdate(heard, decoding.readVarUint8Array(decoder));
  };
  cleanups.push(() => channel.close());
  return heard;
}

/** An update of another laptop's note, as it would arrive from a provider. */
function othersNote(text: string): Uint8Array {
  const other = new Y.Doc();
  addNote(other, HOUSE_TEMPLATE, { x: 900, y: 1600, text });
  return Y.encodeStateAsUpdate(other);
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

describe('contract (y-websocket, y-webrtc): the sync filter', () => {
  it('runs against the exact versions package.json pins', () => {
    const ours = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(PINNED)) {
      expect(ours.dependencies[name], `${name} must stay pinned (no ^ or ~)`).toBe(version);
      const installed = JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string };
      expect(installed.version).toBe(version);
    }
  });

  it("finds the fields: y-websocket's _updateHandler, y-webrtc's room._docUpdateHandler and room.webrtcConns", async () => {
    const { relay, webrtc } = await laptop(boardDocName(SESSION, 'velden0001'));
    expect(typeof (relay as unknown as { _updateHandler?: unknown })._updateHandler).toBe('function');
    expect(webrtc.room).not.toBeNull();
    const room = webrtc.room as unknown as { _docUpdateHandler?: unknown; webrtcConns?: unknown };
    expect(typeof room._docUpdateHandler).toBe('function');
    expect(room.webrtcConns).toBeInstanceOf(Map);
  });

  it('y-websocket sends the host what this laptop wrote, never what came in over WebRTC', async () => {
    const board = boardDocName(SESSION, 'relay00001');
    const amira = await laptop(board);
    const bramDoc = new Y.Doc();
    const bram = connectRelay(live, board, bramDoc);
    cleanups.push(() => bram.destroy());
    await Promise.all([synced(amira.relay), synced(bram)]);
    Y.applyUpdate(amira.doc, othersNote('Kwam via WebRTC'), amira.webrtc.room);
    addNote(amira.doc, HOUSE_TEMPLATE, { x: 300, y: 1000, text: 'Van Amira zelf' });
    // One socket keeps its order: the note from WebRTC, had it been sent, came first.
    await until(bramDoc, (d) => texts(d).includes('Van Amira zelf'));
    expect(texts(bramDoc)).toEqual(['Van Amira zelf']);
    expect(texts(amira.doc)).toEqual(['Kwam via WebRTC', 'Van Amira zelf']);
  });

  it('y-webrtc sends its peers what this laptop wrote, never what came in over the relay, also after reconnecting', async () => {
    const board = boardDocName(SESSION, 'webrtc0001');
    const amira = await laptop(board);
    const heard = listenToRoom(board);
    Y.applyUpdate(amira.doc, othersNote('Kwam via de host'), amira.relay);
    addNote(amira.doc, HOUSE_TEMPLATE, { x: 300, y: 1000, text: 'Van Amira zelf' });
    await until(heard, (d) => texts(d).includes('Van Amira zelf'));
    expect(texts(heard)).toEqual(['Van Amira zelf']);

    // disconnect() and connect() take the listener off and put "it" back: it must still be ours.
    amira.webrtc.disconnect();
    amira.webrtc.connect();
    // Connecting sends the whole doc once (its handshake, which is fine): everything is heard.
    await until(heard, (d) => texts(d).includes('Kwam via de host'));
    Y.applyUpdate(amira.doc, othersNote('Nog eens via de host'), amira.relay);
    addNote(amira.doc, HOUSE_TEMPLATE, { x: 600, y: 1000, text: 'Weer van Amira' });
    await until(heard, (d) => texts(d).includes('Weer van Amira'));
    expect(texts(heard)).toEqual(['Kwam via de host', 'Van Amira zelf', 'Weer van Amira']);
  });
});
