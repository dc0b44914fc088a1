import type Konva from 'konva';
import { NOTE_COLOUR_HEX, NOTE_HEIGHT, NOTE_WIDTH, type Note, type NoteColour } from '../../shared/schema/note';
import type { Rect } from '../../shared/template/template';
import { NOTE_FONT_FAMILY, NOTE_PADDING, layoutNoteText } from './textLayout';

/** Below this zoom text is unreadable anyway: draw grey bars instead (much cheaper). */
export const TEXT_MIN_SCALE = 0.28;

let fullDetail = true;
/** While a zoom gesture runs over many notes, text is sketched as bars (see HouseBoard). */
export function setTextDetail(full: boolean): void {
  fullDetail = full;
}

interface Pen {
  ctx: CanvasRenderingContext2D;
  sketch: boolean;
  font: number;
}

function paintNote(pen: Pen, x: number, y: number, text: string, colour: NoteColour, lifted: boolean): void {
  const { ctx } = pen;
  ctx.fillStyle = lifted ? 'rgba(0,0,0,0.28)' : 'rgba(0,0,0,0.16)';
  ctx.fillRect(x + (lifted ? 6 : 3), y + (lifted ? 8 : 4), NOTE_WIDTH, NOTE_HEIGHT);
  ctx.fillStyle = NOTE_COLOUR_HEX[colour] ?? NOTE_COLOUR_HEX.yellow;
  ctx.fillRect(x, y, NOTE_WIDTH, NOTE_HEIGHT);
  const layout = layoutNoteText(text);
  ctx.fillStyle = '#1f1f1f';
  if (pen.sketch) {
    ctx.globalAlpha = 0.35;
    layout.lines.forEach((line, i) => {
      const width = Math.min(NOTE_WIDTH - 2 * NOTE_PADDING, line.length * layout.fontSize * 0.5);
      ctx.fillRect(x + NOTE_PADDING, y + NOTE_PADDING + i * layout.lineHeight + layout.fontSize * 0.2, width, layout.fontSize * 0.6);
    });
    ctx.globalAlpha = 1;
    return;
  }
  // Setting a font is costly (it is parsed): only when the size changes from the previous note.
  if (pen.font !== layout.fontSize) {
    ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
    pen.font = layout.fontSize;
  }
  layout.lines.forEach((line, i) => ctx.fillText(line, x + NOTE_PADDING, y + NOTE_PADDING + i * layout.lineHeight));
}

function startPen(context: Konva.Context, scale: number, lifted = false): Pen {
  const ctx = context._context;
  ctx.textBaseline = 'top';
  return { ctx, sketch: scale < TEXT_MIN_SCALE || (!fullDetail && !lifted), font: 0 };
}

/** What the notes shape reports about its last draw (read by the benchmark). */
export interface NotesDrawStats {
  total: number;
  drawn: number;
}

/**
 * Draws every note of the board in one Konva shape with plain canvas calls, in list order (later
 * notes on top), skipping those outside `view`. One shape instead of a Konva node per note: no
 * per-node bookkeeping, nothing to create for 2,000 notes, one font set per size change.
 */
export function drawNotes(context: Konva.Context, shape: Konva.Shape): void {
  const notes = shape.getAttr('notes') as readonly Note[];
  const view = shape.getAttr('view') as Rect | null;
  const stage = shape.getStage();
  const pen = startPen(context, stage?.scaleX() ?? 1);
  let drawn = 0;
  for (const n of notes) {
    if (view && (n.x > view.x + view.width || n.y > view.y + view.height || n.x + NOTE_WIDTH < view.x || n.y + NOTE_HEIGHT < view.y)) {
      continue;
    }
    paintNote(pen, n.x, n.y, n.text, n.colour, false);
    drawn++;
  }
  (shape as Konva.Shape & { drawStats?: NotesDrawStats }).drawStats = { total: notes.length, drawn };
}

/** Draws the one note being dragged, lifted, on the overlay layer. */
export function drawLiftedNote(context: Konva.Context, shape: Konva.Shape): void {
  const note = shape.getAttr('note') as Note;
  const pen = startPen(context, shape.getAbsoluteScale().x, true);
  paintNote(pen, 0, 0, note.text, note.colour, true);
}
