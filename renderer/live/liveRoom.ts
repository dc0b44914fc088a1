import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { boardDocName, parseDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { readRun, runMap } from '../../shared/schema/agenda';
import { docAccess } from '../../shared/schema/docVersion';
import { groupsMap, readGroups } from '../../shared/schema/group';
import { recordParticipant } from '../../shared/schema/participant';
import { readSessionMeta } from '../../shared/schema/session';
import type { DocHandle } from '../docs/sessionDocs';
import { setAbandonedNoteGate } from '../docs/freshNotes';
import { onSessionLeave, sessionDocs } from '../docs/sessions';
import { platform } from '../platform';
import { syncHostClock } from './hostClock';
import { fetchLiveInfo, joinGroup, JoinFailure } from './joinApi';
import { loadMembership, onMembershipElsewhere, saveMembership, type Membership } from './membership';
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
 *   Bouwplaats than the host's (RELAY_CLOSE.docTooNew): the facilitator must update;
 * - `doc-full`: the host keeps no more of what is written here: the doc or the session holds all
 *   the host keeps for it (RELAY_CLOSE.docFull; only someone filling it on purpose gets there).
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
  | 'host-too-old'
  | 'doc-full';

/**
 * What the last look at the host (GET /api/live) said, while the relay was not connected.
 * `bad-token`: the code is right but this device's token is not (the host lost its keys, the group
 * was removed): the device asks for a new one (renewToken).
 */
type HostCheck = 'unknown' | 'ok' | 'unreachable' | 'stopped' | 'code-invalid' | 'locked' | 'other-version' | 'bad-token';

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
  /**
   * Another group's board a participant only looks at while following the projector: its
   * connection does not count for what the live badge says about this person's own work.
   */
  watchOnly: boolean;
  release: () => void;
  offState: () => void;
}

/**
 * One live session on this device: the session doc, the room doc and the boards this person
 * syncs — their own group's board, or every board for the facilitator and the projector. Docs come
 * from the session's owner (SessionDocs) and stay in IndexedDB as always, so work done offline is
 * kept and merges when the connection returns. A participant records themselves in the room doc's
 * roster. While the facilitator has every laptop follow the projector (run.follow), a participant
 * also watches the other groups' boards (over the relay only, without presence) so the wall it is
 * shown is complete; they are let go when following ends.
 */
export class LiveRoom {
  private readonly linked = new Map<string, Linked>();
  private readonly listeners = new Set<(snapshot: LiveSnapshot) => void>();
  /** Told whenever a doc is linked or unlinked (its awareness comes or goes). */
  private readonly docListeners = new Set<() => void>();
  private stopRoster: (() => void) | null = null;
  private snapshot: LiveSnapshot = { status: 'connecting', peers: 0 };
  private destroyed = false;
  private sessionDoc: Y.Doc | null = null;
  private everConnected = false;
  private readonly transport: Extract<Transport, { kind: 'lan' }>;
  private hostCheck: HostCheck = 'unknown';
  private hostTimer: ReturnType<typeof setTimeout> | null = null;
  /** Connections were paused because the code will never work again (not because of the network). */
  private heldBack = false;

  constructor(readonly membership: Membership) {
    // Over the host's relay only; a participant's own board also over WebRTC (see Transport).
    this.transport = { kind: 'lan', hostUrl: membership.hostUrl, code: membership.code, ...(membership.token ? { token: membership.token } : {}) };
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
      const info = await fetchLiveInfo(this.membership.hostUrl, this.membership.code, this.membership.token);
      next = info.sessionId === this.membership.sessionId ? 'ok' : 'code-invalid';
    } catch (error) {
      const reason = error instanceof JoinFailure ? error.reason : 'unreachable';
      next =
        reason === 'notLive'
          ? 'stopped'
          : reason === 'code' || reason === 'codeReplaced'
            ? 'code-invalid'
            : reason === 'tooMany'
              ? 'locked'
              : reason === 'version'
                ? 'other-version'
                : reason === 'badToken'
                  ? 'bad-token'
                  : 'unreachable';
    }
    if (this.destroyed || this.getSnapshot().status === 'live') return;
    if (next === 'bad-token') {
      if (await this.renewToken()) return;
      next = 'code-invalid';
    }
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

