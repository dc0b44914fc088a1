import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LIVE_LIMITS, RELAY_CLOSE, RELAY_CLOSE_REASON } from '../../shared/live';
import { readRun, runMap } from '../../shared/schema/agenda';
import { isDocOfSession, parseDocName, sessionDocName, type DocKind } from '../../shared/schema/docNames';
import { DOC_SHAPES } from '../../shared/schema/docShape';
import { groupsMap } from '../../shared/schema/group';
import { docAccess, migrate } from '../../shared/schema/docVersion';
import { refuseUpgrade } from './admission';
import { DIR_MODE, DocLog, SNAPSHOT_RETRY_GAP_MS, docFilePath, forgetStoredDocs, listStoredDocs, sessionDir } from './docStore';
import { CLOSE, SocketBudget, TokenBucket, type HostTuning } from './limits';
import { dropPending, startsAfterDoc } from './missing';
import { GrowthShares, StorageQuota, WriteGuard, clientByAddress, type Client, type ClientKeyOf } from './quota';
import { mayClaim, mayRead, mayWrite, type Access, type SessionView } from './roles';
import { SocketHub, type Peer, type SocketCounters } from './sockets';

/**
 * The host as a Yjs peer: the y-websocket protocol (y-protocols sync + awareness, lib0 encoding)
 * on `/sync/<doc name>`, so that a board still syncs when WebRTC between laptops fails, and the
 * facilitator keeps every doc on disk (docStore.ts).
 *
 * Per doc the host holds one Y.Doc and one Awareness. On connect it sends sync step 1 and the
 * awareness states it knows; it answers step 1 with step 2, applies step 2 and updates (origin:
 * the socket), stores each resulting update, then relays it to the doc's other sockets. Awareness
 * updates go to every socket of the doc, the sender included (y-websocket's client counts them as
 * signs of life and reconnects after 30 s of silence).
 *
 * The host pulls as well: it sends a doc's sockets sync step 1 again, and y-websocket answers with
 * whatever that laptop holds and the host lacks. Laptops send the host only their own changes
 * (renderer/live/transport.ts), so a note that reached Bram only over WebRTC, from Amira whose
 * relay socket cannot open, reaches the host this way. An answer carries the laptop's whole delete
 * set (y-protocols has no smaller question): 7 KB for a board of 60 worked notes. So the host pulls
 * every pullIntervalMs (2 s) only while the doc's WebRTC room holds more laptops than its relay
 * sockets (or did in the last WEBRTC_ONLY_GRACE_MS), and every idlePullIntervalMs (30 s) otherwise.
 *
 * Changes whose predecessors the host lacks are never kept (missing.ts): an update that could not
 * be integrated at all is refused before it is applied, what Yjs keeps aside of another is
 * dropped, and the sender is asked at once for what the host lacks. A socket that sends more of
 * them than missingBytesBurst/missingBytesPerSecond allow is closed (1008).
 *
 * Versions (shared/schema/docVersion.ts): a doc is migrated when it is loaded, from disk or when a
 * socket first opens it. A doc whose version this host does not know (written by a newer app) is
 * kept as it is and never relayed: every socket on it is closed with RELAY_CLOSE.docTooNew
 * (`doc-too-new`), at once when it opens, and when such a version arrives while sockets are on it
 * (the update that brought it is stored, not relayed). Nothing is written into such a doc.
 *
 * Limits: frames over maxSyncMessageBytes close the socket (1009); a text frame (1003) or a frame
 * that does not decode (1007) closes it at once, before it touches the doc; message and byte rates
 * (1008; a message that changed nothing, an echo, costs a tenth of one — SocketBudget.refundEcho); a presence state over maxAwarenessStateBytes (1008); unknown message types (y-websocket's auth) are ignored; relayBufferCap
 * bytes queued for a socket that stopped reading terminates it; at most maxDocsPerSession boards
 * besides the session and room docs (503 for a new one beyond it).
 *
 * Quotas (issue 10, item 2; quota.ts, content.ts): sockets and unfinished messages per laptop
 * (SocketHub); a change that adds to a doc is refused when its laptop used its share of growth
 * (1008), when the doc or the session holds its byte cap (RELAY_CLOSE.docFull: nothing the doc
 * holds is lost, others read on), and what a board or room doc cannot hold by its schema
 * (shared/schema/docShape.ts) is left out of it. One socket brings at most maxPresencePerSocket
 * presence states into a doc; beyond that, or beyond maxAwarenessStatesPerDoc, new states are
 * refused (each socket's first always fits), never the socket.
 *
 * Roles (roles.ts): a socket opens only on a doc its token may read (403 otherwise; a board only
 * of a group the session doc has), and the host applies changes only from sockets that may write
 * the doc: what a read-only socket sends is dropped, counted when it would have changed the doc,
 * and such a socket is never asked for what the host lacks. A participant watching other groups'
 * boards while everyone follows the projector is let go when following ends (RELAY_CLOSE.notAllowed).
 * Nobody gives a presence state claiming a role or group that is not theirs (mayClaim).
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export interface RelayStats extends SocketCounters {
  docs: number;
  /** Updates written to the doc logs. */
  updatesStored: number;
  /** Sync and update messages that (partly) depended on changes the host lacks. */
  updatesMissingPredecessors: number;
  /** Sockets closed for sending more of those than their budget. */
  closedForMissing: number;
  /** Sync step 1 messages the host sent to ask a laptop for what it lacks (connects not counted). */
  pulls: number;
  /** Docs this host does not relay because their version is newer than it knows. */
  docsTooNew: number;
  /** Updates the host could not store (a full disk): held back, not relayed. */
  updatesUnstored: number;
  /** Docs whose last write failed: the host is not storing what the room writes right now. */
  docsUnstored: number;
  /**
   * Devices on the relay now: one per token's client (a laptop's sockets on several docs share
   * it), and each socket without a token on its own. What the host panel calls "verbonden".
   */
  devices: number;
  /**
   * Presence entries refused: a socket tried to remove or re-identify a state another socket owns,
   * to claim a role or group not its own, or to bring in more states than one socket or the doc may.
   */
  presenceRefused: number;
  /** Docs that refused growth at their own byte cap (maxDocBytes). */
  docsFull: number;
  /** Whether growth was refused because the session held maxSessionBytes. */
  sessionFull: boolean;
  /** Sockets closed for more growth than their laptop's share. */
  closedForGrowth: number;
  /** Structs left out of docs because their schema does not allow them (content.ts). */
  contentRefused: number;
  /** Changes sent on a doc the socket may only read: dropped, never applied or relayed. */
  writesRefused: number;
  /** Upgrades refused because the token may not read the doc. */
  readsRefused: number;
}

