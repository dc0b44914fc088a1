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
  const b = template.bounds;
  const parking = { x: b.x + b.width + 80, y: b.y + 700, width: 640, height: b.height - 700 };
  return (
    <Group listening={false}>
      {template.zones.map((zone) => (
        <Line
          key={zone.id}
          points={zone.polygon.flatMap((p) => [p.x, p.y])}
          closed
          fill={zone.fill}
          stroke={INK}
          strokeWidth={8}
          lineJoin="round"
          perfectDrawEnabled={false}
        />
      ))}
      {template.zones.map((zone) => (
        <Group key={`label-${zone.id}`} x={zone.labelAt.x} y={zone.labelAt.y}>
          <Text
            text={`${zone.label[lang]} — ${zone.subtitle[lang]}`}
            width={zone.labelWidth}
            align={zone.id === 'roof' ? 'center' : 'left'}
            fontSize={38}
            fontStyle="bold"
            fontFamily={FONT}
            fill={INK}
          />
          <Text
            y={50}
            text={questions[zone.id] ?? zone.defaultQuestion}
            width={zone.labelWidth}
            align={zone.id === 'roof' ? 'center' : 'left'}
            fontSize={22}
            lineHeight={1.25}
            fontFamily={FONT}
            fill="#3d3d3d"
            ellipsis
            height={80}
          />
        </Group>
      ))}
      <Rect
        {...parking}
        stroke="#8a8a8a"
        strokeWidth={4}
        dash={[24, 16]}
        cornerRadius={24}
        fill="rgba(255,255,255,0.5)"
      />
      <Text x={parking.x + 30} y={parking.y + 28} text={parkingLabel} fontSize={38} fontStyle="bold" fontFamily={FONT} fill="#555" />
      <Text
        x={parking.x + 30}
        y={parking.y + 80}
        width={parking.width - 60}
        text={parkingHint}
        fontSize={22}
        fontFamily={FONT}
        fill="#666"
      />
    </Group>
  );
});

/** The parking strip's rectangle, for "fit" to include it when notes are parked. */
export function parkingRect(template: BoardTemplate) {
  const b = template.bounds;
  return { x: b.x + b.width + 80, y: b.y + 700, width: 640, height: b.height - 700 };
}
