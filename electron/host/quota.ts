import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { RELAY_CLOSE, RELAY_CLOSE_REASON } from '../../shared/live';
import type { Shape } from '../../shared/schema/docShape';
import { isLoopback, remoteAddress } from './admission';
import { checkContent } from './content';
import { CLOSE } from './limits';

/**
 * Shares of the host that one participant cannot take from the others (issue 10, item 2): sockets
 * and unfinished messages per laptop, growth per laptop, bytes per doc and per session. The
 * figures behind the defaults are in limits.ts (HostTuning).
 *
 * Who "one laptop" is comes from one function, ClientKeyOf: today the remote address (this machine,
 * loopback, is the facilitator's app); once laptops carry a token (issue 10, item 1), the token's
 * holder, so that everyone behind one NAT address no longer shares one share.
 */

/** Who a socket belongs to, for the shares. */
export interface Client {
  /** Sockets with the same key share one share. */
  readonly key: string;
  /**
   * This machine (the facilitator's app and projector): not held to a laptop's shares, and given
   * the sockets kept for it (socketsReservedForLocal). Never exempt from the byte caps of the disk.
   */
  readonly local: boolean;
}

export type ClientKeyOf = (request: IncomingMessage) => Client;

/** One share per remote address; loopback is this machine. */
export const clientByAddress: ClientKeyOf = (request) => ({
  key: remoteAddress(request),
  local: isLoopback(request.socket.remoteAddress),
});

/** What one endpoint (signaling or relay) allows each client. */
export interface ShareLimits {
  /** Sockets on the endpoint in all (HostTuning.maxClients). */
  readonly maxClients: number;
  /** Sockets one client that is not local may hold. */
  readonly socketsPerClient: number;
  /** Of maxClients, this many are for local clients only. */
  readonly reservedForLocal: number;
  /** Bytes of unfinished messages one client that is not local may have buffered (Infinity: not tracked). */
  readonly unfinishedBytesPerClient: number;
}

/** Said (503) when a socket is refused for the shares. */
export const SHARE_REFUSAL = {
  full: 'Te veel verbindingen.',
  client: 'Te veel verbindingen vanaf dit apparaat; sluit andere tabbladen met Bouwplaats.',
} as const;

interface ClientEntry {
  sockets: number;
  unfinished: number;
}

/** One socket's part in its client's share. */
export interface ShareTicket {
  readonly client: Client;
  /** Bytes received since its last whole message (an upper bound of what ws buffers for it). */
  unfinished: number;
}

/**
 * Counts each client's sockets on one endpoint and the bytes of its unfinished messages. The
 * socket hub asks admit() before an upgrade, attach()es the socket once open and detach()es it
 * when it closes; it reports every chunk read from the socket (received) and every whole message
 * or control frame (completed).
 *
 * Unfinished bytes are counted on the wire: bytes read since the socket's last whole message. ws
 * parses a chunk right after it is read and emits whole messages at once, so the count lags at most
 * one read (64 KB) behind what ws holds, and ws caps the pieces of one message (maxFragments).
 */
export class ClientShares {
  private readonly clients = new Map<string, ClientEntry>();
  private others = 0;
  private total = 0;

  private readonly limits: ShareLimits;

  /** A reservation of more than half the sockets (maxClients lowered alone) is cut to half. */
  constructor(limits: ShareLimits) {
    this.limits = { ...limits, reservedForLocal: Math.min(limits.reservedForLocal, Math.floor(limits.maxClients / 2)) };
  }

  /** Null when `client` may open one more socket, else why not (in Dutch, for the 503 body). */
  admit(client: Client): string | null {
    const { maxClients, reservedForLocal, socketsPerClient } = this.limits;
    if (this.total >= maxClients) return SHARE_REFUSAL.full;
    if (client.local) return null;
    if (this.others >= maxClients - reservedForLocal) return SHARE_REFUSAL.full;
    if ((this.clients.get(client.key)?.sockets ?? 0) >= socketsPerClient) return SHARE_REFUSAL.client;
    return null;
  }

  attach(client: Client): ShareTicket {
    this.total++;
    if (!client.local) {
      this.others++;
      const entry = this.clients.get(client.key);
      if (entry) entry.sockets++;
      else this.clients.set(client.key, { sockets: 1, unfinished: 0 });
    }
    return { client, unfinished: 0 };
  }