export interface Relay {
  /**
   * `docPath`: what follows SYNC_PATH_PREFIX in the request path, still percent-encoded; `access`:
   * what the socket's token allows (roles.ts).
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, docPath: string, access: Access): void;
  /** What the host's copy of the session doc says now (its groups; whether everyone follows). */
  sessionView(): Promise<SessionView>;
  /** The same, without waiting: no groups while the session doc is not loaded yet. */
  sessionViewNow(): SessionView;
  docNames(): string[];
  /**
   * Deletes these docs for good (the boards of groups the facilitator removed): closes their
   * sockets, drops them from memory without writing, deletes their files, and refuses them for as
   * long as this relay runs (a laptop that still holds such a board would otherwise upload it again).
   */
  forgetDocs(names: readonly string[]): Promise<void>;
  /**
   * The doc's WebRTC room (its y-webrtc signaling topic) went from the laptops `before` to `after`
   * (their tokens' clients, Access.client). One in the room without a relay socket on the doc is
   * on WebRTC only.
   */
  roomChanged(docName: string, before: readonly string[], after: readonly string[]): void;
  stats(): RelayStats;
  /** Closes every socket, then writes and closes every doc's log. */
  stop(): Promise<void>;
}

export interface RelayOptions {
  readonly sessionId: string;
  readonly dataDir: string;
  readonly tuning: HostTuning;
  readonly warn?: (message: string) => void;
  /** Who a socket belongs to, for the shares (quota.ts); default: its remote address. */
  readonly clientKey?: ClientKeyOf;
}

interface SharedDoc {
  readonly name: string;
  readonly kind: DocKind;
  /** The doc's version is newer than this host knows: it is kept, never relayed. */
  tooNew: boolean;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly log: DocLog;
  readonly sockets: Set<RelayPeer>;
  /** When the doc's WebRTC room last held more laptops than its relay sockets (performance.now()). */
  webrtcOnlySeen: number;
  /** When the host last asked all of the doc's sockets for what it lacks. */
  lastPullAll: number;
  /** Updates were held back because the disk refused them; a resync follows once it takes one again. */
  unstored: boolean;
  /** While `unstored`: the next try to store what was held back, whether or not anyone writes. */
  storeRetry: NodeJS.Timeout | null;
  /** Presence: the socket that first gave each awareness client id a state (see ownPresence). */
  readonly presenceOwner: Map<number, RelayPeer>;
  /** The doc refused growth at its own byte cap. */
  full: boolean;
  /** The doc refused content its schema does not allow (warned once). */
  contentWarned: boolean;
}

