import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { readNotes } from '../../shared/schema/note';
import type { Pace, Written } from './human';

/**
 * What the drill's runner and its Node peer processes (peerProcess.ts) say to each other over the
 * child-process IPC channel: a request `{ id, request }`, answered `{ id, ok: true, value }` or
 * `{ id, ok: false, error }`. Times are the machine clock in ms (performance.timeOrigin +
 * performance.now()), comparable across the processes of one machine.
 */

/** One laptop of the drill in a peer process: the `seat`-th person of group `group`. */
export interface PeerSpec {
  readonly key: string;
  readonly group: number;
  readonly groupId: string;
  readonly seat: number;
  readonly name: string;
  readonly domain: string;
  readonly seed: number;
}

export interface JoinRequest {
  readonly type: 'join';
  readonly hostUrl: string;
  readonly code: string;
  readonly sessionId: string;
  readonly peers: readonly PeerSpec[];
}

/** The bench's fair 4-laptop scenario: one Node laptop on `docName`, its text starting with the note's index. */
export interface BenchJoinRequest {
  readonly type: 'bench-join';
  readonly hostUrl: string;
  readonly code: string;
  /** What the laptop may do there (the bench's boards belong to no group: the facilitator's token). */
  readonly token: string;
  readonly docName: string;
  /** Which of the bench's laptops (1-based): its own address, 127.0.200.<seat>. */
  readonly seat: number;
}

export interface BenchSendRequest {
  readonly type: 'bench-send';
  /** The notes this laptop adds (their indices in the whole run). */
  readonly indices: readonly number[];
  /** > 0: note i at startAt + i × gapMs; 0: back to back from startAt, each in a task of its own. */
  readonly gapMs: number;
  readonly startAt: number;
  readonly seed: number;
}

export type PeerRequest =
  | JoinRequest
  | BenchJoinRequest
  | BenchSendRequest
  | { readonly type: 'status' }
  | { readonly type: 'edit'; readonly until: number; readonly pace: Pace }
  | { readonly type: 'watch-loop' }
  | { readonly type: 'fingerprints' }
  | { readonly type: 'report' }
  | { readonly type: 'now' }
  | { readonly type: 'leave' };

export interface PeerStatus {
  readonly key: string;
  /** Relay sockets synced: the board's and the session doc's. */
  readonly boardRelay: boolean;
  readonly sessionRelay: boolean;
  /** Open WebRTC connections on the board (as the app counts them). */
  readonly webrtc: number;
  readonly notes: number;
}

/** A note another laptop added, when it reached this laptop's doc, and over which path first. */
export interface Arrival {
  readonly id: string;
  readonly at: number;
  readonly via: 'webrtc' | 'relay' | 'other';
}

export interface PeerReport {
  readonly key: string;
  readonly edits: number;
  readonly added: readonly { id: string; at: number }[];
  /** When each note another laptop added reached this one's doc. */
  readonly received: readonly Arrival[];
  readonly written: readonly Written[];
  readonly fingerprint: string;
}

export interface ProcessReport {
  readonly peers: readonly PeerReport[];
  readonly memory: NodeJS.MemoryUsage;
  /** How late the process's event loop ran its timers while everyone edited (ms): p50, p99, max. */
  readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
}

export interface Envelope {
  readonly id: number;
  readonly request: PeerRequest;
}

export type Answer = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/**
 * What a board holds, as one short string: the SHA-1 of its notes as the app reads them (every
 * field, sorted). Two copies with the same fingerprint show the same board.
 */
export function fingerprint(doc: Y.Doc): string {
  const notes = readNotes(doc).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha1').update(JSON.stringify(notes)).digest('hex').slice(0, 16);
}

export const clock = (): number => performance.timeOrigin + performance.now();
