import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { refuseUpgrade } from './admission';
import { CLOSE } from './limits';
import { clientByAddress, ClientShares, type Client, type ClientKeyOf, type ShareLimits, type ShareTicket } from './quota';

/**
 * What the signaling server and the relay share: a WebSocketServer without its own HTTP server,
 * a client cap with a share per laptop and sockets kept for this machine (quota.ts), a bound on the
 * unfinished messages one laptop can have buffered, a heartbeat that drops dead sockets, closing
 * that cannot be ignored (terminate after a grace period), and the counters a test or the bench reads.
 */

export interface SocketCounters {
  /** Sockets open now. */
  clients: number;
  /** Upgrades refused because the server was full (for everyone, or for this laptop) or stopping. */
  refusedFull: number;
  /** Sockets ended because their laptop had more unfinished messages buffered than its share. */
  closedForUnfinished: number;
  /** Frames over maxPayload (closed with 1009). */
  closedForSize: number;
  /** Sockets that sent faster than their budget. */
  closedForRate: number;
  /** Sockets that sent too many bad messages, or (relay) one undecodable frame. */
  closedForInvalid: number;
  /** Sockets that stopped reading while the host had more than the cap queued for them. */
  closedForBackpressure: number;
  /** Sockets that did not answer a heartbeat ping. */
  terminatedDead: number;
  /** Bad messages that were ignored. */
  invalidMessages: number;
  /** The most bytes ever queued for one socket right after a send. */
  maxBufferedAmount: number;
}

export interface Peer {
  readonly ws: WebSocket;
  /** Set once the host decided to close it: nothing more is read from or sent to it. */
  closed: boolean;
  alive: boolean;
  graceTimer: NodeJS.Timeout | null;
}

export interface SocketHubOptions<P extends Peer> {
  readonly maxPayload: number;
  /** Sockets in all, per laptop, kept for this machine; unfinished bytes per laptop (quota.ts). */
  readonly shares: ShareLimits;
  /** Who a socket belongs to (default: its remote address). */
  readonly clientKey?: ClientKeyOf;
  readonly heartbeatMs: number;
  readonly bufferCap: number;
  readonly closeGraceMs: number;
  /** Makes the per-socket state once the WebSocket is open. */
  readonly create: (ws: WebSocket, request: IncomingMessage, context: unknown, client: Client) => P;
  /** Called once the socket is registered (first messages to send). */
  readonly onOpen?: (peer: P) => void;
  readonly onMessage: (peer: P, data: Buffer, isBinary: boolean) => void;
  readonly onClose: (peer: P) => void;
}

