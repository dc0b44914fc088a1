import type Konva from 'konva';
import { NOTE_COLOUR_HEX, NOTE_HEIGHT, NOTE_WIDTH, type Note, type NoteColour } from '../../shared/schema/note';
import type { Language } from '../../shared/platform';
import type { Rect } from '../../shared/template/template';
import { NOTE_FONT_FAMILY, NOTE_FONT_SIZES, NOTE_PADDING, layoutNoteText, minFontSize, type TextLayout } from './textLayout';

/**
 * Below this many CSS px even the largest note font is unreadable: grey bars are drawn instead
 * (much cheaper). With the largest size 56 that is a zoom of about 9 %, far below any fitted view.
 */
export const SKETCH_BELOW_PX = 5;

let fullDetail = true;
/** While a zoom gesture runs over many notes, text is sketched as bars (see HouseBoard). */
export function setTextDetail(full: boolean): void {
  fullDetail = full;
}

interface Pen {
  ctx: CanvasRenderingContext2D;
  sketch: boolean;
  font: number;
  /** Smallest font size allowed at this zoom (board units), and the language to hyphenate in. */
  minSize: number;
  lang: Language;
}

function paintNote(pen: Pen, x: number, y: number, text: string, colour: NoteColour, lifted: boolean): TextLayout {
  const { ctx } = pen;
  ctx.fillStyle = lifted ? 'rgba(0,0,0,0.28)' : 'rgba(0,0,0,0.16)';
  ctx.fillRect(x + (lifted ? 6 : 3), y + (lifted ? 8 : 4), NOTE_WIDTH, NOTE_HEIGHT);
  ctx.fillStyle = NOTE_COLOUR_HEX[colour] ?? NOTE_COLOUR_HEX.yellow;
  ctx.fillRect(x, y, NOTE_WIDTH, NOTE_HEIGHT);
  const layout = layoutNoteText(text, pen.minSize, pen.lang);
  ctx.fillStyle = '#1f1f1f';
  if (pen.sketch) {
    ctx.globalAlpha = 0.35;
    layout.lines.forEach((line, i) => {
      const width = Math.min(NOTE_WIDTH - 2 * NOTE_PADDING, line.length * layout.fontSize * 0.5);
      ctx.fillRect(x + NOTE_PADDING, y + NOTE_PADDING + i * layout.lineHeight + layout.fontSize * 0.2, width, layout.fontSize * 0.6);
    });
    ctx.globalAlpha = 1;
    return layout;
  }
  // Setting a font is costly (it is parsed): only when the size changes from the previous note.
  if (pen.font !== layout.fontSize) {
    ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
    pen.font = layout.fontSize;
  }
  layout.lines.forEach((line, i) => ctx.fillText(line, x + NOTE_PADDING, y + NOTE_PADDING + i * layout.lineHeight));
  return layout;
}

/** What the notes shape reports about its last draw (read by the benchmark and the test probe). */
export interface NotesDrawStats {
  total: number;
  drawn: number;
  /** The stage scale of the draw, and the smallest font size it allowed (board units). */
  scale: number;
  minSize: number;
  /** The smallest note text drawn, in CSS px (Infinity when no text was drawn). */
  smallestTextPx: number;
  /** How many drawn notes show their text cut with "…". */
  cut: number;
  sketch: boolean;
}

type StatsShape = Konva.Shape & { drawStats?: NotesDrawStats };

function startPen(context: Konva.Context, scale: number, lang: Language, minSize: number, lifted = false): Pen {
  const ctx = context._context;
  ctx.textBaseline = 'top';
  const largest = NOTE_FONT_SIZES[0]!;
  return { ctx, sketch: largest * scale < SKETCH_BELOW_PX || (!fullDetail && !lifted), font: 0, minSize, lang };
}

/**
 * Draws every note of the board in one Konva shape with plain canvas calls, in list order (later
 * notes on top), skipping those outside `view`. One shape instead of a Konva node per note: no
 * per-node bookkeeping, nothing to create for 2,000 notes, one font set per size change.
 * Attributes: `notes`, `view` (world rect or null), `lang` (hyphenation).
 */
export function drawNotes(context: Konva.Context, shape: Konva.Shape): void {
  const notes = shape.getAttr('notes') as readonly Note[];
  const view = shape.getAttr('view') as Rect | null;
  const lang = (shape.getAttr('lang') as Language | undefined) ?? 'nl';
  const scale = shape.getStage()?.scaleX() ?? 1;
  const previous = (shape as StatsShape).drawStats;
  // A sketch keeps the floor of the last full draw: laying every text out again for bars that
  // only last while the wheel turns would cost the frames the sketch is there to save.
  const sketching = !fullDetail;
  const minSize = sketching && previous ? previous.minSize : minFontSize(scale);
  const pen = startPen(context, scale, lang, minSize);
  let drawn = 0;
  let smallest = Infinity;
  let cut = 0;
  for (const n of notes) {
    if (view && (n.x > view.x + view.width || n.y > view.y + view.height || n.x + NOTE_WIDTH < view.x || n.y + NOTE_HEIGHT < view.y)) {
      continue;
    }
    const layout = paintNote(pen, n.x, n.y, n.text, n.colour, false);
    if (n.text && layout.fontSize < smallest) smallest = layout.fontSize;
    if (layout.cut) cut++;
    drawn++;
  }
  (shape as StatsShape).drawStats = {
    total: notes.length,
    drawn,
    scale,
    minSize,
    smallestTextPx: pen.sketch ? Infinity : smallest * scale,
    cut,
    sketch: pen.sketch,
  };
}

/** Draws the one note being dragged, lifted, on the overlay layer. Attributes: `note`, `lang`. */
export function drawLiftedNote(context: Konva.Context, shape: Konva.Shape): void {
  const note = shape.getAttr('note') as Note;
  const lang = (shape.getAttr('lang') as Language | undefined) ?? 'nl';
  const scale = shape.getAbsoluteScale().x;
  const pen = startPen(context, scale, lang, minFontSize(scale), true);
  paintNote(pen, 0, 0, note.text, note.colour, true);
}
