import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { LOG_MAGIC, docFilePath, encodeRecord } from '../../electron/host/docStore';
import { newId } from '../../shared/ids';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { DOC_VERSIONS, docVersionMap, readDocVersion } from '../../shared/schema/docVersion';
import { readGroups } from '../../shared/schema/group';
import { addNote as addNoteTo } from '../../shared/schema/note';
import { initSessionDoc } from '../../shared/schema/sessionDraft';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import type { Point } from '../../shared/template/template';
import { fitRect, worldToScreen } from '../../renderer/board/viewport';
import { v1Databases, v1Expected, type V1Database } from '../unit/support/v1Fixtures';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { rendererAndBrowser } from './support/host';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { join, noteTexts, startLiveSession, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Docs of other versions in the real built renderer (Chromium, real IndexedDB): the session and
 * boards a facilitator stored before docs had a version open with every note in place; a session
 * written by a newer Bouwplaats can be looked at and not changed, and says so; a host whose app is
 * older than a board's version does not relay it, and the participant is told why.
 */

const NEWER_MESSAGE = 'Deze sessie is gemaakt met een nieuwere versie van Bouwplaats. Je kunt haar bekijken, maar niet veranderen. Werk Bouwplaats bij om mee te schrijven.';

/** Writes databases into the page's IndexedDB in y-indexeddb's layout, keys and all. */
async function storeDatabases(page: Page, databases: readonly V1Database[]): Promise<void> {
  await page.evaluate(
    (dbs) =>
      Promise.all(
        dbs.map(
          (db) =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.open(db.name);
              request.onupgradeneeded = () => {
                request.result.createObjectStore('updates', { autoIncrement: true });
                request.result.createObjectStore('custom');
              };
              request.onsuccess = () => {
                const idb = request.result;
                const tx = idb.transaction(['updates', 'custom'], 'readwrite');
                for (const { key, base64 } of db.updates) {
                  tx.objectStore('updates').add(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), key);
                }
                for (const { key, value } of db.custom) tx.objectStore('custom').put(value, key);
                tx.oncomplete = () => {
                  idb.close();
                  resolve();
                };
                tx.onabort = () => reject(tx.error);
              };
              request.onerror = () => reject(request.error);
            }),
        ),
      ).then(() => undefined),
    databases,
  );
}

/** Every update stored for a doc, in key order (base64), as the page's IndexedDB holds them. */
function storedUpdates(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          const idb = request.result;
          const tx = idb.transaction('updates', 'readonly');
          const all = tx.objectStore('updates').getAll();
          tx.oncomplete = () => {
            idb.close();
            resolve((all.result as Uint8Array[]).map((u) => btoa(Array.from(u, (b) => String.fromCharCode(b)).join(''))));
          };
          tx.onabort = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
    name,
  );
}

function docOf(updates: readonly string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Buffer.from(update, 'base64'));
  return doc;
}

