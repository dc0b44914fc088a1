import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { NOTE_TEXT_MAX } from '../../shared/schema/note';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/** Hostile or oversized input on a board, and the language setting. */

async function createSession(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Aantal subgroepen').fill('2');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

describe('bad input on a board', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  const errors: string[] = [];
  let dialogs = 0;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(host.url);
    await createSession(page, 'Leeratelier Veilig en thuis opgroeien');
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('shows markup and spreadsheet formulas as plain text', async () => {
    const hostile = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x","klik")', '<b>vet</b> & <script>alert(2)</script>'];
    await page.getByRole('application').focus();
    for (const text of hostile) {
      await page.keyboard.press('2');
      await page.getByRole('textbox', { name: 'Tekst van de notitie' }).pressSequentially(text);
      await page.keyboard.press('Escape');
    }
    // The panel renders at a lower priority than the canvas (useDeferredValue): it may lag a frame.
    await expect.poll(() => page.locator('.notes-panel section[data-zone="walls"]').getByRole('button').allInnerTexts()).toEqual(hostile);
    expect(await page.locator('img[src="x"], .notes-panel b, .notes-panel script').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
  });

  it('cuts a pasted megabyte at the cap, shows the counter, and stays responsive', async () => {
    await page.getByRole('application').focus();
    await page.keyboard.press('1');
    const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
    await editor.waitFor();
    const megabyte = 'Ruimte bieden aan innovatie. '.repeat(40_000).slice(0, 1_000_000);
    await page.keyboard.insertText(megabyte);
    expect((await editor.inputValue()).length).toBe(NOTE_TEXT_MAX);
    expect(await page.getByText(`${NOTE_TEXT_MAX}/${NOTE_TEXT_MAX} tekens`).isVisible()).toBe(true);
    await saveScreenshot(page, 'board-note-at-cap');
    await page.keyboard.press('Escape');
    // Still responsive: a new note can be written right after.
    await page.keyboard.press('3');
    await page.getByRole('textbox', { name: 'Tekst van de notitie' }).pressSequentially('Nog steeds snel');
    await page.keyboard.press('Escape');
    // The panel renders at a lower priority than the canvas (useDeferredValue): it may be a frame behind.
    await expect
      .poll(() => page.locator('.notes-panel section[data-zone="roof"]').getByRole('button').allInnerTexts())
      .toEqual(['Nog steeds snel']);
    const foundation = await page.locator('.notes-panel section[data-zone="foundation"]').getByRole('button').allInnerTexts();
    expect(foundation[0]).toBe(megabyte.slice(0, NOTE_TEXT_MAX));
    expect(errors).toEqual([]);
  });

  it('removes a note that was opened and left empty, and deletes with the Delete key', async () => {
    const count = () => page.locator('.notes-panel').getByRole('button').count();
    const before = await count();
    await page.getByRole('application').focus();
    await page.keyboard.press('2');
    await page.getByRole('textbox', { name: 'Tekst van de notitie' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Tekst van de notitie' }).waitFor({ state: 'detached' });
    await expect.poll(count).toBe(before);
    await page.locator('.notes-panel').getByRole('button', { name: 'Nog steeds snel' }).click();
    await page.getByRole('application').focus();
    await page.keyboard.press('Delete');
    await expect.poll(count).toBe(before - 1);
  });
});

describe('language', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('is Dutch by default, switches to English in the settings, and keeps it', async () => {
    const page = await chromium.page();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await page.getByRole('button', { name: 'Instellingen' }).click();
    await page.getByLabel('Taal').selectOption('en');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    expect(await page.getByRole('button', { name: 'New session' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
