import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema/note';

export const NOTE_FONT_FAMILY = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
export const NOTE_PADDING = 10;
const SIZES = [26, 24, 22, 20, 18, 16, 14] as const;
const LINE_HEIGHT = 1.2;

export interface TextLayout {
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly lines: readonly string[];
}

let measureContext: CanvasRenderingContext2D | null = null;
function measurer(): CanvasRenderingContext2D {
  measureContext ??= document.createElement('canvas').getContext('2d')!;
  return measureContext;
}

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(\s+)/)) {
      if (!word) continue;
      const candidate = line + word;
      if (ctx.measureText(candidate).width <= maxWidth || !line.trim()) {
        line = candidate;
      } else {
        lines.push(line.trimEnd());
        line = word.trimStart();
      }
      // A single word wider than the note is broken by characters.
      while (line.length > 1 && ctx.measureText(line).width > maxWidth) {
        // Binary search for the longest prefix that fits: a 500-character word stays cheap.
        let lo = 1;
        let hi = line.length - 1;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (ctx.measureText(line.slice(0, mid)).width <= maxWidth) lo = mid;
          else hi = mid - 1;
        }
        const cut = lo;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

const cache = new Map<string, TextLayout>();

/**
 * The biggest font at which the text fits the note; at the smallest size the last line ends in "…".
 * Cached per text: measuring is what makes text expensive on a canvas.
 */
export function layoutNoteText(text: string): TextLayout {
  const hit = cache.get(text);
  if (hit) return hit;
  const ctx = measurer();
  const maxWidth = NOTE_WIDTH - 2 * NOTE_PADDING;
  const maxHeight = NOTE_HEIGHT - 2 * NOTE_PADDING;
  let layout: TextLayout | null = null;
  for (const fontSize of SIZES) {
    ctx.font = `${fontSize}px ${NOTE_FONT_FAMILY}`;
    const lineHeight = Math.round(fontSize * LINE_HEIGHT);
    const lines = wrap(ctx, text, maxWidth);
    const fits = lines.length * lineHeight <= maxHeight;
    if (fits || fontSize === SIZES[SIZES.length - 1]) {
      const maxLines = Math.max(1, Math.floor(maxHeight / lineHeight));
      if (lines.length > maxLines) {
        const shown = lines.slice(0, maxLines);
        let last = shown[maxLines - 1] ?? '';
        while (last && ctx.measureText(`${last}…`).width > maxWidth) last = last.slice(0, -1);
        shown[maxLines - 1] = `${last}…`;
        layout = { fontSize, lineHeight, lines: shown };
      } else {
        layout = { fontSize, lineHeight, lines };
      }
      break;
    }
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(text, layout!);
  return layout!;
}
