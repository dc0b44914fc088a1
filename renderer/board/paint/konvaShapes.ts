import type Konva from 'konva';
import type { Note } from '../../../shared/schema/note';
import type { Rect } from '../../../shared/template/template';
import type { Language } from '../../../shared/platform';
import { minFontSize } from '../textLayout';
import { paintHouse, type HousePicture } from './house';
import { changedAreas, paintLiftedNote, paintNotes, paintSelection, type NotesDrawStats } from './notes';

/**
 * The painters on Konva shapes (the editor board draws with Konva): each scene function reads the
 * shape's attributes and calls a painter with the canvas's own 2D context.
 */

/** The house: attribute `picture` (HousePicture). */
export function drawHouseShape(context: Konva.Context, shape: Konva.Shape): void {
  paintHouse(context._context, shape.getAttr('picture') as HousePicture);
}

/** The one note being dragged, lifted: attributes `note`, `lang`. */
export function drawLiftedNoteShape(context: Konva.Context, shape: Konva.Shape): void {
  const scale = shape.getAbsoluteScale().x;
  paintLiftedNote(context._context, shape.getAttr('note') as Note, { scale, lang: (shape.getAttr('lang') as Language | undefined) ?? 'nl' });
}

/** The selection outline: attribute `note` (or null). */
export function drawSelectionShape(context: Konva.Context, shape: Konva.Shape): void {
  paintSelection(context._context, shape.getAttr('note') as Note | null);
}

/** What the notes shape last put on its canvas, to know whether a few places can be repainted. */
interface Painted {
  readonly ctx: CanvasRenderingContext2D;
  readonly transform: string;
  readonly pixels: string;
  readonly notes: readonly Note[];
  readonly setting: string;
}

/** The notes shape: what it last painted, and the figures the test probe and the benchmark read. */
export type NotesShape = Konva.Shape & { painted?: Painted; drawStats?: NotesDrawStats };

/** The next draw of this notes shape paints every note (its canvas was cleared by something else). */
export function repaintAll(shape: Konva.Shape): void {
  (shape as NotesShape).painted = undefined;
}

function clearAll(ctx: CanvasRenderingContext2D): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
}

/**
 * Clears the device pixels under `areas` (board units, through `m`) and clips to them. Whole
 * pixels, so nothing at their edges is half cleared or half painted: repainting the notes there
 * gives exactly the pixels a full paint would.
 */
function clipTo(ctx: CanvasRenderingContext2D, m: DOMMatrix, areas: readonly Rect[]): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.beginPath();
  for (const r of areas) {
    const x0 = Math.floor(m.a * r.x + m.e);
    const y0 = Math.floor(m.d * r.y + m.f);
    const x1 = Math.ceil(m.a * (r.x + r.width) + m.e);
    const y1 = Math.ceil(m.d * (r.y + r.height) + m.f);
    ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
    ctx.rect(x0, y0, x1 - x0, y1 - y0);
  }
  ctx.clip();
  ctx.setTransform(m);
}

/**
 * Every note of the board in one shape, with plain canvas calls (no Konva node per note: nothing to
 * create for 2,000 notes). Attributes: `notes` (in drawing order), `view` (the board rectangle to
 * paint, or null), `lang`, `sketch` (text as bars while a zoom gesture runs).
 *
 * The layer must not clear itself (`clearBeforeDraw: false`): when only some notes changed since
 * the last draw on the same canvas at the same transform (a note dropped, a remote note arriving),
 * only the places they left and took are cleared and repainted, so a change costs the notes there
 * and not all 2,000. Anything else (a pan, a zoom, a new size or pixel ratio, another canvas as when
 * printing) paints everything.
 */
export function drawNotesShape(context: Konva.Context, shape: Konva.Shape): void {
  const ctx = context._context;
  const self = shape as NotesShape;
  const notes = shape.getAttr('notes') as readonly Note[];
  const view = shape.getAttr('view') as Rect | null;
  const lang = (shape.getAttr('lang') as Language | undefined) ?? 'nl';
  const sketch = Boolean(shape.getAttr('sketch'));
  const scale = shape.getStage()?.scaleX() ?? 1;
  // A sketch keeps the floor of the last full draw: laying every text out again for bars that
  // only last while the wheel turns would cost the frames the sketch is there to save.
  const minSize = sketch && self.drawStats ? self.drawStats.minSize : minFontSize(scale);
  const m = ctx.getTransform();
  const transform = [m.a, m.b, m.c, m.d, m.e, m.f].join();
  const pixels = `${ctx.canvas.width}x${ctx.canvas.height}`;
  const setting = JSON.stringify([view, lang, sketch, minSize]);
  const before = self.painted;
  const same = before && before.ctx === ctx && before.transform === transform && before.pixels === pixels && before.setting === setting;
  const areas = same && m.b === 0 && m.c === 0 ? changedAreas(before.notes, notes) : null;
  const paint = { scale, lang, view, sketch, minSize };
  if (areas) {
    ctx.save();
    clipTo(ctx, m, areas);
    self.drawStats = paintNotes(ctx, notes, paint, areas);
    ctx.restore();
  } else {
    clearAll(ctx);
    self.drawStats = paintNotes(ctx, notes, paint);
  }
  self.painted = { ctx, transform, pixels, notes, setting };
}
