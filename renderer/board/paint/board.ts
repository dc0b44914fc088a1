import type { Note } from '../../../shared/schema/note';
import { PARKED } from '../../../shared/template/template';
import { fitHouse, type Viewport } from '../viewport';
import { paintHouse, type HousePicture } from './house';
import { paintNotes, type NotesDrawStats } from './notes';

/** A whole board: the house and its notes. */
export interface BoardPicture extends HousePicture {
  readonly notes: readonly Note[];
}

export interface PaintTarget {
  /** The picture's size in CSS px. */
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS px of the canvas (its backing store is width × pixelRatio wide). */
  readonly pixelRatio: number;
  /** Paint this colour first; by default the canvas is cleared to transparent. */
  readonly background?: string;
}

/** What `paintBoard` painted: the view it fitted, and what the notes showed. */
export interface BoardPaint {
  readonly view: Viewport;
  readonly stats: NotesDrawStats;
}

/**
 * Paints a whole board into `ctx`, fitted ("Hele huis") into `target.width` × `target.height` CSS
 * px: for a read-only house (HouseView), printing and PNG export. The context's transform is set
 * here (device pixels, as the canvas's backing store) and left as it was.
 */
export function paintBoard(ctx: CanvasRenderingContext2D, picture: BoardPicture, target: PaintTarget): BoardPaint {
  const { width, height, pixelRatio } = target;
  const view = fitHouse(picture.template, width, height, picture.notes.some((n) => n.zone === PARKED));
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (target.background) {
    ctx.fillStyle = target.background;
    ctx.fillRect(0, 0, width * pixelRatio, height * pixelRatio);
  }
  const k = view.scale * pixelRatio;
  ctx.setTransform(k, 0, 0, k, view.x * pixelRatio, view.y * pixelRatio);
  paintHouse(ctx, picture);
  const stats = paintNotes(ctx, picture.notes, { scale: view.scale, lang: picture.lang, view: null });
  ctx.restore();
  return { view, stats };
}
