import { BoardTemplateSchema, type BoardTemplate } from './template';

/**
 * The house of seed 000 ("Zo thuis mogelijk!"): roof, walls and foundation, each with the question
 * the subgroups answered there. World units; a note is 240 × 168 (NOTE_WIDTH × NOTE_HEIGHT).
 *
 * The label blocks are placed so the zones hold many notes in readable rows: the roof's ends at
 * y 386 (two rows fit below it), the walls' (116 high) leaves three rows, the
 * foundation's two. Their text sizes are in renderer/board/HouseDrawing.tsx.
 */
export const HOUSE_TEMPLATE: BoardTemplate = BoardTemplateSchema.parse({
  id: 'house',
  name: { nl: 'Huis', en: 'House' },
  zones: [
    {
      id: 'roof',
      label: { nl: 'Dak', en: 'Roof' },
      subtitle: { nl: 'wat hebben we nodig', en: 'what do we need' },
      defaultQuestion: {
        nl: 'Wat hebben we nodig, van onze organisaties/leidinggevenden, of elkaar, om het huis stevig te maken en houden?',
        en: 'What do we need, from our organisations/managers or from each other, to make the house strong and keep it strong?',
      },
      polygon: [
        { x: 0, y: 760 },
        { x: 1000, y: 0 },
        { x: 2000, y: 760 },
      ],
      fill: '#f4c7b8',
      labelAt: { x: 640, y: 186 },
      labelWidth: 720,
      labelHeight: 200,
    },
    {
      id: 'walls',
      label: { nl: 'Muren', en: 'Walls' },
      subtitle: { nl: 'werkwijze of methode', en: 'working method' },
      defaultQuestion: {
        nl: 'Welke werkwijze of methode is belangrijk en succesvol gebleken om een stevig thuis voor kinderen in complexe situaties te kunnen (blijven) bieden? Waarvan willen we meer zien en doen omdat dit bijdraagt aan de ambitie?',
        en: 'Which way of working or method has proved important and successful in (continuing to) offer a stable home to children in complex situations? What do we want to see and do more of because it contributes to the ambition?',
      },
      polygon: [
        { x: 120, y: 760 },
        { x: 1880, y: 760 },
        { x: 1880, y: 1460 },
        { x: 120, y: 1460 },
      ],
      fill: '#fbf3dc',
      labelAt: { x: 160, y: 790 },
      labelWidth: 1680,
      labelHeight: 116,
    },
    {
      id: 'foundation',
      label: { nl: 'Fundament', en: 'Foundation' },
      subtitle: { nl: 'kennis en kunde', en: 'knowledge and skills' },
      defaultQuestion: {
        nl: 'Welke brede kennis en kunde is nodig om een stevig thuis voor kinderen in complexe situaties te kunnen (blijven) bieden? Welk fundament zorgt voor een stevige basis om kinderen/gezinnen de juiste hulp te bieden?',
        en: 'What broad knowledge and skills are needed to (continue to) offer a stable home to children in complex situations? Which foundation gives a solid base for offering children/families the right help?',
      },
      polygon: [
        { x: 60, y: 1460 },
        { x: 1940, y: 1460 },
        { x: 1940, y: 1980 },
        { x: 60, y: 1980 },
      ],
      fill: '#cfd8dc',
      labelAt: { x: 100, y: 1490 },
      labelWidth: 1800,
      labelHeight: 116,
    },
  ],
  bounds: { x: -40, y: -16, width: 2840, height: 2012 },
  parking: { x: 2120, y: 760, width: 640, height: 1220 },
});

export const TEMPLATES: Readonly<Record<string, BoardTemplate>> = { house: HOUSE_TEMPLATE };

export function templateById(id: string): BoardTemplate {
  return TEMPLATES[id] ?? HOUSE_TEMPLATE;
}
