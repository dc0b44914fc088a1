import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * What people do in a live session, as steps the e2e tests share: the facilitator creates and
 * hosts a session, participants join through the QR link, add notes and look for others' notes.
 */

export const TITLE = 'Zo thuis mogelijk!';

/** The facilitator creates "Zo thuis mogelijk!" with `groups` subgroups and lands on its page. */
export async function createSession(page: Page, url: string, groups = 2): Promise<string> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(TITLE);
  await page.getByLabel('Aantal subgroepen').fill(String(groups));
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: TITLE }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
}

/** Opens the QR code's link (host address + code): the join screen looks the session up by itself. */
export async function openJoinLink(page: Page, url: string, code: string): Promise<void> {
  await page.goto(`${url}/#/deelnemen/${code}`);
  await page.getByRole('group', { name: 'In welke subgroep zit je?' }).waitFor();
}

/** Joins `group` through the QR link with a name and domain, and waits for the board and `expectStatus`. */
export async function join(
  page: Page,
  url: string,
  code: string,
  group: string,
  name: string,
  domain: string,
  expectStatus = '● Live',
): Promise<void> {
  await openJoinLink(page, url, code);
  await page.getByRole('radio', { name: new RegExp(`^${group}\\b`) }).check();
  await page.getByLabel(/Je naam/).fill(name);
  await page.getByLabel(/Je domein/).selectOption({ label: domain });
  await page.getByRole('button', { name: 'Naar ons huis' }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  await status(page, expectStatus);
}

/** Waits until the live badge (or status line) says `text`. */
export async function status(page: Page, text: string): Promise<void> {
  await page.locator('.live-status', { hasText: text }).waitFor({ timeout: 30_000 });
}

/** Adds a note with key 1, 2 or 3 (foundation, walls, roof), types `text` and closes it. */
export async function addNote(page: Page, key: '1' | '2' | '3', text: string): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

/** The notes' texts as the side panel lists them. */
export function noteTexts(page: Page): Promise<string[]> {
  return page.locator('.notes-panel .panel-note .clamp').allInnerTexts();
}

export async function seesNote(page: Page, text: string): Promise<void> {
  await expect.poll(() => noteTexts(page), { timeout: 20_000, message: `${text} on ${page.url()}` }).toContain(text);
}

/** From the session page, opens `group`'s board. */
export async function openBoard(page: Page, url: string, sessionId: string, group: string): Promise<void> {
  await page.goto(`${url}/#/sessie/${sessionId}`);
  await page.locator('.group-card', { hasText: group }).click();
  await page.getByRole('heading', { name: group }).waitFor();
}

/** The names on the board's avatars (who else is on this board). */
export function avatars(page: Page): Promise<(string | null)[]> {
  return page.locator('.people .person').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
}
