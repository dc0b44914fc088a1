import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { freeSpotInZone, tidySpots } from '../../shared/template/freeSpot';
import { pointInPolygon } from '../../shared/template/geometry';
import type { Point, Rect, Zone } from '../../shared/template/template';
import { placementOf } from '../../shared/schema/note';
import { centredOnPoint, lerp, noteRect, parkingCentre, rectCorners } from './houseLandmarks';

const house = HOUSE_TEMPLATE;

/** More notes than any zone of a board can hold: a fill that does not end by then never ends. */
const MANY = 1000;
/** How many notes in a row the tests add to a zone that is already full. */
const OVERFLOW = 12;

/** Open rectangles overlap (sharing an edge is not overlapping); written out here, not imported. */
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const labelOf = (zone: Zone): Rect => ({
  x: zone.labelAt.x,
  y: zone.labelAt.y,
  width: zone.labelWidth,
  height: zone.labelHeight,
});

/** The whole rectangle lies in the polygon: its corners and points all along its edges do. */
function whollyIn(rect: Rect, polygon: readonly Point[]): boolean {
  const corners = rectCorners(rect);
  return corners.every((corner, i) => {
    const next = corners[(i + 1) % corners.length]!;
    for (let t = 0; t < 1; t += 1 / 16) if (!pointInPolygon(lerp(corner, next, t), polygon)) return false;
    return true;
  });
}

const where = (p: Point) => `(${p.x}, ${p.y})`;
const inReadingOrder = (a: Point, b: Point) => b.y > a.y || (b.y === a.y && b.x > a.x);

/** Adds `count` notes to the zone one after another, as pressing its key does. */
function add(zone: Zone, count: number, others: readonly Rect[] = []): Rect[] {
  const placed: Rect[] = [];
  for (let i = 0; i < count; i++) placed.push(noteRect(freeSpotInZone(house, zone, [...others, ...placed])));
  return placed;
}

/**
 * Adds notes as the "add to zone" button does until the spot it gives overlaps a note already
 * there: the notes placed so far are the ones that stay wholly readable.
 */
function fill(zone: Zone, others: readonly Rect[] = []): { placed: Rect[]; next: Point } {
  const placed: Rect[] = [];
  for (let i = 0; i < MANY; i++) {
    const spot = freeSpotInZone(house, zone, [...others, ...placed]);
    if ([...others, ...placed].some((note) => overlaps(noteRect(spot), note))) return { placed, next: spot };
    placed.push(noteRect(spot));
  }
  throw new Error(`${zone.id} never filled up after ${MANY} notes`);
}

const labels = house.zones.map(labelOf);

/** How many notes each zone takes before one has to overlap another (all of them readable). */
const READABLE: Record<string, number> = { roof: 14, walls: 18, foundation: 14 };

describe.each(house.zones.map((zone) => [zone.id, zone] as const))('freeSpotInZone in the %s', (id, zone) => {
  it('fills the tidy rows first: wholly in the zone, clear of its label and of each other, in reading order', () => {
    const rows = tidySpots(zone);
    const label = labelOf(zone);
    expect(rows.length).toBeGreaterThan(0);
    const placed = add(zone, rows.length);
    expect(placed.map(({ x, y }) => ({ x, y }))).toEqual(rows);
    placed.forEach((note, i) => {
      expect(whollyIn(note, zone.polygon), `note ${i} at ${where(note)}`).toBe(true);
      expect(placementOf(house, note.x, note.y), `note ${i} at ${where(note)}`).toBe(id);
      expect(overlaps(note, label), `note ${i} at ${where(note)} covers the label`).toBe(false);
      placed.slice(0, i).forEach((earlier, j) => {
        expect(overlaps(note, earlier), `note ${i} at ${where(note)} covers note ${j}`).toBe(false);
      });
      if (i > 0) expect(inReadingOrder(placed[i - 1]!, note), `note ${i} at ${where(note)}`).toBe(true);
    });
  });

  it(`then grows into free space: at least ${READABLE[id]} notes, none covering another or any label`, () => {
    const { placed } = fill(zone);
    expect(placed.length).toBeGreaterThanOrEqual(READABLE[id]!);
    placed.forEach((note, i) => {
      expect(placementOf(house, note.x, note.y), `note ${i} at ${where(note)}`).toBe(id);
      for (const label of labels) expect(overlaps(note, label), `note ${i} at ${where(note)} covers a label`).toBe(false);
      expect(overlaps(note, house.parking), `note ${i} at ${where(note)}`).toBe(false);
      const b = house.bounds;
      expect(note.x >= b.x && note.y >= b.y && note.x + note.width <= b.x + b.width && note.y + note.height <= b.y + b.height).toBe(true);
    });
  });

  it('takes 40 notes in a row, each in the zone and none at the same spot as another', () => {
    const placed = add(zone, 40);
    const spots = new Set(placed.map(where));
    expect(spots.size).toBe(placed.length);
    placed.forEach((note, i) => {
      expect(placementOf(house, note.x, note.y), `note ${i} at ${where(note)}`).toBe(id);
      for (const label of labels) expect(overlaps(note, label), `note ${i} at ${where(note)} covers a label`).toBe(false);
    });
  });

  it('once full, puts the next note where it hides the least: never a whole note, never on a spot that is taken', () => {
    const { placed } = fill(zone);
    const occupied: Rect[] = [...placed];
    for (let i = 0; i < OVERFLOW; i++) {
      const spot = freeSpotInZone(house, zone, occupied);
      expect(placementOf(house, spot.x, spot.y), `extra note ${i} at ${where(spot)}`).toBe(id);
      const rect = noteRect(spot);
      for (const [j, note] of occupied.entries()) {
        expect(note.x === spot.x && note.y === spot.y, `extra note ${i} lands on note ${j} at ${where(spot)}`).toBe(false);
        const w = Math.min(rect.x + rect.width, note.x + note.width) - Math.max(rect.x, note.x);
        const h = Math.min(rect.y + rect.height, note.y + note.height) - Math.max(rect.y, note.y);
        const covered = w > 0 && h > 0 ? (w * h) / (note.width * note.height) : 0;
        expect(covered, `extra note ${i} at ${where(spot)} covers note ${j}`).toBeLessThan(0.75);
      }
      occupied.push(rect);
    }
  });

  it('puts the next note in the gap when one note of its full rows is taken away', () => {
    const placed = add(zone, tidySpots(zone).length);
    placed.forEach((gone, i) => {
      const rest = placed.filter((_, j) => j !== i);
      expect(freeSpotInZone(house, zone, rest), `after removing note ${i}`).toEqual({ x: gone.x, y: gone.y });
    });
  });

  it('is not put off by notes in the other zones', () => {
    const alone = add(zone, tidySpots(zone).length);
    const elsewhere: Rect[] = [noteRect(centredOnPoint(parkingCentre))];
    for (const other of house.zones) if (other.id !== id) elsewhere.push(...add(other, tidySpots(other).length));
    expect(add(zone, tidySpots(zone).length, elsewhere)).toEqual(alone);
  });

  it('never puts the next note exactly on top of one already there, however many notes the board has', () => {
    const placed = add(zone, 40);
    const parked = noteRect(centredOnPoint(parkingCentre));
    for (let extra = 0; extra < OVERFLOW; extra++) {
      const occupied = [...placed, ...Array.from({ length: extra }, () => parked)];
      const spot = freeSpotInZone(house, zone, occupied);
      const covered = placed.findIndex((note) => note.x === spot.x && note.y === spot.y);
      expect(covered, `with ${occupied.length} notes on the board the next one covers note ${covered}`).toBe(-1);
    }
  });
});
