import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { boardDocName, parseDocName, sessionDocName } from '../../shared/schema/docNames';
import { groupsMap } from '../../shared/schema/group';
import { countNotes } from '../../shared/schema/note';
import { recordBoardNoteCount } from '../docs/library';
import { acquireDoc } from '../docs/openDoc';
import { readSessionMeta } from '../../shared/schema/session';
import { platform } from '../platform';
import { fetchLiveInfo, JoinFailure } from './joinApi';
import { loadMembership, type Membership } from './membership';
import { connectDoc, type ConnectionState, type DocConnection, type Transport } from './transport';

/**
 * What this device's live connection is, as people need to hear it:
 * - `live`: synced with the host; `peers-only`: only with other laptops over WebRTC;
 * - `offline`: this device has no network; `host-down`: it has, but the host does not answer;
 * - `stopped`: the host answers but this session is not live (the facilitator pressed "Stoppen");
 *   everything resumes by itself when it is live again with the same code;
 * - `code-invalid`: the session got a new code (or the host no longer knows ours): rejoin;
 * - `locked`: the host refuses this address for a minute after too many wrong codes;
 * - `other-version`: the host runs a Bouwplaats with another protocol version: one of the two apps
 *   must be updated (nothing syncs through the host until then);
 * - `host-too-old`: the host refuses to relay a doc here because it was written by a newer
 *   Bouwplaats than the host's (RELAY_CLOSE.docTooNew): the facilitator must update.
 */
export type LiveStatus =
  | 'connecting'
  | 'live'
  | 'peers-only'
  | 'offline'
  | 'host-down'
  | 'stopped'
  | 'code-invalid'
  | 'locked'
  | 'other-version'
  | 'host-too-old';

/** What the last look at the host (GET /api/live) said, while the relay was not connected. */
type HostCheck = 'unknown' | 'ok' | 'unreachable' | 'stopped' | 'code-invalid' | 'locked' | 'other-version';

const HOST_CHECK_DELAY_MS = 2500;
const HOST_CHECK_EVERY_MS = 3000;
const LOCKED_CHECK_EVERY_MS = 30_000;

export interface LiveSnapshot {
  status: LiveStatus;
  /** Laptops this device is connected to directly over WebRTC (most on any one doc). */
  peers: number;
}

/** What each person shares about themselves on a doc (y-protocols awareness). */
export interface PresenceUser {
  name: string;
  colour: string;
  domain?: string;
  role: Membership['role'];
  /** A participant's subgroup (the join screen counts who is in which group). */
  groupId?: string;
}

/** How `membership` shows itself to others: on the session doc always, on a board while on it. */
export function presenceUser(m: Membership): PresenceUser {
  return {
    name: m.name ?? '',
    colour: m.colour,
    role: m.role,
    ...(m.domain ? { domain: m.domain } : {}),
    ...(m.groupId ? { groupId: m.groupId } : {}),
  };
}
export interface PresenceState {
  user?: PresenceUser;
  /** Pointer in board coordinates, while it is over the board. */
  cursor?: { x: number; y: number } | null;
  /** The note this person is typing in. */
  editing?: string | null;
}

interface Linked {
  /** Null while the doc is still being opened (the entry reserves its name). */
  connection: DocConnection | null;
  release: () => void;
  offState: () => void;
}

/**
 * One live session on this device: the session doc plus the boards this person syncs — their own
 * group's board, or every board for the facilitator. Docs stay in IndexedDB as always, so work
 * done offline is kept and merges when the connection returns.
 */
export class LiveRoom {
  private readonly linked = new Map<string, Linked>();
  private readonly listeners = new Set<(snapshot: LiveSnapshot) => void>();
  private snapshot: LiveSnapshot = { status: 'connecting', peers: 0 };
  private destroyed = false;
  private sessionDoc: Y.Doc | null = null;
  private everConnected = false;
  private readonly transport: Transport;
  private hostCheck: HostCheck = 'unknown';
  private hostTimer: ReturnType<typeof setTimeout> | null = null;
  /** Connections were paused because the code will never work again (not because of the network). */
  private heldBack = false;

  constructor(readonly membership: Membership) {
    this.transport = { kind: 'lan', hostUrl: membership.hostUrl, code: membership.code };
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
  }

