import { NOTE_HEIGHT, NOTE_WIDTH } from '../schema/note';
import { pointInPolygon, polygonBounds, rectsIntersect, zoneAt } from './geometry';
import type { BoardTemplate, Point, Rect, Zone } from './template';

/** Space kept between notes, and between a note and a label (board units). */
const GAP = 16;
/** Step of the search for free space once the tidy rows are full (board units). */
const STEP = 8;

const noteRect = (p: Point): Rect => ({ x: p.x, y: p.y, width: NOTE_WIDTH, height: NOTE_HEIGHT });
const grown = (r: Rect, by: number): Rect => ({ x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by });
const labelRect = (zone: Zone): Rect => ({ x: zone.labelAt.x, y: zone.labelAt.y, width: zone.labelWidth, height: zone.labelHeight });

function cornersIn(rect: Rect, polygon: readonly Point[]): number {
  const { x, y, width, height } = rect;
  return [
    { x, y },
    { x: x + width, y },
    { x, y: y + height },
    { x: x + width, y: y + height },
  ].filter((c) => pointInPolygon(c, polygon)).length;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The tidy rows of a zone: below its label, every note wholly in the zone, each row centred
 * between the zone's sides at that height (so the roof's rows sit in the middle of the roof).
 */
export function tidySpots(zone: Zone): Point[] {
  const box = polygonBounds(zone.polygon);
  const label = labelRect(zone);
  const spots: Point[] = [];
  for (let y = label.y + label.height + GAP; y + NOTE_HEIGHT <= box.y + box.height; y += NOTE_HEIGHT + GAP) {
    let left = Infinity;
    let right = -Infinity;
    for (let x = box.x; x + NOTE_WIDTH <= box.x + box.width; x += STEP) {
      const rect = noteRect({ x, y });
      if (cornersIn(rect, zone.polygon) < 4 || rectsIntersect(rect, label)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
    if (left > right) continue;
    const count = Math.floor((right - left) / (NOTE_WIDTH + GAP)) + 1;
    const start = Math.round(left + (right - left - (count - 1) * (NOTE_WIDTH + GAP)) / 2);
    for (let i = 0; i < count; i++) spots.push({ x: start + i * (NOTE_WIDTH + GAP), y });
  }
  return spots;
}

/**
 * Where a note added with the keyboard or a toolbar button goes in `zone`, given the notes already
 * on the board (`occupied`, their rectangles). In order of preference:
 * 1. the first tidy row spot (reading order) that no note overlaps;
 * 2. free space where the note stays readable: the first spot (in line with a row of notes, else
 *    reading order, 8-unit steps) whose
 *    centre is in the zone (so the note belongs to it), with two corners in it and not above its
 *    label, that keeps clear of
 *    every note and of every label and the parking, within the board's bounds; it may reach over
 *    the zone's outline;
 * 3. when even that is gone, the spot in the zone that covers the least of other notes.
 * Never exactly on another note, however many there are.
 */
export function freeSpotInZone(template: BoardTemplate, zone: Zone, occupied: readonly Rect[]): Point {
  const box = polygonBounds(zone.polygon);
  const near = occupied.filter((o) => rectsIntersect(o, grown(box, NOTE_WIDTH + GAP)));
  const clear = (rect: Rect) => !near.some((o) => rectsIntersect(grown(rect, GAP - 0.5), o));
  for (const spot of tidySpots(zone)) {
    const rect = noteRect(spot);
    if (!near.some((o) => rectsIntersect(rect, o))) return spot;
  }

  const obstacles = [...template.zones.map(labelRect), template.parking];
  const bounds = template.bounds;
  const candidates: Point[] = [];
  // Not above the zone's name: it heads the zone's notes (and the roof's peak is no place for one).
  const minY = Math.max(bounds.y, box.y - NOTE_HEIGHT / 2, zone.labelAt.y);
  const maxY = Math.min(bounds.y + bounds.height - NOTE_HEIGHT, box.y + box.height - NOTE_HEIGHT / 2);
  const minX = Math.max(bounds.x, box.x - NOTE_WIDTH / 2);
  const maxX = Math.min(bounds.x + bounds.width - NOTE_WIDTH, box.x + box.width - NOTE_WIDTH / 2);
  // Rows first (the tidy rows' heights and those of notes already in the zone), so overflow
  // notes line up with the others; then any height.
  const rowYs = [...new Set([...tidySpots(zone).map((p) => p.y), ...near.map((o) => o.y)])].filter((y) => y >= minY && y <= maxY);
  const ys = [...rowYs.sort((a, b) => a - b), ...Array.from({ length: Math.max(0, Math.floor((maxY - Math.ceil(minY)) / STEP) + 1) }, (_, i) => Math.ceil(minY) + i * STEP)];
  for (const y of ys) {
    for (let x = Math.ceil(minX); x <= maxX; x += STEP) {
      const rect = noteRect({ x, y });
      const centre = { x: x + NOTE_WIDTH / 2, y: y + NOTE_HEIGHT / 2 };
      // The zone a note belongs to is where its centre lies (the first zone, on a shared border).
      if (zoneAt(template, centre) !== zone.id) continue;
      // At least half of it inside, so it reads as part of the zone (not perched on the roof's peak).
      if (cornersIn(rect, zone.polygon) < 2) continue;
      if (obstacles.some((o) => rectsIntersect(grown(rect, GAP - 0.5), o))) continue;
      if (clear(rect)) return { x, y };
      if (!near.some((o) => Math.abs(o.x - x) < 1 && Math.abs(o.y - y) < 1)) candidates.push({ x, y });
    }
  }

  // Full: the spot that hides the least of any one note already there, then the least in all
  // (ties: reading order), so every note keeps most of its text in view; never a spot another
  // note already has.
  let best: Point | null = null;
  let bestWorst = Infinity;
  let bestSum = Infinity;
  for (const spot of candidates) {
    const rect = noteRect(spot);
    let worst = 0;
    let sum = 0;
    for (const o of near) {
      const a = overlapArea(rect, o);
      sum += a;
      if (a > worst) worst = a;
      if (worst > bestWorst) break;
    }
    if (worst < bestWorst || (worst === bestWorst && sum < bestSum)) {
      best = spot;
      bestWorst = worst;
      bestSum = sum;
    }
  }
  return best ?? tidySpots(zone)[0] ?? { x: zone.labelAt.x, y: zone.labelAt.y + zone.labelHeight + GAP };
}
