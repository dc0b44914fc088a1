import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import type { Point } from '../../shared/template/template';
import { fitRect, worldToScreen } from '../../renderer/board/viewport';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * A facilitator prepares "Zo thuis mogelijk!" (seed 000), fills group 1's house with the mouse and
 * the keyboard, moves and undoes, and then the browser is killed (SIGKILL, no goodbye). On the
 * same profile everything the group wrote is back where it was.
 */

const zone = (id: string) => HOUSE_TEMPLATE.zones.find((z) => z.id === id)!;

/** Where a world point of the house is on the page, with the board fitted ("Hele huis"). */
async function onScreen(page: Page, world: Point): Promise<Point> {
  const box = (await page.locator('.house-board').boundingBox())!;
  const view = fitRect(HOUSE_TEMPLATE.bounds, box.width, box.height);
  const p = worldToScreen(view, world);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** A point well inside a zone, clear of its label: the middle of its lower part. */
function spotIn(zoneId: string, dx = 0): Point {
  const z = zone(zoneId);
  const ys = z.polygon.map((p) => p.y);
  const xs = z.polygon.map((p) => p.x);
  const top = z.labelAt.y + z.labelHeight;
  const bottom = Math.max(...ys);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2 + dx, y: (top + bottom) / 2 + 20 };
}

function panelSection(page: Page, zoneId: string): Locator {
  return page.locator(`.notes-panel section[data-zone="${zoneId}"]`);
}

async function expectZone(page: Page, text: string, zoneId: string): Promise<void> {
  await expect.poll(() => panelSection(page, zoneId).getByRole('button', { name: text }).count()).toBe(1);
}

async function typeNote(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
  await editor.waitFor();
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

async function allSaved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Alles bewaard' }).waitFor();
}

describe('a facilitator builds a house, and the browser crashes', () => {
  let host: RunningHost;
  let profile: string;
  let chromium: LaunchedChromium | null = null;

  beforeAll(async () => {
    host = await startRendererHost();
    profile = await mkdtemp(path.join(tmpdir(), 'bouwplaats-e2e-'));
  });

  afterAll(async () => {
    await chromium?.close().catch(() => {});
    await host?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('keeps every note of group 1 through undo, a kill and a relaunch', async () => {
    chromium = await launchChromium({ userDataDir: profile });
    let page = await chromium.page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(host.url);

    // The library is empty at first.
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await expect.poll(() => page.getByText('Nog geen sessies').isVisible()).toBe(true);
    await saveScreenshot(page, 'library-empty');

    // Create the session with three subgroups; the house questions come prefilled from seed 000.
    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await expect.poll(() => page.locator('.field-error', { hasText: 'Geef de sessie een titel.' }).isVisible()).toBe(true);
    await page.getByLabel('Titel *').fill('Zo thuis mogelijk!');
    await page.getByLabel('Datum').fill('2023-09-14');
    await page.getByLabel('Plaats').fill('Zeist');
    await page.getByLabel('Organisator').fill('Regio Zuid Oost Utrecht');
    await page.getByLabel('Aantal subgroepen').fill('3');
    expect(await page.locator('textarea[name="question-foundation"]').inputValue()).toContain('kennis en kunde');
    expect(await page.locator('textarea[name="question-roof"]').inputValue()).toContain('Wat hebben we nodig');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();

    await page.getByRole('heading', { name: 'Zo thuis mogelijk!' }).waitFor();
    await expect.poll(() => page.locator('.group-card').count()).toBe(3);
    expect(await page.getByText('14 september 2023 · Zeist').isVisible()).toBe(true);
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();

    // Group 1's board: the house with its three questions.
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await page.getByRole('button', { name: 'Hele huis' }).click();

    // With the mouse: double-click in each zone and type.
    const byMouse = [
      { zone: 'roof', text: 'Vertrouwen geven om te innoveren' },
      { zone: 'walls', text: 'Werk systemisch' },
      { zone: 'foundation', text: 'Kennis van gezin, school en vrije tijd' },
    ];
    for (const note of byMouse) {
      const at = await onScreen(page, spotIn(note.zone));
      await page.mouse.dblclick(at.x, at.y);
      await typeNote(page, note.text);
      await expectZone(page, note.text, note.zone);
    }

    // With the keyboard: 1 foundation, 2 walls, 3 roof.
    await page.getByRole('application').focus();
    const byKeyboard = [
      { key: '1', zone: 'foundation', text: 'Verwachtingen afstemmen van ieders rol' },
      { key: '2', zone: 'walls', text: '1Gezin1Plan1Regisseur' },
      { key: '3', zone: 'roof', text: 'Ruimte en vertrouwen van leidinggevenden' },
    ];
    for (const note of byKeyboard) {
      await page.keyboard.press(note.key);
      await typeNote(page, note.text);
      await expectZone(page, note.text, note.zone);
    }
    for (const id of ['roof', 'walls', 'foundation']) {
      await expect.poll(() => panelSection(page, id).getByRole('button').count()).toBe(2);
    }

    // Arrow keys: lift the keyboard note from the foundation into the walls.
    await panelSection(page, 'foundation').getByRole('button', { name: 'Verwachtingen afstemmen' }).click();
    await page.getByRole('application').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowUp');
    await expectZone(page, 'Verwachtingen afstemmen van ieders rol', 'walls');

    // Drag the mouse note from the foundation up into the roof: its zone follows.
    const from = await onScreen(page, spotIn('foundation'));
    const to = await onScreen(page, spotIn('roof', 300));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y - 10, { steps: 2 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await expectZone(page, 'Kennis van gezin, school en vrije tijd', 'roof');
    await saveScreenshot(page, 'board-group1');

    // Undo puts it back in the foundation; redo and undo again to prove both ways.
    await page.getByRole('application').focus();
    await page.keyboard.press('Control+z');
    await expectZone(page, 'Kennis van gezin, school en vrije tijd', 'foundation');
    await page.keyboard.press('Control+Shift+z');
    await expectZone(page, 'Kennis van gezin, school en vrije tijd', 'roof');
    await page.keyboard.press('Control+z');
    await expectZone(page, 'Kennis van gezin, school en vrije tijd', 'foundation');
    await allSaved(page);
    expect(errors).toEqual([]);

    // Crash: SIGKILL the whole browser, then start it again on the same profile.
    await chromium.kill();
    chromium = await launchChromium({ userDataDir: profile });
    page = await chromium.page();
    await page.goto(host.url);
    await page.locator('.session-row', { hasText: 'Zo thuis mogelijk!' }).waitFor();
    await page.getByRole('link', { name: /Zo thuis mogelijk!/ }).click();
    await expect.poll(() => page.locator('.group-card', { hasText: 'Groep 1' }).innerText()).toContain('6 notities');
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();

    // Per zone (their order is where they lie: tested in board-keyboard.e2e.ts).
    const expected: Record<string, string[]> = {
      roof: ['Vertrouwen geven om te innoveren', 'Ruimte en vertrouwen van leidinggevenden'],
      walls: ['Werk systemisch', 'Verwachtingen afstemmen van ieders rol', '1Gezin1Plan1Regisseur'],
      foundation: ['Kennis van gezin, school en vrije tijd'],
    };
    for (const [zoneId, texts] of Object.entries(expected)) {
      await expect.poll(async () => (await panelSection(page, zoneId).getByRole('button').allInnerTexts()).sort()).toEqual([...texts].sort());
    }
    await saveScreenshot(page, 'board-group1-after-crash');
    await page.goto(host.url);
    await page.locator('.session-row', { hasText: '6 notities' }).waitFor();
    await saveScreenshot(page, 'library');
  });
});