  detach(ticket: ShareTicket): void {
    this.total--;
    this.completed(ticket);
    if (ticket.client.local) return;
    this.others--;
    const entry = this.clients.get(ticket.client.key);
    if (entry && --entry.sockets <= 0) this.clients.delete(ticket.client.key);
  }

  /** `bytes` were read from the socket. False when its client is now over its share: end the socket. */
  received(ticket: ShareTicket, bytes: number): boolean {
    ticket.unfinished += bytes;
    if (ticket.client.local) return true;
    const entry = this.clients.get(ticket.client.key);
    if (!entry) return true;
    entry.unfinished += bytes;
    return entry.unfinished <= this.limits.unfinishedBytesPerClient;
  }

  /** A whole message (or control frame) arrived: nothing of the socket's is unfinished any more. */
  completed(ticket: ShareTicket): void {
    if (ticket.unfinished === 0) return;
    const entry = ticket.client.local ? undefined : this.clients.get(ticket.client.key);
    if (entry) entry.unfinished = Math.max(0, entry.unfinished - ticket.unfinished);
    ticket.unfinished = 0;
  }

  /** Whether unfinished messages are counted at all (else the hub need not listen to the raw socket). */
  get tracksUnfinished(): boolean {
    return Number.isFinite(this.limits.unfinishedBytesPerClient);
  }
}

/**
 * Each client's share of growth: a token bucket of bytes that may go into debt. Charged with what
 * a doc actually stored for the client's sockets (the bytes appended to its log), after the fact;
 * while a client is in debt, the relay refuses its changes that would add anything. Local clients
 * have no share. Entries of clients whose bucket is full again are forgotten.
 */
export class GrowthShares {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private refill(key: string): { tokens: number; last: number } | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.last) / 1000) * this.perSecond);
    bucket.last = now;
    if (bucket.tokens >= this.burst) {
      this.buckets.delete(key);
      return undefined;
    }
    return bucket;
  }

  /** True while the client has used more than its share: refuse what would grow a doc. */
  exhausted(client: Client): boolean {
    if (client.local) return false;
    const bucket = this.refill(client.key);
    return bucket !== undefined && bucket.tokens <= 0;
  }

  /** The client's sockets made a doc store `bytes` more. */
  charge(client: Client, bytes: number): void {
    if (client.local || bytes <= 0) return;
    const bucket = this.refill(client.key) ?? { tokens: this.burst, last: this.now() };
    bucket.tokens -= bytes;
    this.buckets.set(client.key, bucket);
    // Laptops that left in debt are forgotten once their bucket is full again.
    if (this.buckets.size > GROWTH_CLIENTS_SWEEP) for (const key of [...this.buckets.keys()]) this.refill(key);
  }
}

/** Clients with a bucket in use beyond which those with a full bucket again are swept. */
const GROWTH_CLIENTS_SWEEP = 1024;

/** A doc's log as the storage quota sees it (DocLog). */
export interface StoredLog {
  /** Bytes of the log file now. */
  readonly size: number;
  /** Bytes of its last snapshot: what the doc holds, as of the last compaction. */
  readonly snapshotSize: number;
  /** Rewrites the log as one snapshot; false when the disk refused. */
  compact(): boolean;
}

export type Fullness = 'doc-full' | 'session-full' | null;

/**
 * Bytes per doc and per session, counted as the logs on disk (the doc's stored size: a snapshot and
 * the updates appended since). A log holds more than its doc between compactions (every keystroke
 * is a record until the next snapshot), so before a doc or the session is called full the logs are
 * compacted and counted again, but only when that can win back a quarter of the cap: compacting a
 * nearly full doc on every update would cost the host a snapshot per keystroke.
 */
export class StorageQuota {
  constructor(
    private readonly maxDocBytes: number,
    private readonly maxSessionBytes: number,
    private readonly logs: () => Iterable<StoredLog>,
  ) {}