interface RelayPeer extends Peer {
  readonly shared: SharedDoc;
  /** The laptop it belongs to (quota.ts). */
  readonly client: Client;
  readonly access: Access;
  /** This socket's changes are applied (mayWrite); a read-only socket's are dropped. */
  readonly writable: boolean;
  readonly budget: SocketBudget;
  /** Awareness client ids this socket has spoken for; removed when it goes. */
  readonly controlled: Set<number>;
  /** Changes (doc or awareness) this socket caused; unchanged by a message means it was an echo. */
  effects: number;
  /** Bytes this socket may still send that depend on changes the host lacks. */
  readonly missingBudget: TokenBucket;
  /** When the host last asked this socket for what it lacks (performance.now()). */
  lastPull: number;
  /** A pull waiting for MIN_PULL_GAP_MS to pass since the last one. */
  pullTimer: NodeJS.Timeout | null;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the host's state vector, to which y-websocket answers with what the host lacks. */
function syncStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** A socket that just sent changes with missing predecessors is asked again at most this often. */
const MIN_PULL_GAP_MS = 250;
/**
 * Pulls stay frequent this long after a laptop on WebRTC only was last seen in a doc's room: what it
 * wrote just before it closed its lid is still on the others' laptops only.
 */
const WEBRTC_ONLY_GRACE_MS = 10_000;

/** A well-formed message the host will not take (closes with 1008 instead of 1007). */
class OverLimit extends Error {}

/**
 * Decodes an awareness update completely (ids, clocks, JSON states) before it is applied: garbage
 * throws, an oversized state throws OverLimit.
 */
/** Who is in a state, as the UI shows them: its `user` (name, colour, group, role). */
function identityOf(json: string): string {
  const state = JSON.parse(json) as { user?: unknown } | null;
  return JSON.stringify(state && typeof state === 'object' ? (state.user ?? null) : null);
}

/**
 * Checks a presence update from `peer` against the limits (a state over maxAwarenessStateBytes:
 * OverLimit; new states beyond maxPresencePerSocket for this socket or maxAwarenessStatesPerDoc for
 * the doc are refused, but never a socket's first: issue 10, item 2) and keeps only what this socket may say
 * (issue 10, item 5: any socket could rewrite or remove anyone's presence). A client id belongs to
 * the socket that last gave it a state when it had none, while that socket is open; another socket may still pass
 * that person's state along (y-websocket re-sends every state it hears, also over WebRTC, and echoes
 * the host's), but not remove it, nor change who it says they are (`user`). Returns the update
 * re-encoded with what is kept (null when nothing is), and how many entries were refused.
 */
function ownPresence(update: Uint8Array, shared: SharedDoc, peer: RelayPeer, tuning: HostTuning): { kept: Uint8Array | null; refused: number } {
  const { awareness, presenceOwner } = shared;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; json: string }[] = [];
  let added = 0;
  let refused = 0;
  /** States this socket brought into the doc that are still there; counted when first needed. */
  let owned = -1;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > tuning.maxAwarenessStateBytes) throw new OverLimit('awareness state too large');
    const owner = presenceOwner.get(clientId);
    const current = awareness.states.get(clientId);
    // A state that is gone (it timed out, or its laptop took it back) has nothing left to guard:
    // a laptop back from a network drop reaches the host on a new socket while its old one still
    // looks open, and must be seen again at once.
    if (owner && owner !== peer && !owner.closed && current !== undefined) {
      const removal = JSON.parse(json) === null;
      if (removal || identityOf(json) !== JSON.stringify(current.user ?? null)) {
        refused++;
        continue;
      }
    } else if (!mayClaim(peer.access, JSON.parse(identityOf(json)))) {
      refused++;
      continue;
    }
    if (JSON.parse(json) !== null && !awareness.states.has(clientId) && !entries.some((e) => e.clientId === clientId)) {
      if (owned < 0) owned = ownedBy(shared, peer);
      // Its first state always fits (a newcomer is never shut out by what others did); beyond it,
      // at most maxPresencePerSocket, and not past the doc's cap. The excess is refused, not the socket.
      if (owned > 0 && (owned >= tuning.maxPresencePerSocket || awareness.states.size + added >= tuning.maxAwarenessStatesPerDoc)) {
        refused++;
        continue;
      }
      owned++;
      added++;
    }
    entries.push({ clientId, clock, json });
  }
  for (const { clientId, json } of entries) {
    const owner = presenceOwner.get(clientId);
    if (JSON.parse(json) !== null && (!owner || owner.closed || !awareness.states.has(clientId))) presenceOwner.set(clientId, peer);
  }
  if (entries.length === 0) return { kept: null, refused };
  if (refused === 0) return { kept: update, refused };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return { kept: encoding.toUint8Array(encoder), refused };
}

