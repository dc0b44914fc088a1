import { memo } from 'react';
import { Group, Line, Rect, Text } from 'react-konva';
import type { BoardTemplate } from '../../shared/template/template';
import type { Language } from '../../shared/platform';

interface Props {
  template: BoardTemplate;
  questions: Readonly<Record<string, string>>;
  lang: Language;
  parkingLabel: string;
  parkingHint: string;
}

const INK = '#2b2b2b';
const FONT = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
/**
 * Text sizes in board units. With the house fitted on a 1280×720 projector (scale ≈ 0.32) a zone's
 * name is about 18 px and its question about 11 px (it was 7.5 px at 25 units); the label blocks
 * of the template (shared/template/house.ts) are sized for three lines of question.
 */
export const TITLE_SIZE = 56;
export const QUESTION_SIZE = 34;
const QUESTION_LINE_HEIGHT = 1.12;
/** Width kept for a zone's name when it stands beside its question. */
const TITLE_COLUMN = 340;

/** The template's zones, each with its name and question, plus the parking strip beside it. */
export const HouseDrawing = memo(function HouseDrawing({ template, questions, lang, parkingLabel, parkingHint }: Props) {
  const parking = template.parking;
  return (
    <Group listening={false}>
      {template.zones.map((zone) => (
        <Line
          key={zone.id}
          points={zone.polygon.flatMap((p) => [p.x, p.y])}
          closed
          fill={zone.fill}
          stroke={INK}
          strokeWidth={10}
          lineJoin="round"
          perfectDrawEnabled={false}
        />
      ))}
      {template.zones.map((zone) => {
        // The roof's block is centred under its peak; the walls' and foundation's put the name
        // beside the question, so the question takes fewer lines and the notes more room.
        const stacked = zone.id === 'roof';
        const questionX = stacked ? 0 : TITLE_COLUMN;
        const questionY = stacked ? TITLE_SIZE + 10 : 4;
        return (
          <Group key={`label-${zone.id}`} x={zone.labelAt.x} y={zone.labelAt.y}>
            <Text
              text={zone.label[lang]}
              width={stacked ? zone.labelWidth : TITLE_COLUMN - 20}
              align={stacked ? 'center' : 'left'}
              fontSize={TITLE_SIZE}
              fontStyle="bold"
              fontFamily={FONT}
              fill={INK}
            />
            <Text
              x={questionX}
              y={questionY}
              text={questions[zone.id] ?? zone.defaultQuestion[lang]}
              width={zone.labelWidth - questionX}
              // The block is sized for three lines; a longer question (they are editable) is cut.
              height={zone.labelHeight - questionY + QUESTION_SIZE * 0.3}
              align={stacked ? 'center' : 'left'}
              fontSize={QUESTION_SIZE}
              lineHeight={QUESTION_LINE_HEIGHT}
              fontFamily={FONT}
              fill="#333"
              ellipsis
            />
          </Group>
        );
      })}
      <Rect
        {...parking}
        stroke="#8a8a8a"
        strokeWidth={5}
        dash={[28, 18]}
        cornerRadius={28}
        fill="rgba(255,255,255,0.55)"
      />
      <Text x={parking.x + 32} y={parking.y + 30} text={parkingLabel} fontSize={TITLE_SIZE} fontStyle="bold" fontFamily={FONT} fill="#555" />
      <Text
        x={parking.x + 32}
        y={parking.y + 30 + TITLE_SIZE + 14}
        width={parking.width - 64}
        text={parkingHint}
        fontSize={QUESTION_SIZE}
        lineHeight={QUESTION_LINE_HEIGHT}
        fontFamily={FONT}
        fill="#555"
      />
    </Group>
  );
});
