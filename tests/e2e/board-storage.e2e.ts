import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import * as Y from 'yjs';
import { newId } from '../../shared/ids';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { NOTE_TEXT_MAX, addNote as addNoteTo, setNoteText } from '../../shared/schema/note';
import { initSessionDoc } from '../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { rendererAndBrowser } from './support/host';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { addNote, join, status, localNotes, saveStatus, seesNote, startLiveSession } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Where a board lives on a laptop: IndexedDB, through renderer/docs/docStorage.ts.
 *
 * The browser's storage fails under a live board (issue 6, item 17): site data cleared or evicted,
 * a full disk, Safari dropping a backgrounded page's storage. Chromium does both for real through
 * the DevTools protocol: Storage.clearDataForOrigin closes every IndexedDB connection of the page
 * and deletes the databases; with Storage.overrideQuotaForOrigin at one byte beforehand, every
 * database made again afterwards refuses each write with QuotaExceededError, as a full disk does
 * (Chromium checks the quota of a database that already holds data only now and then).
 */

describe('a live board whose storage fails, laptops in separate browser processes', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let amira: Page;
  let bram: Page;
  let devtools: CDPSession;
  let board: string;
  const errors: string[] = [];

  const origin = () => new URL(live.url).origin;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-storage-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      return (await b.page());
    };
    const facilitator = await launch();
    amira = await launch();
    bram = await launch();
    for (const [page, who] of [[amira, 'Amira'], [bram, 'Bram']] as const) page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
    const { sessionId, code } = await startLiveSession(facilitator, live.url, 'Themabijeenkomst Zo thuis mogelijk!');
    await join(amira, live.url, code, 'Groep 1', 'Amira');
    await join(bram, live.url, code, 'Groep 1', 'Bram');
    board = boardDocName(sessionId, decodeURIComponent(new URL(amira.url()).hash.split('/')[4]!));
    devtools = await amira.context().newCDPSession(amira);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps syncing, drawing and saving after the site data is cleared under it', async () => {
    await addNote(amira, '2', 'Werk systemisch');
    await seesNote(bram, 'Werk systemisch');
    await saveStatus(amira, 'Alles bewaard');

    await devtools.send('Storage.clearDataForOrigin', { origin: origin(), storageTypes: 'indexeddb' });
    await addNote(amira, '3', 'Na het wissen: vertrouwen');
    await seesNote(amira, 'Na het wissen: vertrouwen');
    await seesNote(bram, 'Na het wissen: vertrouwen');
    await addNote(bram, '1', 'Bram schrijft terug');
    await seesNote(amira, 'Bram schrijft terug');
    await status(amira, '● Live');

    // Storage was opened again and the whole board written to it, not only what came after.
    await saveStatus(amira, 'Alles bewaard');
    await expect
      .poll(async () => (await localNotes(amira, board)).map((n) => n.text).sort(), { timeout: 20_000 })
      .toEqual(['Bram schrijft terug', 'Na het wissen: vertrouwen', 'Werk systemisch']);
    expect(errors).toEqual([]);
  });

  it('after a reload, rejoins the session by itself and shows the whole board (what was put back)', async () => {
    await amira.reload();
    await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await status(amira, '● Live');
    for (const text of ['Werk systemisch', 'Na het wissen: vertrouwen', 'Bram schrijft terug']) await seesNote(amira, text);
    devtools = await amira.context().newCDPSession(amira);
  });

  it('says "Niet bewaard" and what to do while writes fail, keeps syncing, and catches up when storage is back', async () => {
    await devtools.send('Storage.overrideQuotaForOrigin', { origin: origin(), quotaSize: 1 });
    await devtools.send('Storage.clearDataForOrigin', { origin: origin(), storageTypes: 'indexeddb' });
    await addNote(amira, '1', 'Schijf vol, toch gedeeld');
    await saveStatus(amira, 'Niet bewaard');
    await amira.getByRole('alert').filter({ hasText: 'Je werk wordt nu niet bewaard op deze computer' }).waitFor();
    await saveScreenshot(amira, 'storage-not-saved');
    await seesNote(bram, 'Schijf vol, toch gedeeld');
    await addNote(bram, '2', 'Bram ziet het');
    await seesNote(amira, 'Bram ziet het');
    expect((await localNotes(amira, board)).map((n) => n.text)).not.toContain('Schijf vol, toch gedeeld');

    await devtools.send('Storage.overrideQuotaForOrigin', { origin: origin() });
    await saveStatus(amira, 'Alles bewaard');
    expect(await amira.getByRole('alert').filter({ hasText: 'niet bewaard' }).count()).toBe(0);
    await expect
      .poll(async () => (await localNotes(amira, board)).map((n) => n.text))
      .toEqual(expect.arrayContaining(['Schijf vol, toch gedeeld', 'Bram ziet het', 'Werk systemisch']));
    expect(errors).toEqual([]);
  });
});

