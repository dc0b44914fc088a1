import Konva from 'konva';
import type { Note } from '../../../shared/schema/note';
import type { NotesDrawStats } from '../../../renderer/board/paint/notes';

/**
 * What the page records while the runner drives it: frame timestamps, Konva layer draws and
 * pointer events, all on the page's performance.now() clock. Recording only: nothing here causes
 * a render (a React update from inside a rAF callback made Konva draw every other frame).
 */

export interface LayerDraw {
  /** 'layer' for a layer the board has not named yet (the draws during its first commit). */
  readonly layer: 'notes' | 'drag' | 'layer';
  /** performance.now() at the layer's beforeDraw and draw events. */
  readonly start: number;
  readonly end: number;
  /** Note shapes on the layer, and how many of them were visible (not culled). */
  readonly shapes: number;
  readonly visible: number;
  /** The stage's scale when the layer was drawn. */
  readonly scale: number;
  /** Drawn by Konva's Stage.add (which draws a layer as it is added, inside React's commit). */
  readonly inStageAdd: boolean;
}

export interface PointerMark {
  readonly type: string;
  readonly t: number;
}

export interface Recording {
  /** requestAnimationFrame timestamps (frame start times). */
  readonly frames: readonly number[];
  readonly draws: readonly LayerDraw[];
  readonly pointer: readonly PointerMark[];
}

type DrawWaiter = { readonly test: (draw: LayerDraw) => boolean; readonly resolve: (draw: LayerDraw) => void };

export class Probe {
  private frames: number[] = [];
  private draws: LayerDraw[] = [];
  private pointer: PointerMark[] = [];
  private recording = false;
  private readonly names = new Map<Konva.Layer, LayerDraw['layer']>();
  private readonly listened = new WeakSet<Konva.Layer>();
  private waiters: DrawWaiter[] = [];
  private addingLayers = 0;

  constructor() {
    for (const type of ['pointerdown', 'pointerup'] as const) {
      window.addEventListener(type, (e) => this.recording && this.pointer.push({ type, t: e.timeStamp }), { capture: true });
    }
    // Konva's Stage.add draws a layer at once, inside React's commit and before the board can hand
    // out its layers: listen to every layer from the moment it is added.
    const listen = (layer: Konva.Layer) => this.listen(layer);
    const adding = (delta: number) => (this.addingLayers += delta);
    const add = Konva.Stage.prototype.add;
    Konva.Stage.prototype.add = function (this: Konva.Stage, ...layers: Konva.Layer[]) {
      layers.forEach(listen);
      adding(1);
      try {
        return add.apply(this, layers as [Konva.Layer, ...Konva.Layer[]]);
      } finally {
        adding(-1);
      }
    };
  }

  /** Names the board's layers; called after every commit. */
  attach(layers: { notesLayer: Konva.Layer; dragLayer: Konva.Layer } | null): void {
    if (!layers) return;
    this.names.set(layers.notesLayer, 'notes');
    this.names.set(layers.dragLayer, 'drag');
  }

  private listen(layer: Konva.Layer): void {
    if (this.listened.has(layer)) return;
    this.listened.add(layer);
    let start = 0;
    layer.on('beforeDraw', () => {
      start = performance.now();
    });
    layer.on('draw', () => {
      const end = performance.now();
      const { total, visible } = notesDrawn(layer);
      const name = this.names.get(layer) ?? 'layer';
      const draw: LayerDraw = {
        layer: name,
        start,
        end,
        shapes: total,
        visible,
        scale: layer.getStage()?.scaleX() ?? NaN,
        inStageAdd: this.addingLayers > 0,
      };
      if (this.recording) this.draws.push(draw);
      const ready = this.waiters.filter((w) => w.test(draw));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      ready.forEach((w) => w.resolve(draw));
    });
  }

  /** The next layer draw that passes `test`. */
  nextDraw(test: (draw: LayerDraw) => boolean): Promise<LayerDraw> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  start(): void {
    this.frames = [];
    this.draws = [];
    this.pointer = [];
    this.recording = true;
    const tick = (t: number) => {
      if (!this.recording) return;
      this.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  stop(): Recording {
    this.recording = false;
    return { frames: this.frames, draws: this.draws, pointer: this.pointer };
  }
}

/** Resolves at the start of the next frame (after the current one has been produced). */
export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

/** The notes a layer's notes shape holds, and how many it drew (not culled) in its last draw. */
function notesDrawn(layer: Konva.Layer): { total: number; visible: number } {
  const shape = notesShapeOf(layer);
  const stats = (shape as (Konva.Shape & { drawStats?: NotesDrawStats }) | null)?.drawStats;
  return { total: stats?.total ?? 0, visible: stats?.drawn ?? 0 };
}

/** The one shape that draws every note (it carries the `notes` attribute). */
export function notesShapeOf(layer: Konva.Layer): Konva.Shape | null {
  return (layer.findOne((node: Konva.Node) => Array.isArray((node.attrs as { notes?: unknown }).notes)) as Konva.Shape | undefined) ?? null;
}

/** The notes on the board, in drawing order (later ones on top). */
export function boardNotes(layer: Konva.Layer): readonly Note[] {
  return (notesShapeOf(layer)?.getAttr('notes') as readonly Note[] | undefined) ?? [];
}
