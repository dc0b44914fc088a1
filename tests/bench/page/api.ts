import type { Recording } from './probe';

/** What the benchmark page offers the runner (tests/bench/run.ts) as `window.bench`. */

export interface PaintResult {
  /**
   * From the start of the mount to the start of the first draw of the notes layer that holds every
   * note at the fitted view: React renders the board and react-konva builds the layers.
   */
  readonly renderMs: number;
  /** From the start of the mount to the end of that draw: what reaches the screen. */
  readonly paintMs: number;
  /** How long that draw itself took (beforeDraw → draw); it lays out every note's text. */
  readonly drawMs: number;
  /**
   * Draws of the notes layer holding every note at another scale before that one (the board once
   * drew unfitted first; the stage is now created fitted, so 0 is expected).
   */
  readonly unfittedDraws: number;
  /** Whether that draw was Konva's Stage.add drawing the layer as React's commit adds it. */
  readonly inStageAdd: boolean;
  /** From the start of the mount to the start of the frame after that draw. */
  readonly nextFrameMs: number;
  readonly notes: number;
  readonly visible: number;
}

export interface UpdatePaintResult extends PaintResult {
  /** Y.applyUpdate of the stored update into a fresh doc; paintMs counts from its start. */
  readonly applyMs: number;
}

export interface BuiltDoc {
  readonly buildMs: number;
  /** Y.encodeStateAsUpdate(doc).length */
  readonly bytes: number;
  /** Y.encodeStateAsUpdateV2(doc).length, for comparison */
  readonly bytesV2: number;
  readonly notes: number;
}

export interface View {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export interface ScreenNote {
  readonly id: string;
  /** Centre of the note on screen (CSS pixels of the page). */
  readonly x: number;
  readonly y: number;
}

export interface BenchApi {
  /** A doc of `count` notes (seeded); it becomes the doc that mount() shows. */
  buildNotes(count: number, seed: number): BuiltDoc;
  /** Runs an edit script on a scratch doc and keeps its update for mountFromUpdate(). */
  buildUpdate(edits: number, notes: number, seed: number): BuiltDoc;
  /** The same edit script with the note text as a plain string instead of a Y.Text. */
  buildUpdatePlainText(edits: number, notes: number, seed: number): BuiltDoc;
  /** The stored update as base64, to open it in a fresh page (cold, as an app opening a board). */
  exportUpdate(): string;
  importUpdate(base64: string): void;
  mount(): Promise<PaintResult>;
  mountFromUpdate(): Promise<UpdatePaintResult>;
  unmount(): void;
  view(): View;
  fitHouse(): void;
  /** The `nth` topmost note whose centre is well inside the screen. */
  topNote(nth: number): ScreenNote;
  /** The id of the topmost note under a screen point, or null (the board would pan there). */
  noteAt(x: number, y: number): string | null;
  /** The stored position of a note (after a drag, where it was dropped). */
  notePosition(id: string): { x: number; y: number } | null;
  startRecording(): void;
  stopRecording(): Recording;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}
