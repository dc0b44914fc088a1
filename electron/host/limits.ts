import { LIVE_LIMITS } from '../../shared/live';

/**
 * The host's own knobs for live sessions, beside the wire limits in shared/live.ts (LIVE_LIMITS,
 * which clients may rely on). These only decide how the host protects itself; tests shorten the
 * timers through `Partial<HostTuning>`.
 */
export interface HostTuning {
  /** Open sockets per endpoint (signaling, relay); LIVE_LIMITS.maxClients, lowered in tests. */
  readonly maxClients: number;
  /** Ping every socket this often; one that has not answered the previous ping is terminated. */
  readonly heartbeatMs: number;
  /** A message rate is averaged over this many seconds (the token bucket's depth). */
  readonly rateBurstSeconds: number;
  /** Signaling bytes a socket may send per second (SDP and ICE are a few KB per peer). */
  readonly signalingBytesPerSecond: number;
  /** Relay bytes a socket may send per second, on top of a burst of two maximal frames. */
  readonly relayBytesPerSecond: number;
  /**
   * Unsent bytes the host queues for one socket before it gives up on it (a client that stopped
   * reading). Bounds the host's memory at about clients × cap.
   */
  readonly signalingBufferCap: number;
  readonly relayBufferCap: number;
  /** Malformed or schema-invalid messages tolerated per socket before it is closed. */
  readonly maxInvalidMessages: number;
  /**
   * Awareness (presence) states one doc may hold; beyond it new states are refused, except each
   * socket's first (a newcomer is always seen). Per socket see maxPresencePerSocket: y-websocket
   * re-sends every state it learns, but passing along a state another socket gave is not bringing one.
   */
  readonly maxAwarenessStatesPerDoc: number;
  /** One presence state as JSON (name, colour, cursor, the note being edited: well under 1 KB). */
  readonly maxAwarenessStateBytes: number;
  /** A doc's log is rewritten as one snapshot when it grows past max(this, 2 × last snapshot). */
  readonly compactAfterBytes: number;
  /** Appends are written at once; fdatasync follows within this delay (batched). */
  readonly fsyncDelayMs: number;
  /** Wrong join codes per remote address per minute; beyond it the host answers 429. */
  readonly maxCodeFailuresPerMinute: number;
  /** On stop, sockets get this long to answer the close frame before they are terminated. */
  readonly closeGraceMs: number;
  /**
   * Bytes of changes whose predecessors the host lacks that one relay socket may send at once, and
   * per second after that (a token bucket); beyond it the socket is closed (1008). The host keeps
   * none of it (missing.ts). An honest laptop sends a few hundred bytes now and then (an edit of a
   * note that reached it only over WebRTC, until the host has asked it for what it lacks).
   */
  readonly missingBytesBurst: number;
  readonly missingBytesPerSecond: number;
  /**
   * Every this often the relay asks each laptop on a doc for what the host lacks (sync step 1 with
   * the host's state vector; y-websocket answers with the diff, usually nothing but its delete
   * set), while that doc's WebRTC room holds a laptop without a relay socket, or did in the last
   * few seconds. Laptops send the host only their own changes, so what such a laptop writes
   * reaches the host only this way.
   */
  readonly pullIntervalMs: number;
  /**
   * Otherwise every this often, in case a laptop on WebRTC only went unnoticed (its relay socket
   * counted, but not its signaling one). An answer carries the laptop's whole delete set, a few KB
   * on a worked board: asking every 2 s would cost each laptop that much every 2 s on the Wi-Fi.
   */
  readonly idlePullIntervalMs: number;
  /**
   * Bytes one doc's log may hold before the doc takes no more growth (issue 10, item 2; quota.ts).
   * Measured with shared/schema/note.ts (`Y.encodeStateAsUpdate`): a board of 60 notes, each typed
   * letter by letter (80 characters), moved five times and recoloured, is 128 KB (its log of every
   * keystroke 306 KB before compaction); 2,000 such notes are 4.7 MB; 2,400 notes after 10,000
   * edits 806 KB (npm run bench). 8 MB is 64 × a worked board and 1.7 × the most any board of ours
   * was ever made to hold. In memory a doc takes 17–30 × its encoded size: ≤ 240 MB.
   */
  readonly maxDocBytes: number;
  /**
   * Bytes all logs of the session may hold together. A room of 30 groups with boards of 60 worked
   * notes holds 30 × 128 KB = 3.8 MB (up to 1 MB more per log between compactions, which the quota
   * reclaims first): 32 MB is 8 × that, and at most ~1 GB of the host's memory.
   */
  readonly maxSessionBytes: number;
  /**
   * Growth one laptop (client key) may add to the session's docs at once, and per second after
   * that: a token bucket shared by all its relay sockets, charged with what the doc actually
   * stored. A laptop types a few hundred bytes per second at most and uploads its own board (128 KB
   * worked) when the host lacks it; one full frame (4 MB) at once leaves room for a board the
   * host lost. This machine (the facilitator's app) has no share: only the byte caps hold it.
   */
  readonly growthBurstBytes: number;
  readonly growthBytesPerSecond: number;
  /**
   * Presence states one relay socket may bring into a doc (states nobody else gave the host). A
   * laptop has one; y-websocket also passes along the states of laptops it hears over WebRTC whose
   * own relay socket is down, at most a group's size. Beyond it the states are refused, not the socket.
   */
  readonly maxPresencePerSocket: number;
  /**
   * Sockets one laptop (client key, not this machine) may hold per endpoint. Relay: a participant
   * following the projector holds the session, the room and every board (2 + MAX_GROUPS = 32),
   * twice that for the half minute after a Wi-Fi drop, until the heartbeat drops the dead ones.
   * Signaling: one per page and host address.
   */
  readonly relaySocketsPerClient: number;
  readonly signalingSocketsPerClient: number;
  /**
   * Sockets per endpoint that only this machine may use: the facilitator's app and projector open
   * ~15 each, and must get in however full the room is.
   */
  readonly socketsReservedForLocal: number;
  /**
   * Bytes of unfinished messages (received, not yet whole) one laptop may have the host buffer over
   * all its relay sockets; beyond it the socket that crossed the line is ended (quota.ts). Two
   * whole frames of maxSyncMessageBytes: a laptop uploads one doc at a time.
   */
  readonly maxUnfinishedBytesPerClient: number;
}