export function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export class SocketHub<P extends Peer> {
  readonly counters: SocketCounters = {
    clients: 0,
    refusedFull: 0,
    closedForUnfinished: 0,
    closedForSize: 0,
    closedForRate: 0,
    closedForInvalid: 0,
    closedForBackpressure: 0,
    terminatedDead: 0,
    invalidMessages: 0,
    maxBufferedAmount: 0,
  };
  readonly peers = new Set<P>();
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private stopping = false;
  private readonly shares: ClientShares;
  private readonly tickets = new Map<P, ShareTicket>();

  constructor(private readonly options: SocketHubOptions<P>) {
    // No permessage-deflate: a compressed bomb could otherwise expand past maxPayload's intent.
    // maxFragments: the pieces of one message ws keeps apart; a browser splits a 4 MB message in
    // ~64 (Chromium's 64 KB data pipe), so 1,024 is ample and keeps a message of one-byte pieces
    // from costing the host an object per byte.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload,
      maxFragments: MAX_FRAGMENTS,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.shares = new ClientShares(options.shares);
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Opens the socket unless the hub is full or stopping; `context` is handed to `create`. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, context: unknown): void {
    if (this.stopping) {
      this.counters.refusedFull++;
      refuseUpgrade(socket, 503, 'De sessie stopt.');
      return;
    }
    const client = (this.options.clientKey ?? clientByAddress)(request);
    const refused = this.shares.admit(client);
    if (refused) {
      this.counters.refusedFull++;
      refuseUpgrade(socket, 503, refused);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request, context, client, socket));
  }

  private accept(ws: WebSocket, request: IncomingMessage, context: unknown, client: Client, socket: Duplex): void {
    if (this.stopping) {
      ws.terminate();
      return;
    }
    // Another upgrade of the same laptop may have completed meanwhile.
    if (this.shares.admit(client)) {
      this.counters.refusedFull++;
      ws.close(CLOSE.tryAgainLater, 'Te veel verbindingen.');
      return;
    }
    const peer = this.options.create(ws, request, context, client);
    const ticket = this.shares.attach(client);
    this.tickets.set(peer, ticket);
    this.peers.add(peer);
    this.counters.clients = this.peers.size;
    if (this.shares.tracksUnfinished && !client.local) {
      // Before ws reads the chunk: a chunk that ends a message is counted, then cleared by it.
      socket.prependListener('data', (chunk: Buffer) => {
        if (peer.closed || this.shares.received(ticket, chunk.byteLength)) return;
        this.counters.closedForUnfinished++;
        peer.closed = true;
        ws.terminate();
      });
    }
    const whole = () => this.shares.completed(ticket);
    ws.on('ping', whole);
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.counters.closedForSize++;
      // ws closes the socket itself after a protocol error; nothing else to do.
      peer.closed = true;
    });
    ws.on('pong', () => {
      whole();
      peer.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      whole();
      if (peer.closed) return;
      try {
        this.options.onMessage(peer, rawToBuffer(data), isBinary);
      } catch (error) {
        // Whatever a socket sends must not take the host down: that socket goes, the room stays.
        console.warn('Bouwplaats host: socket closed after an unexpected error', error);
        this.drop(peer, CLOSE.invalidPayload, 'error', 'closedForInvalid');
      }
    });
    ws.on('close', () => {
      if (peer.graceTimer) clearTimeout(peer.graceTimer);
      peer.closed = true;
      this.release(peer);
      if (this.peers.delete(peer)) {
        this.counters.clients = this.peers.size;
        this.options.onClose(peer);
      }
    });
    this.options.onOpen?.(peer);
  }

  /**
   * Sends unless the socket is closing or already has more than the cap queued: a client that
   * stopped reading is terminated rather than buffered for without bound.
   */
  send(peer: P, data: Buffer | Uint8Array, binary: boolean): boolean {
    const { ws } = peer;
    if (peer.closed || ws.readyState !== WebSocket.OPEN) return false;
    if (ws.bufferedAmount > this.options.bufferCap) {
      this.counters.closedForBackpressure++;
      peer.closed = true;
      ws.terminate();
      return false;
    }
    ws.send(data, { binary });
    if (ws.bufferedAmount > this.counters.maxBufferedAmount) this.counters.maxBufferedAmount = ws.bufferedAmount;
    return true;
  }

  /** Closes a misbehaving socket with a reason; it is terminated if it does not answer in time. */
  drop(peer: P, code: number, reason: string, counter: keyof SocketCounters | null): void {
    if (peer.closed) return;
    if (counter) this.counters[counter]++;
    this.closePeer(peer, code, reason);
  }

  private closePeer(peer: P, code: number, reason: string): void {
    peer.closed = true;
    // Its state goes now: a closing socket is not a subscriber or a doc's reader any more.
    if (this.peers.delete(peer)) {
      this.counters.clients = this.peers.size;
      this.options.onClose(peer);
    }
    try {
      peer.ws.close(code, reason);
    } catch {
      peer.ws.terminate();
      return;
    }
    peer.graceTimer = setTimeout(() => peer.ws.terminate(), this.options.closeGraceMs);
    peer.graceTimer.unref();
  }

  /** Gives the socket's part of its laptop's share back (once its TCP connection is gone). */
  private release(peer: P): void {
    const ticket = this.tickets.get(peer);
    if (!ticket) return;
    this.tickets.delete(peer);
    this.shares.detach(ticket);
  }

  private beat(): void {
    for (const peer of this.peers) {
      if (!peer.alive) {
        this.counters.terminatedDead++;
        peer.closed = true;
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      try {
        peer.ws.ping();
      } catch {
        peer.ws.terminate();
      }
    }
  }

  /** Closes every socket (1001), waits for them up to the grace period, then terminates the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    const sockets = [...this.peers].map((peer) => peer.ws);
    for (const peer of [...this.peers]) this.closePeer(peer, CLOSE.goingAway, 'stopped');
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) {
              resolve();
              return;
            }
            const timer = setTimeout(() => ws.terminate(), this.options.closeGraceMs);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Pieces (frames) of one message ws buffers before it closes the socket (1008). */
const MAX_FRAGMENTS = 1024;
