import { NOTE_HEIGHT, NOTE_WIDTH } from '../schema/note';
import { pointInPolygon, rectsIntersect } from './geometry';
import type { Point, Rect, Zone } from './template';

const GAP = 16;

/**
 * Where a note added with the keyboard goes: the first grid spot, reading order, whose whole note
 * lies in the zone, clear of the zone's label and of every existing note. When the zone is full,
 * notes stack slightly offset from its first spot, never exactly on top of another.
 */
export function freeSpotInZone(zone: Zone, occupied: readonly Rect[]): Point {
  const xs = zone.polygon.map((p) => p.x);
  const ys = zone.polygon.map((p) => p.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const maxY = Math.max(...ys);
  const label: Rect = { x: zone.labelAt.x, y: zone.labelAt.y, width: zone.labelWidth, height: zone.labelHeight };
  const startY = label.y + zone.labelHeight + GAP;
  let first: Point | null = null;
  for (let y = startY; y + NOTE_HEIGHT <= maxY; y += NOTE_HEIGHT + GAP) {
    for (let x = minX + GAP; x + NOTE_WIDTH <= maxX; x += NOTE_WIDTH + GAP) {
      const rect = { x, y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
      const corners = [
        { x, y },
        { x: x + NOTE_WIDTH, y },
        { x, y: y + NOTE_HEIGHT },
        { x: x + NOTE_WIDTH, y: y + NOTE_HEIGHT },
      ];
      if (!corners.every((c) => pointInPolygon(c, zone.polygon))) continue;
      if (rectsIntersect(rect, label)) continue;
      first ??= { x, y };
      if (!occupied.some((o) => rectsIntersect(rect, o))) return { x, y };
    }
  }
  const base = first ?? { x: zone.labelAt.x, y: startY };
  const sameSpot = (p: Point) => occupied.some((o) => Math.abs(o.x - p.x) < 1 && Math.abs(o.y - p.y) < 1);
  for (let k = 1; k <= occupied.length + 1; k++) {
    const p = { x: base.x + (k % 12) * 12, y: base.y + (k % 12) * 12 + Math.floor(k / 12) * 5 };
    if (!sameSpot(p)) return p;
  }
  return base;
}
