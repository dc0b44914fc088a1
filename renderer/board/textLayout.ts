import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema/note';
import { graphemes } from '../../shared/graphemes';
import type { Language } from '../../shared/platform';
import { syllables } from './hyphenation';

export const NOTE_FONT_FAMILY = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
/** Space between a note's edge and its text, in board units. */
export const NOTE_PADDING = 12;
/**
 * The font sizes a note's text may take, in board units, largest first: a short note is drawn big.
 * The smallest is 18 (18 px at 100 %); how small text may get is decided per zoom (see minFontSize).
 */
export const NOTE_FONT_SIZES: readonly number[] = [56, 48, 43, 38, 34, 30, 27, 24, 21, 18];
/**
 * The smallest note text on screen, in CSS px, at any zoom where the largest font still reaches it
 * (the fitted house on a 1280×720 projector, a 1366×768 laptop, a tablet in presentation mode).
 * Below it a note shows fewer words, ending in "…"; the full text is in the panel and the tooltip.
 */
export const MIN_TEXT_PX = 12;
const LINE_HEIGHT = 1.2;

/**
 * The smallest font size (board units) a note may use at `scale` so its text is at least
 * MIN_TEXT_PX on screen: never below the smallest or above the largest of NOTE_FONT_SIZES.
 * Whole units, so a zoom gesture meets only a few dozen floors (each one cached).
 */
export function minFontSize(scale: number): number {
  const smallest = NOTE_FONT_SIZES[NOTE_FONT_SIZES.length - 1]!;
  const largest = NOTE_FONT_SIZES[0]!;
  if (!(scale > 0)) return largest;
  return Math.min(largest, Math.max(smallest, Math.ceil(MIN_TEXT_PX / scale - 1e-9)));
}

export interface TextLayout {
  /** Board units. */
  readonly fontSize: number;
  readonly lineHeight: number;
  /** What to draw, line by line; a word broken at a line end carries its "-". */
  readonly lines: readonly string[];
  /** The text did not fit: the last line ends in "…" and the rest is not shown. */
  readonly cut: boolean;
}

/** What the layout needs to know about a font and a language; fixed functions in tests. */
export interface TextMetrics {
  /** Width of `piece` per unit of font size (its width at size 1). */
  width(piece: string): number;
  /** The pieces of `word` between which a hyphen may go (one piece when there is none). */
  syllables(word: string): readonly string[];
}

interface Line {
  text: string;
  width: number;
  /** Broken inside a word at a hyphenation point: a "-" is drawn at its end. */
  hyphen: boolean;
}

/** A word broken into units: between two units the word may break (with a hyphen or not). */
interface Unit {
  text: string;
  /** Breaking after this unit needs a drawn hyphen (false after an explicit "-" or "/"). */
  hyphen: boolean;
}

function unitsOf(word: string, metrics: TextMetrics): Unit[] {
  const units: Unit[] = [];
  // A word already joined by "-" or "/" ("zorg-aanbieder", "organisaties/leidinggevenden"), or
  // written as one ("1Gezin1Plan1Regisseur"), breaks at those joins first, without a hyphen.
  for (const part of word.split(/(?<=[-/\u2010\u2013])|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\p{Nd})/u)) {
    const pieces = metrics.syllables(part);
    pieces.forEach((p, i) => units.push({ text: p, hyphen: i < pieces.length - 1 }));
  }
  return units;
}

class Wrapper {
  readonly lines: Line[] = [];
  private line: Line = { text: '', width: 0, hyphen: false };
  private readonly space: number;

  constructor(
    private readonly metrics: TextMetrics,
    /** Line width in font-size units. */
    private readonly maxWidth: number,
    /** Stop once there are more lines than this (the rest would not be shown). */
    private readonly stopAfter: number,
  ) {
    this.space = metrics.width(' ');
  }

  get full(): boolean {
    return this.lines.length > this.stopAfter;
  }

  endParagraph(): void {
    this.push();
  }

