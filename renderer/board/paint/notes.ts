import { NOTE_COLOUR_HEX, NOTE_HEIGHT, NOTE_WIDTH, type Note, type NoteColour } from '../../../shared/schema/note';
import { rectsIntersect } from '../../../shared/template/geometry';
import type { Rect } from '../../../shared/template/template';
import type { Language } from '../../../shared/platform';
import { NOTE_FONT_FAMILY, NOTE_FONT_SIZES, NOTE_PADDING, layoutNoteText, minFontSize, type TextLayout } from '../textLayout';

/**
 * The notes painter: notes in, canvas calls out. It keeps no state of its own: whatever a board
 * wants (the scale, the part on screen, sketching while a zoom gesture runs) comes in as `NotesPaint`,
 * so the editor, a read-only house on the projector wall and an exported PNG paint the same notes.
 * The context must be in board units (the caller sets the transform).
 */

/**
 * Below this many CSS px even the largest note font is unreadable: grey bars are drawn instead
 * (much cheaper). With the largest size 56 that is a zoom of about 9 %, far below any fitted view.
 */
export const SKETCH_BELOW_PX = 5;

/** How far a note's shadow reaches beyond it (board units): its painted area, for culling and repainting. */
const SHADOW_REACH = 8;

export interface NotesPaint {
  /** CSS px per board unit: decides the smallest text allowed and when text is only sketched. */
  readonly scale: number;
  /** Language to hyphenate in. */
  readonly lang: Language;
  /** Only notes whose painted area meets this board rectangle are painted; null: all. */
  readonly view: Rect | null;
  /** Text as grey bars, cheap, while a zoom gesture runs over many notes. */
  readonly sketch?: boolean;
  /** The smallest font size allowed (board units); default minFontSize(scale). */
  readonly minSize?: number;
}

/** What a paint of the notes showed (read by the benchmark and the end-to-end test probe). */
export interface NotesDrawStats {
  total: number;
  drawn: number;
  /** The scale of the paint, and the smallest font size it allowed (board units). */
  scale: number;
  minSize: number;
  /** The smallest note text drawn, in CSS px (Infinity when no text was drawn). */
  smallestTextPx: number;
  /** How many drawn notes show their text cut with "…". */
  cut: number;
  sketch: boolean;
}

/** The area a note paints, shadow included (board units). */
export function noteBounds(note: { x: number; y: number }): Rect {
  return { x: note.x - SHADOW_REACH, y: note.y - SHADOW_REACH, width: NOTE_WIDTH + 2 * SHADOW_REACH, height: NOTE_HEIGHT + 2 * SHADOW_REACH };
}

/** Whether a note's painted area meets `view` (null: everything is in view). Called per note per paint: allocates nothing. */
export function noteInView(note: { x: number; y: number }, view: Rect | null): boolean {
  if (!view) return true;
  const x = note.x - SHADOW_REACH;
  const y = note.y - SHADOW_REACH;
  return view.x < x + NOTE_WIDTH + 2 * SHADOW_REACH && x < view.x + view.width && view.y < y + NOTE_HEIGHT + 2 * SHADOW_REACH && y < view.y + view.height;
}

interface Pen {
  readonly ctx: CanvasRenderingContext2D;
  readonly sketch: boolean;
  /** The font size last set on the context (setting a font is costly: it is parsed). */
  font: number;
  readonly minSize: number;
  readonly lang: Language;
}

function startPen(ctx: CanvasRenderingContext2D, paint: NotesPaint, lifted = false): Pen {
  ctx.textBaseline = 'top';
  const largest = NOTE_FONT_SIZES[0]!;
  return {
    ctx,
    sketch: largest * paint.scale < SKETCH_BELOW_PX || (Boolean(paint.sketch) && !lifted),
    font: 0,
    minSize: minSizeOf(paint),
    lang: paint.lang,
  };
}

function minSizeOf(paint: NotesPaint): number {
  return paint.minSize ?? minFontSize(paint.scale);
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
  if (pen.font !== layout.fontSize) {
    ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
    pen.font = layout.fontSize;
  }
  layout.lines.forEach((line, i) => ctx.fillText(line, x + NOTE_PADDING, y + NOTE_PADDING + i * layout.lineHeight));
  return layout;
}

/**
 * Paints `notes` in list order (later notes on top), skipping those outside `paint.view`; only
 * those whose painted area meets one of `only` when it is given (a repaint of a few places, the
 * caller clips to them). Returns what the whole picture shows, painted now or before.
 */
export function paintNotes(ctx: CanvasRenderingContext2D, notes: readonly Note[], paint: NotesPaint, only?: readonly Rect[]): NotesDrawStats {
  const pen = startPen(ctx, paint);
  let drawn = 0;
  let smallest = Infinity;
  let cut = 0;
  for (const n of notes) {
    if (!noteInView(n, paint.view)) continue;
    drawn++;
    let layout: TextLayout;
    if (!only || only.some((r) => rectsIntersect(r, noteBounds(n)))) {
      layout = paintNote(pen, n.x, n.y, n.text, n.colour, false);
    } else {
      // Not repainted, but still part of the picture: its layout is a cached lookup.
      layout = layoutNoteText(n.text, pen.minSize, pen.lang);
    }
    if (n.text && layout.fontSize < smallest) smallest = layout.fontSize;
    if (layout.cut) cut++;
  }
  return {
    total: notes.length,
    drawn,
    scale: paint.scale,
    minSize: pen.minSize,
    smallestTextPx: pen.sketch ? Infinity : smallest * paint.scale,
    cut,
    sketch: pen.sketch,
  };
}

/** Paints one note lifted off the board (being dragged) with its top-left corner at (0, 0). */
export function paintLiftedNote(ctx: CanvasRenderingContext2D, note: Note, paint: Omit<NotesPaint, 'view'>): void {
  paintNote(startPen(ctx, { ...paint, view: null }, true), 0, 0, note.text, note.colour, true);
}

/**
 * Where two lists of the same board differ: the painted areas of every note added, removed or
 * changed (before and after), or null when more than `max` places changed (paint everything).
 * Lists come from NotesStore, where an unchanged note keeps its object.
 */
export function changedAreas(before: readonly Note[], after: readonly Note[], max = 64): Rect[] | null {
  if (before === after) return [];
  const areas: Rect[] = [];
  if (before.length === after.length) {
    let sameOrder = true;
    for (let i = 0; i < after.length; i++) {
      const a = before[i]!;
      const b = after[i]!;
      if (a === b) continue;
      if (a.id !== b.id) {
        sameOrder = false;
        break;
      }
      areas.push(noteBounds(a));
      if (a.x !== b.x || a.y !== b.y) areas.push(noteBounds(b));
      if (areas.length > max) return null;
    }
    if (sameOrder) return areas;
    areas.length = 0;
  }
  const old = new Map(before.map((n) => [n.id, n]));
  for (const n of after) {
    const o = old.get(n.id);
    old.delete(n.id);
    if (o === n) continue;
    if (o) areas.push(noteBounds(o));
    areas.push(noteBounds(n));
    if (areas.length > max) return null;
  }
  for (const o of old.values()) areas.push(noteBounds(o));
  return areas.length > max ? null : areas;
}

/** The outline around the selected note (nothing when `note` is null). */
export function paintSelection(ctx: CanvasRenderingContext2D, note: { x: number; y: number } | null): void {
  if (!note) return;
  ctx.strokeStyle = '#1565c0';
  ctx.lineWidth = 6;
  ctx.strokeRect(note.x - 5, note.y - 5, NOTE_WIDTH + 10, NOTE_HEIGHT + 10);
}
