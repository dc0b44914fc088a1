import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CODE_BOOK_FILE } from '../../electron/host/codeBook';
import { listStoredDocs, readStoredDoc } from '../../electron/host/live';
import { boardDocName, roomDocName, sessionDocName, sessionDocPrefix } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { readNotes } from '../../shared/schema/note';
import { readRoster, type Participant } from '../../shared/schema/participant';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import {
  EDITOR,
  addNote,
  join,
  localDoc,
  seesNote,
  selectNote,
  startLiveSession,
  storedDocNames,
} from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * A live session's room doc, note counts and deletion, with the real host and every laptop its own
 * Chromium process: the roster records who took part; the facilitator's library is not rewritten
 * while the groups type; a removed group's board and, once stopped, the whole session are deleted
 * from this computer's IndexedDB and from the host's disk.
 */

const TITLE = 'Leeratelier: wie zit er aan tafel?';

/**
 * Counts the writes of the session index (Platform.saveSessionIndex in a browser: the key
 * "sessions" of the app's own IndexedDB store), from the first script of every page on.
 */
const COUNT_INDEX_WRITES = `(() => {
  const put = IDBObjectStore.prototype.put;
  window.__indexWrites = 0;
  IDBObjectStore.prototype.put = function (value, key) {
    if (key === 'sessions' && this.name === 'kv' && this.transaction.db.name === 'bouwplaats-app') window.__indexWrites++;
    return put.apply(this, arguments);
  };
})();`;

const indexWrites = (page: Page) => page.evaluate(() => (window as unknown as { __indexWrites: number }).__indexWrites);

