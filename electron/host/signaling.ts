import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { LIVE_LIMITS, SignalingMessageSchema } from '../../shared/live';
import { isDocOfSession } from '../../shared/schema/docNames';
import type { Access } from './roles';
import { CLOSE, SocketBudget, type HostTuning } from './limits';
import type { ClientKeyOf } from './quota';
import { SocketHub, type Peer, type SocketCounters } from './sockets';

/**
 * y-webrtc signaling for one live session, wire-compatible with y-webrtc's own bin/server.js:
 *   {type:'subscribe', topics}   {type:'unsubscribe', topics}   {type:'ping'} → {type:'pong'}
 *   {type:'publish', topic, …}   → the same JSON plus `clients` (the topic's subscriber count), to
 *                                  every subscriber of the topic, the sender included.
 * Stricter than y-webrtc's server (the join code is checked by the caller, live.ts):
 * - topics are the session's doc names only, and of those only the rooms the socket's token may
 *   meet in (`mayMeet`: a participant its own group's board, roles.ts); others are ignored without
 *   a word, because y-webrtc subscribes every room of the page, including rooms of other hosts;
 * - a socket publishes only to topics it subscribed to, and holds at most maxTopicsPerClient;
 * - frames over maxSignalingMessageBytes close the socket (1009), a socket over its message or
 *   byte rate is closed (1008), bad JSON or schema-invalid messages are ignored and counted, and
 *   the socket is closed after tuning.maxInvalidMessages of them (1008);
 * - a socket that stops reading is terminated once signalingBufferCap bytes wait for it;
 * - one laptop holds at most signalingSocketsPerClient sockets, and socketsReservedForLocal of
 *   maxClients are kept for this machine (503 beyond; quota.ts);
 * - every socket is pinged each heartbeatMs; one that missed the previous pong is terminated.
 */

export interface SignalingStats extends SocketCounters {
  /** Topics with at least one subscriber. */
  topics: number;
  /** Subscriptions over all sockets. */
  subscriptions: number;
  /** Publishes fanned out, and the frames that carried them. */
  published: number;
  delivered: number;
  /** Valid messages that were ignored (foreign topic, topic cap, publish without subscribing). */
  ignored: number;
}

export interface SignalingServer {
  /** `access`: what the socket's token allows (roles.ts). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, access: Access): void;
  stats(): SignalingStats;
  /** Closes every socket; later upgrades are refused. */
  stop(): Promise<void>;
}

interface Subscriber extends Peer {
  readonly access: Access;
  readonly topics: Set<string>;
  readonly budget: SocketBudget;
  invalid: number;
}

const PONG = Buffer.from(JSON.stringify({ type: 'pong' }));

/**
 * Hears which laptops (their tokens' Access.client) a topic (a doc's WebRTC room) had before and
 * after a socket joined or left it: the relay compares that with its own sockets on the doc.
 */
export type RoomListener = (topic: string, before: readonly string[], after: readonly string[]) => void;

/** May a socket with `access` meet others in `topic`? (Only asked for topics of this session.) */
export type MeetingRule = (access: Access, topic: string) => boolean;

export function createSignalingServer(
  sessionId: string,
  tuning: HostTuning,
  onRoomChange: RoomListener = () => {},
  mayMeet: MeetingRule = () => true,
  clientKey?: ClientKeyOf,
): SignalingServer {
  const topics = new Map<string, Set<Subscriber>>();
  const extra = { published: 0, delivered: 0, ignored: 0, subscriptions: 0 };

  const unsubscribe = (peer: Subscriber, topic: string) => {
    if (!peer.topics.delete(topic)) return;
    extra.subscriptions--;
    const subscribers = topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(peer);
    if (subscribers.size === 0) topics.delete(topic);
    const after = [...subscribers].map((s) => s.access.client);
    onRoomChange(topic, [...after, peer.access.client], after);
  };

  const invalid = (peer: Subscriber) => {
    hub.counters.invalidMessages++;
    if (++peer.invalid >= tuning.maxInvalidMessages) hub.drop(peer, CLOSE.policy, 'invalid messages', 'closedForInvalid');
  };

  const onMessage = (peer: Subscriber, data: Buffer, isBinary: boolean) => {
    if (!peer.budget.take(data.byteLength)) {
      hub.drop(peer, CLOSE.policy, 'rate limit', 'closedForRate');
      return;
    }
    if (isBinary) {
      invalid(peer);
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      invalid(peer);
      return;
    }
    const parsed = SignalingMessageSchema.safeParse(raw);
    if (!parsed.success) {
      invalid(peer);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'subscribe':
        for (const topic of message.topics) {
          if (peer.topics.has(topic)) continue;
          if (!isDocOfSession(topic, sessionId) || peer.topics.size >= LIVE_LIMITS.maxTopicsPerClient || !mayMeet(peer.access, topic)) {
            extra.ignored++;
            continue;
          }
          peer.topics.add(topic);
          extra.subscriptions++;
          let subscribers = topics.get(topic);
          if (!subscribers) topics.set(topic, (subscribers = new Set()));
          const before = [...subscribers].map((s) => s.access.client);
          subscribers.add(peer);
          onRoomChange(topic, before, [...before, peer.access.client]);
        }
        break;
      case 'unsubscribe':
        for (const topic of message.topics) unsubscribe(peer, topic);
        break;
      case 'publish': {
        const subscribers = topics.get(message.topic);
        if (!subscribers || !peer.topics.has(message.topic)) {
          extra.ignored++;
          break;
        }
        // The message as the client sent it (not zod's copy), as y-webrtc's server forwards it.
        const forwarded = { ...(raw as Record<string, unknown>), clients: subscribers.size };
        const frame = Buffer.from(JSON.stringify(forwarded));
        extra.published++;
        for (const subscriber of [...subscribers]) if (hub.send(subscriber, frame, false)) extra.delivered++;
        break;
      }
      case 'ping':
        hub.send(peer, PONG, false);
        break;
    }
  };

  const hub: SocketHub<Subscriber> = new SocketHub<Subscriber>({
    maxPayload: LIVE_LIMITS.maxSignalingMessageBytes,
    // Unfinished messages need no count here: sockets per laptop × 64 KB frames is 512 KB.
    shares: {
      maxClients: tuning.maxClients,
      socketsPerClient: tuning.signalingSocketsPerClient,
      reservedForLocal: tuning.socketsReservedForLocal,
      unfinishedBytesPerClient: Infinity,
    },
    ...(clientKey ? { clientKey } : {}),
    heartbeatMs: tuning.heartbeatMs,
    bufferCap: tuning.signalingBufferCap,
    closeGraceMs: tuning.closeGraceMs,
    create: (ws: WebSocket, _request, context) => ({
      ws,
      access: context as Access,
      closed: false,
      alive: true,
      graceTimer: null,
      topics: new Set(),
      invalid: 0,
      budget: new SocketBudget(
        LIVE_LIMITS.maxMessagesPerSecond,
        tuning.rateBurstSeconds,
        tuning.signalingBytesPerSecond,
        Math.max(LIVE_LIMITS.maxSignalingMessageBytes, tuning.signalingBytesPerSecond * tuning.rateBurstSeconds),
      ),
    }),
    onMessage,
    onClose: (peer) => {
      for (const topic of [...peer.topics]) unsubscribe(peer, topic);
    },
  });

  return {
    handleUpgrade: (request, socket, head, access) => hub.upgrade(request, socket, head, access),
    stats: () => ({ ...hub.counters, ...extra, topics: topics.size }),
    stop: () => hub.stop(),
  };
}