  /**
   * The host does not know this device's token (it lost its keys; an app from before roles saved no
   * token): a participant takes its seat again, the facilitator hosts again, and the room is
   * entered anew with the fresh token. False when that is not possible (the group is gone, a
   * projector's link is stale): the person is sent back to join.
   */
  private async renewToken(): Promise<boolean> {
    const { sessionId, role, groupId, hostUrl, code } = this.membership;
    try {
      let token: string | null = null;
      if (role === 'participant' && groupId) token = await joinGroup(hostUrl, code, groupId);
      if (role === 'facilitator') {
        const meta = this.sessionDoc ? readSessionMeta(this.sessionDoc) : null;
        const answer = meta ? await platform.startHosting({ sessionId, title: meta.title, code }) : null;
        if (answer?.status === 'live') token = answer.token;
      }
      if (token === null || this.destroyed) return false;
      const saved = await loadMembership(sessionId);
      if (this.destroyed || saved?.code !== code) return false;
      const renewed: Membership = { ...saved, token };
      await saveMembership(renewed);
      if (!this.destroyed) void enterRoom(renewed);
      return true;
    } catch {
      return false;
    }
  }

  async start(): Promise<void> {
    const { sessionId, role, groupId } = this.membership;
    // A participant saved by an app from before roles: take the seat's token first.
    if (role === 'participant' && groupId && !this.membership.token && navigator.onLine) {
      if (await this.renewToken()) return;
    }
    // Also when the relay never opens (a firewall that lets the page through but not its socket).
    void syncHostClock(sessionId, this.membership.hostUrl, this.membership.code).catch(() => {});
    const docs = sessionDocs(sessionId);
    const doc = await this.link(sessionDocName(sessionId), () => docs.openSession());
    if (!doc) return;
    this.sessionDoc = doc;
    const room = await this.link(roomDocName(sessionId), () => docs.openRoom());
    groupsMap(doc).observe(this.followGroups);
    runMap(doc).observe(this.followGroups);
    if (role === 'participant' && groupId) {
      await this.link(boardDocName(sessionId, groupId), () => docs.openBoard(groupId), { direct: true });
      if (room) this.joinRoster(doc, room);
    }
    this.followGroups();
  }

  /**
   * The facilitator and the projector follow every board, including groups added later; a
   * participant their own, and the others only while following the projector. A board whose group
   * was removed is let go (its docs are being deleted, here and on the host), for everyone.
   */
  private readonly followGroups = (): void => {
    if (!this.sessionDoc || this.destroyed) return;
    const { sessionId, role } = this.membership;
    const groupIds = new Set(groupsMap(this.sessionDoc).keys());
    const watching = role === 'participant' && readRun(this.sessionDoc).follow;
    const follows = (groupId: string) => role !== 'participant' || groupId === this.membership.groupId || watching;
    for (const name of [...this.linked.keys()]) {
      const ref = parseDocName(name);
      if (ref?.kind === 'board' && (!groupIds.has(ref.groupId) || !follows(ref.groupId))) this.unlink(name);
    }
    for (const groupId of groupIds) {
      if (!follows(groupId) || (role === 'participant' && groupId === this.membership.groupId)) continue;
      const name = boardDocName(sessionId, groupId);
      // Another group's board, for a participant: watched only.
      if (!this.linked.has(name)) void this.link(name, () => sessionDocs(sessionId).openBoard(groupId), { watchOnly: role === 'participant' });
    }
  };

