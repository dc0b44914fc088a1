import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { readStoredDoc } from '../../electron/host/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { addNote as addNoteTo, deleteNote, readNotes, setNoteText } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import type { Point } from '../../shared/template/template';
import { fitRect, worldToScreen } from '../../renderer/board/viewport';
import { seriousProblems } from './support/axe';
import { People } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { EDITOR, addNote, join, localDoc, noteTexts, seesNote, selectNote, startLiveSession, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * A participant writes only on the board of the table she sits at. Amira and Bram build Groep 1's
 * house, each on their own laptop (separate Chromium processes), with the real host; Amira moves to
 * Groep 2, opens Groep 1's board again from its address and can read it, not write it; and what
 * her laptop added to Groep 1's board while she sat elsewhere (as an app before this rule let her)
 * never reaches Groep 1 when she comes back.
 */

const TITLE = 'Aan welke tafel zit je?';
const AWAY_REASON = 'Je zit nu aan de tafel van Groep 2. Dit huis is van Groep 1: je kunt het bekijken zoals het op deze laptop staat, maar niet veranderen.';
const REMOVED_HERE = 'De begeleider heeft deze subgroep verwijderd: je kunt het huis bekijken zoals het op deze laptop staat, maar niet meer veranderen. Kies een andere subgroep om weer mee te schrijven.';
const REMOVED = 'De begeleider heeft jouw subgroep verwijderd: je kunt dit huis bekijken, maar niet veranderen. Kies een andere subgroep om weer mee te schrijven.';

/** The board's title (the group's name) as it stands, and whether any of it is cut off. */
const boardTitle = (page: Page) =>
  page.locator('.toolbar-title h1').evaluate((h) => ({ text: h.textContent, cut: h.scrollWidth > h.clientWidth + 1 || h.scrollHeight > h.clientHeight + 1 }));

/** Adds a Yjs update to a doc's IndexedDB copy, as the app stores its changes. */
function storeUpdate(page: Page, name: string, update: Uint8Array): Promise<void> {
  return page.evaluate(
    ([name, bytes]) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(bytes));
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    [name, Array.from(update)] as const,
  );
}

/** This device's own notes about a doc (its `custom` store): key → value, Uint8Arrays as byte lists. */
function localNotesAbout(page: Page, name: string): Promise<Record<string, unknown>> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('custom', 'readonly');
          const keys = tx.objectStore('custom').getAllKeys();
          const values = tx.objectStore('custom').getAll();
          tx.oncomplete = () => {
            db.close();
            const out: Record<string, unknown> = {};
            (keys.result as string[]).forEach((key, i) => {
              const value = values.result[i] as unknown;
              out[key] = value instanceof Uint8Array ? Array.from(value) : value;
            });
            resolve(out);
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    name,
  );
}

/** A point of the house (board units) on the fitted board, in page pixels. */
async function onScreen(page: Page, world: Point): Promise<Point> {
  const box = (await page.locator('.house-board').boundingBox())!;
  const p = worldToScreen(fitRect(HOUSE_TEMPLATE.bounds, box.width, box.height), world);
  return { x: box.x + p.x, y: box.y + p.y };
}

const sorted = async (page: Page) => (await noteTexts(page)).sort();