  /** Adds a word; returns false when it is wider than a line and `mayBreak` is false. */
  add(word: string, mayBreak: boolean): boolean {
    const w = this.metrics.width(word);
    if (this.fits(w)) {
      this.append(word, w);
      return true;
    }
    if (w <= this.maxWidth) {
      this.push();
      this.append(word, w);
      return true;
    }
    if (!mayBreak) return false;
    this.breakWord(unitsOf(word, this.metrics));
    return true;
  }

  private fits(w: number): boolean {
    return this.line.text ? this.line.width + this.space + w <= this.maxWidth : w <= this.maxWidth;
  }

  private append(piece: string, w: number): void {
    if (this.line.text) {
      this.line.text += ` ${piece}`;
      this.line.width += this.space + w;
    } else {
      this.line.text = piece;
      this.line.width = w;
    }
  }

  private push(hyphen = false): void {
    this.lines.push({ ...this.line, hyphen });
    this.line = { text: '', width: 0, hyphen: false };
  }

  /** Fills lines with as much of the word as fits, breaking at hyphenation points. */
  private breakWord(units: Unit[]): void {
    let i = 0;
    while (i < units.length && !this.full) {
      const rest = units.slice(i).map((u) => u.text).join('');
      const restWidth = this.metrics.width(rest);
      if (this.fits(restWidth)) {
        this.append(rest, restWidth);
        return;
      }
      let taken = 0;
      let piece = '';
      for (let j = i; j < units.length - 1; j++) {
        const candidate = piece + units[j]!.text;
        const drawn = units[j]!.hyphen ? `${candidate}-` : candidate;
        if (!this.fits(this.metrics.width(drawn))) break;
        piece = candidate;
        taken = j + 1;
      }
      if (taken > i) {
        this.append(piece, this.metrics.width(piece));
        this.push(units[taken - 1]!.hyphen);
        i = taken;
      } else if (this.line.text) {
        this.push();
      } else {
        // Not even one syllable fits a whole line (or the word has no hyphenation point that
        // helps, like a row of emoji): break between graphemes, never inside one.
        const unit = units[i]!;
        const chars = graphemes(unit.text);
        let n = 1;
        while (n < chars.length && this.metrics.width(chars.slice(0, n + 1).join('')) <= this.maxWidth) n++;
        const head = chars.slice(0, n).join('');
        if (n >= chars.length) {
          // The syllable fills the line with no room for its hyphen.
          this.append(head, this.metrics.width(head));
          this.push();
          i++;
        } else {
          this.append(head, this.metrics.width(head));
          this.push();
          units[i] = { text: chars.slice(n).join(''), hyphen: unit.hyphen };
        }
      }
    }
  }
}

/**
 * Lays out `text` in a box (board units): the largest of `sizes` (largest first) at which every
 * line fits and no word is broken; only at the last (smallest) size are words that are wider than
 * a line broken, at hyphenation points with a "-" drawn, and text that still does not fit is cut
 * with "…". Breaks and cuts never split a grapheme (an emoji, a letter with its accent).
 * `lineSpacing` is the line height per unit of font size (notes: 1.2).
 */
export function layoutText(
  text: string,
  box: { width: number; height: number },
  sizes: readonly number[],
  metrics: TextMetrics,
  lineSpacing: number = LINE_HEIGHT,
): TextLayout {
  const paragraphs = text.split('\n').map((p) => p.split(/\s+/).filter(Boolean));
  for (let s = 0; s < sizes.length; s++) {
    const fontSize = sizes[s]!;
    const last = s === sizes.length - 1;
    const lineHeight = Math.round(fontSize * lineSpacing);
    const maxLines = Math.max(1, Math.floor(box.height / lineHeight));
    const maxWidth = box.width / fontSize;
    const wrapper = new Wrapper(metrics, maxWidth, maxLines);
    let ok = true;
    for (const words of paragraphs) {
      for (const word of words) {
        if (!wrapper.add(word, last)) ok = false;
        if (!ok || wrapper.full) break;
      }
      if (!ok || wrapper.full) break;
      wrapper.endParagraph();
    }
    const lines = wrapper.lines;
    if (ok && lines.length <= maxLines) {
      return { fontSize, lineHeight, lines: lines.map(drawn), cut: false };
    }
    if (last) {
      const shown = lines.slice(0, maxLines).map(drawn);
      shown[maxLines - 1] = withEllipsis(lines[maxLines - 1]?.text ?? '', maxWidth, metrics);
      return { fontSize, lineHeight, lines: shown, cut: true };
    }
  }
  throw new RangeError('layoutText needs at least one font size');
}

