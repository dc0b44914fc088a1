import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { pointInPolygon, polygonBounds, rectsIntersect, zoneAt } from '../../shared/template/geometry';
import { PARKED, type Point, type Rect } from '../../shared/template/template';
import { NOTE_HEIGHT, NOTE_WIDTH, placementOf } from '../../shared/schema/note';
import {
  apex,
  centreX,
  centredOn,
  foundation,
  foundationBottomY,
  foundationLeft,
  foundationRight,
  foundationTopY,
  inside,
  leftEave,
  lerp,
  parkingCentre,
  rectCorners,
  rightEave,
  roof,
  roofApexCount,
  roofBaseY,
  roofLeft,
  roofRight,
  roofWallsY,
  walls,
  wallsFoundationY,
  wallsLeft,
  wallsRight,
} from './houseLandmarks';

const house = HOUSE_TEMPLATE;
const at = (x: number, y: number) => zoneAt(house, { x, y });
const atPoint = (p: Point) => zoneAt(house, p);

/** True when rect a lies wholly inside rect b (edges may touch). */
const rectWithin = (a: Rect, b: Rect) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('the house template', () => {
  it('has the three parts of the house, roof first, foundation last', () => {
    expect(house.zones.map((z) => z.id)).toEqual(['roof', 'walls', 'foundation']);
    expect(house.zones.map((z) => z.label.nl)).toEqual(['Dak', 'Muren', 'Fundament']);
  });

  // The tests below read their coordinates from the drawing; this is the shape they rely on.
  it('is drawn as a house: a roof on the walls, the walls on a wider foundation, eaves wider still', () => {
    expect(roof.polygon).toHaveLength(3);
    expect(roofApexCount).toBe(1);
    expect(walls.polygon).toHaveLength(4);
    expect(foundation.polygon).toHaveLength(4);
    // The roof's base is the top of the walls; the walls stand on the foundation.
    expect(roofBaseY).toBe(roofWallsY);
    expect(leftEave.y).toBe(roofWallsY);
    expect(rightEave.y).toBe(roofWallsY);
    expect(foundationTopY).toBe(wallsFoundationY);
    expect(apex.y).toBeLessThan(roofWallsY);
    expect(roofWallsY).toBeLessThan(wallsFoundationY);
    expect(wallsFoundationY).toBeLessThan(foundationBottomY);
    // Left to right: eave, foundation edge, wall, ..., wall, foundation edge, eave.
    expect(roofLeft).toBe(leftEave.x);
    expect(roofRight).toBe(rightEave.x);
    expect(roofLeft).toBeLessThan(foundationLeft);
    expect(foundationLeft).toBeLessThan(wallsLeft);
    expect(wallsLeft).toBeLessThan(apex.x);
    expect(apex.x).toBeLessThan(wallsRight);
    expect(wallsRight).toBeLessThan(foundationRight);
    expect(foundationRight).toBeLessThan(roofRight);
    // The walls and the foundation are upright rectangles.
    for (const zone of [walls, foundation]) {
      const box = polygonBounds(zone.polygon);
      for (const p of zone.polygon) {
        expect([box.x, box.x + box.width], zone.id).toContain(p.x);
        expect([box.y, box.y + box.height], zone.id).toContain(p.y);
      }
    }
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
    // On the middle line of the house, halfway down each part.
    expect(at(centreX, (apex.y + roofWallsY) / 2)).toBe('roof');
    expect(at(centreX, (roofWallsY + wallsFoundationY) / 2)).toBe('walls');
    expect(at(centreX, (wallsFoundationY + foundationBottomY) / 2)).toBe('foundation');
  });

  it('fits the whole drawing and the parking inside the bounds that "fit to screen" shows', () => {
    for (const zone of house.zones) expect(rectWithin(polygonBounds(zone.polygon), house.bounds), zone.id).toBe(true);
    expect(rectWithin(house.parking, house.bounds)).toBe(true);
  });

  it('puts the parking beside the house, clear of every zone', () => {
    for (const zone of house.zones) {
      expect(rectsIntersect(house.parking, polygonBounds(zone.polygon)), zone.id).toBe(false);
    }
    for (const p of [parkingCentre, ...rectCorners(house.parking)]) expect(atPoint(p), `(${p.x}, ${p.y})`).toBe(PARKED);
    // A note put down in the middle of the parking is parked.
    const parkedNote = centredOn(parkingCentre.x, parkingCentre.y);
    expect(placementOf(house, parkedNote.x, parkedNote.y)).toBe(PARKED);
  });
});

