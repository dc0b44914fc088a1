import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import type { HouseViewProbe } from '../../renderer/board/HouseView';
import { boardDocName } from '../../shared/schema/docNames';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { EDITOR, addNote, createSession, localNotes, noteTexts, saveStatus } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * "Alle huizen": a facilitator of a session with twelve subgroups looks at every house at once, as
 * the projector wall will show them: twelve read-only houses on one page (HouseView), each with its
 * own notes, and nothing a person does to them (double-click, drag, keys) changes a board.
 */

const GROUPS = 12;
const KEYS = ['1', '2', '3'] as const;
/** Group i (1-based) writes 1 + (i mod 3) notes, so the houses differ. */
const notesOf = (i: number) => Array.from({ length: 1 + (i % 3) }, (_, k) => `Groep ${i}: notitie ${k + 1}`);

interface House {
  group: string;
  groupId: string;
  probe: HouseViewProbe | null;
}

/** Every house on the wall with what it painted (see HouseViewProbe). */
async function wall(page: Page): Promise<House[]> {
  return page.locator('.house-card').evaluateAll((cards) =>
    cards.map((card) => {
      const canvas = card.querySelector('canvas') as (HTMLCanvasElement & { bouwplaatsProbe?: () => unknown }) | null;
      return {
        group: (card.querySelector('.house-card-name')?.textContent ?? '').replace(/\s*→$/, ''),
        groupId: card.getAttribute('data-group') ?? '',
        probe: (canvas?.bouwplaatsProbe?.() ?? null) as HouseViewProbe | null,
      };
    }),
  );
}

const painted = (houses: House[]) =>
  Object.fromEntries(houses.map((h) => [h.group, (h.probe?.notes.map((n) => n.text) ?? []).sort()]));

describe('every house of a session, read-only, on one page', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  let sessionId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('lets twelve subgroups each write in their own house', async () => {
    sessionId = await createSession(page, host.url, { title: 'Leeratelier twaalf tafels', groups: GROUPS });
    for (let i = 1; i <= GROUPS; i++) {
      await page.goto(`${host.url}/#/sessie/${sessionId}`);
      await page.locator('.group-card', { has: page.getByText(`Groep ${i}`, { exact: true }) }).click();
      await page.getByRole('heading', { name: `Groep ${i}`, exact: true }).waitFor();
      for (const [k, text] of notesOf(i).entries()) await addNote(page, KEYS[k % 3]!, text);
      await expect.poll(() => noteTexts(page)).toHaveLength(notesOf(i).length);
      await saveStatus(page, 'Alles bewaard');
    }
  });

  it('shows twelve houses, each with its own notes', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}/#/sessie/${sessionId}`);
    await page.getByRole('link', { name: 'Alle huizen' }).click();
    await page.getByRole('heading', { name: 'Alle huizen — Leeratelier twaalf tafels' }).waitFor();
    expect(await page.getByRole('img', { name: /^Het huis van Groep \d+, alleen bekijken$/ }).count()).toBe(GROUPS);
    const want = Object.fromEntries(Array.from({ length: GROUPS }, (_, j) => [`Groep ${j + 1}`, notesOf(j + 1).sort()]));
    await expect.poll(async () => painted(await wall(page))).toEqual(want);
    for (const house of await wall(page)) {
      expect(house.probe!.stats!.drawn, house.group).toBe(notesOf(Number(house.group.split(' ')[1])).length);
      // Fitted into its card: the notes lie within the picture.
      const box = (await page.locator(`.house-card[data-group="${house.groupId}"] canvas`).boundingBox())!;
      for (const n of house.probe!.notes) {
        expect(n.left, n.text).toBeGreaterThanOrEqual(0);
        expect(n.top + n.height, n.text).toBeLessThanOrEqual(box.height);
      }
    }
    await saveScreenshot(page, 'houses-wall-12');
    expect(errors).toEqual([]);
  });

  it('changes nothing on a double-click, a drag or a key', async () => {
    const before = await wall(page);
    const house = before.find((h) => h.group === 'Groep 5')!;
    const canvas = page.locator(`.house-card[data-group="${house.groupId}"] canvas`);
    const box = (await canvas.boundingBox())!;
    const note = house.probe!.notes[0]!;
    const centre = { x: box.x + note.left + note.width / 2, y: box.y + note.top + note.height / 2 };

    await page.mouse.dblclick(centre.x, centre.y);
    await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.6);
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(centre.x + step * 8, centre.y + step * 5);
    await page.mouse.up();
    await canvas.click();
    for (const key of ['1', '2', '3', 'n', 'Enter', 'Delete', 'Backspace', 'ArrowRight', 'p', 'Control+z']) await page.keyboard.press(key);

    expect(await page.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    expect(new URL(page.url()).hash).toBe(`#/sessie/${sessionId}/huizen`);
    const after = await wall(page);
    const where = (houses: House[]) => houses.map((h) => h.probe?.notes.map((n) => `${n.id} ${n.text} ${n.left},${n.top}`));
    expect(where(after)).toEqual(where(before));
    // And the board itself, as stored on this computer, is as group 5 left it.
    const stored = await localNotes(page, boardDocName(sessionId, house.groupId));
    expect(stored.map((n) => n.text).sort()).toEqual(notesOf(5).sort());
    expect(stored.map((n) => n.id).sort()).toEqual(house.probe!.notes.map((n) => n.id).sort());
    expect(errors).toEqual([]);
  });

  it('opens a house in its editor from its name', async () => {
    await page.getByRole('link', { name: 'Groep 7 →' }).click();
    await page.getByRole('heading', { name: 'Groep 7', exact: true }).waitFor();
    await expect.poll(async () => (await noteTexts(page)).sort()).toEqual(notesOf(7).sort());
  });
});
