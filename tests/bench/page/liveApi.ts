/** What the live benchmark page (live.html) offers the runner (tests/bench/live.ts) as `window.live`. */

export interface LiveStatus {
  /** The host relay socket is connected and synced. */
  readonly relay: boolean;
  /** Open WebRTC connections (data channel up), as the app counts them (renderer/live/transport.ts). */
  readonly peers: number;
  /** The board has drawn its notes layer at least once. */
  readonly mounted: boolean;
  readonly notes: number;
}

/** Which provider applied a note first: y-webrtc, the host relay (y-websocket), or neither. */
export type Path = 'webrtc' | 'relay' | 'other';

export interface Receipt {
  readonly index: number;
  /** When the note was in this page's doc (the notes map's observer ran). */
  readonly arrived: number;
  /** When the notes layer ended the first draw whose notes shape held the note; null if never. */
  readonly painted: number | null;
  readonly via: Path;
}

export interface Progress {
  readonly arrived: number;
  readonly painted: number;
  /** The notes the last notes-layer draw held, and how many of them it drew (not culled). */
  readonly held: number;
  readonly drawn: number;
}

/** Messages this page has sent, by channel, since it loaded (counted by wrapping the browser's send methods). */
export interface Traffic {
  readonly webrtc: number;
  readonly websocket: number;
  readonly broadcastChannel: number;
  readonly bytes: number;
}

export interface Sent {
  /** When each note was added (before addNote). */
  readonly at: number[];
  /** How long each addNote call took: the transaction, its observers and every provider's send. */
  readonly callMs: number[];
}

/**
 * Every time is `performance.timeOrigin + performance.now()`: the machine's clock in milliseconds,
 * comparable across the Chromium processes of one machine.
 */
export interface LiveBenchApi {
  status(): LiveStatus;
  now(): number;
  /**
   * Adds `count` notes (each its own transaction, as the app adds them), `gapMs` apart; 0: back to
   * back, each in its own task as soon as the previous one ends; -1: all in one task (one loop, as
   * an import would). Texts and places come from `seed`; each text starts with its index ("17 …").
   */
  send(count: number, gapMs: number, seed: number): Promise<Sent>;
  /** Resolves once `count` notes have arrived (and, with a board, been painted), or after `timeoutMs`. */
  whenReceived(count: number, timeoutMs: number): Promise<Progress>;
  receipts(): Receipt[];
  traffic(): Traffic;
  /** How long each notes-layer draw that began at or after `from` took (beforeDraw → draw), in ms. */
  drawsSince(from: number): number[];
}

declare global {
  interface Window {
    live: LiveBenchApi;
  }
}
