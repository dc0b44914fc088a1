import { describe, expect, it } from 'vitest';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { fitHouse, worldToScreen } from '../../renderer/board/viewport';

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
