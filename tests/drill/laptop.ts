import * as Y from 'yjs';
import { connectDoc, type DocConnection } from '../../renderer/live/transport';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { NOTE_COLOURS, addNote, notesMap } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { notePosition, noteText } from '../bench/page/generate';
import { drillAccess, laptopHostUrl } from './connect';
import { Human, type Pace } from './human';
import { clock, fingerprint, type Arrival, type BenchSendRequest, type PeerReport, type PeerSpec, type PeerStatus } from './protocol';
import { prng } from './texts';

/**
 * One laptop of the drill, as its own module instance (built to dist/host/drill-laptop.cjs and
 * loaded afresh for each laptop by peerProcess.ts): its own Yjs, y-webrtc and y-websocket, so that
 * like a laptop in a room it has its own signaling socket and joins only its own rooms. (y-webrtc
 * keeps its signaling sockets and rooms per module instance and subscribes every socket to every
 * room it knows: laptops sharing one instance would each announce all the others' boards.)
 * Connected with the app's own connectDoc (renderer/live/transport.ts), exactly as the renderer
 * connects a doc. Nothing of Yjs leaves this module but bytes and plain data.
 */

export interface Laptop {
  status(): PeerStatus;
  edit(until: number, pace: Pace): Promise<void>;
  report(): PeerReport;
  fingerprint(): string;
  /** The bench: adds the notes of `request`, each text starting with its index; resolves with when each was added. */
  send(request: BenchSendRequest): Promise<number[]>;
  destroy(): void;
}

/** A participant of the drill: its group's board (WebRTC + relay) and the session doc (relay only, read-only). */
export async function openParticipant(hostUrl: string, code: string, sessionId: string, spec: PeerSpec): Promise<Laptop> {
  const access = await drillAccess(laptopHostUrl(hostUrl, spec.group + 1, spec.seat + 1), code, { kind: 'participant', groupId: spec.groupId });
  const user = { name: spec.name, colour: '#1e88e5', role: 'participant', domain: spec.domain, groupId: spec.groupId };
  const session = new Y.Doc();
  const sessionConnection = connectDoc(access.session, sessionDocName(sessionId), session);
  sessionConnection.awareness.setLocalState({ user });
  const board = new Y.Doc();
  const received = watchArrivals(board);
  const boardConnection = connectDoc(access.board, boardDocName(sessionId, spec.groupId), board);
  boardConnection.awareness.setLocalState({ user, cursor: null, editing: null });
  const human = new Human({
    doc: board,
    awareness: boardConnection.awareness,
    template: HOUSE_TEMPLATE,
    random: prng(spec.seed),
    author: spec.name,
    domain: spec.domain,
    colour: NOTE_COLOURS[spec.seat % NOTE_COLOURS.length]!,
    now: clock,
  });
  return laptop(spec.key, board, boardConnection, sessionConnection, human, received);
}

/**
 * The bench's fair 4-laptop scenario: a laptop on `docName` only (WebRTC + relay), as a board is
 * connected, with `token` (the bench's boards are of no group: it holds the facilitator's).
 */
export async function openBenchLaptop(hostUrl: string, code: string, token: string, docName: string, seat: number): Promise<Laptop> {
  const access = await drillAccess(laptopHostUrl(hostUrl, 200, seat), code, { kind: 'token', token });
  const board = new Y.Doc();
  const received = watchArrivals(board);
  const connection = connectDoc(access.board, docName, board);
  return laptop(`bench ${seat}`, board, connection, null, null, received);
}

/**
 * Stamps every note another laptop added when it reaches this doc, and which provider brought it
 * first (y-webrtc applies with its room as origin, y-websocket with itself). Registered before any
 * provider exists, so nothing slips past it.
 */
function watchArrivals(doc: Y.Doc): Arrival[] {
  const received: Arrival[] = [];
  notesMap(doc).observe((event, transaction) => {
    if (transaction.local) return;
    const at = clock();
    const origin = transaction.origin as object | null;
    const via = origin && 'webrtcConns' in origin ? 'webrtc' : origin && 'wsconnected' in origin ? 'relay' : 'other';
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'add') received.push({ id, at, via });
    });
  });
  return received;
}

const sleepUntil = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - clock())));
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

function laptop(
  key: string,
  board: Y.Doc,
  boardConnection: DocConnection,
  sessionConnection: DocConnection | null,
  human: Human | null,
  received: Arrival[],
): Laptop {
  return {
    status() {
      const state = boardConnection.state();
      return { key, boardRelay: state.relay, sessionRelay: sessionConnection?.state().relay ?? true, webrtc: state.peers, notes: notesMap(board).size };
    },
    edit: (until, pace) => human?.run(until, pace) ?? Promise.resolve(),
    report: () => ({ key, edits: human?.edits ?? 0, added: human?.added ?? [], received, written: human?.written() ?? [], fingerprint: fingerprint(board) }),
    fingerprint: () => fingerprint(board),
    async send(request) {
      const at: number[] = [];
      await sleepUntil(request.startAt);
      for (const [n, i] of request.indices.entries()) {
        if (request.gapMs > 0) await sleepUntil(request.startAt + i * request.gapMs);
        else if (n > 0) await nextTask();
        const random = prng(request.seed + i);
        const note = { ...notePosition(random, HOUSE_TEMPLATE), text: `${i} ${noteText(random)}` };
        at.push(clock());
        addNote(board, HOUSE_TEMPLATE, note, { drill: 'bench' });
      }
      return at;
    },
    destroy() {
      boardConnection.destroy();
      sessionConnection?.destroy();
    },
  };
}
