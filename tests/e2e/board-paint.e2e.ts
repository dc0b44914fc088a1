import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { EDITOR, createSession, noteTexts, selectNote } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * The board repaints only the places a change touched (a note dropped, typed in, recoloured,
 * deleted, put back): every pixel must still be what a paint of the whole board gives, also where
 * notes overlap and after a zoom. Checked on the real canvas through the board's own check
 * (`bouwplaatsRepaintsExact`: paints everything again and compares the pixels).
 */

/** Whether the notes canvas is exactly what a paint of every note gives. */
function repaintsExact(page: Page): Promise<boolean> {
  return page
    .locator('.house-board')
    .evaluate((el) => (el as HTMLElement & { bouwplaatsRepaintsExact: () => boolean }).bouwplaatsRepaintsExact());
}

/** Adds a note in the middle of the screen (key N), moved by `nudges` arrow keys, with `text`. */
async function writeAtCentre(page: Page, text: string, nudges: string[]): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press('n');
  const editor = page.getByRole('textbox', { name: EDITOR });
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
  for (const key of nudges) await page.keyboard.press(key);
}

describe('the board repaints only what changed, exactly', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('keeps every pixel right through adding, moving, recolouring, deleting and undoing overlapping notes', async () => {
    const sessionId = await createSession(page, host.url, { title: 'Zo thuis mogelijk!' });
    await page.goto(`${host.url}/#/sessie/${sessionId}`);
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();

    // Three notes lying over each other in the middle of the screen, a little apart.
    await writeAtCentre(page, 'Werk systemisch', ['Shift+ArrowLeft']);
    await writeAtCentre(page, 'Verwachtingen afstemmen van ieders rol', []);
    await writeAtCentre(page, '1Gezin1Plan1Regisseur', ['Shift+ArrowRight', 'Shift+ArrowDown']);
    await expect.poll(() => noteTexts(page)).toHaveLength(3);
    expect(await repaintsExact(page)).toBe(true);

    // The one in the middle, by keyboard: moved under and over the others, recoloured.
    await selectNote(page, 'Verwachtingen afstemmen van ieders rol');
    for (const key of ['ArrowRight', 'ArrowRight', 'Shift+ArrowDown', 'ArrowLeft']) await page.keyboard.press(key);
    expect(await repaintsExact(page)).toBe(true);
    await page.getByRole('radio', { name: 'Blauw' }).click();
    expect(await repaintsExact(page)).toBe(true);

    // The top one (its lower right corner) dragged across the others with the mouse.
    const top = await page.locator('.house-board').evaluate((el) => {
      const probe = (el as HTMLElement & { bouwplaatsProbe: () => { notes: { text: string; left: number; top: number; width: number; height: number }[] } }).bouwplaatsProbe();
      return probe.notes.find((n) => n.text === '1Gezin1Plan1Regisseur')!;
    });
    const board = (await page.locator('.house-board').boundingBox())!;
    const from = { x: board.x + top.left + top.width * 0.9, y: board.y + top.top + top.height * 0.9 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++) await page.mouse.move(from.x - step * 6, from.y - step * 3);
    await page.mouse.up();
    expect(await repaintsExact(page)).toBe(true);

    // Deleted and put back.
    await selectNote(page, 'Werk systemisch');
    await page.keyboard.press('Delete');
    await expect.poll(() => noteTexts(page)).toHaveLength(2);
    expect(await repaintsExact(page)).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => noteTexts(page)).toHaveLength(3);
    expect(await repaintsExact(page)).toBe(true);

    // Zoomed in (another transform: painted whole once), then typed in and moved.
    await page.getByRole('button', { name: 'Inzoomen' }).click();
    await page.getByRole('button', { name: 'Inzoomen' }).click();
    await selectNote(page, '1Gezin1Plan1Regisseur');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: EDITOR }).press('End');
    await page.keyboard.type(' en ouders');
    await page.keyboard.press('Escape');
    await page.getByRole('application').focus();
    for (const key of ['ArrowUp', 'ArrowUp', 'ArrowLeft']) await page.keyboard.press(key);
    expect(await repaintsExact(page)).toBe(true);
    await saveScreenshot(page, 'board-paint-overlap');
    expect(errors).toEqual([]);
  });
});
