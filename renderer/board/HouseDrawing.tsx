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
        const align = zone.id === 'roof' ? 'center' : 'left';
        return (
          <Group key={`label-${zone.id}`} x={zone.labelAt.x} y={zone.labelAt.y}>
            <Text
              text={zone.label[lang]}
              width={zone.labelWidth}
              align={align}
              fontSize={52}
              fontStyle="bold"
              fontFamily={FONT}
              fill={INK}
            />
            <Text
              y={62}
              text={questions[zone.id] ?? zone.defaultQuestion[lang]}
              width={zone.labelWidth}
              height={zone.labelHeight - 62}
              align={align}
              fontSize={25}
              lineHeight={1.2}
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
      <Text x={parking.x + 32} y={parking.y + 30} text={parkingLabel} fontSize={52} fontStyle="bold" fontFamily={FONT} fill="#555" />
      <Text
        x={parking.x + 32}
        y={parking.y + 96}
        width={parking.width - 64}
        text={parkingHint}
        fontSize={25}
        lineHeight={1.2}
        fontFamily={FONT}
        fill="#555"
      />
    </Group>
  );
});
