import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { freeSpotInZone } from '../../shared/template/freeSpot';
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

/**
 * Adds notes to the zone at the spot freeSpotInZone gives, as the "add to zone" button does, until
 * the spot it gives overlaps a note already there: then the zone is full. `others` are notes
 * elsewhere on the board; the board passes every note, so they are part of `occupied`.
 */
function fill(zone: Zone, others: readonly Rect[] = []): { placed: Rect[]; next: Point } {
  const placed: Rect[] = [];
  for (let i = 0; i < MANY; i++) {
    const spot = freeSpotInZone(zone, [...others, ...placed]);
    if ([...others, ...placed].some((note) => overlaps(noteRect(spot), note))) return { placed, next: spot };
    placed.push(noteRect(spot));
  }
  throw new Error(`${zone.id} never filled up after ${MANY} notes`);
}

describe.each(house.zones.map((zone) => [zone.id, zone] as const))('freeSpotInZone in the %s', (id, zone) => {
  it('puts notes wholly in the zone, clear of its label and of each other, in reading order, until it is full', () => {
    const label = labelOf(zone);
    const { placed } = fill(zone);
    expect(placed.length).toBeGreaterThan(0);
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

  it('still gives a place in the zone once it is full, a different one for each next note', () => {
    const { placed } = fill(zone);
    const occupied: Rect[] = [...placed];
    let previous: Point | null = null;
    for (let i = 0; i < OVERFLOW; i++) {
      const spot = freeSpotInZone(zone, occupied);
      expect(Number.isFinite(spot.x) && Number.isFinite(spot.y), `extra note ${i}`).toBe(true);
      expect(pointInPolygon(spot, zone.polygon), `extra note ${i} at ${where(spot)}`).toBe(true);
      expect(placementOf(house, spot.x, spot.y), `extra note ${i} at ${where(spot)}`).toBe(id);
      if (previous) expect(spot, `extra note ${i}`).not.toEqual(previous);
      previous = spot;
      occupied.push(noteRect(spot));
    }
  });

  it('puts the next note in the gap when one note of a full zone is taken away', () => {
    const { placed } = fill(zone);
    placed.forEach((gone, i) => {
      const rest = placed.filter((_, j) => j !== i);
      expect(freeSpotInZone(zone, rest), `after removing note ${i}`).toEqual({ x: gone.x, y: gone.y });
    });
  });

  it('is not put off by notes elsewhere on the board', () => {
    const alone = fill(zone).placed;
    const elsewhere: Rect[] = [noteRect(centredOnPoint(parkingCentre))];
    for (const other of house.zones) if (other.id !== id) elsewhere.push(...fill(other).placed);
    expect(fill(zone, elsewhere).placed).toEqual(alone);
  });

  // Once the zone is full, a new note is offset from the first spot, never exactly on another note.
  it('never puts the next note exactly on top of one already there, however many notes the board has', () => {
    const { placed } = fill(zone);
    const parked = noteRect(centredOnPoint(parkingCentre));
    for (let extra = 0; extra < OVERFLOW; extra++) {
      const occupied = [...placed, ...Array.from({ length: extra }, () => parked)];
      const spot = freeSpotInZone(zone, occupied);
      const covered = placed.findIndex((note) => note.x === spot.x && note.y === spot.y);
      expect(covered, `with ${occupied.length} notes on the board the next one covers note ${covered}`).toBe(-1);
    }
  });
});
