import type { BoardTemplate, Placement, Point, Rect } from './template';
import { PARKED } from './template';

const EPSILON = 1e-6;

function onSegment(p: Point, a: Point, b: Point): boolean {
  const cross = (p.x - a.x) * (b.y - a.y) - (p.y - a.y) * (b.x - a.x);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (Math.abs(cross) > EPSILON * Math.max(1, length)) return false;
  const dot = (p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y);
  return dot >= -EPSILON && dot <= length * length + EPSILON;
}

/** True when p lies inside the polygon or on its border (borders are closed). */
export function pointInPolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (onSegment(p, a, b)) return true;
    const crosses = a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x;
    if (crosses) inside = !inside;
  }
  return inside;
}

/**
 * The zone a point lies in: the first zone (in template order) that contains it, borders included,
 * or "parked" when it is outside the drawing.
 */
export function zoneAt(template: BoardTemplate, p: Point): Placement {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return PARKED;
  for (const zone of template.zones) {
    if (pointInPolygon(p, zone.polygon)) return zone.id;
  }
  return PARKED;
}

export function polygonBounds(polygon: readonly Point[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of polygon) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
