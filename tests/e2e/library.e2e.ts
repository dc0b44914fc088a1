import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { REPO_ROOT, startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/** The facilitator's library: rename, duplicate with every note, delete after confirming. */

async function rows(page: Page): Promise<string[]> {
  return page.locator('.session-row .session-title').allInnerTexts();
}

function row(page: Page, title: string) {
  return page.locator('.session-row').filter({ has: page.locator('.session-title', { hasText: new RegExp(`^${title.replace(/[()!]/g, '\\$&')}$`) }) });
}

describe('the session library', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('renames, duplicates with every note, and deletes only after confirming', async () => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByLabel('Titel *').fill('Zo thuis mogelijk!');
    await page.getByLabel('Plaats').fill('Zeist');
    await page.getByLabel('Aantal subgroepen').fill('2');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('application').focus();
    for (const [key, text] of [
      ['1', 'Kennis van het gezin'],
      ['3', 'Ruimte voor innovatie'],
    ] as const) {
      await page.keyboard.press(key);
      await page.getByRole('textbox', { name: 'Tekst van de notitie' }).pressSequentially(text);
      await page.keyboard.press('Escape');
    }
    await page.getByRole('status').filter({ hasText: 'Alles bewaard' }).waitFor();
    await page.goto(host.url);
    await row(page, 'Zo thuis mogelijk!').getByText('2 notities').waitFor();

    // Rename.
    await row(page, 'Zo thuis mogelijk!').getByRole('button', { name: 'Naam wijzigen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Naam van de sessie wijzigen' });
    await dialog.getByLabel('Titel').fill('');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByText('Geef de sessie een titel.').waitFor();
    await dialog.getByLabel('Titel').fill('Zo thuis mogelijk! (middag)');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => rows(page)).toEqual(['Zo thuis mogelijk! (middag)']);

    // Duplicate: the copy has the notes too.
    await row(page, 'Zo thuis mogelijk! (middag)').getByRole('button', { name: 'Dupliceren' }).click();
    const copy = page.getByRole('dialog', { name: 'Sessie dupliceren' });
    await copy.getByRole('radio', { name: /Alles, met alle notities/ }).check();
    await copy.getByRole('button', { name: 'Dupliceren' }).click();
    await expect.poll(() => rows(page)).toEqual(['Kopie van Zo thuis mogelijk! (middag)', 'Zo thuis mogelijk! (middag)']);
    await row(page, 'Kopie van Zo thuis mogelijk! (middag)').getByText('2 notities').waitFor();
    await row(page, 'Kopie van Zo thuis mogelijk! (middag)').getByRole('link').click();
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await expect
      .poll(() => page.locator('.notes-panel .panel-note').allInnerTexts())
      .toEqual(['Ruimte voor innovatie', 'Kennis van het gezin']);
    await page.goto(host.url);

    // Delete: cancelling keeps it; confirming removes it, for good.
    const original = row(page, 'Zo thuis mogelijk! (middag)');
    await original.getByRole('button', { name: 'Verwijderen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sessie verwijderen?' });
    await confirm.getByText('met alle huizen en 2 notities').waitFor();
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect(await rows(page)).toHaveLength(2);
    await original.getByRole('button', { name: 'Verwijderen' }).click();
    await confirm.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect.poll(() => rows(page)).toEqual(['Kopie van Zo thuis mogelijk! (middag)']);
    await page.reload();
    await page.locator('.session-row').first().waitFor();
    expect(await rows(page)).toEqual(['Kopie van Zo thuis mogelijk! (middag)']);
  });

  it('says which version it is in "Over Bouwplaats", as package.json says, and closes with Esc', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Over Bouwplaats' }).click();
    const dialog = page.getByRole('dialog', { name: 'Over Bouwplaats' });
    await expect(dialog.getByTestId('app-version').innerText()).resolves.toBe(version);
    await saveScreenshot(page, 'about-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
