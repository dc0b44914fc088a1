import { NOTE_HEIGHT, type Note } from '../../shared/schema/note';
import { PARKED, type BoardTemplate } from '../../shared/template/template';

/**
 * Notes in the order people read the house, the same on the canvas (Tab) and in the outline
 * beside it: part by part as the outline lists them (the template's zones, then the parking
 * area), and within a part row by row (rows half a note high), left to right.
 */
export function readingOrder(notes: readonly Note[], template: BoardTemplate): Note[] {
  const row = (n: Note) => Math.round(n.y / (NOTE_HEIGHT / 2));
  const rank = new Map<string, number>(template.zones.map((z, i) => [z.id, i]));
  rank.set(PARKED, template.zones.length);
  const zoneRank = (n: Note) => rank.get(n.zone) ?? template.zones.length + 1;
  return [...notes].sort((a, b) => {
    const byZone = zoneRank(a) - zoneRank(b);
    if (byZone !== 0) return byZone;
    return row(a) - row(b) || a.x - b.x || a.y - b.y || a.id.localeCompare(b.id);
  });
}