  /** Whether `log` may take an update of about `bytes` more; compacts logs first when that helps. */
  room(log: StoredLog, bytes: number): Fullness {
    if (log.size + bytes > this.maxDocBytes) {
      if (log.size - log.snapshotSize >= this.maxDocBytes / 4) log.compact();
      if (log.size + bytes > this.maxDocBytes) return 'doc-full';
    }
    let total = 0;
    let appended = 0;
    for (const each of this.logs()) {
      total += each.size;
      appended += each.size - each.snapshotSize;
    }
    if (total + bytes <= this.maxSessionBytes) return null;
    if (appended < this.maxSessionBytes / 4) return 'session-full';
    total = 0;
    for (const each of this.logs()) {
      if (each.size > each.snapshotSize) each.compact();
      total += each.size;
    }
    return total + bytes > this.maxSessionBytes ? 'session-full' : null;
  }
}

/** Said when a laptop used more than its share of growth (1008: it may try again shortly). */
export const GROWTH_REFUSAL = 'Te veel tegelijk geschreven; Bouwplaats probeert het zo opnieuw.';
/** Said to a laptop whose own change held something its doc cannot hold (1008). */
export const CONTENT_REFUSAL = 'Deze wijziging past niet in dit document en is niet bewaard.';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** What the relay does with a change a socket sent (WriteGuard.check). */
export interface WriteVerdict {
  /** The update to apply (the given one, or a copy without what does not fit); null: nothing. */
  readonly update: Uint8Array | null;
  /** Close the socket afterwards with this code and (Dutch) reason; null: keep it. */
  readonly close: { readonly code: number; readonly reason: string } | null;
  readonly refusal: 'growth' | 'doc-full' | 'session-full' | 'content' | null;
  /** Structs of the update that did not fit the doc's shape (content.ts). */
  readonly refusedStructs: number;
  /** What the first of them was (English, for the host's log), or null. */
  readonly problem: string | null;
}

/** True when `decoded` holds anything `doc` lacks (only deletions and repeats add nothing). */
export function addsToDoc(doc: Y.Doc, decoded: Decoded): boolean {
  return decoded.structs.some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(doc.store, s.id.client));
}

/**
 * The relay's checks on a change before it is applied, cheapest first: a laptop over its share of
 * growth (1008, it may retry), a doc or session at its byte cap (RELAY_CLOSE.docFull), then the
 * doc's shape (content.ts): a sender's own change (`own`: a y-websocket update message, which
 * carries only what that laptop changed) with anything that does not fit is refused whole and the
 * socket closed (1008); from a sync answer only what does not fit is left out. A change that adds
 * nothing (a repeat, a laptop's answer to a pull with nothing new, deletions) passes every check.
 */
export class WriteGuard {
  constructor(
    private readonly storage: StorageQuota,
    private readonly growth: GrowthShares,
  ) {}

  check(doc: Y.Doc, log: StoredLog, shape: Readonly<Record<string, Shape>> | undefined, client: Client, update: Uint8Array, decoded: Decoded, own: boolean): WriteVerdict {
    if (!addsToDoc(doc, decoded)) return { update, close: null, refusal: null, refusedStructs: 0, problem: null };
    if (this.growth.exhausted(client)) {
      return { update: null, close: { code: CLOSE.policy, reason: GROWTH_REFUSAL }, refusal: 'growth', refusedStructs: 0, problem: null };
    }
    const full = this.storage.room(log, update.byteLength);
    if (full) {
      const reason = full === 'doc-full' ? RELAY_CLOSE_REASON.docFull : RELAY_CLOSE_REASON.sessionFull;
      return { update: null, close: { code: RELAY_CLOSE.docFull, reason }, refusal: full, refusedStructs: 0, problem: null };
    }
    if (!shape) return { update, close: null, refusal: null, refusedStructs: 0, problem: null };
    const checked = checkContent(doc, shape, update, decoded);
    if (checked.refused === 0) return { update, close: null, refusal: null, refusedStructs: 0, problem: null };
    // A laptop's own change is one transaction: refused whole. What it passes along of others'
    // (its sync answer) loses only what does not fit.
    return {
      update: own ? null : checked.update,
      close: own ? { code: CLOSE.policy, reason: CONTENT_REFUSAL } : null,
      refusal: 'content',
      refusedStructs: checked.refused,
      problem: checked.problem,
    };
  }

  /** A doc stored `bytes` more for `client`'s socket. */
  grew(client: Client, bytes: number): void {
    this.growth.charge(client, bytes);
  }
}