/** Presence states `peer` brought into the doc that are there now. */
function ownedBy(shared: SharedDoc, peer: RelayPeer): number {
  let owned = 0;
  for (const [clientId, owner] of shared.presenceOwner) if (owner === peer && shared.awareness.states.has(clientId)) owned++;
  return owned;
}

/**
 * Would `update` change `doc`? Structs past the doc's state vector, or a deletion the doc does not
 * have yet (each deleted range is looked at by its first and last clock: enough to count attempts).
 */
function bringsNew(doc: Y.Doc, update: Uint8Array, ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
    if (clock > (known.get(client) ?? 0)) return true;
  }
  if (ds.clients.size === 0) return false;
  const deleted = Y.snapshot(doc).ds;
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      if (!Y.isDeleted(deleted, Y.createID(client, clock)) || !Y.isDeleted(deleted, Y.createID(client, clock + len - 1))) return true;
    }
  }
  return false;
}

/** Devices with a socket on any of `docs` (see RelayStats.devices). */
function countDevices(docs: Iterable<SharedDoc>): number {
  const clients = new Set<string>();
  let guests = 0;
  for (const shared of docs) {
    for (const peer of shared.sockets) {
      if (peer.access.client === '') guests++;
      else clients.add(peer.access.client);
    }
  }
  return clients.size + guests;
}

function decodeDocPath(docPath: string): string | null {
  try {
    return decodeURIComponent(docPath);
  } catch {
    return null;
  }
}

