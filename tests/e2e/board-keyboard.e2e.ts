import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { EDITOR, addNote, createSession, noteTexts } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * A keyboard-only facilitator and a screen-reader user on the board (issue 7, items 10 and 11):
 * keys act where the keyboard is, undo works after any toolbar button, Tab walks the notes in the
 * order the outline lists them, and what is painted on the canvas is also said.
 */

const panelButton = (page: Page, text: string) => page.locator('.notes-panel').getByRole('button', { name: text });

/** Where the keyboard is: the element's class or tag and its accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { className: el?.className ?? '', tag: el?.tagName ?? '', text: el?.textContent?.trim() ?? '' };
  });

const selectedInPanel = (page: Page) => page.locator('.notes-panel .panel-note[aria-pressed="true"]').allInnerTexts();

describe('the board by keyboard and screen reader', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
    page.on('pageerror', (e) => errors.push(String(e)));
    await createSession(page, host.url, { title: 'Leeratelier Veilig thuis' });
    await page.getByRole('heading', { name: 'Leeratelier Veilig thuis' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('puts the keyboard on each new screen (the heading; on the board, the board, so its keys work at once)', async () => {
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await expect.poll(async () => (await focused(page)).className).toContain('board-surface');
    await page.keyboard.press('3');
    await page.getByRole('textbox', { name: EDITOR }).pressSequentially('Tijd voor echt contact');
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: EDITOR }).waitFor({ state: 'detached' });
    await addNote(page, '1', 'Kennis van gezin en school');
    await addNote(page, '2', 'Werk systemisch');
    await expect.poll(() => noteTexts(page)).toHaveLength(3);
  });

  it('walks the notes with Tab in the order the outline lists them, and says which one is selected', async () => {
    await page.getByRole('application').focus();
    await page.keyboard.press('Escape');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push((await selectedInPanel(page))[0] ?? '');
    }
    // Roof, walls, foundation: as the outline lists the parts, not in the order they were written.
    expect(order).toEqual(['Tijd voor echt contact', 'Werk systemisch', 'Kennis van gezin en school']);
    await expect.poll(() => page.getByTestId('selection-announcer').innerText()).toBe('Geselecteerd: “Kennis van gezin en school”, in Fundament');
    // Past the last note, Tab leaves the board: no keyboard trap.
    await page.keyboard.press('Tab');
    expect((await focused(page)).className).not.toContain('board-surface');
  });

  it('lets a screen reader hear the three questions that are painted on the canvas', async () => {
    const described = await page.getByRole('application').evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('Dak: Wat hebben we nodig, van onze organisaties/leidinggevenden, of elkaar');
    expect(described).toContain('Fundament: Welke brede kennis en kunde is nodig');
  });

  it('keeps board keys off the buttons on it: Enter, arrows, 1 and Backspace on "Hele huis" do nothing to the note', async () => {
    await panelButton(page, 'Werk systemisch').click();
    const before = await page.evaluate(() => document.querySelector('.notes-panel')?.textContent);
    const fit = page.getByRole('button', { name: 'Hele huis' });
    await fit.focus();
    for (const key of ['Enter', 'ArrowRight', 'ArrowDown', '1', 'Backspace', 'Delete']) await page.keyboard.press(key);
    expect(await page.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    await expect.poll(() => noteTexts(page)).toHaveLength(3);
    expect(await page.evaluate(() => document.querySelector('.notes-panel')?.textContent)).toBe(before);
    expect(await selectedInPanel(page)).toEqual(['Werk systemisch']);
  });

  it('undoes with Ctrl+Z right after "Verwijderen" and after a colour swatch', async () => {
    await panelButton(page, 'Werk systemisch').click();
    await page.getByRole('button', { name: 'Verwijderen' }).click();
    await expect.poll(() => noteTexts(page)).not.toContain('Werk systemisch');
    await page.keyboard.press('Control+z');
    await expect.poll(() => noteTexts(page)).toContain('Werk systemisch');

    await panelButton(page, 'Werk systemisch').click();
    const colourOf = () => page.locator('.notes-panel .panel-note', { hasText: 'Werk systemisch' }).evaluate((el) => getComputedStyle(el).borderLeftColor);
    const yellow = await colourOf();
    await page.getByRole('radio', { name: 'Blauw' }).click();
    await expect.poll(colourOf).not.toBe(yellow);
    await page.keyboard.press('Control+z');
    await expect.poll(colourOf).toBe(yellow);
  });

  it('steps out with Esc (first the selection, then the board to its buttons), and pans with the arrows when nothing is selected', async () => {
    await panelButton(page, 'Werk systemisch').click();
    await page.getByRole('application').focus();
    const stage = () => page.locator('.board-surface canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    await page.keyboard.press('Escape');
    expect(await selectedInPanel(page)).toEqual([]);
    expect((await focused(page)).className).toContain('board-surface');
    const before = await stage();
    await page.keyboard.press('ArrowRight');
    // Nothing selected: the arrow moves the view, not a note, and every note keeps its text.
    await expect.poll(stage).not.toBe(before);
    await expect.poll(() => noteTexts(page)).toHaveLength(3);
    await page.keyboard.press('Escape');
    const out = await focused(page);
    expect(out.className).not.toContain('board-surface');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.board-toolbar'))).toBe(true);
  });

  it('makes the six colours one Tab stop that the arrow keys move through', async () => {
    const swatches = page.getByRole('radio');
    expect(await swatches.count()).toBe(6);
    const stops = await swatches.evaluateAll((els) => els.filter((el) => (el as HTMLElement).tabIndex === 0).length);
    expect(stops).toBe(1);
    await page.getByRole('radio', { name: 'Geel' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Oranje' }).getAttribute('aria-checked')).toBe('true');
    expect((await focused(page)).className).toContain('swatch');
    await saveScreenshot(page, 'board-keyboard');
    expect(errors).toEqual([]);
  });
});
