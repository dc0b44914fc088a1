import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { pointInPolygon, polygonBounds, zoneAt } from '../../shared/template/geometry';
import { PARKED, type Point } from '../../shared/template/template';
import { NOTE_HEIGHT, NOTE_WIDTH, placementOf } from '../../shared/schema/note';

const house = HOUSE_TEMPLATE;
const at = (x: number, y: number) => zoneAt(house, { x, y });
const polygonOf = (id: string): readonly Point[] => {
  const zone = house.zones.find((z) => z.id === id);
  if (!zone) throw new Error(`no zone ${id}`);
  return zone.polygon;
};

describe('the house template', () => {
  it('has the three parts of the house, roof first, foundation last', () => {
    expect(house.zones.map((z) => z.id)).toEqual(['roof', 'walls', 'foundation']);
    expect(house.zones.map((z) => z.label.nl)).toEqual(['Dak', 'Muren', 'Fundament']);
  });

  it('puts the centre of each zone in that zone', () => {
    for (const zone of house.zones) {
      const box = polygonBounds(zone.polygon);
      // The roof is a triangle: its centroid, not its bounding-box centre, is surely inside.
      const centre =
        zone.polygon.length === 3
          ? {
              x: zone.polygon.reduce((s, p) => s + p.x, 0) / 3,
              y: zone.polygon.reduce((s, p) => s + p.y, 0) / 3,
            }
          : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      expect(zoneAt(house, centre), zone.id).toBe(zone.id);
    }
    expect(at(1000, 400)).toBe('roof');
    expect(at(1000, 1100)).toBe('walls');
    expect(at(1000, 1700)).toBe('foundation');
  });
});

describe('borders', () => {
  it('gives the roof/walls line (y = 700) to the roof, which is listed first', () => {
    for (const x of [120, 500, 1000, 1880]) expect(at(x, 700), `x=${x}`).toBe('roof');
    // Just below the line it is wall again.
    expect(at(1000, 700.001)).toBe('walls');
  });

  it('gives the walls/foundation line (y = 1500) to the walls, which are listed before the foundation', () => {
    for (const x of [120, 1000, 1880]) expect(at(x, 1500), `x=${x}`).toBe('walls');
    // Where the foundation sticks out beyond the walls, the line is the foundation's own edge.
    expect(at(60, 1500)).toBe('foundation');
    expect(at(90, 1500)).toBe('foundation');
    expect(at(1940, 1500)).toBe('foundation');
  });

  it("counts the roof's slanted edges as roof", () => {
    expect(at(500, 350)).toBe('roof');
    expect(at(1500, 350)).toBe('roof');
    expect(at(1000, 0)).toBe('roof');
    expect(pointInPolygon({ x: 250, y: 525 }, polygonOf('roof'))).toBe(true);
    // A hair above the slant is outside the house.
    expect(at(500, 349.9)).toBe(PARKED);
    expect(at(1500, 349.9)).toBe(PARKED);
  });

  it('counts the outer edges and corners as inside', () => {
    expect(at(0, 700)).toBe('roof');
    expect(at(2000, 700)).toBe('roof');
    expect(at(120, 1100)).toBe('walls');
    expect(at(1880, 1100)).toBe('walls');
    expect(at(60, 1700)).toBe('foundation');
    expect(at(1940, 1700)).toBe('foundation');
    expect(at(1000, 1900)).toBe('foundation');
    expect(at(60, 1900)).toBe('foundation');
    expect(at(1940, 1900)).toBe('foundation');
  });
});

describe('outside the house', () => {
  it("parks points far away", () => {
    expect(at(-5000, -5000)).toBe(PARKED);
    expect(at(1000, -1)).toBe(PARKED);
    expect(at(1000, 1900.001)).toBe(PARKED);
    expect(at(2500, 1100)).toBe(PARKED);
    expect(at(1e12, 1e12)).toBe(PARKED);
  });

  it('parks the gap under the eaves, between the roof and the wall', () => {
    expect(at(60, 900)).toBe(PARKED);
    expect(at(1940, 900)).toBe(PARKED);
    expect(at(119.9, 1000)).toBe(PARKED);
    // Under the eave but beside the foundation's overhang.
    expect(at(30, 1500)).toBe(PARKED);
  });

  it('parks points that are not numbers', () => {
    expect(at(NaN, 1000)).toBe(PARKED);
    expect(at(1000, NaN)).toBe(PARKED);
    expect(at(Infinity, 1000)).toBe(PARKED);
    expect(at(1000, -Infinity)).toBe(PARKED);
    for (const zone of house.zones) {
      expect(pointInPolygon({ x: NaN, y: NaN }, zone.polygon)).toBe(false);
    }
  });
});

describe('placementOf (a note given by its top-left corner)', () => {
  it('follows the note centre, half a note to the right and down', () => {
    expect(NOTE_WIDTH).toBe(180);
    expect(NOTE_HEIGHT).toBe(120);
    // Centre at (1000, 1100): walls.
    expect(placementOf(house, 1000 - NOTE_WIDTH / 2, 1100 - NOTE_HEIGHT / 2)).toBe('walls');
  });

  it('changes zone exactly when the centre crosses the roof/walls line', () => {
    const x = 910;
    // Top-left at y=640 puts the centre on y=700: the border belongs to the roof.
    expect(placementOf(house, x, 700 - NOTE_HEIGHT / 2)).toBe('roof');
    expect(placementOf(house, x, 700 - NOTE_HEIGHT / 2 + 1)).toBe('walls');
    // A note whose top-left lies on the roof but whose centre is in the walls is a wall note.
    expect(at(x, 690)).toBe('roof');
    expect(placementOf(house, x, 690)).toBe('walls');
  });

  it('parks a note whose corner is in the house but whose centre is not', () => {
    // Top-left on the foundation, centre below it.
    expect(at(1000, 1850)).toBe('foundation');
    expect(placementOf(house, 1000, 1850)).toBe(PARKED);
    expect(placementOf(house, NaN, 1000)).toBe(PARKED);
  });
});
