/**
 * Landmarks of the house drawing, read from HOUSE_TEMPLATE itself, so that the unit tests follow
 * the drawing when it is redrawn instead of hard-coding its numbers. The shape the tests rely on
 * (a triangular roof whose base is the top of the walls, a foundation under the walls that sticks
 * out on both sides, eaves that stick out further) is checked in geometry.test.ts.
 */
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { polygonBounds } from '../../shared/template/geometry';
import type { Point, Rect, Zone } from '../../shared/template/template';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema/note';

export function zoneById(id: string): Zone {
  const zone = HOUSE_TEMPLATE.zones.find((z) => z.id === id);
  if (!zone) throw new Error(`the house has no zone ${id}`);
  return zone;
}

export const roof = zoneById('roof');
export const walls = zoneById('walls');
export const foundation = zoneById('foundation');

const roofBox = polygonBounds(roof.polygon);
const wallsBox = polygonBounds(walls.polygon);
const foundationBox = polygonBounds(foundation.polygon);

const byX = (a: Point, b: Point) => a.x - b.x;
const roofTop = Math.min(...roof.polygon.map((p) => p.y));
const roofBase = Math.max(...roof.polygon.map((p) => p.y));
const apexes = roof.polygon.filter((p) => p.y === roofTop);
const eaves = roof.polygon.filter((p) => p.y === roofBase).sort(byX);

/** The top of the roof (its highest vertex). */
export const apex: Point = apexes[0]!;
export const leftEave: Point = eaves[0]!;
export const rightEave: Point = eaves[eaves.length - 1]!;
export const roofApexCount = apexes.length;
export const roofBaseY = roofBase;

/** The line between roof and walls: the top of the walls. */
export const roofWallsY = wallsBox.y;
/** The line between walls and foundation: the bottom of the walls. */
export const wallsFoundationY = wallsBox.y + wallsBox.height;
export const foundationTopY = foundationBox.y;
export const foundationBottomY = foundationBox.y + foundationBox.height;

export const wallsLeft = wallsBox.x;
export const wallsRight = wallsBox.x + wallsBox.width;
export const foundationLeft = foundationBox.x;
export const foundationRight = foundationBox.x + foundationBox.width;
export const roofLeft = roofBox.x;
export const roofRight = roofBox.x + roofBox.width;

/** The vertical middle line of the house (through the middle of the walls). */
export const centreX = wallsBox.x + wallsBox.width / 2;

/** A point surely inside each zone: the roof's centroid, the middle of the walls and foundation. */
export const inside = {
  roof: {
    x: roof.polygon.reduce((s, p) => s + p.x, 0) / roof.polygon.length,
    y: roof.polygon.reduce((s, p) => s + p.y, 0) / roof.polygon.length,
  },
  walls: { x: centreX, y: (roofWallsY + wallsFoundationY) / 2 },
  foundation: { x: foundationBox.x + foundationBox.width / 2, y: (foundationTopY + foundationBottomY) / 2 },
} as const satisfies Record<string, Point>;

/** The middle of the parking place beside the house. */
export const parkingCentre: Point = {
  x: HOUSE_TEMPLATE.parking.x + HOUSE_TEMPLATE.parking.width / 2,
  y: HOUSE_TEMPLATE.parking.y + HOUSE_TEMPLATE.parking.height / 2,
};

/** Top-left corner that puts a note's centre on (cx, cy). */
export const centredOn = (cx: number, cy: number): Point => ({ x: cx - NOTE_WIDTH / 2, y: cy - NOTE_HEIGHT / 2 });
export const centredOnPoint = (p: Point): Point => centredOn(p.x, p.y);

/** The rectangle a note covers, from its top-left corner. */
export const noteRect = (p: Point): Rect => ({ x: p.x, y: p.y, width: NOTE_WIDTH, height: NOTE_HEIGHT });

export const rectCorners = (r: Rect): Point[] => [
  { x: r.x, y: r.y },
  { x: r.x + r.width, y: r.y },
  { x: r.x + r.width, y: r.y + r.height },
  { x: r.x, y: r.y + r.height },
];

/** The point a fraction t of the way from a to b. */
export const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