describe('borders', () => {
  it('gives the roof/walls line to the roof, which is listed first', () => {
    const xs = [wallsLeft, (wallsLeft + centreX) / 2, centreX, wallsRight];
    for (const x of xs) {
      expect(pointInPolygon({ x, y: roofWallsY }, walls.polygon), `x=${x}`).toBe(true);
      expect(at(x, roofWallsY), `x=${x}`).toBe('roof');
    }
    // Just below the line it is wall again.
    expect(at(centreX, roofWallsY + 0.001)).toBe('walls');
  });

  it('gives the walls/foundation line to the walls, which are listed before the foundation', () => {
    for (const x of [wallsLeft, centreX, wallsRight]) {
      expect(pointInPolygon({ x, y: wallsFoundationY }, foundation.polygon), `x=${x}`).toBe(true);
      expect(at(x, wallsFoundationY), `x=${x}`).toBe('walls');
    }
    // Where the foundation sticks out beyond the walls, the line is the foundation's own edge.
    expect(at(foundationLeft, wallsFoundationY)).toBe('foundation');
    expect(at((foundationLeft + wallsLeft) / 2, wallsFoundationY)).toBe('foundation');
    expect(at(foundationRight, wallsFoundationY)).toBe('foundation');
  });

  it("counts the roof's slanted edges as roof", () => {
    const leftSlant = lerp(leftEave, apex, 0.5);
    const rightSlant = lerp(rightEave, apex, 0.5);
    expect(atPoint(leftSlant)).toBe('roof');
    expect(atPoint(rightSlant)).toBe('roof');
    expect(atPoint(apex)).toBe('roof');
    expect(pointInPolygon(lerp(leftEave, apex, 0.25), roof.polygon)).toBe(true);
    expect(pointInPolygon(lerp(rightEave, apex, 0.25), roof.polygon)).toBe(true);
    // A hair above the slant is outside the house.
    expect(at(leftSlant.x, leftSlant.y - 0.1)).toBe(PARKED);
    expect(at(rightSlant.x, rightSlant.y - 0.1)).toBe(PARKED);
  });

  it('counts the outer edges and corners as inside', () => {
    const wallsMiddleY = (roofWallsY + wallsFoundationY) / 2;
    const foundationMiddleY = (wallsFoundationY + foundationBottomY) / 2;
    expect(atPoint(leftEave)).toBe('roof');
    expect(atPoint(rightEave)).toBe('roof');
    expect(at(wallsLeft, wallsMiddleY)).toBe('walls');
    expect(at(wallsRight, wallsMiddleY)).toBe('walls');
    expect(at(foundationLeft, foundationMiddleY)).toBe('foundation');
    expect(at(foundationRight, foundationMiddleY)).toBe('foundation');
    expect(at(centreX, foundationBottomY)).toBe('foundation');
    expect(at(foundationLeft, foundationBottomY)).toBe('foundation');
    expect(at(foundationRight, foundationBottomY)).toBe('foundation');
  });
});

describe('outside the house', () => {
  it('parks points far away', () => {
    const { bounds } = house;
    expect(at(bounds.x - bounds.width, bounds.y - bounds.height)).toBe(PARKED);
    expect(at(apex.x, apex.y - 1)).toBe(PARKED);
    expect(at(centreX, foundationBottomY + 0.001)).toBe(PARKED);
    expect(at(roofRight + NOTE_WIDTH, (roofWallsY + wallsFoundationY) / 2)).toBe(PARKED);
    expect(atPoint(parkingCentre)).toBe(PARKED);
    expect(at(1e12, 1e12)).toBe(PARKED);
  });

  it('parks the gap under the eaves, between the roof and the wall', () => {
    const belowEaves = (roofWallsY + wallsFoundationY) / 2;
    expect(at((roofLeft + wallsLeft) / 2, belowEaves)).toBe(PARKED);
    expect(at((wallsRight + roofRight) / 2, belowEaves)).toBe(PARKED);
    expect(at(wallsLeft - 0.1, belowEaves)).toBe(PARKED);
    expect(at(wallsRight + 0.1, belowEaves)).toBe(PARKED);
    // Under the eave but beside the foundation's overhang.
    expect(at((roofLeft + foundationLeft) / 2, wallsFoundationY)).toBe(PARKED);
    expect(at((foundationRight + roofRight) / 2, wallsFoundationY)).toBe(PARKED);
  });

  it('parks points that are not numbers', () => {
    const middle = (roofWallsY + wallsFoundationY) / 2;
    expect(at(NaN, middle)).toBe(PARKED);
    expect(at(centreX, NaN)).toBe(PARKED);
    expect(at(Infinity, middle)).toBe(PARKED);
    expect(at(centreX, -Infinity)).toBe(PARKED);
    for (const zone of house.zones) {
      expect(pointInPolygon({ x: NaN, y: NaN }, zone.polygon)).toBe(false);
    }
  });
});

describe('placementOf (a note given by its top-left corner)', () => {
  it('follows the note centre, half a note to the right and down', () => {
    for (const [id, centre] of Object.entries(inside)) {
      expect(placementOf(house, centre.x - NOTE_WIDTH / 2, centre.y - NOTE_HEIGHT / 2), id).toBe(id);
    }
    // Everywhere on the board, a note's zone is the zone of the point half a note in from its corner.
    const { bounds } = house;
    for (let x = bounds.x; x <= bounds.x + bounds.width; x += bounds.width / 37) {
      for (let y = bounds.y; y <= bounds.y + bounds.height; y += bounds.height / 29) {
        expect(placementOf(house, x, y), `(${x}, ${y})`).toBe(at(x + NOTE_WIDTH / 2, y + NOTE_HEIGHT / 2));
      }
    }
  });

  it('changes zone exactly when the centre crosses the roof/walls line', () => {
    const x = centreX - NOTE_WIDTH / 2;
    // A top-left half a note above the line puts the centre on it: the border belongs to the roof.
    expect(placementOf(house, x, roofWallsY - NOTE_HEIGHT / 2)).toBe('roof');
    expect(placementOf(house, x, roofWallsY - NOTE_HEIGHT / 2 + 1)).toBe('walls');
    // A note whose top-left lies on the roof but whose centre is in the walls is a wall note.
    const y = roofWallsY - NOTE_HEIGHT / 4;
    expect(at(x, y)).toBe('roof');
    expect(placementOf(house, x, y)).toBe('walls');
  });

  it('parks a note whose corner is in the house but whose centre is not', () => {
    // Top-left on the foundation, centre below it.
    const y = foundationBottomY - NOTE_HEIGHT / 4;
    expect(at(centreX, y)).toBe('foundation');
    expect(placementOf(house, centreX, y)).toBe(PARKED);
    expect(placementOf(house, NaN, (roofWallsY + wallsFoundationY) / 2)).toBe(PARKED);
  });
});
