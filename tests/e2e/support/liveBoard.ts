import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { normaliseJoinCode } from '../../../shared/live';
import { readNotes, type Note } from '../../../shared/schema/note';

/**
 * Steps of a live session as the people in it take them (the facilitator starts it, participants
 * join from a plain browser), and a look into a laptop's own IndexedDB copy of a board.
 */

export const EDITOR = 'Tekst van de notitie';

/** The facilitator creates a session with two groups and puts it live; returns its id and code. */
export async function startLiveSession(page: Page, url: string, title: string): Promise<{ sessionId: string; code: string }> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Aantal subgroepen').fill('2');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  const sessionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  await page.getByRole('button', { name: 'Sessie live zetten' }).click();
  const code = normaliseJoinCode(await page.locator('.join-code').innerText())!;
  await liveStatus(page, '● Live');
  return { sessionId, code };
}

/** A participant joins group `group` and lands on its board, live. */
export async function joinGroup(page: Page, url: string, code: string, group: string, name: string): Promise<void> {
  await page.goto(`${url}/#/deelnemen/${code}`);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByRole('radio', { name: group }).check();
  await page.getByLabel(/Je naam/).fill(name);
  await page.getByRole('button', { name: 'Naar ons huis' }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  await liveStatus(page, '● Live');
}

export async function liveStatus(page: Page, text: string): Promise<void> {
  await page.locator('.live-status', { hasText: text }).waitFor({ timeout: 30_000 });
}

export async function saveStatus(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.locator('.save-state', { hasText: text }).waitFor({ timeout });
}

/** Adds a note with key 1, 2 or 3 and types `text` into it; Escape closes it. */
export async function addNote(page: Page, key: '1' | '2' | '3', text: string): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: EDITOR });
  await editor.pressSequentially(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

/** Selects the note in the notes panel and gives the board the keyboard. */
export async function selectNote(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.notes-panel').getByRole('button', { name: text }).click();
  await page.getByRole('application').focus();
}

/** The notes as the panel beside the board lists them (what this person sees). */
export function panelTexts(page: Page): Promise<string[]> {
  return page.locator('.notes-panel .panel-note .clamp').allInnerTexts();
}

export async function seesNote(page: Page, text: string): Promise<void> {
  await expect.poll(() => panelTexts(page), { timeout: 20_000, message: `${text} on ${page.url()}` }).toContain(text);
}

/**
 * The board as this laptop holds it: read from its own IndexedDB copy of the doc (what survives a
 * reload), never from the host. Only reads a database that exists, so it never creates one.
 */
export async function localNotes(page: Page, docName: string): Promise<Note[]> {
  const updates = await page.evaluate(async (name) => {
    const known = (await indexedDB.databases()).some((d) => d.name === name);
    if (!known) return [];
    return new Promise<number[][]>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('updates', 'readonly');
        const all = tx.objectStore('updates').getAll();
        tx.oncomplete = () => {
          db.close();
          resolve((all.result as Uint8Array[]).map((u) => Array.from(u)));
        };
        tx.onabort = () => reject(tx.error);
      };
    });
  }, docName);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, new Uint8Array(update));
  return readNotes(doc);
}
