import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import { WebsocketProvider } from 'y-websocket';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, RELAY_CLOSE, SIGNALING_PATH, SYNC_PATH_PREFIX, TOKEN_PARAM, VERSION_PARAM } from '../../shared/live';

/**
 * How docs reach other people. This is the one place that picks providers: today the LAN host
 * (WebRTC between laptops, plus the host's WebSocket relay that keeps every doc and carries the
 * sync for anyone whose WebRTC fails); an existing y-websocket/Hocuspocus server can slot in here
 * as another kind for events that outgrow one room.
 */
export type Transport =
  /**
   * `direct: true`: WebRTC to the other laptops as well as the host's relay — only for a
   * participant's own group's board, the one doc such a laptop writes with a few others (the host
   * admits nobody else to a WebRTC room: electron/host/roles.ts). Every other doc goes over the
   * relay only, so a laptop never joins a mesh it could write into unchecked. `token`: what the
   * host lets this device do (TOKEN_PARAM).
   */
  | { kind: 'lan'; hostUrl: string; code: string; token?: string; direct?: boolean }
  | { kind: 'yjs-server'; url: string; params?: Record<string, string> };

export interface ConnectionState {
  /** The relay socket (host or server) is connected and synced. */
  relay: boolean;
  /** Laptops connected directly over WebRTC. */
  peers: number;
  /**
   * Why the host closed the relay for good, if it did: `doc-too-new`, the doc has a version the
   * host's app does not know (RELAY_CLOSE.docTooNew); `doc-full`, the doc or the session holds all
   * the host keeps for it (RELAY_CLOSE.docFull). The relay then stays closed until resume().
   */
  refused: 'doc-too-new' | 'doc-full' | null;
}

export interface DocConnection {
  readonly awareness: Awareness;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Drops every connection (the device went offline); the doc and its IndexedDB copy stay. */
  pause(): void;
  /** Connects again; what changed meanwhile on either side merges. */
  resume(): void;
  destroy(): void;
}

/** What a LAN host wants on every socket: the code, this app's protocol version and the token. */
function lanParams(transport: Extract<Transport, { kind: 'lan' }>): Record<string, string> {
  return {
    [CODE_PARAM]: transport.code,
    [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION),
    ...(transport.token ? { [TOKEN_PARAM]: transport.token } : {}),
  };
}

function wsUrl(httpUrl: string, path: string): string {
  const url = new URL(path, httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/$/, '');
}

/**
 * Presence clocks this page used per doc. Peers ignore a presence state whose clock is not newer
 * than the last they saw from that client (y-protocols awareness), and a doc keeps its client id
 * when this page connects it again (rejoining with a new code, picking a group after looking the
 * session up): a fresh Awareness starting at clock 0 would be ignored for up to 30 s.
 */
const lastPresenceClock = new WeakMap<Y.Doc, number>();
/** Room for removals the old connection may still send after it was replaced. */
const CLOCK_MARGIN = 10;

/** An Awareness for `doc` whose clock goes on from this page's earlier connections to it. */
function continuedAwareness(doc: Y.Doc): Awareness {
  const awareness = new Awareness(doc);
  const last = lastPresenceClock.get(doc);
  if (last !== undefined) awareness.meta.set(doc.clientID, { clock: last + CLOCK_MARGIN, lastUpdated: Date.now() });
  return awareness;
}

