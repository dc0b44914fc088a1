import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../renderer/live/transport';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { NOTE_COLOURS, addNote, notesMap } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { notePosition, noteText } from '../bench/page/generate';
import { drillAccess } from './connect';
import { Human } from './human';
import { clock, fingerprint, type Answer, type BenchSendRequest, type Envelope, type JoinRequest, type PeerReport, type PeerRequest, type PeerStatus, type ProcessReport } from './protocol';
import { prng } from './texts';

/**
 * A Node process holding laptops of the drill (dist/host/drill-peer.js, forked by the runner): real
 * y-webrtc peers (WebRTC from @roamhq/wrtc) and y-websocket relay sockets, connected by the app's
 * own connectDoc (renderer/live/transport.ts) exactly as the renderer connects a doc. One process
 * holds at most one laptop per group: y-webrtc allows one provider per room in a JavaScript realm,
 * and laptops of one realm would sync over BroadcastChannel instead of WebRTC.
 */

// What a browser has and Node 20 lacks: the WebSocket (y-websocket, y-webrtc's signaling) and
// WebRTC (simple-peer looks for RTCPeerConnection on globalThis).
Object.assign(globalThis, {
  WebSocket,
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
});

// y-websocket adds a process 'exit' listener per provider (to say goodbye to the others): two per
// laptop, twelve laptops in a process. Expected here, not a leak.
process.setMaxListeners(64);

interface Laptop {
  readonly key: string;
  readonly board: Y.Doc;
  readonly boardConnection: DocConnection;
  readonly sessionConnection: DocConnection | null;
  readonly human: Human | null;
  readonly received: { id: string; at: number }[];
}

const laptops: Laptop[] = [];

/** Stamps every note another laptop added when it reaches this doc (registered before any provider). */
function watchArrivals(doc: Y.Doc, received: { id: string; at: number }[]): void {
  notesMap(doc).observe((event, transaction) => {
    if (transaction.local) return;
    const at = clock();
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'add') received.push({ id, at });
    });
  });
}

async function join(request: JoinRequest): Promise<void> {
  for (const spec of request.peers) {
    const access = await drillAccess(request.hostUrl, request.code, { kind: 'participant', groupId: spec.groupId });
    const user = { name: spec.name, colour: '#1e88e5', role: 'participant', domain: spec.domain, groupId: spec.groupId };
    const session = new Y.Doc();
    const sessionConnection = connectDoc(access.session, sessionDocName(request.sessionId), session);
    sessionConnection.awareness.setLocalState({ user });
    const board = new Y.Doc();
    const received: { id: string; at: number }[] = [];
    watchArrivals(board, received);
    const boardConnection = connectDoc(access.board, boardDocName(request.sessionId, spec.groupId), board);
    boardConnection.awareness.setLocalState({ user, cursor: null, editing: null });
    const random = prng(spec.seed);
    const human = new Human({
      doc: board,
      awareness: boardConnection.awareness,
      template: HOUSE_TEMPLATE,
      random,
      author: spec.name,
      domain: spec.domain,
      colour: NOTE_COLOURS[spec.seat % NOTE_COLOURS.length]!,
      now: clock,
    });
    laptops.push({ key: spec.key, board, boardConnection, sessionConnection, human, received });
  }
}

function status(): PeerStatus[] {
  return laptops.map((l) => {
    const board = l.boardConnection.state();
    return {
      key: l.key,
      boardRelay: board.relay,
      sessionRelay: l.sessionConnection?.state().relay ?? true,
      webrtc: board.peers,
      notes: notesMap(l.board).size,
    };
  });
}

function report(): ProcessReport {
  const peers: PeerReport[] = laptops.map((l) => ({
    key: l.key,
    edits: l.human?.edits ?? 0,
    added: l.human?.added ?? [],
    received: l.received,
    written: l.human?.written() ?? [],
    fingerprint: fingerprint(l.board),
  }));
  return { peers, memory: process.memoryUsage() };
}

const sleepUntil = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - clock())));
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The bench: adds the notes `indices`, each text starting with its index ("17 Werk systemisch"). */
async function benchSend(request: BenchSendRequest): Promise<number[]> {
  const laptop = laptops[0];
  if (!laptop) throw new Error('bench-send before bench-join');
  const at: number[] = [];
  await sleepUntil(request.startAt);
  for (const [n, i] of request.indices.entries()) {
    if (request.gapMs > 0) await sleepUntil(request.startAt + i * request.gapMs);
    else if (n > 0) await nextTask();
    const random = prng(request.seed + i);
    const note = { ...notePosition(random, HOUSE_TEMPLATE), text: `${i} ${noteText(random)}` };
    at.push(clock());
    addNote(laptop.board, HOUSE_TEMPLATE, note, { drill: 'bench' });
  }
  return at;
}

async function handle(request: PeerRequest): Promise<unknown> {
  switch (request.type) {
    case 'join':
      return join(request);
    case 'bench-join': {
      const access = await drillAccess(request.hostUrl, request.code, { kind: 'guest' });
      const board = new Y.Doc();
      const received: { id: string; at: number }[] = [];
      watchArrivals(board, received);
      const boardConnection = connectDoc(access.board, request.docName, board);
      laptops.push({ key: request.docName, board, boardConnection, sessionConnection: null, human: null, received });
      return null;
    }
    case 'bench-send':
      return benchSend(request);
    case 'status':
      return status();
    case 'edit':
      await Promise.all(laptops.map((l) => l.human?.run(request.until, request.pace)));
      return null;
    case 'fingerprints':
      return laptops.map((l) => ({ key: l.key, fingerprint: fingerprint(l.board) }));
    case 'report':
      return report();
    case 'now':
      return clock();
    case 'leave':
      for (const l of laptops) {
        l.boardConnection.destroy();
        l.sessionConnection?.destroy();
      }
      // Node peers keep the process alive after destroy() (NOTES-machine.md): end it.
      setTimeout(() => process.exit(0), 200);
      return null;
  }
}

process.on('message', (message: Envelope) => {
  handle(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies Answer),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
  );
});
// The runner gone (killed, crashed): go too, never linger as an orphan peer.
process.on('disconnect', () => process.exit(0));
