import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { SCREENSHOT_DIR, saveScreenshot } from './support/screenshots';

/**
 * The board on a 768 px tablet (the notes panel folds away so the house has the width) and on
 * paper (printing gives the whole house, without toolbar, panel or zoom buttons).
 */

const TITLE = 'Leeratelier';

const toggle = (page: Page) => page.getByRole('button', { name: 'Overzicht' });
const panelShown = (page: Page) => page.locator('.notes-panel').isVisible();
const width = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().width);
const zoom = async (page: Page) => Number((await page.locator('.zoom-controls .zoom').innerText()).replace('%', ''));

describe('the board on a tablet and on paper', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  let boardUrl: string;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByLabel('Titel *').fill(TITLE);
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    for (const [key, text] of [
      ['1', 'Kennis van het gezin'],
      ['2', 'Samen met school'],
      ['3', 'Tijd om te overleggen'],
    ] as const) {
      await page.getByRole('application').focus();
      await page.keyboard.press(key);
      const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
      await editor.pressSequentially(text);
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });
    }
    // The tests reload the page: wait until every note is on disk.
    await page.getByRole('status').filter({ hasText: 'Alles bewaard' }).waitFor();
    boardUrl = page.url();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('on a wide screen shows the panel beside the board, and "Overzicht" hides it to give the house the room', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.reload();
    await toggle(page).waitFor();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true');
    expect(await panelShown(page)).toBe(true);
    const withPanel = await width(page, '.board-surface');
    expect(withPanel).toBeLessThan(1280 - 250);
    await saveScreenshot(page, 'board-1280x720-panel-open');
    await toggle(page).click();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await panelShown(page)).toBe(false);
    expect(await width(page, '.board-surface')).toBe(1280);
    await toggle(page).click();
    expect(await panelShown(page)).toBe(true);
  });

  it('on a 768 px tablet starts with the panel folded away and the house across the whole width', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(boardUrl);
    await page.reload();
    await toggle(page).waitFor();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await panelShown(page)).toBe(false);
    expect(await width(page, '.board-surface')).toBe(768);
    // 768 px across 2840 board units (house and parking) is 27 %; beside an 18rem panel it was 17 %.
    const fitted = await zoom(page);
    expect(fitted).toBeGreaterThanOrEqual(25);
    await saveScreenshot(page, 'board-768x1024-panel-closed');

    // Opened, it lies over the board: the house keeps its size.
    await toggle(page).click();
    expect(await panelShown(page)).toBe(true);
    expect(await width(page, '.board-surface')).toBe(768);
    expect(await zoom(page)).toBe(fitted);
    const panel = await page.locator('.notes-panel').boundingBox();
    expect(Math.round(panel!.x + panel!.width)).toBe(768);
    await saveScreenshot(page, 'board-768x1024-panel-open');

    // Picking a note in the list selects it and moves the panel aside, so the note is seen.
    await page.locator('.panel-note', { hasText: 'Samen met school' }).click();
    await expect.poll(() => panelShown(page)).toBe(false);
    await toggle(page).click();
    expect(await page.locator('.panel-note', { hasText: 'Samen met school' }).getAttribute('aria-pressed')).toBe('true');

    // Escape closes it and gives focus back to the toggle.
    await page.locator('.panel-note').first().focus();
    await page.keyboard.press('Escape');
    expect(await panelShown(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overzicht');
  });

  it('prints the whole house on the page, without toolbar, panel or zoom buttons', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(boardUrl);
    await page.reload();
    await toggle(page).waitFor();
    // Zoomed in and panned, as a board often is when someone presses Ctrl+P.
    await page.getByRole('button', { name: 'Inzoomen' }).click();
    await page.getByRole('button', { name: 'Inzoomen' }).click();

    // Print media alone (no print run): the screen parts are gone, the board stays.
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.board-toolbar', '.zoom-controls', '.panel-toggle', '.notes-panel', '.board-help']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    expect(await page.locator('.house-board canvas').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // What the browser does when it prints: beforeprint, print media, afterprint.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const image = page.locator('.print-house-image');
    expect(await image.isVisible()).toBe(true);
    expect(await page.locator('.board-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.print-house-caption').innerText()).toBe(`Groep 1 — ${TITLE}`);
    const box = (await image.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    // The picture is the house's whole drawing (house and parking), not the zoomed screen.
    const { width: bw, height: bh } = HOUSE_TEMPLATE.bounds;
    expect(box.width / box.height).toBeCloseTo(bw / bh, 1);
    const drawn = await image.evaluate((el) => ({ w: (el as HTMLCanvasElement).width, h: (el as HTMLCanvasElement).height }));
    expect(drawn.w).toBeGreaterThanOrEqual(2000);
    await saveScreenshot(page, 'board-print-1280x720');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.print-house').count()).toBe(0);
    expect(await page.locator('.board-toolbar').isVisible()).toBe(true);
    // While the page was hidden for print the board measured 0 × 0; it takes its size back.
    await expect.poll(() => width(page, '.house-board canvas >> nth=0')).toBeGreaterThan(0);
  });

  it('makes a one-page PDF of the house when printed for real (Chromium print to PDF)', async () => {
    // Whether the picture of the house was put up while printing (whatever order listeners run in).
    await page.evaluate(() => {
      const w = window as unknown as { sawPrint: boolean };
      w.sawPrint = false;
      new MutationObserver((records) => {
        if (records.some((r) => [...r.addedNodes].some((n) => n instanceof HTMLElement && n.classList.contains('print-house')))) w.sawPrint = true;
      }).observe(document.body, { childList: true });
    });
    // No emulated media: printing uses print media, as a browser does.
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true, path: `${SCREENSHOT_DIR}/board-print.pdf` });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { sawPrint: boolean }).sawPrint)).toBe(true);
    expect(await page.locator('.print-house').count()).toBe(0);
  });

  it('serves a favicon: a small house', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBe('./favicon.svg');
    const res = await page.request.get(`${host.url}/favicon.svg`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
    expect(await res.text()).toContain('<title>Bouwplaats</title>');
    const png = await page.request.get(`${host.url}/icons/512x512.png`);
    expect(png.status()).toBe(200);
  });
});