export function connectDoc(transport: Transport, docName: string, doc: Y.Doc, given?: Awareness): DocConnection {
  const awareness = given ?? continuedAwareness(doc);
  const listeners = new Set<(s: ConnectionState) => void>();
  let current: ConnectionState = { relay: false, peers: 0, refused: null };
  const update = (patch: Partial<ConnectionState>) => {
    const next = { ...current, ...patch };
    if (next.relay === current.relay && next.peers === current.peers && next.refused === current.refused) return;
    current = next;
    listeners.forEach((l) => l(current));
  };

  const relayUrl = transport.kind === 'lan' ? wsUrl(transport.hostUrl, SYNC_PATH_PREFIX) : transport.url;
  const params = transport.kind === 'lan' ? lanParams(transport) : (transport.params ?? {});
  const relay = new WebsocketProvider(relayUrl, docName, doc, {
    params,
    disableBc: true,
    maxBackoffTime: 2000,
    awareness,
  });
  relay.on('sync', (synced: boolean) => update({ relay: synced && relay.wsconnected }));
  relay.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') update({ relay: false });
  });
  // y-websocket stops reconnecting after a close code in 4400–4499 and says so here.
  relay.on('closed', ({ code }: { code: number }) => {
    if (code === RELAY_CLOSE.docTooNew) update({ relay: false, refused: 'doc-too-new' });
    if (code === RELAY_CLOSE.docFull) update({ relay: false, refused: 'doc-full' });
  });

  let webrtc: WebrtcProvider | null = null;
  if (transport.kind === 'lan' && transport.direct === true) {
    const signaling = `${wsUrl(transport.hostUrl, SIGNALING_PATH)}?${new URLSearchParams(lanParams(transport)).toString()}`;
    webrtc = new WebrtcProvider(docName, doc, {
      signaling: [signaling],
      awareness: relay.awareness,
      // LAN only: simple-peer's defaults point at public STUN servers.
      peerOpts: { config: { iceServers: [] } },
    });
  }
  sendOnlyOwnUpdates(doc, relay, webrtc);
  // y-webrtc lists a peer as soon as signaling starts and says nothing when the connection opens,
  // so count the open ones now and then: this is what "connected directly" means to people.
  const countPeers = () => {
    const conns = (webrtc as unknown as { room?: { webrtcConns: Map<string, { connected: boolean }> } } | null)?.room?.webrtcConns;
    update({ peers: conns ? [...conns.values()].filter((c) => c.connected).length : 0 });
  };
  webrtc?.on('peers', countPeers);
  const peerTimer = webrtc ? setInterval(countPeers, 1000) : null;

  return {
    awareness: relay.awareness,
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause() {
      webrtc?.disconnect();
      relay.disconnect();
      update({ relay: false, peers: 0 });
    },
    resume() {
      update({ refused: null });
      relay.connect();
      webrtc?.connect();
    },
    destroy() {
      listeners.clear();
      if (peerTimer) clearInterval(peerTimer);
      // destroy() alone leaves y-webrtc's signaling socket reconnecting.
      webrtc?.disconnect();
      webrtc?.destroy();
      relay.disconnect();
      relay.destroy();
      // Its renewal timer would otherwise run for as long as the page does.
      if (!given) awareness.destroy();
      lastPresenceClock.set(doc, Math.max(lastPresenceClock.get(doc) ?? 0, awareness.meta.get(doc.clientID)?.clock ?? 0));
    },
  };
}

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/**
 * Every laptop is both on the WebRTC mesh and on the host's relay, so neither provider needs to
 * pass on what came in over the network: y-webrtc forwards every update a peer sent it to all its
 * own peers (n² messages in a group), and y-websocket sends the host every update that arrived
 * over WebRTC, which the host then relays to everyone once more. Here each sends only what this
 * laptop changed itself. Whatever a peer missed while away comes with the sync handshake both do
 * on (re)connecting, and the host asks for what it lacks (relay.ts).
 *
 * Neither library offers a public way to do this: each sends from its own doc 'update' listener,
 * y-websocket's `provider._updateHandler` (registered from construction until destroy) and
 * y-webrtc's `room._docUpdateHandler` (registered while the room is connected; connect() and
 * disconnect() register whatever the property holds then). A copy of the doc per provider would
 * filter on public API only, but y-webrtc sends every update of its doc whatever its origin, so
 * its copy could not hold what came over the relay without sending it, and a laptop on WebRTC
 * only would no longer get it in the handshake. So these two private fields are swapped for
 * filtering ones; y-websocket and y-webrtc are pinned to exact versions in package.json, and
 * tests/unit/sync-filter.contract.test.ts fails when a version changes what this relies on.
 * Where a field is not there, that library's behaviour stays (everything is forwarded: more
 * traffic, nothing lost). Exported for that test.
 */
export function sendOnlyOwnUpdates(doc: Y.Doc, relay: WebsocketProvider, webrtc: WebrtcProvider | null): void {
  const fromNetwork = (origin: unknown) => origin === relay || (webrtc !== null && origin === webrtc.room);
  /** Replaces owner[key]; `registered`: the library has it on the doc now (so the filter must be). */
  const swap = (owner: object, key: string, registered: boolean) => {
    const fields = owner as Record<string, unknown>;
    const original = fields[key];
    if (typeof original !== 'function') return;
    const send = original as UpdateHandler;
    const filtered: UpdateHandler = (update, origin) => {
      if (fromNetwork(origin)) return;
      // Runs inside Yjs's update event: a throw there would stop every later listener and leave
      // the doc's transaction chain broken (issue 6, item 17). A lost send is caught up by the
      // sync handshake on the next (re)connect.
      try {
        send(update, origin);
      } catch {
        // The socket or data channel is closing; nothing to do here.
      }
    };
    doc.off('update', send);
    fields[key] = filtered;
    if (registered) doc.on('update', filtered);
  };
  swap(relay, '_updateHandler', true);
  if (webrtc) {
    // The room exists once y-webrtc's key promise has run (right away without a password); it is
    // connected then unless the provider was disconnected before.
    void Promise.resolve(webrtc.key).then(() => {
      if (webrtc.room) swap(webrtc.room, '_docUpdateHandler', webrtc.connected);
    });
  }
}