/** A database holding one update: the whole doc. */
function asDatabase(name: string, doc: Y.Doc): V1Database {
  return { name, updates: [{ key: 1, base64: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') }], custom: [] };
}

/** Stamps a version this app does not know, as a newer Bouwplaats would. */
function fromTheFuture(doc: Y.Doc, kind: 'session' | 'board'): Y.Doc {
  docVersionMap(doc).set('kind', kind);
  docVersionMap(doc).set(String(DOC_VERSIONS[kind].current + 1), true);
  return doc;
}

describe('docs stored before versions existed (v1 fixtures)', () => {
  const env = rendererAndBrowser();

  it('open from IndexedDB with every note in place, and are stamped version 1 there', async () => {
    const expected = await v1Expected();
    const page = await env.chromium.page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(env.host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await storeDatabases(page, await v1Databases());
    // The library finds the session by its database, as on the first start after an update.
    await page.reload();
    await page.getByText(expected.title).click();
    await page.getByRole('heading', { name: expected.title }).waitFor();
    expect(await page.getByRole('link', { name: 'Sessie bewerken' }).isVisible()).toBe(true);
    for (const group of expected.groups) {
      await page.locator('.group-card', { hasText: group.name }).click();
      await page.getByRole('heading', { name: group.name }).waitFor();
      await expect.poll(() => noteTexts(page).then((t) => t.sort())).toEqual(group.notes.map((n) => n.text).sort());
      for (const note of group.notes) {
        await expect.poll(() => page.locator(`.notes-panel section[data-zone="${note.zone}"]`).getByRole('button', { name: note.text }).count()).toBe(1);
      }
      expect(await page.locator('.read-only').count()).toBe(0);
      await page.getByRole('link', { name: 'Terug naar de sessie' }).click();
      await page.getByRole('heading', { name: expected.title }).waitFor();
    }
    await saveScreenshot(page, 'doc-versions-v1-session');
    for (const name of [sessionDocName(expected.sessionId), ...expected.groups.map((g) => boardDocName(expected.sessionId, g.id))]) {
      await expect.poll(async () => readDocVersion(docOf(await storedUpdates(page, name))).stamped, { message: name }).toBe(true);
      expect(readDocVersion(docOf(await storedUpdates(page, name))).version).toBe(1);
    }
    expect(errors).toEqual([]);
  });
});

describe('a session written by a newer Bouwplaats', () => {
  const env = rendererAndBrowser();

  /** Where a world point of the house is on the page, with the board fitted ("Hele huis"). */
  async function onScreen(page: Page, world: Point): Promise<Point> {
    const box = (await page.locator('.house-board').boundingBox())!;
    const view = fitRect(HOUSE_TEMPLATE.bounds, box.width, box.height);
    const p = worldToScreen(view, world);
    return { x: box.x + p.x, y: box.y + p.y };
  }

  it('opens read-only with the message: no gesture, key, toolbar button or editor writes anything', async () => {
    const sessionId = newId();
    const session = new Y.Doc();
    initSessionDoc(session, HOUSE_TEMPLATE, { title: 'Uit een nieuwere Bouwplaats', date: '2027-03-01', place: '', organiser: '', intro: '', groups: ['Groep 1'], questions: {} });
    const groupId = readGroups(session)[0]!.id;
    const board = new Y.Doc();
    addNoteTo(board, HOUSE_TEMPLATE, { x: 880, y: 1600, text: 'Blijft waar hij is' });
    const names = { session: sessionDocName(sessionId), board: boardDocName(sessionId, groupId) };

    const page = await env.chromium.page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(env.host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await storeDatabases(page, [asDatabase(names.session, fromTheFuture(session, 'session')), asDatabase(names.board, fromTheFuture(board, 'board'))]);
    const before = { session: await storedUpdates(page, names.session), board: await storedUpdates(page, names.board) };
    await page.reload();

    // The session page: what it holds, the reason, and no way into the editor.
    await page.getByText('Uit een nieuwere Bouwplaats').click();
    await page.getByRole('heading', { name: 'Uit een nieuwere Bouwplaats' }).waitFor();
    await page.getByText(NEWER_MESSAGE).waitFor();
    const edit = page.getByRole('button', { name: 'Sessie bewerken' });
    expect(await edit.isDisabled()).toBe(true);
    expect(await edit.getAttribute('aria-describedby')).toBe('session-read-only');
    expect(await page.locator('#session-read-only').innerText()).toContain(NEWER_MESSAGE);
    await saveScreenshot(page, 'doc-versions-newer-session');
    // Typed as an address, the editor says the same instead of a form.
    await page.goto(`${env.host.url}/#/sessie/${sessionId}/bewerken`);
    await page.getByText(NEWER_MESSAGE).waitFor();
    expect(await page.getByLabel('Titel *').count()).toBe(0);

    // The board: shown whole, with the reason above it.
    await page.goto(`${env.host.url}/#/sessie/${sessionId}/groep/${groupId}`);
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await page.getByText(NEWER_MESSAGE).waitFor();
    await expect.poll(() => noteTexts(page)).toEqual(['Blijft waar hij is']);
    await page.getByRole('button', { name: 'Hele huis' }).click();

    // Keys: 1 2 3 add nothing; Enter opens no editor, Delete and the arrows change nothing.
    await page.locator('.notes-panel').getByRole('button', { name: 'Blijft waar hij is' }).click();
    await page.getByRole('application').focus();
    for (const key of ['1', '2', '3', 'Enter', 'Delete', 'Shift+ArrowUp', 'Control+z']) await page.keyboard.press(key);
    // Each try says it again, as an alert.
    await page.getByRole('alert').filter({ hasText: NEWER_MESSAGE }).waitFor();
    // The toolbar: its editing buttons are disabled (the banner says why); a colour only picks the
    // colour of a next note, which cannot be made.
    expect(await page.locator('.add-note', { hasText: 'Dak' }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'Blauw' }).click();
    // The mouse: a double-click in the walls, a drag of the note.
    const walls = await onScreen(page, { x: 500, y: 1000 });
    await page.mouse.dblclick(walls.x, walls.y);
    const from = await onScreen(page, { x: 1000, y: 1684 });
    const to = await onScreen(page, { x: 1000, y: 300 });
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y - 10, { steps: 2 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await page.mouse.dblclick(from.x, from.y);

    expect(await page.getByRole('textbox', { name: 'Tekst van de notitie' }).count()).toBe(0);
    await expect.poll(() => noteTexts(page)).toEqual(['Blijft waar hij is']);
    await expect.poll(() => page.locator('.notes-panel section[data-zone="foundation"]').getByRole('button', { name: 'Blijft waar hij is' }).count()).toBe(1);
    await saveScreenshot(page, 'doc-versions-newer-board');

    // Nothing of it reached IndexedDB: both docs hold exactly what the newer app stored.
    await page.reload();
    await page.getByText(NEWER_MESSAGE).waitFor();
    expect(await storedUpdates(page, names.session)).toEqual(before.session);
    expect(await storedUpdates(page, names.board)).toEqual(before.board);
    expect(errors).toEqual([]);
  });
});

describe("a host whose app is older than a board's version", () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-versions-'));
    live = await startLiveHost(dataDir);
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('does not relay it, and the participant on that board is told why, in Dutch', async () => {
    const facilitatorBrowser = await launchChromium();
    browsers.push(facilitatorBrowser);
    const facilitator = await facilitatorBrowser.page();
    const { sessionId, code } = await startLiveSession(facilitator, live.url, 'Nieuwer dan de host');
    const groupId = await facilitator.evaluate(() => document.querySelector<HTMLAnchorElement>('.group-card')!.hash.split('/').pop()!);

    // A board on the host's disk written by a newer Bouwplaats (as a newer laptop would have left it).
    const running = live.controller.current()!;
    await live.controller.stop();
    const board = new Y.Doc();
    addNoteTo(board, HOUSE_TEMPLATE, { x: 880, y: 1600, text: 'Van een nieuwere laptop' });
    await writeFile(docFilePath(dataDir, sessionId, boardDocName(sessionId, groupId)), Buffer.concat([LOG_MAGIC, encodeRecord(Y.encodeStateAsUpdate(fromTheFuture(board, 'board')))]));
    await live.controller.start({ sessionId, title: running.info.title, code });

    const amiraBrowser = await launchChromium();
    browsers.push(amiraBrowser);
    const amira = await amiraBrowser.page();
    await join(amira, live.url, code, 'Groep 1', 'Amira', undefined, 'Host te oud voor dit bord');
    await status(amira, 'Host te oud voor dit bord — je werk is bewaard');
    await amira.getByRole('alert').filter({ hasText: 'De begeleider heeft een oudere versie van Bouwplaats.' }).waitFor();
    expect(await noteTexts(amira)).toEqual([]);
    await saveScreenshot(amira, 'doc-versions-host-too-old');
    expect(live.controller.current()!.stats().relay.docsTooNew).toBe(1);
  });
});