  /**
   * Puts this participant in the room doc's roster (who took part, at which table, from which
   * domain), once their group is known to this laptop's copy of the session doc.
   */
  private joinRoster(sessionDoc: Y.Doc, room: Y.Doc): void {
    const { participantId, groupId, name, domain } = this.membership;
    if (!participantId || !groupId) return;
    const groups = groupsMap(sessionDoc);
    const attempt = () => {
      const groupIds = readGroups(sessionDoc).map((g) => g.id);
      if (!groupIds.includes(groupId)) return;
      groups.unobserve(attempt);
      this.stopRoster = null;
      // A room doc written by a newer Bouwplaats is read-only here (docVersion.ts).
      if (docAccess(room, 'room').readOnly) return;
      try {
        recordParticipant(room, { id: participantId, groupId, name, domain }, groupIds);
      } catch (error) {
        // Runs inside a Yjs observer: a throw would stop the others. The board works on without it.
        console.warn('Bouwplaats: niet in de deelnemerslijst gezet.', error);
      }
    };
    groups.observe(attempt);
    this.stopRoster = () => groups.unobserve(attempt);
    attempt();
  }

  /**
   * Syncs one doc. `direct`: also over WebRTC (a participant's own board only); `watchOnly`: it
   * does not count for what the live badge says (another group's board while following).
   */
  private async link(docName: string, open: () => Promise<DocHandle>, options: { direct?: boolean; watchOnly?: boolean } = {}): Promise<Y.Doc | null> {
    if (this.linked.has(docName) || this.destroyed) return null;
    const watchOnly = options.watchOnly === true;
    const transport: Transport = options.direct ? { ...this.transport, direct: true } : this.transport;
    this.linked.set(docName, { connection: null, watchOnly, release: () => {}, offState: () => {} });
    const { stored, release } = await open();
    if (this.destroyed || !this.linked.has(docName)) {
      release();
      return null;
    }
    const connection = connectDoc(transport, docName, stored.doc);
    if (!navigator.onLine || this.heldBack) connection.pause();
    // Others see this person on a board only while they are on it (BoardScreen says so there). A
    // projector is nobody: it shows no presence.
    if (docName === sessionDocName(this.membership.sessionId) && this.membership.role !== 'projector') {
      const awareness = connection.awareness;
      awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), user: presenceUser(this.membership) });
    }
    const offState = connection.onState(() => this.recompute());
    this.linked.set(docName, { connection, watchOnly, release, offState });
    this.recompute();
    this.docListeners.forEach((l) => l());
    return stored.doc;
  }

  /** Stops syncing a doc (a removed group's board); a link still opening is dropped when it opens. */
  private unlink(docName: string): void {
    const linked = this.linked.get(docName);
    if (!linked) return;
    this.linked.delete(docName);
    linked.offState();
    linked.connection?.destroy();
    linked.release();
    this.recompute();
    this.docListeners.forEach((l) => l());
  }

  /** How one doc is connected now (see ConnectionState); null while it is not linked. */
  connectionState(docName: string): ConnectionState | null {
    return this.linked.get(docName)?.connection?.state() ?? null;
  }

  /** The awareness (presence) of one doc, once it is linked; null before, and after it is let go. */
  awarenessFor(docName: string): Awareness | null {
    return this.linked.get(docName)?.connection?.awareness ?? null;
  }

  /** Tells `listener` whenever a doc is linked or let go, so awarenessFor may answer differently. */
  onDocsChange(listener: () => void): () => void {
    this.docListeners.add(listener);
    return () => this.docListeners.delete(listener);
  }

  getSnapshot(): LiveSnapshot {
    return this.snapshot;
  }

  onChange(listener: (snapshot: LiveSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(): void {
    const all: ConnectionState[] = [...this.linked.values()].flatMap((l) => (l.connection && !l.watchOnly ? [l.connection.state()] : []));
    // A doc the host refuses for good does not make the host look down (see statusOf).
    const states = all.filter((s) => s.refused === null);
    const tooNew = all.some((s) => s.refused === 'doc-too-new');
    const full = all.some((s) => s.refused === 'doc-full');
    const relay = states.length > 0 && states.every((s) => s.relay);
    const peers = Math.max(0, ...all.map((s) => s.peers));
    if (relay) {
      // Joined, or back after the relay was down: the room's clock may have moved against ours.
      if (this.snapshot.status !== 'live') void syncHostClock(this.membership.sessionId, this.membership.hostUrl, this.membership.code).catch(() => {});
      this.everConnected = true;
      this.hostCheck = 'ok';
      if (this.hostTimer) clearTimeout(this.hostTimer);
      this.hostTimer = null;
    } else if (states.length > 0 && !this.heldBack) {
      this.scheduleHostCheck(HOST_CHECK_DELAY_MS);
    }
    const refused = tooNew ? 'host-too-old' : full ? 'doc-full' : null;
    const status = refused && navigator.onLine ? refused : this.statusOf(relay, peers);
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
    if (this.sessionDoc) {
      groupsMap(this.sessionDoc).unobserve(this.followGroups);
      runMap(this.sessionDoc).unobserve(this.followGroups);
    }
    this.stopRoster?.();
    for (const { connection, release, offState } of this.linked.values()) {
      offState();
      connection?.destroy();
      release();
    }
    this.linked.clear();
    this.listeners.clear();
    this.docListeners.forEach((l) => l());
    this.docListeners.clear();
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

// A session deleted on this device is left first, so no doc of it stays open or syncing.
onSessionLeave(leaveRoom);

// Another window or tab of this app took another seat, a renewed token or a new code, or left: this
// one follows at once, so a board left open on a table the person has moved away from turns
// read-only (seat.ts) instead of writing there with the old seat. A projector window keeps its own
// link (its membership is never saved, so what is saved is someone else's).
function followSavedMembership(sessionId: string): void {
  const room = rooms.get(sessionId);
  if (!room || room.membership.role === 'projector') return;
  void loadMembership(sessionId).then((saved) => {
    if (rooms.get(sessionId) !== room) return;
    if (!saved) leaveRoom(sessionId);
    else if (!sameSeat(saved, room.membership)) void enterRoom(saved);
  }).catch(() => {});
}

/** Whether two memberships put this device in the same place the same way (fields compared one by one: key order and defaults differ between a saved and a built one). */
function sameSeat(a: Membership, b: Membership): boolean {
  const fields = ['role', 'hostUrl', 'code', 'token', 'groupId', 'participantId', 'name', 'domain', 'colour'] as const;
  return fields.every((f) => a[f] === b[f]);
}
onMembershipElsewhere(followSavedMembership);
// A tab the browser froze or kept in its back-forward cache may have missed the message: it looks
// again whenever it is shown.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') for (const sessionId of rooms.keys()) followSavedMembership(sessionId);
  });
}

/**
 * After a doc is synced with the host or a laptop, how long its other connection gets to bring
 * what it holds (y-webrtc's handshake with each laptop, or the host's copy) before this device
 * judges its abandoned notes empty.
 */
const MERGE_GRACE_MS = 3000;
const MERGE_CHECK_MS = 250;

// A doc of a session this device takes part in live is shared: its abandoned notes are judged only
// once the others' copies are merged in (freshNotes.ts, AbandonedNoteGate).
setAbandonedNoteGate({
  async shared(docName) {
    const ref = parseDocName(docName);
    return ref !== null && (await loadMembership(ref.sessionId)) !== null;
  },
  async merged(docName, stillOpen) {
    const ref = parseDocName(docName);
    if (!ref) return false;
    let syncedSince: number | null = null;
    while (stillOpen()) {
      const state = liveRoomFor(ref.sessionId)?.connectionState(docName);
      if (state && (state.relay || state.peers > 0)) {
        syncedSince ??= performance.now();
        if (performance.now() - syncedSince >= MERGE_GRACE_MS) return true;
      } else {
        syncedSince = null;
      }
      await new Promise((resolve) => setTimeout(resolve, MERGE_CHECK_MS));
    }
    return false;
  },
});
