import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { BoardTemplate, Point, Rect } from '../../shared/template/template';
import { fitHouse, screenToWorld, worldToScreen, zoomAt, type Viewport } from './viewport';

/** A board's size on screen, CSS px. */
export interface BoardSize {
  readonly width: number;
  readonly height: number;
}

/** What changed in a view, for whoever draws it. */
export interface ViewChange {
  readonly view: Viewport;
  readonly size: BoardSize;
  /** A wheel or pinch zoom is running: a board may sketch its text until it rests. */
  readonly zooming: boolean;
}

/**
 * One board's view: its size on screen and the transform from board units to it (zoom and pan),
 * with "Hele huis" (fit) and its rule that a fitted house is fitted again when the board changes
 * size while a view someone zoomed into keeps its middle. Plain TypeScript; `useViewport` ties it
 * to an element's size. Changes are told synchronously to subscribers (the stage that shows them),
 * not through React: a pan must not re-render a board of 2,000 notes.
 */
export class BoardViewport {
  private view: Viewport = { x: 0, y: 0, scale: 1 };
  private boardSize: BoardSize | null = null;
  private isFitted = true;
  private readonly listeners = new Set<(change: ViewChange) => void>();

  /**
   * @param template the drawing to fit
   * @param parkingInUse whether the parking strip holds notes (then "Hele huis" shows it too)
   */
  constructor(
    private readonly template: BoardTemplate,
    private readonly parkingInUse: () => boolean,
  ) {}

  /** The transform now: screen = board × scale + (x, y). */
  current(): Viewport {
    return this.view;
  }

  /** The board's size, null until it has been measured. */
  size(): BoardSize | null {
    return this.boardSize;
  }

  /** The view is the fitted house (nobody panned or zoomed since). */
  fitted(): boolean {
    return this.isFitted;
  }

  subscribe(listener: (change: ViewChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The board now measures `size`: the first time, the house is fitted. */
  resize(size: BoardSize): void {
    if (size.width <= 0 || size.height <= 0) return;
    const old = this.boardSize;
    if (old && old.width === size.width && old.height === size.height) return;
    this.boardSize = size;
    if (!old || this.isFitted) {
      this.apply(this.fittedView(size), { fitted: true });
      return;
    }
    // Another window size (a screen, presentation mode, a panel opening): what was in the middle stays there.
    const v = this.view;
    const centre = screenToWorld(v, { x: old.width / 2, y: old.height / 2 });
    this.apply({ scale: v.scale, x: size.width / 2 - centre.x * v.scale, y: size.height / 2 - centre.y * v.scale });
  }

  /** "Hele huis". */
  fit(): void {
    if (this.boardSize) this.apply(this.fittedView(this.boardSize), { fitted: true });
    else this.isFitted = true;
  }

  /** Zooms by `factor` around a screen point (default: the middle of the board). */
  zoomBy(factor: number, at?: Point, gesture = false): void {
    const s = this.boardSize;
    if (!s) return;
    this.apply(zoomAt(this.view, at ?? { x: s.width / 2, y: s.height / 2 }, factor), { zooming: gesture });
  }

  /** Shows `view` (a pan). */
  set(view: Viewport): void {
    this.apply(view);
  }

  /** The board point in the middle of the board. */
  /** Moves the view by (dx, dy) screen pixels (the keyboard's pan; dragging the background pans too). */
  panBy(dx: number, dy: number): void {
    this.set({ ...this.view, x: this.view.x - dx, y: this.view.y - dy });
  }

  centre(): Point {
    const s = this.boardSize ?? { width: 0, height: 0 };
    return screenToWorld(this.view, { x: s.width / 2, y: s.height / 2 });
  }

  /** Pans so that `rect` (board units) is wholly on screen, centring it if it was not. */
  reveal(rect: Rect): void {
    const s = this.boardSize;
    if (!s) return;
    const v = this.view;
    const tl = worldToScreen(v, rect);
    const br = worldToScreen(v, { x: rect.x + rect.width, y: rect.y + rect.height });
    if (tl.x >= 0 && tl.y >= 0 && br.x <= s.width && br.y <= s.height) return;
    const cx = rect.x + rect.width / 2;
    const cy = rect.y + rect.height / 2;
    this.apply({ ...v, x: s.width / 2 - cx * v.scale, y: s.height / 2 - cy * v.scale });
  }

  private fittedView(size: BoardSize): Viewport {
    return fitHouse(this.template, size.width, size.height, this.parkingInUse());
  }

  private apply(view: Viewport, { fitted = false, zooming = false }: { fitted?: boolean; zooming?: boolean } = {}): void {
    this.view = view;
    this.isFitted = fitted;
    const size = this.boardSize;
    if (!size) return;
    const change = { view, size, zooming };
    this.listeners.forEach((l) => l(change));
  }
}

/** What React shows of a view: the zoom for the controls, the size for the stage. */
export interface ViewportState {
  readonly scale: number;
  readonly size: BoardSize | null;
}

export interface ViewportHandle {
  readonly viewport: BoardViewport;
  /** The element whose size is the board's: pass as its `ref`. */
  readonly measure: (element: HTMLElement | null) => (() => void) | undefined;
}

/**
 * The board's one viewport (see BoardViewport), measured on the element given to `measure`: at
 * once when it mounts (so the stage can be created fitted), then whenever it changes size.
 * `parkingInUse` must be stable (a new one makes a new viewport, which starts fitted).
 */
export function useViewport(template: BoardTemplate, parkingInUse: () => boolean): ViewportHandle {
  const viewport = useMemo(() => new BoardViewport(template, parkingInUse), [template, parkingInUse]);
  const measure = useCallback(
    (element: HTMLElement | null) => {
      if (!element) return;
      const measureNow = () => viewport.resize({ width: element.clientWidth, height: element.clientHeight });
      measureNow();
      const observer = new ResizeObserver(measureNow);
      observer.observe(element);
      return () => observer.disconnect();
    },
    [viewport],
  );
  return useMemo(() => ({ viewport, measure }), [viewport, measure]);
}

function stateKey(viewport: BoardViewport): string {
  const s = viewport.size();
  return `${viewport.current().scale} ${s ? `${s.width} ${s.height}` : ''}`;
}

/**
 * The zoom and size of a viewport, re-rendering only when one of them changes (not on a pan). Read
 * again in a layout effect, so a size measured while mounting is drawn before the first paint.
 */
export function useViewportState(viewport: BoardViewport): ViewportState {
  const [key, setKey] = useState(() => stateKey(viewport));
  useLayoutEffect(() => {
    // The size may have been measured since this rendered (on mount, always): the stage is then
    // created, fitted, before the first paint.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setKey(stateKey(viewport));
    return viewport.subscribe(() => setKey(stateKey(viewport)));
  }, [viewport]);
  return useMemo(() => {
    const [scale, width, height] = key.split(' ');
    return { scale: Number(scale), size: width ? { width: Number(width), height: Number(height) } : null };
  }, [key]);
}
