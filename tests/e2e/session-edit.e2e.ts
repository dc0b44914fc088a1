import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * A facilitator changes a session after creating it: on the day a 7th group turns up, a question
 * needs fixing, the date moves; then the session is reused for the next meeting ("Dupliceren" as a
 * new session from this one), also when its title is long.
 */

const TITLE = 'Leeratelier Zo thuis mogelijk!';

const cards = (page: Page) => page.locator('.group-card .group-name').allInnerTexts();
const rowTitles = (page: Page) => page.locator('.session-row .session-title').allInnerTexts();
const listNames = (page: Page) => page.locator('.group-list input').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));

function row(page: Page, title: string) {
  return page.locator('.session-row').filter({ has: page.locator('.session-title').getByText(title, { exact: true }) });
}

async function createSession(page: Page, url: string, title: string): Promise<string> {
  await page.goto(`${url}/#/`);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Datum').fill('2023-09-14');
  await page.getByLabel('Plaats').fill('Zeist');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  return /#\/sessie\/([0-9a-z]+)/.exec(page.url())![1]!;
}

async function addNotes(page: Page, url: string, sessionId: string, group: string, texts: readonly string[]): Promise<void> {
  await page.goto(`${url}/#/sessie/${sessionId}`);
  await page.locator('.group-card', { hasText: group }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  for (const text of texts) {
    await page.getByRole('application').focus();
    await page.keyboard.press('2');
    const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
    await editor.pressSequentially(text);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
  }
  await page.getByRole('status').filter({ hasText: 'Alles bewaard' }).waitFor();
}

describe('changing a session after creating it', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  let sessionId: string;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('changes date, place, a question; adds a 7th group, renames, reorders; asks before a group with notes goes', async () => {
    sessionId = await createSession(page, host.url, TITLE);
    await addNotes(page, host.url, sessionId, 'Groep 3', ['Kennis van het gezin', 'Samen met school']);
    await addNotes(page, host.url, sessionId, 'Groep 4', ['Vaste contactpersoon']);
    await page.goto(`${host.url}/#/`);
    await row(page, TITLE).getByRole('link').click();
    await page.getByRole('link', { name: 'Sessie bewerken' }).click();
    await page.getByRole('heading', { name: 'Sessie bewerken' }).waitFor();
    expect(await page.getByLabel('Titel *').inputValue()).toBe(TITLE);
    expect(await listNames(page)).toEqual(['Groep 1', 'Groep 2', 'Groep 3', 'Groep 4', 'Groep 5', 'Groep 6']);

    await page.getByLabel('Datum').fill('2023-09-21');
    await page.getByLabel('Plaats').fill('Houten');
    await page.getByLabel(/Muren/).fill('Welke werkwijze willen we meer zien en doen?');
    await page.getByRole('textbox', { name: 'Naam subgroep 1' }).fill('Lokale teams');

    // The 7th group of the day: added at the end, its name ready to type over.
    await page.getByRole('button', { name: 'Subgroep toevoegen' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Groep 7');
    await page.keyboard.type('Ouders');
    await page.getByRole('button', { name: 'Ouders omhoog' }).click();
    await page.getByRole('button', { name: 'Ouders omhoog' }).click();
    // Focus stays on the arrow, so it can be pressed again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Ouders omhoog');
    expect(await listNames(page)).toEqual(['Lokale teams', 'Groep 2', 'Groep 3', 'Groep 4', 'Ouders', 'Groep 5', 'Groep 6']);

    // A group without notes goes at once; one with notes only after saying how many.
    await page.getByRole('button', { name: 'Groep 2 verwijderen' }).click();
    await expect.poll(() => listNames(page)).not.toContain('Groep 2');
    await page.getByRole('button', { name: 'Groep 3 verwijderen' }).click();
    const ask = page.getByRole('dialog', { name: 'Subgroep verwijderen?' });
    await ask.getByText('Het huis van “Groep 3” heeft 2 notities. Die gaan verloren als je de wijzigingen opslaat.').waitFor();
    await saveScreenshot(page, 'edit-session-remove-group-1280');
    await ask.getByRole('button', { name: 'Annuleren' }).click();
    expect(await listNames(page)).toContain('Groep 3');
    await page.getByRole('button', { name: 'Groep 3 verwijderen' }).click();
    await ask.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expect.poll(() => listNames(page)).toEqual(['Lokale teams', 'Groep 4', 'Ouders', 'Groep 5', 'Groep 6']);

    // An empty name is refused where it is.
    await page.getByRole('textbox', { name: 'Naam subgroep 2' }).fill('');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Geef subgroep 2 een naam.' }).waitFor();
    const secondId = await page.getByRole('textbox', { name: 'Naam subgroep 2' }).getAttribute('id');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(secondId);
    await page.getByRole('textbox', { name: 'Naam subgroep 2' }).fill('Groep 4');
    await saveScreenshot(page, 'edit-session-1280');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();

    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await cards(page)).toEqual(['Lokale teams', 'Groep 4', 'Ouders', 'Groep 5', 'Groep 6']);
    await saveScreenshot(page, 'session-after-edit-1280');
    expect(await page.locator('.session-details').innerText()).toBe('21 september 2023 · Houten');
    expect(await page.locator('.questions dd').nth(1).innerText()).toBe('Welke werkwijze willen we meer zien en doen?');
    // Group 4 kept its board and its note; Groep 3's notes are gone with it.
    await page.locator('.group-card', { hasText: 'Groep 4' }).getByText('1 notitie').waitFor();

    // Back goes to the library, not to the form.
    await page.goBack();
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await row(page, TITLE).getByText('1 notitie').waitFor();
    expect(await row(page, TITLE).locator('.session-details').innerText()).toBe('21 september 2023 · Houten');

    // The changes are on disk.
    await page.goto(`${host.url}/#/sessie/${sessionId}`);
    await page.reload();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await cards(page)).toEqual(['Lokale teams', 'Groep 4', 'Ouders', 'Groep 5', 'Groep 6']);
  });

  it('looks right on a 768 px tablet', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${host.url}/#/sessie/${sessionId}/bewerken`);
    await page.getByRole('heading', { name: 'Sessie bewerken' }).waitFor();
    await page.locator('.group-list').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'edit-session-768x1024');
    // Opened by its address, Cancel replaces the form by the session page.
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('duplicates as a new session from this one: same groups and questions, empty houses, a new date', async () => {
    await page.goto(`${host.url}/#/`);
    await row(page, TITLE).getByRole('button', { name: 'Dupliceren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sessie dupliceren' });
    expect(await dialog.getByRole('radio', { name: /Dezelfde opzet, lege huizen/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Titel').inputValue()).toBe(`Kopie van ${TITLE}`);
    await dialog.getByLabel('Titel').fill('Leeratelier, tweede bijeenkomst');
    await dialog.getByLabel('Datum').fill('2023-11-02');
    await saveScreenshot(page, 'duplicate-dialog-1280');
    await dialog.getByRole('button', { name: 'Dupliceren' }).click();
    await row(page, 'Leeratelier, tweede bijeenkomst').waitFor();
    expect(await row(page, 'Leeratelier, tweede bijeenkomst').locator('.session-details').innerText()).toBe('2 november 2023 · Houten');
    await row(page, 'Leeratelier, tweede bijeenkomst').getByText('0 notities').waitFor();
    await row(page, 'Leeratelier, tweede bijeenkomst').getByRole('link').click();
    await page.getByRole('heading', { name: 'Leeratelier, tweede bijeenkomst' }).waitFor();
    expect(await cards(page)).toEqual(['Lokale teams', 'Groep 4', 'Ouders', 'Groep 5', 'Groep 6']);
    expect(await page.locator('.questions dd').nth(1).innerText()).toBe('Welke werkwijze willen we meer zien en doen?');
    expect(await page.locator('.group-count').allInnerTexts()).toEqual(Array(5).fill('0 notities'));
    // The original is untouched.
    await page.goto(`${host.url}/#/`);
    await row(page, TITLE).getByText('1 notitie').waitFor();
  });

  it('duplicates a session with a 195-character title without going over the 200-character cap', async () => {
    const long = `Themabijeenkomst ${'samen aan tafel met onderwijs, zorg en gezin '.repeat(5)}`.slice(0, 195);
    expect(long).toHaveLength(195);
    await createSession(page, host.url, long);
    await page.goto(`${host.url}/#/`);
    for (const kind of [/Dezelfde opzet/, /Alles, met alle notities/]) {
      await row(page, long).getByRole('button', { name: 'Dupliceren' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sessie dupliceren' });
      await dialog.getByRole('radio', { name: kind }).check();
      const title = await dialog.getByLabel('Titel').inputValue();
      expect(title.length).toBeLessThanOrEqual(200);
      expect(title).toMatch(/^Kopie van Themabijeenkomst samen aan tafel.*…$/);
      await dialog.getByRole('button', { name: 'Dupliceren' }).click();
    }
    const copiesListed = async () => (await rowTitles(page)).filter((t) => t.startsWith('Kopie van Themabijeenkomst'));
    await expect.poll(copiesListed).toHaveLength(2);
    expect(await page.getByRole('alert').count()).toBe(0);
    const copies = await copiesListed();
    for (const copy of copies) expect(copy.length).toBeLessThanOrEqual(200);
    // Both are real sessions: they open, and stay listed after a reload.
    await page.reload();
    await page.locator('.session-row').first().waitFor();
    expect((await rowTitles(page)).filter((t) => t.startsWith('Kopie van Themabijeenkomst'))).toHaveLength(2);
    await saveScreenshot(page, 'library-long-titles-1280');
    // Both copies carry the same cut title.
    expect(copies[0]).toBe(copies[1]);
    await row(page, copies[0]!).first().getByRole('link').click();
    await page.getByRole('heading', { name: copies[0]! }).waitFor();
    await saveScreenshot(page, 'session-long-title-1280');
  });
});