describe("a live session's room doc, note counts and deletion", () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitator: Page;
  let amira: Page;
  let bram: Page;
  let chris: Page;
  let sessionId: string;
  let code: string;
  let groups: Group[];

  const groupId = (name: string) => groups.find((g) => g.name === name)!.id;
  /** The roster as the host keeps it on disk, or as the facilitator's laptop holds it. */
  const hostRoster = async () => {
    const room = await readStoredDoc(dataDir, sessionId, roomDocName(sessionId));
    return room ? readRoster(room, groups.map((g) => g.id)) : [];
  };
  const facilitatorRoster = async () => readRoster(await localDoc(facilitator, roomDocName(sessionId)), groups.map((g) => g.id));
  const seen = (roster: Participant[]) =>
    roster.map((p) => ({ name: p.name, domain: p.domain, group: groups.find((g) => g.id === p.groupId)?.name })).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-room-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      const page = await b.page();
      await page.addInitScript(COUNT_INDEX_WRITES);
      return page;
    };
    facilitator = await launch();
    amira = await launch();
    bram = await launch();
    chris = await launch();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records who took part in the room doc: three participants, each on their own laptop', async () => {
    ({ sessionId, code } = await startLiveSession(facilitator, live.url, TITLE));
    // The default session has two groups; a third joins the day.
    await facilitator.getByRole('link', { name: 'Sessie bewerken' }).click();
    await facilitator.getByRole('button', { name: 'Subgroep toevoegen' }).click();
    await facilitator.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await facilitator.locator('.group-card', { hasText: 'Groep 3' }).waitFor();

    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await join(bram, live.url, code, 'Groep 1', 'Bram', 'School');
    await join(chris, live.url, code, 'Groep 2', 'Chris');
    groups = readGroups((await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId)))!);
    expect(groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2', 'Groep 3']);

    const expected = [
      { name: 'Amira', domain: 'lokaal-team', group: 'Groep 1' },
      { name: 'Bram', domain: 'school', group: 'Groep 1' },
      { name: 'Chris', domain: undefined, group: 'Groep 2' },
    ];
    await expect.poll(async () => seen(await hostRoster()), { timeout: 15_000 }).toEqual(expected);
    await expect.poll(async () => seen(await facilitatorRoster()), { timeout: 15_000 }).toEqual(expected);
    const first = await hostRoster();
    expect(new Set(first.map((p) => p.id)).size).toBe(3);
    for (const p of first) expect(p.lastSeen).toBeGreaterThanOrEqual(p.joinedAt);

    // Chris moves to the third table and says where he comes from: the same record, updated.
    const before = first.find((p) => p.name === 'Chris')!;
    await join(chris, live.url, code, 'Groep 3', 'Chris', 'Gezin');
    await expect
      .poll(async () => (await hostRoster()).find((p) => p.id === before.id)?.groupId, { timeout: 15_000 })
      .toBe(groupId('Groep 3'));
    const after = (await hostRoster()).find((p) => p.id === before.id)!;
    expect(after).toMatchObject({ name: 'Chris', domain: 'gezin', joinedAt: before.joinedAt });
    expect(after.lastSeen).toBeGreaterThan(before.lastSeen);
    expect(await hostRoster()).toHaveLength(3);
  });

  it("does not rewrite the library while the groups type, only when a house's count changes", async () => {
    // The facilitator's app follows every board from the session page.
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await addNote(amira, '1', 'Kennis van het gezin');
    await facilitator.locator('.group-card', { hasText: 'Groep 1' }).getByText('1 notitie').waitFor({ timeout: 15_000 });
    await seesNote(bram, 'Kennis van het gezin');
    // Let every count settle (the counter waits half a second after a change).
    await facilitator.waitForTimeout(1500);
    const writes = { facilitator: await indexWrites(facilitator), amira: await indexWrites(amira), bram: await indexWrites(bram) };

    // Amira goes on typing in her note: five seconds of keystrokes that reach every laptop.
    const more = ' en van de buurt, de school en de sportclub';
    await selectNote(amira, 'Kennis van het gezin');
    await amira.keyboard.press('Enter');
    await amira.getByRole('textbox', { name: EDITOR }).pressSequentially(more, { delay: 60 });
    await amira.keyboard.press('Escape');
    await seesNote(bram, `Kennis van het gezin${more}`);
    await facilitator.waitForTimeout(1500);
    expect({ facilitator: await indexWrites(facilitator), amira: await indexWrites(amira), bram: await indexWrites(bram) }).toEqual(writes);

    // A new note changes the count: one write on the facilitator's laptop.
    await addNote(bram, '2', 'Vaste contactpersoon');
    await facilitator.locator('.group-card', { hasText: 'Groep 1' }).getByText('2 notities').waitFor({ timeout: 15_000 });
    await facilitator.waitForTimeout(1500);
    expect(await indexWrites(facilitator)).toBe(writes.facilitator + 1);
  });

  it("deletes a removed group's board from the host's copy too, while live", async () => {
    await addNote(chris, '3', 'Samen met de buurtsportcoach');
    const board = boardDocName(sessionId, groupId('Groep 3'));
    await expect
      .poll(async () => {
        const doc = await readStoredDoc(dataDir, sessionId, board);
        return doc ? readNotes(doc).map((n) => n.text) : [];
      }, { timeout: 15_000 })
      .toEqual(['Samen met de buurtsportcoach']);

    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await facilitator.getByRole('link', { name: 'Sessie bewerken' }).click();
    await facilitator.getByRole('button', { name: 'Groep 3 verwijderen' }).click();
    await facilitator.getByRole('dialog', { name: 'Subgroep verwijderen?' }).getByRole('button', { name: 'Ja, verwijderen' }).click();
    await facilitator.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await facilitator.getByRole('heading', { name: TITLE }).waitFor();

    await expect.poll(() => listStoredDocs(dataDir, sessionId), { timeout: 10_000 }).not.toContain(board);
    expect(await storedDocNames(facilitator, board)).toEqual([]);
    // Chris's laptop still holds the board and keeps trying: it does not bring it back.
    await chris.waitForTimeout(3000);
    expect(await listStoredDocs(dataDir, sessionId)).not.toContain(board);
    expect(await readStoredDoc(dataDir, sessionId, board)).toBeNull();
  });

  it('refuses to delete the session while it is live; once stopped, deletes it here and on the host', async () => {
    // A board an older app left behind when its group was removed.
    const leftBehind = boardDocName(sessionId, 'oudegroep1');
    await facilitator.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onupgradeneeded = () => request.result.createObjectStore('updates', { autoIncrement: true });
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
      leftBehind,
    );
    const prefix = sessionDocPrefix(sessionId);
    const mine = await storedDocNames(facilitator, prefix);
    expect(mine).toEqual(
      [sessionDocName(sessionId), roomDocName(sessionId), boardDocName(sessionId, groupId('Groep 1')), boardDocName(sessionId, groupId('Groep 2')), leftBehind].sort(),
    );
    expect(await readdir(dataDir)).toContain(sessionId);

    await facilitator.goto(`${live.url}/#/`);
    const row = facilitator.locator('.session-row', { hasText: TITLE });
    // Groep 1's two notes; Groep 3's went with its group.
    await row.getByText('2 notities').waitFor();
    await row.getByRole('button', { name: 'Verwijderen' }).click();
    const refusal = facilitator.getByRole('dialog', { name: 'Deze sessie staat live' });
    await refusal.getByText('Stop eerst de live sessie op de sessiepagina').waitFor();
    await saveScreenshot(facilitator, 'library-delete-live-session');
    await refusal.getByRole('button', { name: 'Sluiten' }).click();
    expect(await storedDocNames(facilitator, prefix)).toEqual(mine);
    expect(await readdir(dataDir)).toContain(sessionId);

    await refusal.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Verwijderen' }).click();
    await refusal.getByRole('link', { name: 'Naar de sessie' }).click();
    await facilitator.getByRole('button', { name: 'Stoppen…' }).click();
    await facilitator.getByRole('button', { name: 'Ja, stoppen' }).click();
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).waitFor();

    await facilitator.goto(`${live.url}/#/`);
    await row.getByRole('button', { name: 'Verwijderen' }).click();
    await facilitator.getByRole('dialog', { name: 'Sessie verwijderen?' }).getByRole('button', { name: 'Ja, verwijderen' }).click();
    await row.waitFor({ state: 'detached' });

    await expect.poll(() => storedDocNames(facilitator, prefix)).toEqual([]);
    await expect.poll(async () => (await readdir(dataDir)).includes(sessionId)).toBe(false);
    const book = JSON.parse(await readFile(path.join(dataDir, CODE_BOOK_FILE), 'utf8')) as { sessions: Record<string, unknown> };
    expect(book.sessions[sessionId]).toBeUndefined();
    // The participants' laptops keep knocking with the old code; the host keeps nothing for them.
    await amira.waitForTimeout(2000);
    expect(await readdir(dataDir)).not.toContain(sessionId);
    await facilitator.reload();
    await facilitator.getByRole('heading', { name: 'Sessies' }).waitFor();
    expect(await facilitator.locator('.session-row', { hasText: TITLE }).count()).toBe(0);
  });
});