  /**
   * The device lost its network (Wi-Fi dropped): say so at once instead of waiting for sockets to
   * time out, and reconnect when it returns. Work goes on in the local docs meanwhile.
   */
  private readonly onOffline = (): void => {
    for (const { connection } of this.linked.values()) connection?.pause();
  };

  private readonly onOnline = (): void => {
    if (this.heldBack) return;
    for (const { connection } of this.linked.values()) connection?.resume();
  };

  /**
   * While the relay is not connected, asks the host now and then what is wrong (the sockets
   * themselves cannot tell: a browser hides why an upgrade was refused). The host counts none of
   * these as guesses for a code it gave out, so this never locks the laptop out.
   */
  private scheduleHostCheck(delay: number): void {
    if (this.hostTimer || this.destroyed) return;
    this.hostTimer = setTimeout(() => void this.checkHost(), delay);
  }

  private async checkHost(): Promise<void> {
    this.hostTimer = null;
    if (this.destroyed || this.snapshot.status === 'live') return;
    if (!navigator.onLine) return this.scheduleHostCheck(HOST_CHECK_EVERY_MS);
    let next: HostCheck;
    try {
      const info = await fetchLiveInfo(this.membership.hostUrl, this.membership.code);
      next = info.sessionId === this.membership.sessionId ? 'ok' : 'code-invalid';
    } catch (error) {
      const reason = error instanceof JoinFailure ? error.reason : 'unreachable';
      next = reason === 'notLive' ? 'stopped' : reason === 'code' || reason === 'codeReplaced' ? 'code-invalid' : reason === 'tooMany' ? 'locked' : reason === 'version' ? 'other-version' : 'unreachable';
    }
    if (this.destroyed || this.getSnapshot().status === 'live') return;
    this.hostCheck = next;
    if (next === 'stopped' && this.membership.role === 'facilitator') this.resumeHosting();
    if (next === 'code-invalid' || next === 'other-version') {
      // Final: stop knocking with a dead code (the person rejoins with the new one), or with an app
      // the host will not take (until one of them is updated and the page reloaded).
      this.heldBack = true;
      for (const { connection } of this.linked.values()) connection?.pause();
    } else {
      this.scheduleHostCheck(next === 'locked' ? LOCKED_CHECK_EVERY_MS : HOST_CHECK_EVERY_MS);
    }
    this.recompute();
  }

  /**
   * The facilitator's own host answers but hosts nothing: it was restarted (the app or `npm run
   * serve`), not stopped from here (a stop leaves the room). Host again with the room's code, so
   * every laptop carries on by itself.
   */
  private resumeHosting(): void {
    const meta = this.sessionDoc ? readSessionMeta(this.sessionDoc) : null;
    if (!meta) return;
    const { sessionId, code } = this.membership;
    void loadMembership(sessionId).then((saved) => {
      // Stopped in another window of this app: that stop stands.
      if (this.destroyed || saved?.role !== 'facilitator' || saved.code !== code) return;
      return platform.startHosting({ sessionId, title: meta.title, code });
    }).catch(() => {});
  }

  async start(): Promise<void> {
    const name = sessionDocName(this.membership.sessionId);
    const doc = await this.link(name);
    if (!doc) return;
    this.sessionDoc = doc;
    if (this.membership.role === 'facilitator') {
      groupsMap(doc).observe(this.linkBoards);
      this.linkBoards();
    } else if (this.membership.groupId) {
      await this.link(boardDocName(this.membership.sessionId, this.membership.groupId));
    }
  }

  /** The facilitator follows every board, including groups added later. */
  private readonly linkBoards = (): void => {
    if (!this.sessionDoc) return;
    groupsMap(this.sessionDoc).forEach((_g, groupId) => {
      void this.link(boardDocName(this.membership.sessionId, groupId));
    });
  };

