import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { groupsMap } from '../../shared/schema/group';
import { countNotes } from '../../shared/schema/note';
import { recordBoardNoteCount } from '../docs/library';
import { acquireDoc } from '../docs/openDoc';
import type { Membership } from './membership';
import { connectDoc, type ConnectionState, type DocConnection, type Transport } from './transport';

export type LiveStatus = 'connecting' | 'live' | 'peers-only' | 'offline';

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
    for (const { connection } of this.linked.values()) connection?.resume();
  };

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
    if (!navigator.onLine) connection.pause();
    const stopCounting = this.countNotesOf(docName, stored.doc);
    this.setLocalPresence(connection.awareness);
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
    const groupId = docName.startsWith(boardDocName(this.membership.sessionId, '')) ? docName.split('/').pop() : undefined;
    if (!groupId) return () => {};
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

  private setLocalPresence(awareness: Awareness): void {
    const m = this.membership;
    const user: PresenceUser = { name: m.name ?? '', colour: m.colour, role: m.role, ...(m.domain ? { domain: m.domain } : {}) };
    awareness.setLocalStateField('user', user);
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
    const states: ConnectionState[] = [...this.linked.values()].flatMap((l) => (l.connection ? [l.connection.state()] : []));
    const relay = states.length > 0 && states.every((s) => s.relay);
    const peers = Math.max(0, ...states.map((s) => s.peers));
    if (relay) this.everConnected = true;
    const status: LiveStatus = relay ? 'live' : peers > 0 ? 'peers-only' : this.everConnected ? 'offline' : 'connecting';
    if (status === this.snapshot.status && peers === this.snapshot.peers) return;
    this.snapshot = { status, peers };
    this.listeners.forEach((l) => l(this.snapshot));
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    if (this.sessionDoc) groupsMap(this.sessionDoc).unobserve(this.linkBoards);
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