export const DEFAULT_TUNING: HostTuning = {
  maxClients: LIVE_LIMITS.maxClients,
  heartbeatMs: 30_000,
  rateBurstSeconds: 3,
  signalingBytesPerSecond: 256 * 1024,
  relayBytesPerSecond: 2 * 1024 * 1024,
  signalingBufferCap: 1024 * 1024,
  relayBufferCap: 2 * LIVE_LIMITS.maxSyncMessageBytes,
  maxInvalidMessages: 50,
  maxAwarenessStatesPerDoc: LIVE_LIMITS.maxClients,
  maxAwarenessStateBytes: 16 * 1024,
  compactAfterBytes: 1024 * 1024,
  fsyncDelayMs: 250,
  maxCodeFailuresPerMinute: 30,
  closeGraceMs: 1000,
  missingBytesBurst: 256 * 1024,
  missingBytesPerSecond: 16 * 1024,
  pullIntervalMs: 2000,
  idlePullIntervalMs: 30_000,
  maxDocBytes: 8 * 1024 * 1024,
  maxSessionBytes: 32 * 1024 * 1024,
  growthBurstBytes: LIVE_LIMITS.maxSyncMessageBytes,
  growthBytesPerSecond: 16 * 1024,
  maxPresencePerSocket: 16,
  relaySocketsPerClient: 64,
  signalingSocketsPerClient: 8,
  socketsReservedForLocal: 64,
  maxUnfinishedBytesPerClient: 2 * LIVE_LIMITS.maxSyncMessageBytes,
};

/** WebSocket close codes the host uses (RFC 6455 §7.4.1). */
export const CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policy: 1008,
  tooBig: 1009,
  tryAgainLater: 1013,
} as const;

/** A token bucket: `capacity` tokens, refilled at `perSecond`; take() is false when empty. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = this.now();
  }

  take(amount = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Gives back part of a take (a message that turned out to cost nothing). */
  refund(amount: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + amount);
  }
}

/** Message count and byte budget of one socket. */
export class SocketBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(messagesPerSecond: number, burstSeconds: number, bytesPerSecond: number, byteBurst: number) {
    this.messages = new TokenBucket(messagesPerSecond * burstSeconds, messagesPerSecond);
    this.bytes = new TokenBucket(byteBurst, bytesPerSecond);
  }

  /** False once the socket sends faster than its budget. */
  take(byteLength: number): boolean {
    return this.messages.take(1) && this.bytes.take(byteLength);
  }

  /**
   * A message that changed nothing (an echo) costs a tenth of one: y-websocket sends the host back
   * every change it hears of, over WebRTC or from the host itself, so a laptop's message rate grows
   * with the number of people on the doc. Its bytes still count in full.
   */
  refundEcho(): void {
    this.messages.refund(0.9);
  }
}
