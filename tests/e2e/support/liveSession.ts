import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * What a facilitator and participants do in a live session, as steps on real pages: create a
 * session, join it by code, add a note, see one arrive.
 */

/** Creates a session with `groups` subgroups on the facilitator's page and opens it. */
export async function createSession(page: Page, url: string, title: string, groups = 2): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Aantal subgroepen').fill(String(groups));
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

/** Joins by code from a plain browser and waits for the group's board and `expectStatus`. */
export async function join(page: Page, url: string, code: string, group: string, name: string, domain: string, expectStatus = '● Live'): Promise<void> {
  await page.goto(`${url}/#/deelnemen/${code}`);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByRole('radio', { name: group }).check();
  await page.getByLabel(/Je naam/).fill(name);
  await page.getByLabel(/Je domein/).selectOption({ label: domain });
  await page.getByRole('button', { name: 'Naar ons huis' }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  await status(page, expectStatus);
}

/** Waits until the live badge shows `text`. */
export async function status(page: Page, text: string): Promise<void> {
  await page.locator('.live-status', { hasText: text }).waitFor({ timeout: 30_000 });
}

/** Adds a note with the keyboard (1, 2, 3: foundation, walls, roof) and closes its editor. */
export async function addNote(page: Page, key: '1' | '2' | '3', text: string): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

/** The notes the board's outline (the notes panel) lists. */
export function noteTexts(page: Page): Promise<string[]> {
  return page.locator('.notes-panel .panel-note .clamp').allInnerTexts();
}

export async function seesNote(page: Page, text: string): Promise<void> {
  await expect.poll(() => noteTexts(page), { timeout: 20_000, message: `${text} on ${page.url()}` }).toContain(text);
}

/** The facilitator opens a group's board from the session page. */
export async function openBoard(page: Page, url: string, sessionId: string, group: string): Promise<void> {
  await page.goto(`${url}/#/sessie/${sessionId}`);
  await page.locator('.group-card', { hasText: group }).click();
  await page.getByRole('heading', { name: group }).waitFor();
}