function drawn(line: Line): string {
  return line.hyphen ? `${line.text}-` : line.text;
}

/** The line cut (by grapheme) so that it and a "…" fit the width. */
function withEllipsis(line: string, maxWidth: number, metrics: TextMetrics): string {
  const chars = graphemes(line.trimEnd());
  while (chars.length > 0 && metrics.width(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Widths are measured once at this size and scaled; a little slack covers rounding at small sizes. */
const REFERENCE_SIZE = 100;
const SLACK = 1.02;

/** The weights text is drawn in: note text and questions are normal, zone names bold. */
export type FontWeight = 'normal' | 'bold';

/**
 * Width per unit of font size in the note font, measured once per piece and weight: measuring is
 * what is slow. A memo of a pure function (the font is fixed), so it is shared by every board.
 */
function measurer(weight: FontWeight, slack = SLACK): (piece: string) => number {
  let context: CanvasRenderingContext2D | null = null;
  const widths = new Map<string, number>();
  return (piece) => {
    let w = widths.get(piece);
    if (w === undefined) {
      if (!context) {
        context = document.createElement('canvas').getContext('2d')!;
        context.font = `${weight === 'bold' ? 'bold ' : ''}${REFERENCE_SIZE}px ${NOTE_FONT_FAMILY}`;
      }
      w = (context.measureText(piece).width * slack) / REFERENCE_SIZE;
      if (widths.size > 50_000) widths.clear();
      widths.set(piece, w);
    }
    return w;
  };
}

const canvasWidth = measurer('normal');

/**
 * The note font's metrics without hyphenation and without slack, for the house's own texts (zone
 * names, questions): they have no box to stay inside, and wrap as the browser measures them.
 */
export const PLAIN_METRICS: Readonly<Record<FontWeight, TextMetrics>> = {
  normal: { width: measurer('normal', 1), syllables: (word) => [word] },
  bold: { width: measurer('bold', 1), syllables: (word) => [word] },
};

const METRICS: Readonly<Record<Language, TextMetrics>> = {
  nl: { width: canvasWidth, syllables: (word) => syllables(word, 'nl') },
  en: { width: canvasWidth, syllables: (word) => syllables(word, 'en') },
};

/** The inside of a note, where its text goes (board units). */
export const NOTE_TEXT_BOX = { width: NOTE_WIDTH - 2 * NOTE_PADDING, height: NOTE_HEIGHT - 2 * NOTE_PADDING } as const;

const layouts = new Map<string, Map<string, TextLayout>>();

/**
 * A note's text laid out in the note font, hyphenated in `lang`, at no size below `minSize` (board
 * units, see minFontSize). Cached per text for each (language, minimum size), so drawing a frame
 * costs one lookup per note; a new zoom floor lays each text out once.
 */
export function layoutNoteText(text: string, minSize: number = NOTE_FONT_SIZES[NOTE_FONT_SIZES.length - 1]!, lang: Language = 'nl'): TextLayout {
  const key = `${lang}${minSize}`;
  let cache = layouts.get(key);
  if (!cache) {
    cache = new Map();
    layouts.set(key, cache);
  }
  const hit = cache.get(text);
  if (hit) return hit;
  const sizes = [...NOTE_FONT_SIZES.filter((s) => s > minSize), minSize];
  const layout = layoutText(text, NOTE_TEXT_BOX, sizes, METRICS[lang]);
  if (cache.size > 20_000) cache.clear();
  cache.set(text, layout);
  return layout;
}
