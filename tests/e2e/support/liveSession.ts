import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { normaliseJoinCode } from '../../../shared/live';
import { readNotes, type Note } from '../../../shared/schema/note';

/**
 * What people do in a live session, as steps the e2e tests share: the facilitator creates and
 * hosts a session, participants join through the QR link, add notes and look for others' notes.
 */

export const TITLE = 'Zo thuis mogelijk!';
/** The host panel's headline while live on a test host, which listens on 127.0.0.1 only. */
export const LIVE_HERE_ONLY = 'Live, maar alleen op deze computer';
/** The note editor's accessible name. */
export const EDITOR = 'Tekst van de notitie';

/** The facilitator creates a session (default "Zo thuis mogelijk!", 2 groups); returns its id. */
export async function createSession(page: Page, url: string, options: { title?: string; groups?: number } = {}): Promise<string> {
  const title = options.title ?? TITLE;
  await page.goto(url);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Aantal subgroepen').fill(String(options.groups ?? 2));
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
}

/** The facilitator creates a session with two groups and puts it live; returns its id and code. */
export async function startLiveSession(page: Page, url: string, title: string): Promise<{ sessionId: string; code: string }> {
  const sessionId = await createSession(page, url, { title });
  await page.getByRole('button', { name: 'Sessie live zetten' }).click();
  const code = normaliseJoinCode(await page.locator('.join-code').innerText())!;
  await page.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
  return { sessionId, code };
}

/** Opens the QR code's link (host address + code): the join screen looks the session up by itself. */
export async function openJoinLink(page: Page, url: string, code: string): Promise<void> {
  await page.goto(`${url}/#/deelnemen/${code}`);
  await page.getByRole('group', { name: 'In welke subgroep zit je?' }).waitFor();
}

/** Joins `group` through the QR link with a name (and domain), and waits for the board and `expectStatus`. */
export async function join(
  page: Page,
  url: string,
  code: string,
  group: string,
  name: string,
  domain?: string,
  expectStatus = '● Live',
): Promise<void> {
  await openJoinLink(page, url, code);
  await page.getByRole('radio', { name: new RegExp(`^${group}\\b`) }).check();
  await page.getByLabel(/Je naam/).fill(name);
  if (domain) await page.getByLabel(/Je domein/).selectOption({ label: domain });
  await page.getByRole('button', { name: 'Naar ons huis' }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  await status(page, expectStatus);
}

/** Waits until the live badge (or status line) says `text`. */
export async function status(page: Page, text: string): Promise<void> {
  await page.locator('.live-status', { hasText: text }).waitFor({ timeout: 30_000 });
}

/**
 * Adds a note with key 1, 2 or 3 (foundation, walls, roof), types `text` and closes it. `insert`:
 * the text arrives as one input (pasted, or an input method's commit) instead of key by key.
 */
export async function addNote(page: Page, key: '1' | '2' | '3', text: string, typing: 'keys' | 'insert' = 'keys'): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: EDITOR });
  if (typing === 'keys') {
    await editor.pressSequentially(text);
  } else {
    await editor.waitFor();
    await page.keyboard.insertText(text);
  }
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

export async function saveStatus(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.locator('.save-state', { hasText: text }).waitFor({ timeout });
}

/** Selects the note in the notes panel and gives the board the keyboard. */
export async function selectNote(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.notes-panel').getByRole('button', { name: text }).click();
  await page.getByRole('application').focus();
}

/** The board as this laptop holds it in IndexedDB (see localDoc). */
export async function localNotes(page: Page, docName: string): Promise<Note[]> {
  return readNotes(await localDoc(page, docName));
}

/**
 * A doc as this laptop holds it: read from its own IndexedDB copy (what survives a reload), never
 * from the host. Only reads a database that exists, so it never creates one.
 */
export async function localDoc(page: Page, docName: string): Promise<Y.Doc> {
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
  return doc;
}

/** The names of the IndexedDB databases this browser holds that start with `prefix`. */
export async function storedDocNames(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(async (p) => (await indexedDB.databases()).flatMap((d) => (d.name?.startsWith(p) ? [d.name] : [])).sort(), prefix);
}
