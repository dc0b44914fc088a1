import type Konva from 'konva';
import { NOTE_COLOUR_HEX, NOTE_HEIGHT, NOTE_WIDTH, type NoteColour } from '../../shared/schema/note';
import { NOTE_FONT_FAMILY, NOTE_PADDING, layoutNoteText } from './textLayout';

/** Below this zoom text is unreadable anyway: draw grey bars instead (much cheaper). */
export const TEXT_MIN_SCALE = 0.28;

let fullDetail = true;
/** While a zoom gesture runs over many notes, text is sketched as bars (see HouseBoard). */
export function setTextDetail(full: boolean): void {
  fullDetail = full;
}

/** The attributes a note's Konva shape carries; the draw function reads them. */
export interface NoteAttrs {
  noteText: string;
  noteColour: NoteColour;
  selected?: boolean;
  /** The shape is the moving copy under the pointer. */
  lifted?: boolean;
}

/**
 * Draws one note with plain canvas calls: one custom shape per note instead of a Konva group with
 * a Rect and a Text node, which is what makes 2,000 notes cheap to create and to draw.
 */
export function drawNote(context: Konva.Context, shape: Konva.Shape): void {
  const ctx = context._context;
  const attrs = shape.attrs as NoteAttrs;
  const lifted = attrs.lifted === true;
  ctx.fillStyle = lifted ? 'rgba(0,0,0,0.28)' : 'rgba(0,0,0,0.16)';
  ctx.fillRect(lifted ? 6 : 3, lifted ? 8 : 4, NOTE_WIDTH, NOTE_HEIGHT);
  ctx.fillStyle = NOTE_COLOUR_HEX[attrs.noteColour] ?? NOTE_COLOUR_HEX.yellow;
  ctx.fillRect(0, 0, NOTE_WIDTH, NOTE_HEIGHT);
  if (attrs.selected) {
    ctx.lineWidth = 5;
    ctx.strokeStyle = '#1565c0';
    ctx.strokeRect(-2.5, -2.5, NOTE_WIDTH + 5, NOTE_HEIGHT + 5);
  }
  const scale = shape.getAbsoluteScale().x;
  const layout = layoutNoteText(attrs.noteText);
  ctx.fillStyle = '#1f1f1f';
  if (scale < TEXT_MIN_SCALE || (!fullDetail && !lifted)) {
    ctx.globalAlpha = 0.35;
    layout.lines.forEach((line, i) => {
      const width = Math.min(NOTE_WIDTH - 2 * NOTE_PADDING, line.length * layout.fontSize * 0.5);
      ctx.fillRect(NOTE_PADDING, NOTE_PADDING + i * layout.lineHeight + layout.fontSize * 0.2, width, layout.fontSize * 0.6);
    });
    ctx.globalAlpha = 1;
    return;
  }
  ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  layout.lines.forEach((line, i) => ctx.fillText(line, NOTE_PADDING, NOTE_PADDING + i * layout.lineHeight));
}
