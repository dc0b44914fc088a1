import { polygonBounds } from '../../shared/template/geometry';
import type { BoardTemplate, Point, Rect } from '../../shared/template/template';

/** Stage transform: screen = world × scale + offset. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export const MIN_SCALE = 0.08;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Margin around the fitted house, in CSS px: small, every pixel of a projector counts. */
export const FIT_PADDING = 12;

export function fitRect(rect: Rect, width: number, height: number, padding = FIT_PADDING): Viewport {
  const scale = clampScale(Math.min((width - 2 * padding) / rect.width, (height - 2 * padding) / rect.height));
  return {
    scale,
    x: (width - rect.width * scale) / 2 - rect.x * scale,
    y: (height - rect.height * scale) / 2 - rect.y * scale,
  };
}

/** Zooms by `factor` keeping the world point under `screen` where it is. */
export function zoomAt(view: Viewport, screen: Point, factor: number): Viewport {
  const scale = clampScale(view.scale * factor);
  const worldX = (screen.x - view.x) / view.scale;
  const worldY = (screen.y - view.y) / view.scale;
  return { scale, x: screen.x - worldX * scale, y: screen.y - worldY * scale };
}

export function screenToWorld(view: Viewport, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}

export function worldToScreen(view: Viewport, world: Point): Point {
  return { x: world.x * view.scale + view.x, y: world.y * view.scale + view.y };
}

export function visibleWorldRect(view: Viewport, width: number, height: number): Rect {
  return { x: -view.x / view.scale, y: -view.y / view.scale, width: width / view.scale, height: height / view.scale };
}

/** The drawing alone (every zone), with the same margin as the template's bounds. */
function houseRect(template: BoardTemplate): Rect {
  const all = template.zones.flatMap((z) => z.polygon);
  const box = polygonBounds(all);
  const margin = Math.max(0, box.x - template.bounds.x);
  const top = Math.max(0, box.y - template.bounds.y);
  return { x: box.x - margin, y: box.y - top, width: box.width + 2 * margin, height: box.height + 2 * top };
}

/**
 * "Hele huis": the view that shows the whole drawing in a `width` × `height` CSS px board. The
 * parking strip beside it is shown too when it holds notes or costs almost nothing (a landscape
 * screen, where the height decides); on a narrow screen with an empty parking the house alone is
 * fitted, so it is drawn a third larger (a 768 px tablet).
 */
export function fitHouse(template: BoardTemplate, width: number, height: number, parkingInUse: boolean): Viewport {
  const all = fitRect(template.bounds, width, height);
  if (parkingInUse) return all;
  const house = fitRect(houseRect(template), width, height);
  return house.scale > all.scale * 1.05 ? house : all;
}