describe('a participant writes only on the board of the table she sits at', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const people = new People();
  const { errors } = people;
  let facilitator: Page;
  let amira: Page;
  let bram: Page;
  let sessionId: string;
  let code: string;
  let groups: Group[];

  const groupId = (name: string) => groups.find((g) => g.name === name)!.id;
  const boardOf = (name: string) => boardDocName(sessionId, groupId(name));
  const hostNotes = async (name: string) => {
    const doc = await readStoredDoc(dataDir, sessionId, boardOf(name));
    return doc ? readNotes(doc).map((n) => n.text).sort() : [];
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-seat-'));
    live = await startLiveHost(dataDir);
    const launch = () => people.launch();
    facilitator = await launch();
    amira = await launch();
    bram = await launch();
  });

  afterAll(async () => {
    await people.closeAll();
    await live?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('Amira and Bram write at table 1; Amira moves to table 2', async () => {
    ({ sessionId, code } = await startLiveSession(facilitator, live.url, TITLE));
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await join(bram, live.url, code, 'Groep 1', 'Bram', 'School');
    groups = readGroups((await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId)))!);

    await addNote(amira, '1', 'Kennis van het gezin');
    await seesNote(bram, 'Kennis van het gezin');
    await addNote(bram, '2', 'Vaste contactpersoon');
    await seesNote(amira, 'Vaste contactpersoon');

    await join(amira, live.url, code, 'Groep 2', 'Amira', 'Lokaal team');
    expect(await noteTexts(amira)).toEqual([]);
  });

  it("on table 1's board she reads its notes and cannot write: every try says why", async () => {
    // Bram writes on after she left; her laptop no longer follows table 1.
    await addNote(bram, '3', 'Samen met school');
    const board = boardOf('Groep 1');
    const before = Y.encodeStateAsUpdate(await localDoc(amira, board));

    // Its address from the browser's history.
    await amira.goto(`${live.url}/#/sessie/${sessionId}/groep/${groupId('Groep 1')}`);
    await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
    const notice = amira.locator('.seat-notice');
    await notice.getByText(AWAY_REASON).waitFor();
    await expect.poll(() => sorted(amira)).toEqual(['Kennis van het gezin', 'Vaste contactpersoon']);
    expect(await notice.getByRole('link', { name: 'Naar het huis van Groep 2' }).getAttribute('href')).toBe(`#/sessie/${sessionId}/groep/${groupId('Groep 2')}`);
    // Her laptop does not sync this board: no "Live" over it, and the help says what can be done.
    expect(await amira.locator('.live-status').count()).toBe(0);
    expect(await amira.locator('.board-help .help-pointer').innerText()).toBe('Tab: volgende notitie · scrollwiel: zoomen · slepen: verschuiven · 0: hele huis · Esc: naar de knoppen · P: presenteren');
    await saveScreenshot(amira, 'seat-other-table-board');
    expect(await seriousProblems(amira)).toEqual([]);

    // Keys: 1 2 3 add nothing; Enter opens no editor; Delete, the arrows and Ctrl+Z change nothing.
    await selectNote(amira, 'Kennis van het gezin');
    for (const key of ['1', '2', '3', 'Enter', 'x', 'Delete', 'Shift+ArrowUp', 'Control+z']) await amira.keyboard.press(key);
    // Each try says it again, as an alert.
    await amira.getByRole('alert').filter({ hasText: AWAY_REASON }).waitFor();
    expect(await amira.locator('.add-note', { hasText: 'Fundament' }).isDisabled()).toBe(true);
    // The mouse: a double-click in the walls, a drag of her note to the roof.
    await amira.getByRole('button', { name: 'Hele huis' }).click();
    const walls = await onScreen(amira, { x: 500, y: 1000 });
    await amira.mouse.dblclick(walls.x, walls.y);
    const note = readNotes(await localDoc(amira, board)).find((n) => n.text === 'Kennis van het gezin')!;
    const from = await onScreen(amira, { x: note.x + 120, y: note.y + 84 });
    const to = await onScreen(amira, { x: 1000, y: 300 });
    await amira.mouse.move(from.x, from.y);
    await amira.mouse.down();
    await amira.mouse.move(from.x + 10, from.y - 10, { steps: 2 });
    await amira.mouse.move(to.x, to.y, { steps: 12 });
    await amira.mouse.up();
    await amira.mouse.dblclick(from.x, from.y);
    expect(await amira.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    await expect.poll(() => sorted(amira)).toEqual(['Kennis van het gezin', 'Vaste contactpersoon']);
    await saveScreenshot(amira, 'seat-other-table-refused');

    // Nothing of it reached her laptop's copy (and so nothing could ever reach table 1).
    await amira.waitForTimeout(500);
    const after = await localDoc(amira, board);
    expect(Y.equalSnapshots(Y.snapshot(after), Y.snapshot(docFrom(before)))).toBe(true);

    // Her own table's board is hers to write, as ever.
    await notice.getByRole('link', { name: 'Naar het huis van Groep 2' }).click();
    await amira.getByRole('heading', { name: 'Groep 2' }).waitFor();
    await status(amira, '● Live');
    expect(await amira.locator('.seat-notice').count()).toBe(0);
    await addNote(amira, '1', 'Jeugdwerk in de wijk');
    await expect.poll(() => hostNotes('Groep 2'), { timeout: 15_000 }).toEqual(['Jeugdwerk in de wijk']);
  });

  it('what her laptop added to table 1 while she sat elsewhere never reaches table 1 when she comes back', async () => {
    // As an app before this rule left it: on her laptop's copy of table 1's board, a note she added
    // there, her note changed and Bram's note deleted, while she sat at table 2.
    const board = boardOf('Groep 1');
    const copy = await localDoc(amira, board);
    const changes: Uint8Array[] = [];
    copy.on('update', (u: Uint8Array) => changes.push(u));
    const byText = (text: string) => readNotes(copy).find((n) => n.text === text)!.id;
    addNoteTo(copy, HOUSE_TEMPLATE, { x: 1200, y: 1000, text: 'Aan de verkeerde tafel geschreven' });
    setNoteText(copy, byText('Kennis van het gezin'), 'Kennis van het gezin, aangevuld aan tafel 2');
    deleteNote(copy, byText('Vaste contactpersoon'));
    await storeUpdate(amira, board, Y.mergeUpdates(changes));
    await amira.reload();
    await amira.getByRole('heading', { name: 'Groep 2' }).waitFor();

    // Her laptop shows table 1's board as it holds it, read-only.
    await amira.goto(`${live.url}/#/sessie/${sessionId}/groep/${groupId('Groep 1')}`);
    await amira.locator('.seat-notice').getByText(AWAY_REASON).waitFor();
    await expect.poll(() => sorted(amira)).toEqual(['Aan de verkeerde tafel geschreven', 'Kennis van het gezin, aangevuld aan tafel 2']);

    // She sits at table 1 again.
    const board1 = ['Kennis van het gezin', 'Samen met school', 'Vaste contactpersoon'];
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    expect(await amira.locator('.seat-notice').count()).toBe(0);
    await expect.poll(() => sorted(amira), { timeout: 20_000 }).toEqual(board1);
    // Give what she holds every chance to travel (relay and WebRTC), then look everywhere.
    await addNote(amira, '2', 'Terug aan tafel 1');
    await seesNote(bram, 'Terug aan tafel 1');
    await bram.waitForTimeout(2000);
    const withNew = [...board1, 'Terug aan tafel 1'].sort();
    expect(await sorted(bram)).toEqual(withNew);
    expect(await sorted(amira)).toEqual(withNew);
    await expect.poll(() => hostNotes('Groep 1'), { timeout: 15_000 }).toEqual(withNew);
    expect(readNotes(await localDoc(amira, board)).map((n) => n.text).sort()).toEqual(withNew);

    // Her words from table 2 are not destroyed: kept aside on her laptop, never synced.
    const kept = await localNotesAbout(amira, board);
    const asides = Object.keys(kept).filter((k) => k.startsWith('seat:aside:'));
    expect(asides).toHaveLength(1);
    const aside = docFrom(new Uint8Array(kept[asides[0]!] as number[]));
    expect(readNotes(aside).map((n) => n.text)).toContain('Aan de verkeerde tafel geschreven');
    expect(kept['seat:left']).toBeUndefined();
    // And table 2's board, which she left, is noted as she left it.
    expect(Object.keys(await localNotesAbout(amira, boardOf('Groep 2')))).toContain('seat:left');
  });

  it("a tab still open on table 1's board follows her to table 2 at once: it reads, and writes nothing there", async () => {
    // Amira sits at table 1 again; a second tab of her browser shows table 1's board, live.
    const board1 = ['Kennis van het gezin', 'Samen met school', 'Terug aan tafel 1', 'Vaste contactpersoon'];
    const tab = people.watch(await amira.context().newPage());
    await tab.goto(`${live.url}/#/sessie/${sessionId}/groep/${groupId('Groep 1')}`);
    await tab.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await status(tab, '● Live');
    await expect.poll(() => sorted(tab)).toEqual(board1);

    // In her first tab she takes a seat at table 2; the second tab is not reloaded.
    await join(amira, live.url, code, 'Groep 2', 'Amira', 'Lokaal team');
    await tab.locator('.seat-notice').getByText(AWAY_REASON).waitFor({ timeout: 10_000 });
    expect(await tab.locator('.live-status').count()).toBe(0);

    // Delete on Bram's note, a new note, the editor: each refused, with the reason.
    await selectNote(tab, 'Samen met school');
    for (const key of ['Delete', '1', 'Enter']) await tab.keyboard.press(key);
    await tab.getByRole('alert').filter({ hasText: AWAY_REASON }).waitFor();
    expect(await tab.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    await bram.waitForTimeout(2000);
    expect(await sorted(bram)).toEqual(board1);
    expect(await hostNotes('Groep 1')).toEqual(board1);

    // Back at table 1 in her first tab: the second tab writes there again.
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await expect.poll(() => tab.locator('.seat-notice').count(), { timeout: 10_000 }).toBe(0);
    await status(tab, '● Live');
    await tab.close();
    expect(await sorted(bram)).toEqual(board1);
  });

  it('a participant whose table was removed reads every board and writes none, is told the facilitator removed it, and chooses another', async () => {
    // Bram is on table 1's board; the facilitator removes table 1 (asked first: its notes go).
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await facilitator.getByRole('link', { name: 'Sessie bewerken' }).click();
    await facilitator.getByRole('button', { name: 'Groep 1 verwijderen' }).click();
    await facilitator.getByRole('dialog', { name: 'Subgroep verwijderen?' }).getByRole('button', { name: 'Ja, verwijderen' }).click();
    await facilitator.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await facilitator.getByRole('heading', { name: TITLE }).waitFor();

    const notice = bram.locator('.seat-notice');
    await notice.getByText(REMOVED_HERE).waitFor({ timeout: 15_000 });
    // The board says what it is now, whole: not "Onbekende gro…".
    expect(await boardTitle(bram)).toEqual({ text: 'Verwijderde subgroep', cut: false });
    await bram.getByRole('application').focus();
    await bram.keyboard.press('1');
    await bram.getByRole('alert').filter({ hasText: REMOVED_HERE }).waitFor();
    expect(await bram.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    expect(await notice.getByRole('link', { name: 'Kies je subgroep' }).getAttribute('href')).toBe(`#/deelnemen/${encodeURIComponent(code)}`);
    await saveScreenshot(bram, 'seat-table-removed-board');

    // Amira, also without a table now, on the board of the table that is left: read-only too.
    await amira.goto(`${live.url}/#/sessie/${sessionId}/groep/${groupId('Groep 2')}`);
    await amira.locator('.seat-notice').getByText(REMOVED).waitFor();
    expect(await boardTitle(amira)).toEqual({ text: 'Groep 2', cut: false });
    await expect.poll(() => sorted(amira)).toEqual(['Jeugdwerk in de wijk']);
    await amira.getByRole('application').focus();
    await amira.keyboard.press('2');
    await amira.getByRole('alert').filter({ hasText: REMOVED }).waitFor();
    expect(await amira.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
    await saveScreenshot(amira, 'seat-no-table-board');

    // Bram's session page: no empty list of groups, but what happened and the way to another table.
    await bram.goto(`${live.url}/#/sessie/${sessionId}`);
    const removed = bram.locator('.seat-removed');
    await removed.waitFor();
    expect(await removed.innerText()).toContain('De begeleider heeft jouw subgroep verwijderd: je zit nu niet aan een tafel van deze sessie. Kies een subgroep om weer mee te doen.');
    expect(await bram.locator('.group-card').count()).toBe(0);
    await saveScreenshot(bram, 'seat-table-removed-session');
    await removed.getByRole('link', { name: 'Kies je subgroep' }).click();
    await bram.getByRole('radio', { name: /^Groep 2\b/ }).check();
    await bram.getByLabel(/Je naam/).fill('Bram');
    await bram.getByRole('button', { name: 'Naar ons huis' }).click();
    await bram.getByRole('heading', { name: 'Groep 2' }).waitFor();
    await status(bram, '● Live');
    expect(await bram.locator('.seat-notice').count()).toBe(0);
    await addNote(bram, '3', 'Bram schuift aan bij Groep 2');
    await expect.poll(() => hostNotes('Groep 2'), { timeout: 15_000 }).toContain('Bram schuift aan bij Groep 2');
    expect(errors).toEqual([]);
  });
});

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
