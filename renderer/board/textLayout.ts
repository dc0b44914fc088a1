import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema/note';

export const NOTE_FONT_FAMILY = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
export const NOTE_PADDING = 10;
const SIZES = [26, 24, 22, 20, 18, 16, 14] as const;
const LINE_HEIGHT = 1.2;
/** Widths are measured once at this size and scaled; a little slack covers rounding at small sizes. */
const REFERENCE_SIZE = 100;
const SLACK = 1.02;

export interface TextLayout {
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly lines: readonly string[];
}

let measureContext: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

/** Width of `piece` at REFERENCE_SIZE, measured once: notes repeat their words a lot. */
function widthOf(piece: string): number {
  let w = widths.get(piece);
  if (w === undefined) {
    if (!measureContext) {
      measureContext = document.createElement('canvas').getContext('2d')!;
      measureContext.font = `${REFERENCE_SIZE}px ${NOTE_FONT_FAMILY}`;
    }
    w = measureContext.measureText(piece).width * SLACK;
    if (widths.size > 50_000) widths.clear();
    widths.set(piece, w);
  }
  return w;
}

/** Breaks one word wider than the line into pieces that fit (by characters). */
function breakWord(word: string, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const ch of word) {
    const w = widthOf(ch);
    if (piece && width + w > maxWidth) {
      pieces.push(piece);
      piece = '';
      width = 0;
    }
    piece += ch;
    width += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Greedy word wrap with widths in REFERENCE_SIZE units. */
function wrap(text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = widthOf(' ');
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/)) {
      if (!word) continue;
      const w = widthOf(word);
      if (line && lineWidth + space + w <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
      } else {
        const pieces = breakWord(word, maxWidth);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
        lineWidth = widthOf(line);
      }
    }
    lines.push(line);
  }
  return lines;
}

const cache = new Map<string, TextLayout>();

/**
 * The biggest font at which the text fits the note; at the smallest size the last line ends in "…".
 * Cached per text, and every word is measured only once: measuring is what makes canvas text slow.
 */
export function layoutNoteText(text: string): TextLayout {
  const hit = cache.get(text);
  if (hit) return hit;
  const innerWidth = NOTE_WIDTH - 2 * NOTE_PADDING;
  const innerHeight = NOTE_HEIGHT - 2 * NOTE_PADDING;
  let layout: TextLayout | null = null;
  for (const fontSize of SIZES) {
    const maxWidth = (innerWidth * REFERENCE_SIZE) / fontSize;
    const lineHeight = Math.round(fontSize * LINE_HEIGHT);
    const lines = wrap(text, maxWidth);
    const maxLines = Math.max(1, Math.floor(innerHeight / lineHeight));
    if (lines.length <= maxLines) {
      layout = { fontSize, lineHeight, lines };
      break;
    }
    if (fontSize === SIZES[SIZES.length - 1]) {
      const shown = lines.slice(0, maxLines);
      let last = shown[maxLines - 1] ?? '';
      while (last && widthOf(`${last}…`) > maxWidth) last = last.slice(0, -1);
      shown[maxLines - 1] = `${last.trimEnd()}…`;
      layout = { fontSize, lineHeight, lines: shown };
    }
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(text, layout!);
  return layout!;
}
