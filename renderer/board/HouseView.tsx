import { memo, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { QUESTION_SIZE, type HousePicture } from './paint/house';
import { paintBoard, type BoardPaint } from './paint/board';
import type { NotesDrawStats } from './paint/notes';
import { probeNotes, type BoardProbe } from './probe';
import { useNotesStore } from './useBoard';
import { useDevicePixelRatio } from './useDevicePixelRatio';

interface Props {
  picture: HousePicture;
  /** The group's board doc. Nothing here writes to it. */
  doc: Y.Doc;
  /** What a screen reader calls this picture ("Het huis van Groep 3"). */
  label: string;
}

/** BoardProbe of a read-only house, with how often it painted, when it last did and how long that took. */
export interface HouseViewProbe extends BoardProbe {
  stats: NotesDrawStats;
  paints: number;
  /** performance.now() at the end of the last paint. */
  paintedAt: number;
  paintMs: number;
}

/**
 * A house with its notes, read-only, fitted ("Hele huis") into whatever size its box has: one
 * canvas painted by the same painters as the editor (paintBoard), so many fit on one page (the
 * projector wall shows six to twelve). It takes no input at all: no selection, no drag, no keys.
 * A change of the notes is painted straight from the store, without a React render: a remote one
 * at once (the store tells of those at most once a frame), a local one with the next frame.
 */
export const HouseView = memo(function HouseView({ picture, doc, label }: Props) {
  const store = useNotesStore(doc);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pixelRatio = useDevicePixelRatio();

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    let last: BoardPaint | null = null;
    let paints = 0;
    let paintedAt = 0;
    let paintMs = 0;
    const paint = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      if (width <= 0 || height <= 0) return;
      const start = performance.now();
      const pixels = { width: Math.round(width * pixelRatio), height: Math.round(height * pixelRatio) };
      // Setting a canvas's size clears it, even to the size it has: only when it changes.
      if (canvas.width !== pixels.width || canvas.height !== pixels.height) Object.assign(canvas, pixels);
      last = paintBoard(ctx, { ...picture, notes: store.getSnapshot() }, { width, height, pixelRatio });
      paints++;
      paintedAt = performance.now();
      paintMs = paintedAt - start;
    };
    const paintSoon = (remote: boolean) => {
      if (remote) paint();
      else if (!frame) frame = requestAnimationFrame(paint);
    };
    paint();
    const stop = store.subscribe(paintSoon);
    // Observing reports the size at once too: only a new size is painted again.
    const observer = new ResizeObserver(() => {
      if (last && canvas.width === Math.round(canvas.clientWidth * pixelRatio) && canvas.height === Math.round(canvas.clientHeight * pixelRatio)) return;
      paintSoon(false);
    });
    observer.observe(canvas);
    // A canvas whose context the browser lost and gave back is blank.
    const restored = () => paint();
    canvas.addEventListener('contextrestored', restored);
    // What it painted, for the end-to-end tests and the benchmark (see HouseViewProbe).
    const probed = canvas as HTMLCanvasElement & { bouwplaatsProbe?: () => HouseViewProbe | null };
    probed.bouwplaatsProbe = () => {
      if (!last) return null;
      const { view, stats } = last;
      const notes = probeNotes(store.getSnapshot(), view, { width: canvas.clientWidth, height: canvas.clientHeight }, stats.minSize, picture.lang);
      return { scale: view.scale, view, pixelRatio, stats, questionPx: QUESTION_SIZE * view.scale, notes, paints, paintedAt, paintMs };
    };
    return () => {
      stop();
      observer.disconnect();
      cancelAnimationFrame(frame);
      canvas.removeEventListener('contextrestored', restored);
      delete probed.bouwplaatsProbe;
    };
  }, [store, picture, pixelRatio]);

  return <canvas ref={canvasRef} className="house-view" role="img" aria-label={label} />;
});