export async function createRelay(options: RelayOptions): Promise<Relay> {
  const { sessionId, dataDir, tuning } = options;
  const warn = options.warn ?? ((message: string) => console.warn(`Bouwplaats host: ${message}`));
  const docs = new Map<string, Promise<SharedDoc>>();
  const loaded = new Map<string, SharedDoc>();
  let updatesStored = 0;
  let updatesUnstored = 0;
  let presenceRefused = 0;
  let writesRefused = 0;
  let readsRefused = 0;
  let updatesMissingPredecessors = 0;
  let closedForMissing = 0;
  let pulls = 0;
  let closedForGrowth = 0;
  let contentRefused = 0;
  let sessionFull = false;
  let stopping = false;
  const guard = new WriteGuard(
    new StorageQuota(tuning.maxDocBytes, tuning.maxSessionBytes, () => [...loaded.values()].map((d) => d.log)),
    new GrowthShares(tuning.growthBurstBytes, tuning.growthBytesPerSecond),
  );
  /** Docs deleted while this relay runs (forgetDocs): never opened again. */
  const forgotten = new Set<string>();
  /** The laptops (Access.client) in each doc's WebRTC room, as signaling last told (docs not opened here included). */
  const rooms = new Map<string, readonly string[]>();

  /**
   * Marks the doc when one of `laptops` in its WebRTC room has no relay socket on it (a laptop is
   * known by its token's client; one without a token cannot be matched and counts as missing).
   */
  const compareRoom = (shared: SharedDoc, laptops = rooms.get(shared.name) ?? []) => {
    const onRelay = new Set([...shared.sockets].map((peer) => peer.access.client));
    if (laptops.some((client) => client === '' || !onRelay.has(client))) shared.webrtcOnlySeen = performance.now();
  };

  await mkdir(sessionDir(dataDir, sessionId), { recursive: true, mode: DIR_MODE });

  /** Closes every socket on a doc this host must not relay (see the file comment). */
  const refuseTooNew = (shared: SharedDoc) => {
    if (!shared.tooNew) warn(`${shared.name} was written by a newer Bouwplaats; it is kept but not relayed.`);
    shared.tooNew = true;
    for (const peer of [...shared.sockets]) hub.drop(peer, RELAY_CLOSE.docTooNew, RELAY_CLOSE_REASON.docTooNew, null);
  };

  /**
   * What was held back is on disk again, in a snapshot that holds it: every socket syncs afresh
   * (y-websocket reconnects by itself) and so gets it.
   */
  const storedAgain = (shared: SharedDoc) => {
    shared.unstored = false;
    if (shared.storeRetry) clearTimeout(shared.storeRetry);
    shared.storeRetry = null;
    for (const peer of [...shared.sockets]) hub.drop(peer, RELAY_CLOSE.resync, RELAY_CLOSE_REASON.resync, null);
  };

  /**
   * Tries again and again to store what the disk refused, also when nobody writes any more: the
   * facilitator frees space and the held-back notes must reach the disk and the other laptops by
   * themselves (the host panel promises so).
   */
  const retryStoring = (shared: SharedDoc) => {
    if (shared.storeRetry) return;
    shared.storeRetry = setTimeout(() => {
      shared.storeRetry = null;
      if (!shared.unstored || loaded.get(shared.name) !== shared) return;
      if (shared.log.compact()) storedAgain(shared);
      else retryStoring(shared);
    }, SNAPSHOT_RETRY_GAP_MS);
    shared.storeRetry.unref();
  };

  const loadDoc = async (name: string): Promise<SharedDoc> => {
    const kind = parseDocName(name)?.kind;
    if (!kind) throw new Error(`not a doc name: ${name}`);
    const doc = new Y.Doc();
    const log = await DocLog.open(docFilePath(dataDir, sessionId, name), doc, {
      compactAfterBytes: tuning.compactAfterBytes,
      fsyncDelayMs: tuning.fsyncDelayMs,
      warn,
    });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const shared: SharedDoc = {
      name,
      kind,
      tooNew: false,
      doc,
      awareness,
      log,
      sockets: new Set(),
      webrtcOnlySeen: -Infinity,
      lastPullAll: performance.now(),
      unstored: false,
      storeRetry: null,
      presenceOwner: new Map(),
      full: false,
      contentWarned: false,
    };

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (shared.sockets.has(origin as RelayPeer)) guard.grew((origin as RelayPeer).client, update.byteLength);
      // Stored first: nobody sees an update the host could still lose in a crash. One the disk
      // refused is held back (its laptop keeps it, and WebRTC still carries it).
      if (!log.append(update)) {
        updatesUnstored++;
        if (!shared.unstored) warn(`${shared.name}: the disk refused a write; updates are held back until it takes them again.`);
        shared.unstored = true;
        retryStoring(shared);
        return;
      }
      updatesStored++;
      if (shared.unstored) {
        storedAgain(shared);
        return;
      }
      if (shared.tooNew || docAccess(doc, kind).readOnly) {
        refuseTooNew(shared);
        return;
      }
      if (shared.sockets.has(origin as RelayPeer)) (origin as RelayPeer).effects++;
      const message = frame((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, SYNC_UPDATE);
        encoding.writeVarUint8Array(e, update);
      });
      for (const peer of shared.sockets) if (peer !== origin) hub.send(peer, message, true);
    });

    awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const peer = shared.sockets.has(origin as RelayPeer) ? (origin as RelayPeer) : null;
      const changed = [...change.added, ...change.updated, ...change.removed];
      if (changed.length === 0) return;
      if (peer) {
        peer.effects++;
        for (const id of [...change.added, ...change.updated]) peer.controlled.add(id);
        for (const id of change.removed) peer.controlled.delete(id);
      }
      const message = frame((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      });
      for (const receiver of shared.sockets) hub.send(receiver, message, true);
    });

    if (kind === 'session') {
      // Following the projector ended: participants stop watching the other groups' boards.
      runMap(doc).observe(() => {
        if (readRun(doc).follow) return;
        for (const board of loaded.values()) {
          const ref = parseDocName(board.name);
          if (ref?.kind !== 'board') continue;
          for (const peer of [...board.sockets]) {
            if (peer.access.role === 'participant' && peer.access.groupId !== ref.groupId) hub.drop(peer, RELAY_CLOSE.notAllowed, RELAY_CLOSE_REASON.notAllowed, null);
          }
        }
      });
    }

    // After the listeners: what a migration writes is stored like any other change.
    if (migrate(doc, kind).access.readOnly) refuseTooNew(shared);
    loaded.set(name, shared);
    return shared;
  };

  const getDoc = (name: string): Promise<SharedDoc> => {
    let pending = docs.get(name);
    if (!pending) {
      pending = loadDoc(name);
      docs.set(name, pending);
      pending.catch(() => docs.delete(name));
    }
    return pending;
  };

  const awarenessFrame = (shared: SharedDoc): Uint8Array | null => {
    const ids = [...shared.awareness.getStates().keys()];
    if (ids.length === 0) return null;
    return frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, ids));
    });
  };

  const pull = (peer: RelayPeer, message: Uint8Array) => {
    peer.lastPull = performance.now();
    if (hub.send(peer, message, true)) pulls++;
  };

  /** Asks `peer` for what the host lacks now, or once MIN_PULL_GAP_MS has passed since the last ask. */
  const pullSoon = (peer: RelayPeer) => {
    if (peer.pullTimer) return;
    const wait = peer.lastPull + MIN_PULL_GAP_MS - performance.now();
    if (wait <= 0) {
      pull(peer, syncStep1(peer.shared.doc));
      return;
    }
    peer.pullTimer = setTimeout(() => {
      peer.pullTimer = null;
      pull(peer, syncStep1(peer.shared.doc));
    }, wait);
    peer.pullTimer.unref();
  };

  /**
   * Applies a sync step 2 or update from `peer`, keeping nothing Yjs would have to keep aside for
   * missing predecessors (see missing.ts). `update` has been decoded whole already.
   */
  const applyFromPeer = (peer: RelayPeer, given: Uint8Array, decoded: ReturnType<typeof Y.decodeUpdate>, own: boolean) => {
    const { doc, log, kind } = peer.shared;
    const verdict = guard.check(doc, log, DOC_SHAPES[kind], peer.client, given, decoded, own);
    if (verdict.refusal) noteRefusal(peer, verdict);
    const { update } = verdict;
    if (update) applyChecked(peer, update, decoded.structs);
    if (verdict.close) hub.drop(peer, verdict.close.code, verdict.close.reason, null);
  };

  /** Counts and logs (once per doc and kind) why the guard refused (part of) a change. */
  const noteRefusal = (peer: RelayPeer, verdict: ReturnType<WriteGuard['check']>) => {
    const { shared } = peer;
    if (verdict.refusal === 'growth') closedForGrowth++;
    if (verdict.refusal === 'doc-full' && !shared.full) {
      shared.full = true;
      warn(`${shared.name} holds ${shared.log.size} bytes, its cap: it takes no more growth; what it holds is kept.`);
    }
    if (verdict.refusal === 'session-full' && !sessionFull) {
      sessionFull = true;
      warn(`the session's docs hold their cap of ${tuning.maxSessionBytes} bytes: they take no more growth; what they hold is kept.`);
    }
    if (verdict.refusal === 'content') {
      contentRefused += verdict.refusedStructs;
      if (!shared.contentWarned) warn(`${shared.name}: left out what its schema does not allow (${verdict.problem}).`);
      shared.contentWarned = true;
    }
  };

  /** Applies an update the guard let through (structs: the decoded original's; ids are the same). */
  const applyChecked = (peer: RelayPeer, update: Uint8Array, structs: ReturnType<typeof Y.decodeUpdate>['structs']) => {
    const { doc } = peer.shared;
    const before = peer.effects;
    let missing: number;
    if (startsAfterDoc(doc, structs)) {
      missing = update.byteLength;
    } else {
      Y.applyUpdate(doc, update, peer);
      missing = dropPending(doc);
    }
    if (missing === 0) {
      if (peer.effects === before) peer.budget.refundEcho();
      return;
    }
    updatesMissingPredecessors++;
    if (!peer.missingBudget.take(missing)) {
      closedForMissing++;
      hub.drop(peer, CLOSE.policy, 'update depends on changes the host is missing', null);
      return;
    }
    // Its answer carries every predecessor the host lacks (a diff against the host's state vector).
    pullSoon(peer);
  };

  const onMessage = (peer: RelayPeer, data: Buffer, isBinary: boolean) => {
    if (!peer.budget.take(data.byteLength)) {
      hub.drop(peer, CLOSE.policy, 'rate limit', 'closedForRate');
      return;
    }
    if (!isBinary) {
      hub.drop(peer, CLOSE.unsupportedData, 'binary frames only', 'closedForInvalid');
      return;
    }
    const { doc, awareness } = peer.shared;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          const diff = Y.encodeStateAsUpdate(doc, stateVector);
          hub.send(
            peer,
            frame((e) => {
              encoding.writeVarUint(e, MESSAGE_SYNC);
              encoding.writeVarUint(e, SYNC_STEP2);
              encoding.writeVarUint8Array(e, diff);
            }),
            true,
          );
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(decoder);
          // Decode it whole before it touches the doc: garbage is refused, not half-applied.
          const decoded = Y.decodeUpdate(update);
          if (!peer.writable) {
            // A read-only doc: its copy on a laptop may hold what that laptop wrote itself (a
            // migration, an old app's edit), which is never taken; only attempts are counted.
            if (bringsNew(doc, update, decoded.ds)) writesRefused++;
            return;
          }
          applyFromPeer(peer, update, decoded, step === SYNC_UPDATE);
        } else {
          throw new Error(`unknown sync step ${step}`);
        }
      } else if (type === MESSAGE_AWARENESS) {
        const { kept, refused } = ownPresence(decoding.readVarUint8Array(decoder), peer.shared, peer, tuning);
        presenceRefused += refused;
        const before = peer.effects;
        if (kept) awarenessProtocol.applyAwarenessUpdate(awareness, kept, peer);
        if (peer.effects === before) peer.budget.refundEcho();
      } else if (type === MESSAGE_QUERY_AWARENESS) {
        const reply = awarenessFrame(peer.shared);
        if (reply) hub.send(peer, reply, true);
      } else {
        hub.counters.invalidMessages++;
      }
    } catch (error) {
      if (error instanceof OverLimit) hub.drop(peer, CLOSE.policy, error.message, 'closedForInvalid');
      else hub.drop(peer, CLOSE.invalidPayload, 'undecodable message', 'closedForInvalid');
    }
  };

  const hub: SocketHub<RelayPeer> = new SocketHub<RelayPeer>({
    maxPayload: LIVE_LIMITS.maxSyncMessageBytes,
    shares: {
      maxClients: tuning.maxClients,
      socketsPerClient: tuning.relaySocketsPerClient,
      reservedForLocal: tuning.socketsReservedForLocal,
      unfinishedBytesPerClient: tuning.maxUnfinishedBytesPerClient,
    },
    clientKey: options.clientKey ?? clientByAddress,
    heartbeatMs: tuning.heartbeatMs,
    bufferCap: tuning.relayBufferCap,
    closeGraceMs: tuning.closeGraceMs,
    create: (ws: WebSocket, _request, context, client) => ({
      ws,
      closed: false,
      alive: true,
      graceTimer: null,
      ...(context as Pick<RelayPeer, 'shared' | 'access' | 'writable'>),
      client,
      controlled: new Set(),
      effects: 0,
      missingBudget: new TokenBucket(tuning.missingBytesBurst, tuning.missingBytesPerSecond),
      lastPull: -Infinity,
      pullTimer: null,
      budget: new SocketBudget(
        LIVE_LIMITS.maxMessagesPerSecond,
        tuning.rateBurstSeconds,
        tuning.relayBytesPerSecond,
        2 * LIVE_LIMITS.maxSyncMessageBytes,
      ),
    }),
    onMessage,
    onOpen: (peer) => {
      const { shared } = peer;
      if (shared.tooNew) {
        hub.drop(peer, RELAY_CLOSE.docTooNew, RELAY_CLOSE_REASON.docTooNew, null);
        return;
      }
      shared.sockets.add(peer);
      // Only a socket whose changes the host takes is asked for them.
      if (peer.writable) hub.send(peer, syncStep1(shared.doc), true);
      const states = awarenessFrame(shared);
      if (states) hub.send(peer, states, true);
    },
    onClose: (peer) => {
      if (peer.pullTimer) clearTimeout(peer.pullTimer);
      peer.shared.sockets.delete(peer);
      compareRoom(peer.shared);
      // Its people leave with it; a state it only passed along stays with the socket that owns it.
      const { presenceOwner } = peer.shared;
      const gone = [...peer.controlled].filter((id) => {
        const owner = presenceOwner.get(id);
        return owner === undefined || owner === peer || owner.closed;
      });
      for (const [clientId, owner] of presenceOwner) if (owner === peer) presenceOwner.delete(clientId);
      if (gone.length > 0) awarenessProtocol.removeAwarenessStates(peer.shared.awareness, gone, null);
    },
  });

  const closeDocs = () => {
    for (const shared of loaded.values()) {
      if (shared.storeRetry) clearTimeout(shared.storeRetry);
      shared.log.close();
      shared.awareness.destroy();
      shared.doc.destroy();
    }
    loaded.clear();
    docs.clear();
  };

  // Every doc this session stored before (a restart of the host) is back before anyone connects.
  try {
    const stored = (await listStoredDocs(dataDir, sessionId)).filter((name) => isDocOfSession(name, sessionId));
    const boards = stored.filter((name) => parseDocName(name)?.kind === 'board');
    if (boards.length > LIVE_LIMITS.maxDocsPerSession) {
      warn(`${boards.length} boards stored for session ${sessionId}; only the first ${LIVE_LIMITS.maxDocsPerSession} are served.`);
    }
    for (const name of stored.filter((n) => !boards.includes(n))) await getDoc(name);
    for (const name of boards.slice(0, LIVE_LIMITS.maxDocsPerSession)) await getDoc(name);
  } catch (error) {
    // A start that fails must not keep the logs it opened (or the heartbeat) for good.
    await hub.stop();
    closeDocs();
    throw error;
  }

  const pullTimer = setInterval(() => {
    const now = performance.now();
    for (const shared of loaded.values()) {
      if (shared.sockets.size === 0) continue;
      compareRoom(shared);
      const due = now - shared.webrtcOnlySeen <= WEBRTC_ONLY_GRACE_MS || now - shared.lastPullAll >= tuning.idlePullIntervalMs;
      if (!due) continue;
      shared.lastPullAll = now;
      const message = syncStep1(shared.doc);
      for (const peer of shared.sockets) if (peer.writable) pull(peer, message);
    }
  }, tuning.pullIntervalMs);
  pullTimer.unref();

  const viewOf = (doc: Y.Doc | undefined): SessionView => ({
    hasGroup: (groupId) => doc !== undefined && groupsMap(doc).has(groupId),
    follow: doc !== undefined && readRun(doc).follow,
  });
  const sessionView = async (): Promise<SessionView> => viewOf((await getDoc(sessionDocName(sessionId))).doc);

  return {
    sessionView,
    sessionViewNow: () => viewOf(loaded.get(sessionDocName(sessionId))?.doc),
    handleUpgrade(request, socket, head, docPath, access) {
      const name = decodeDocPath(docPath);
      const ref = name === null ? null : parseDocName(name);
      if (name === null || ref === null || !isDocOfSession(name, sessionId)) {
        refuseUpgrade(socket, 404, 'Dit document hoort niet bij deze sessie.');
        return;
      }
      // Allowed first, so that made-up board ids never take one of the session's doc slots.
      const open = async (): Promise<void> => {
        const refusedNow = (): boolean => {
          if (stopping) refuseUpgrade(socket, 503, 'De sessie stopt.');
          else if (forgotten.has(name)) refuseUpgrade(socket, 410, 'Dit document is verwijderd.');
          else return false;
          return true;
        };
        if (refusedNow()) return;
        if (!mayRead(access, ref, await sessionView())) {
          readsRefused++;
          refuseUpgrade(socket, 403, 'Dit document is niet voor deze laptop.');
          return;
        }
        if (refusedNow()) return;
        const boards = [...docs.keys()].filter((n) => parseDocName(n)?.kind === 'board').length;
        if (ref.kind === 'board' && !docs.has(name) && boards >= LIVE_LIMITS.maxDocsPerSession) {
          refuseUpgrade(socket, 503, 'Te veel documenten in deze sessie.');
          return;
        }
        const shared = await getDoc(name);
        if (refusedNow()) return;
        hub.upgrade(request, socket, head, { shared, access, writable: mayWrite(access, ref) });
      };
      open().catch((error: unknown) => {
        warn(`could not open ${name}: ${error instanceof Error ? error.message : String(error)}`);
        refuseUpgrade(socket, 503, 'Document kon niet worden geopend.');
      });
    },
    docNames: () => [...loaded.keys()].sort(),
    async forgetDocs(names) {
      for (const name of names) {
        if (!isDocOfSession(name, sessionId)) continue;
        forgotten.add(name);
        const pending = docs.get(name);
        docs.delete(name);
        const shared = await pending?.catch(() => null);
        if (!shared) continue;
        loaded.delete(name);
        if (shared.storeRetry) clearTimeout(shared.storeRetry);
        for (const peer of [...shared.sockets]) hub.drop(peer, CLOSE.goingAway, 'document deleted', null);
        shared.log.discard();
        shared.awareness.destroy();
        shared.doc.destroy();
      }
      await forgetStoredDocs(dataDir, sessionId, names.filter((name) => isDocOfSession(name, sessionId)));
    },
    roomChanged(docName, before, after) {
      if (after.length > 0) rooms.set(docName, after);
      else rooms.delete(docName);
      const shared = loaded.get(docName);
      // One who just left the room may have written last over WebRTC only.
      if (shared) compareRoom(shared, [...new Set([...before, ...after])]);
    },
    stats: () => ({
      ...hub.counters,
      docs: loaded.size,
      updatesStored,
      updatesMissingPredecessors,
      closedForMissing,
      pulls,
      docsTooNew: [...loaded.values()].filter((d) => d.tooNew).length,
      updatesUnstored,
      presenceRefused,
      writesRefused,
      readsRefused,
      docsUnstored: [...loaded.values()].filter((d) => d.log.failing).length,
      devices: countDevices(loaded.values()),
      docsFull: [...loaded.values()].filter((d) => d.full).length,
      sessionFull,
      closedForGrowth,
      contentRefused,
    }),
    async stop() {
      stopping = true;
      clearInterval(pullTimer);
      await hub.stop();
      await Promise.allSettled(docs.values());
      closeDocs();
    },
  };
}