describe('a board stored by the earlier version', () => {
  const env = rendererAndBrowser();

  it("opens as it was: a session and board in y-indexeddb's layout (stores 'updates' and 'custom', one stored update per change)", async () => {
    const page = await env.chromium.page();
    await page.goto(env.host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    // Written as y-indexeddb wrote them: one stored update per change.
    const sessionId = newId();
    const session = recording(new Y.Doc());
    initSessionDoc(session.doc, HOUSE_TEMPLATE, { title: 'Zo thuis mogelijk!', date: '2023-09-14', place: '', organiser: '', intro: '', groups: ['Groep 1'], questions: {} });
    const groupId = readGroups(session.doc)[0]!.id;
    const board = recording(new Y.Doc());
    const id = addNoteTo(board.doc, HOUSE_TEMPLATE, { x: 900, y: 1000, text: 'Geschreven met y-indexeddb' });
    setNoteText(board.doc, id, 'Geschreven met y-indexeddb, nog steeds hier');
    for (const [name, updates] of [
      [sessionDocName(sessionId), session.updates],
      [boardDocName(sessionId, groupId), board.updates],
    ] as const) {
      await page.evaluate(
        ({ name, updates }) =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onupgradeneeded = () => {
              request.result.createObjectStore('updates', { autoIncrement: true });
              request.result.createObjectStore('custom');
            };
            request.onsuccess = () => {
              const db = request.result;
              const tx = db.transaction('updates', 'readwrite');
              for (const u of updates) tx.objectStore('updates').add(new Uint8Array(u));
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onabort = () => reject(tx.error);
            };
          }),
        { name, updates },
      );
    }
    // The library finds a session by its database, as after an upgrade.
    await page.reload();
    await page.getByText('Zo thuis mogelijk!').click();
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await seesNote(page, 'Geschreven met y-indexeddb, nog steeds hier');
    await addNote(page, '3', 'En dit erbij');
    await saveStatus(page, 'Alles bewaard');
    await page.reload();
    await seesNote(page, 'Geschreven met y-indexeddb, nog steeds hier');
    await seesNote(page, 'En dit erbij');
  });
});

describe('a board with a long history', () => {
  const env = rendererAndBrowser();

  it('is compacted into one stored update after 500 changes, and nothing is lost', async () => {
    const page = await env.chromium.page();
    await page.goto(env.host.url);
    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByLabel('Titel *').fill('Een lange middag');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.locator('.group-card').first().click();
    // #/sessie/<session id>/groep/<group id>
    const [, , sessionId, , groupId] = decodeURIComponent(new URL(page.url()).hash).split('/');
    const name = boardDocName(sessionId!, groupId!);
    await page.getByRole('application').focus();
    await page.keyboard.press('2');
    await page.getByRole('textbox', { name: 'Tekst van de notitie' }).waitFor();
    // One change per character: 500 stored updates.
    const words = 'Ervaringsdeskundigheid aan tafel, elke keer. '.repeat(12).slice(0, NOTE_TEXT_MAX);
    for (const ch of words) await page.keyboard.insertText(ch);
    await page.keyboard.press('Escape');
    await saveStatus(page, 'Alles bewaard');
    const stored = () =>
      page.evaluate(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => {
              const tx = request.result.transaction('updates', 'readonly');
              const count = tx.objectStore('updates').count();
              tx.oncomplete = () => {
                request.result.close();
                resolve(count.result);
              };
              tx.onabort = () => reject(tx.error);
            };
          }),
        name,
      );
    await expect.poll(stored, { timeout: 10_000 }).toBeLessThan(5);
    await page.reload();
    await expect.poll(() => page.locator('.notes-panel .panel-note .clamp').allInnerTexts()).toEqual([words.trim()]);
  });
});

/** A doc that keeps each of its updates, as y-indexeddb stored them. */
function recording(doc: Y.Doc): { doc: Y.Doc; updates: number[][] } {
  const updates: number[][] = [];
  doc.on('update', (u: Uint8Array) => updates.push(Array.from(u)));
  return { doc, updates };
}
