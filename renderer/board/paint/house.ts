import type { BoardTemplate } from '../../../shared/template/template';
import type { Language } from '../../../shared/platform';
import { NOTE_FONT_FAMILY, PLAIN_METRICS, layoutText, type FontWeight } from '../textLayout';

/**
 * The house painter: the template's zones with their names and questions, and the parking strip
 * beside them, painted with plain canvas calls into a context in board units. Data in, canvas
 * calls out: the editor, a read-only house on the projector wall and an exported PNG all call it.
 */

/** Everything the house's picture depends on (not the notes). */
export interface HousePicture {
  readonly template: BoardTemplate;
  /** Zone id → question; a zone without one shows its template's default question. */
  readonly questions: Readonly<Record<string, string>>;
  readonly lang: Language;
  /** The parking strip's name and hint, in the UI language. */
  readonly parkingLabel: string;
  readonly parkingHint: string;
}

const INK = '#2b2b2b';
/**
 * Text sizes in board units. With the house fitted on a 1280×720 projector (scale ≈ 0.32) a zone's
 * name is about 18 px and its question about 11 px; the label blocks of the template
 * (shared/template/house.ts) are sized for three lines of question.
 */
export const TITLE_SIZE = 56;
export const QUESTION_SIZE = 34;
const QUESTION_LINE_HEIGHT = 1.12;
/** Width kept for a zone's name when it stands beside its question. */
const TITLE_COLUMN = 340;
/** No height limit: the block grows with its text. */
const UNBOUNDED = 1e6;

/** A block of text, laid out: lines from its top-left corner (board units). */
interface TextBlock {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly lines: readonly { text: string; width: number }[];
  readonly size: number;
  readonly lineHeight: number;
  readonly weight: FontWeight;
  readonly align: 'left' | 'center';
  readonly fill: string;
}

function block(
  text: string,
  at: { x: number; y: number; width: number; height?: number },
  style: { size: number; weight: FontWeight; align?: 'left' | 'center'; fill: string; lineSpacing?: number },
): TextBlock {
  const metrics = PLAIN_METRICS[style.weight];
  const spacing = style.lineSpacing ?? 1;
  const layout = layoutText(text, { width: at.width, height: at.height ?? UNBOUNDED }, [style.size], metrics, spacing);
  return {
    x: at.x,
    y: at.y,
    width: at.width,
    lines: layout.lines.map((line) => ({ text: line, width: metrics.width(line) * style.size })),
    size: style.size,
    lineHeight: style.size * spacing,
    weight: style.weight,
    align: style.align ?? 'left',
    fill: style.fill,
  };
}

function houseTexts(picture: HousePicture): TextBlock[] {
  const { template, questions, lang, parkingLabel, parkingHint } = picture;
  const blocks: TextBlock[] = [];
  for (const zone of template.zones) {
    // The roof's block is centred under its peak; the walls' and foundation's put the name
    // beside the question, so the question takes fewer lines and the notes more room.
    const stacked = zone.id === 'roof';
    const { x, y } = zone.labelAt;
    const questionX = stacked ? 0 : TITLE_COLUMN;
    const questionY = stacked ? TITLE_SIZE + 10 : 4;
    const align = stacked ? 'center' : 'left';
    blocks.push(block(zone.label[lang], { x, y, width: stacked ? zone.labelWidth : TITLE_COLUMN - 20 }, { size: TITLE_SIZE, weight: 'bold', align, fill: INK }));
    blocks.push(
      block(
        questions[zone.id] ?? zone.defaultQuestion[lang],
        // The block is sized for three lines; a longer question (they are editable) is cut with "…".
        { x: x + questionX, y: y + questionY, width: zone.labelWidth - questionX, height: zone.labelHeight - questionY + QUESTION_SIZE * 0.3 },
        { size: QUESTION_SIZE, weight: 'normal', align, fill: '#333', lineSpacing: QUESTION_LINE_HEIGHT },
      ),
    );
  }
  const parking = template.parking;
  blocks.push(block(parkingLabel, { x: parking.x + 32, y: parking.y + 30, width: parking.width - 64 }, { size: TITLE_SIZE, weight: 'bold', fill: '#555' }));
  blocks.push(
    block(
      parkingHint,
      { x: parking.x + 32, y: parking.y + 30 + TITLE_SIZE + 14, width: parking.width - 64 },
      { size: QUESTION_SIZE, weight: 'normal', fill: '#555', lineSpacing: QUESTION_LINE_HEIGHT },
    ),
  );
  return blocks;
}

/** Laid-out texts per picture (a memo of a pure function: a wall of twelve houses lays them out once). */
const laidOut = new Map<string, TextBlock[]>();

function textsOf(picture: HousePicture): TextBlock[] {
  const key = JSON.stringify([picture.template.id, picture.lang, picture.parkingLabel, picture.parkingHint, picture.questions]);
  let blocks = laidOut.get(key);
  if (!blocks) {
    blocks = houseTexts(picture);
    if (laidOut.size > 64) laidOut.clear();
    laidOut.set(key, blocks);
  }
  return blocks;
}

function paintBlock(ctx: CanvasRenderingContext2D, b: TextBlock): void {
  ctx.font = `${b.weight === 'bold' ? 'bold ' : ''}${b.size}px ${NOTE_FONT_FAMILY}`;
  ctx.fillStyle = b.fill;
  ctx.textBaseline = 'middle';
  b.lines.forEach((line, i) => {
    const x = b.align === 'center' ? b.x + (b.width - line.width) / 2 : b.x;
    ctx.fillText(line.text, x, b.y + i * b.lineHeight + b.lineHeight / 2);
  });
}

/** Paints the house (zones, their names and questions, the parking strip) into `ctx`, in board units. */
export function paintHouse(ctx: CanvasRenderingContext2D, picture: HousePicture): void {
  const { template } = picture;
  ctx.save();
  ctx.lineJoin = 'round';
  for (const zone of template.zones) {
    ctx.beginPath();
    zone.polygon.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.closePath();
    ctx.fillStyle = zone.fill;
    ctx.fill();
    ctx.strokeStyle = INK;
    ctx.lineWidth = 10;
    ctx.stroke();
  }
  const texts = textsOf(picture);
  // Zone names and questions first, then the parking strip and its own two texts on it.
  texts.slice(0, -2).forEach((b) => paintBlock(ctx, b));
  const { x, y, width, height } = template.parking;
  ctx.beginPath();
  ctx.roundRect(x, y, width, height, 28);
  ctx.fillStyle = 'rgba(255,255,255,0.55)';
  ctx.fill();
  ctx.setLineDash([28, 18]);
  ctx.strokeStyle = '#8a8a8a';
  ctx.lineWidth = 5;
  ctx.stroke();
  ctx.setLineDash([]);
  texts.slice(-2).forEach((b) => paintBlock(ctx, b));
  ctx.restore();
}