  private async link(docName: string): Promise<Y.Doc | null> {
    if (this.linked.has(docName) || this.destroyed) return null;
    this.linked.set(docName, { connection: null, release: () => {}, offState: () => {} });
    const { stored, release } = await acquireDoc(docName);
    if (this.destroyed) {
      release();
      return null;
    }
    const connection = connectDoc(this.transport, docName, stored.doc);
    if (!navigator.onLine || this.heldBack) connection.pause();
    const stopCounting = this.countNotesOf(docName, stored.doc);
    // Others see this person on a board only while they are on it (BoardScreen says so there).
    if (docName === sessionDocName(this.membership.sessionId)) {
      const awareness = connection.awareness;
      awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), user: presenceUser(this.membership) });
    }
    const offStateChange = connection.onState(() => this.recompute());
    const offState = () => {
      offStateChange();
      stopCounting();
    };
    this.linked.set(docName, { connection, release, offState });
    this.recompute();
    return stored.doc;
  }

  /** Keeps the library's note count of a board in step while others add to it. */
  private countNotesOf(docName: string, doc: Y.Doc): () => void {
    const ref = parseDocName(docName);
    if (ref?.kind !== 'board') return () => {};
    const { groupId } = ref;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const record = () => {
      timer = null;
      void recordBoardNoteCount(this.membership.sessionId, groupId, countNotes(doc)).catch(() => {});
    };
    const onUpdate = () => {
      timer ??= setTimeout(record, 500);
    };
    doc.on('update', onUpdate);
    record();
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }

  awarenessFor(docName: string): Awareness | null {
    return this.linked.get(docName)?.connection?.awareness ?? null;
  }

  getSnapshot(): LiveSnapshot {
    return this.snapshot;
  }

  onChange(listener: (snapshot: LiveSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(): void {
    const all: ConnectionState[] = [...this.linked.values()].flatMap((l) => (l.connection ? [l.connection.state()] : []));
    // A doc the host refuses for good does not make the host look down (see statusOf).
    const states = all.filter((s) => s.refused === null);
    const tooNew = states.length < all.length;
    const relay = states.length > 0 && states.every((s) => s.relay);
    const peers = Math.max(0, ...all.map((s) => s.peers));
    if (relay) {
      this.everConnected = true;
      this.hostCheck = 'ok';
      if (this.hostTimer) clearTimeout(this.hostTimer);
      this.hostTimer = null;
    } else if (states.length > 0 && !this.heldBack) {
      this.scheduleHostCheck(HOST_CHECK_DELAY_MS);
    }
    const status = tooNew && navigator.onLine ? 'host-too-old' : this.statusOf(relay, peers);
    if (status === this.snapshot.status && peers === this.snapshot.peers) return;
    this.snapshot = { status, peers };
    this.listeners.forEach((l) => l(this.snapshot));
  }

  private statusOf(relay: boolean, peers: number): LiveStatus {
    if (relay) return 'live';
    if (!navigator.onLine) return 'offline';
    switch (this.hostCheck) {
      case 'stopped':
      case 'code-invalid':
      case 'locked':
      case 'other-version':
        return this.hostCheck;
      case 'unreachable':
        return peers > 0 ? 'peers-only' : 'host-down';
      default:
        return peers > 0 ? 'peers-only' : this.everConnected ? 'host-down' : 'connecting';
    }
  }

  destroy(): void {
    this.destroyed = true;
    if (this.hostTimer) clearTimeout(this.hostTimer);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    if (this.sessionDoc && this.membership.role === 'facilitator') groupsMap(this.sessionDoc).unobserve(this.linkBoards);
    for (const { connection, release, offState } of this.linked.values()) {
      offState();
      connection?.destroy();
      release();
    }
    this.linked.clear();
    this.listeners.clear();
  }
}

const rooms = new Map<string, LiveRoom>();
const roomListeners = new Set<() => void>();

export function liveRoomFor(sessionId: string): LiveRoom | null {
  return rooms.get(sessionId) ?? null;
}

export function onRoomsChange(listener: () => void): () => void {
  roomListeners.add(listener);
  return () => roomListeners.delete(listener);
}

/** Joins (or rejoins) a live session on this device; one room per session. */
export async function enterRoom(membership: Membership): Promise<LiveRoom> {
  const existing = rooms.get(membership.sessionId);
  if (existing && JSON.stringify(existing.membership) === JSON.stringify(membership)) return existing;
  existing?.destroy();
  const room = new LiveRoom(membership);
  rooms.set(membership.sessionId, room);
  roomListeners.forEach((l) => l());
  await room.start();
  return room;
}

export function leaveRoom(sessionId: string): void {
  rooms.get(sessionId)?.destroy();
  rooms.delete(sessionId);
  roomListeners.forEach((l) => l());
}
