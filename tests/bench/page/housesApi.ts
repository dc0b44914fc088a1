/** What the twelve-houses benchmark page (houses.html) offers the runner (tests/bench/run.ts) as `window.houses`. */

export interface WallPaint {
  /** From the start of the mount to the end of the last of the houses' first paints (every note painted). */
  readonly paintMs: number;
  /** From the start of the mount to the frame after it. */
  readonly nextFrameMs: number;
  /** The slowest house's own first paint. */
  readonly slowestHouseMs: number;
  readonly houses: number;
  readonly notes: number;
}

export interface RemoteEdit {
  /** Y.applyUpdate of the edit → the end of that house's repaint, ms. */
  readonly repaintedMs: number;
  /** How long that repaint took, ms. */
  readonly paintMs: number;
  readonly kind: 'text' | 'move' | 'colour' | 'add';
}

export interface HousesBenchApi {
  /** `houses` board docs of `notes` notes each (seeded). */
  build(houses: number, notes: number, seed: number): { buildMs: number };
  /** Shows every house read-only (HouseView) on one page and waits until each has painted all its notes. */
  mount(): Promise<WallPaint>;
  /**
   * Applies `count` edits `gapMs` apart, each to a house picked at random, as a peer's update
   * (Y.applyUpdate in a message event, as the providers apply them), and times each until that
   * house has painted it.
   */
  remoteEdits(count: number, gapMs: number, seed: number): Promise<RemoteEdit[]>;
}

declare global {
  interface Window {
    houses: HousesBenchApi;
  }
}
