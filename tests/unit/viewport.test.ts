import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { fitHouse, worldToScreen } from '../../renderer/board/viewport';
import { BoardViewport } from '../../renderer/board/useViewport';
import { changedAreas, noteBounds } from '../../renderer/board/paint/notes';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '../../shared/schema/note';

const house = HOUSE_TEMPLATE;
const parking = house.parking;

/** Whether a world rectangle lies wholly on a board of `width` × `height` CSS px. */
function shown(view: ReturnType<typeof fitHouse>, rect: { x: number; y: number; width: number; height: number }, width: number, height: number) {
  const tl = worldToScreen(view, rect);
  const br = worldToScreen(view, { x: rect.x + rect.width, y: rect.y + rect.height });
  return tl.x >= -1e-9 && tl.y >= -1e-9 && br.x <= width + 1e-9 && br.y <= height + 1e-9;
}

const drawing = { x: 0, y: 0, width: 2000, height: 1980 };

describe('fitHouse ("Hele huis")', () => {
  it('shows the house and the parking on a landscape board (the height decides anyway)', () => {
    const view = fitHouse(house, 992, 665, false);
    expect(shown(view, drawing, 992, 665)).toBe(true);
    expect(shown(view, parking, 992, 665)).toBe(true);
  });

  it('fits the house alone, larger, on a narrow board while the parking is empty', () => {
    const narrow = fitHouse(house, 480, 900, false);
    const withParking = fitHouse(house, 480, 900, true);
    expect(shown(narrow, drawing, 480, 900)).toBe(true);
    expect(narrow.scale).toBeGreaterThan(withParking.scale * 1.3);
  });

  it('keeps parked notes in view: the parking is fitted too once it holds a note', () => {
    const view = fitHouse(house, 480, 900, true);
    expect(shown(view, drawing, 480, 900)).toBe(true);
    expect(shown(view, parking, 480, 900)).toBe(true);
  });
});

describe('one viewport per board (BoardViewport)', () => {
  const fitted = (width: number, height: number, parking = false) => fitHouse(house, width, height, parking);

  it('fits the house when the board is first measured, and tells whoever shows it', () => {
    const viewport = new BoardViewport(house, () => false);
    const seen: unknown[] = [];
    viewport.subscribe((change) => seen.push(change.view));
    expect(viewport.size()).toBeNull();
    viewport.resize({ width: 1280, height: 665 });
    expect(viewport.current()).toEqual(fitted(1280, 665));
    expect(viewport.fitted()).toBe(true);
    expect(seen).toEqual([fitted(1280, 665)]);
  });

  it('fits again on a new size while fitted; a zoomed view keeps its middle', () => {
    const viewport = new BoardViewport(house, () => false);
    viewport.resize({ width: 1280, height: 665 });
    viewport.resize({ width: 1280, height: 720 });
    expect(viewport.current()).toEqual(fitted(1280, 720));
    viewport.zoomBy(2);
    expect(viewport.fitted()).toBe(false);
    const middle = viewport.centre();
    viewport.resize({ width: 1000, height: 700 });
    expect(viewport.centre().x).toBeCloseTo(middle.x, 6);
    expect(viewport.centre().y).toBeCloseTo(middle.y, 6);
    viewport.fit();
    expect(viewport.current()).toEqual(fitted(1000, 700));
  });

  it('shows the parking strip in "Hele huis" when it holds notes', () => {
    let parked = false;
    const viewport = new BoardViewport(house, () => parked);
    viewport.resize({ width: 480, height: 900 });
    expect(viewport.current()).toEqual(fitted(480, 900, false));
    parked = true;
    viewport.fit();
    expect(viewport.current()).toEqual(fitted(480, 900, true));
  });

  it('pans to a note off screen, and leaves the view alone for one on it', () => {
    const viewport = new BoardViewport(house, () => false);
    viewport.resize({ width: 800, height: 600 });
    viewport.zoomBy(4);
    const onScreen = viewport.centre();
    const before = viewport.current();
    viewport.reveal({ x: onScreen.x - 10, y: onScreen.y - 10, width: 20, height: 20 });
    expect(viewport.current()).toBe(before);
    viewport.reveal({ x: parking.x, y: parking.y, width: 240, height: 168 });
    const tl = worldToScreen(viewport.current(), parking);
    expect(tl.x).toBeGreaterThanOrEqual(0);
    expect(tl.x + 240 * viewport.current().scale).toBeLessThanOrEqual(800);
    expect(viewport.current().scale).toBe(before.scale);
  });
});

describe('what a change repaints (changedAreas)', () => {
  const note = (id: string, x: number, y: number, text = id): Note => ({ id, text, x, y, zone: 'walls', colour: 'yellow', createdAt: 1, updatedAt: 1 });
  const a = note('a', 100, 100);
  const b = note('b', 1000, 1000);

  it('is nothing for the same list, the old and new place of a moved note, one place for new words', () => {
    expect(changedAreas([a, b], [a, b])).toEqual([]);
    const moved = { ...a, x: 400 };
    expect(changedAreas([a, b], [moved, b])).toEqual([noteBounds(a), noteBounds(moved)]);
    expect(changedAreas([a, b], [a, { ...b, text: 'nieuw' }])).toEqual([noteBounds(b)]);
  });

  it('covers notes added and removed, and gives up (paint everything) past the limit', () => {
    const c = note('c', 500, 500);
    expect(changedAreas([a, b], [a, c, b])).toEqual([noteBounds(c)]);
    expect(changedAreas([a, b], [b])).toEqual([noteBounds(a)]);
    const many = Array.from({ length: 70 }, (_, i) => note(`n${i}`, i * 10, 0));
    expect(changedAreas([], many)).toBeNull();
  });

  it('reaches past a note for its shadow', () => {
    const r = noteBounds(a);
    expect(r.x).toBeLessThan(a.x);
    expect(r.x + r.width).toBeGreaterThan(a.x + NOTE_WIDTH + 6);
    expect(r.y + r.height).toBeGreaterThan(a.y + NOTE_HEIGHT + 4);
  });
});
