import type { Point, Rect } from '../../shared/template/template';

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

export function fitRect(rect: Rect, width: number, height: number, padding = 24): Viewport {
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
