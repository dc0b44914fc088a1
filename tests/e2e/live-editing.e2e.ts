import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readStoredDoc } from '../../electron/host/live';
import { boardDocName } from '../../shared/schema/docNames';
import { NOTE_COLOUR_HEX, readNotes, type Note } from '../../shared/schema/note';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import {
  EDITOR,
  addNote,
  join,
  status,
  localNotes,
  noteTexts,
  saveStatus,
  seesNote,
  selectNote,
  startLiveSession,
} from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Amira and Bram build group 1's house together, each in their own Chromium process, while the
 * facilitator hosts: the cases of issue 6 (items 18, 19, 20) and issue 7 (item 21) that go wrong
 * only when two people work on the same notes at once.
 */

const TITLE = 'Leeratelier Samen werken';
const STEP = 10;

describe('two people editing the same notes, in separate browser processes', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  /** Profiles of browsers relaunched on a kept profile: removed once every browser is closed. */
  const profiles: string[] = [];
  let amiraBrowser: LaunchedChromium;
  let amira: Page;
  let bram: Page;
  let sessionId: string;
  let boardUrl: string;
  let board: string;
  const errors: string[] = [];

  const watch = (page: Page, who: string) => page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
  const noteOf = async (page: Page, text: string): Promise<Note | undefined> => (await localNotes(page, board)).find((n) => n.text === text);
  const onHost = async (text: string): Promise<Note | undefined> => {
    const doc = await readStoredDoc(dataDir, sessionId, board);
    return doc ? readNotes(doc).find((n) => n.text === text) : undefined;
  };
  /** Waits until both laptops (their own stored copies) and the host agree on what `pick` reads. */
  const everywhere = async <T,>(text: string, pick: (n: Note | undefined) => T, expected: T) => {
    for (const read of [() => noteOf(amira, text), () => noteOf(bram, text), () => onHost(text)]) {
      await expect.poll(async () => pick(await read()), { timeout: 20_000 }).toEqual(expected);
    }
  };
  const pressTimes = async (page: Page, key: string, times: number) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-edit-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      return b;
    };
    const facilitator = await (await launch()).page();
    amiraBrowser = await launch();
    amira = await amiraBrowser.page();
    bram = await (await launch()).page();
    watch(amira, 'Amira');
    watch(bram, 'Bram');
    const started = await startLiveSession(facilitator, live.url, TITLE);
    sessionId = started.sessionId;
    await join(amira, live.url, started.code, 'Groep 1', 'Amira');
    await join(bram, live.url, started.code, 'Groep 1', 'Bram');
    boardUrl = amira.url();
    const groupId = decodeURIComponent(new URL(boardUrl).hash.split('/')[4]!);
    board = boardDocName(sessionId, groupId);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await Promise.all(profiles.map((p) => rm(p, { recursive: true, force: true })));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('undo and redo take back only your own change (issue 6, item 19)', () => {
    let start: Note;

    it("Amira moves a note 3× right, Bram 5× down, Amira undoes: only her move goes, on both laptops", async () => {
      await addNote(amira, '2', 'Samen werken');
      await seesNote(bram, 'Samen werken');
      await everywhere('Samen werken', (n) => n !== undefined, true);
      start = (await noteOf(amira, 'Samen werken'))!;

      await selectNote(amira, 'Samen werken');
      await pressTimes(amira, 'ArrowRight', 3);
      await expect.poll(async () => (await noteOf(bram, 'Samen werken'))?.x, { timeout: 20_000 }).toBe(start.x + 3 * STEP);
      await selectNote(bram, 'Samen werken');
      await pressTimes(bram, 'ArrowDown', 5);
      await expect.poll(async () => (await noteOf(amira, 'Samen werken'))?.y, { timeout: 20_000 }).toBe(start.y + 5 * STEP);

      await amira.getByRole('application').focus();
      await amira.keyboard.press('Control+z');
      await everywhere('Samen werken', (n) => n && { x: n.x, y: n.y }, { x: start.x, y: start.y + 5 * STEP });
      expect(await noteTexts(amira)).toContain('Samen werken');
    });

    it('Amira makes it blue, Bram green, Amira undoes: it stays green on both, and Amira is told why', async () => {
      await selectNote(amira, 'Samen werken');
      await amira.getByRole('radio', { name: 'Blauw' }).click();
      await everywhere('Samen werken', (n) => n?.colour, 'blue');
      await selectNote(bram, 'Samen werken');
      await bram.getByRole('radio', { name: 'Groen' }).click();
      await expect.poll(async () => (await noteOf(amira, 'Samen werken'))?.colour, { timeout: 20_000 }).toBe('green');

      await amira.getByRole('application').focus();
      await amira.keyboard.press('Control+z');
      await amira.getByText('Niet ongedaan gemaakt: iemand anders heeft dit intussen veranderd.').waitFor();
      await saveScreenshot(amira, 'undo-kept-peer-change');
      // Nothing changes afterwards either (a second step is not taken back instead).
      await amira.waitForTimeout(1000);
      await everywhere('Samen werken', (n) => n?.colour, 'green');
      const green = await bram.locator('.notes-panel .panel-note', { hasText: 'Samen werken' }).evaluate((el) => getComputedStyle(el).borderLeftColor);
      expect(green).toBe(hexToRgb(NOTE_COLOUR_HEX.green));
    });

    it("redo does not take back Bram's move made after Amira's undo", async () => {
      const before = (await noteOf(amira, 'Samen werken'))!;
      await selectNote(amira, 'Samen werken');
      await pressTimes(amira, 'ArrowRight', 2);
      await expect.poll(async () => (await noteOf(bram, 'Samen werken'))?.x, { timeout: 20_000 }).toBe(before.x + 2 * STEP);
      await amira.keyboard.press('Control+z');
      await expect.poll(async () => (await noteOf(bram, 'Samen werken'))?.x, { timeout: 20_000 }).toBe(before.x);
      await selectNote(bram, 'Samen werken');
      await pressTimes(bram, 'ArrowDown', 2);
      await expect.poll(async () => (await noteOf(amira, 'Samen werken'))?.y, { timeout: 20_000 }).toBe(before.y + 2 * STEP);

      await amira.getByRole('application').focus();
      await amira.keyboard.press('Control+Shift+z');
      await everywhere('Samen werken', (n) => n && { x: n.x, y: n.y }, { x: before.x + 2 * STEP, y: before.y + 2 * STEP });
    });
  });

  it('merges text composed with an input method once, and peers never see the uncommitted reading (issue 6, item 20)', async () => {
    await addNote(amira, '1', 'Wij willen');
    await seesNote(bram, 'Wij willen');
    for (const page of [amira, bram]) {
      await selectNote(page, 'Wij willen');
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: EDITOR }).waitFor();
    }
    const amiraEditor = amira.getByRole('textbox', { name: EDITOR });
    const bramEditor = bram.getByRole('textbox', { name: EDITOR });
    await amira.keyboard.press('End');
    await amira.keyboard.type(' ');
    await expect.poll(() => bramEditor.inputValue()).toBe('Wij willen ');
    await bram.keyboard.press('Home');

    // Amira's input method composes "samenwerk" while Bram types in front of her words.
    const ime = await amira.context().newCDPSession(amira);
    await ime.send('Input.imeSetComposition', { text: 'samen', selectionStart: 5, selectionEnd: 5 });
    await bram.keyboard.type('Samen: ', { delay: 40 });
    await ime.send('Input.imeSetComposition', { text: 'samenwerk', selectionStart: 9, selectionEnd: 9 });
    await expect.poll(() => amiraEditor.inputValue()).toBe('Wij willen samenwerk');
    // Bram's words arrive everywhere; the reading Amira is composing goes nowhere.
    await expect.poll(async () => (await onHost('Samen: Wij willen '))?.text, { timeout: 20_000 }).toBe('Samen: Wij willen ');
    await bram.waitForTimeout(600);
    expect(await bramEditor.inputValue()).toBe('Samen: Wij willen ');
    expect((await onHost('Samen: Wij willen '))?.text).toBe('Samen: Wij willen ');

    await ime.send('Input.insertText', { text: 'samenwerken' });
    const merged = 'Samen: Wij willen samenwerken';
    await expect.poll(() => amiraEditor.inputValue()).toBe(merged);
    await expect.poll(() => bramEditor.inputValue()).toBe(merged);
    // Amira keeps typing where she was.
    await amira.keyboard.type('!');
    await expect.poll(() => bramEditor.inputValue()).toBe(`${merged}!`);
    await amira.keyboard.press('Escape');
    await bram.keyboard.press('Escape');
    await everywhere(`${merged}!`, (n) => n?.text, `${merged}!`);
    await ime.detach();
  });

  it('tells Amira when Bram deletes the note she is typing in, keeps her words, and keeps her board working (issue 6, item 18)', async () => {
    await amira.getByRole('application').focus();
    await amira.keyboard.press('3');
    const editor = amira.getByRole('textbox', { name: EDITOR });
    await editor.pressSequentially('Vertrouwen van leidinggevenden');
    await seesNote(bram, 'Vertrouwen van leidinggevenden');
    await selectNote(bram, 'Vertrouwen van leidinggevenden');
    await bram.keyboard.press('Delete');

    const notice = amira.getByRole('alert').filter({ hasText: 'Iemand anders heeft de notitie verwijderd waarin je aan het typen was.' });
    await notice.waitFor();
    expect(await notice.locator('.lost-text').innerText()).toBe('Vertrouwen van leidinggevenden');
    await editor.waitFor({ state: 'detached' });
    await saveScreenshot(amira, 'note-deleted-while-typing');

    // The board takes its keys again at once: a new note, and Escape leaves it empty and gone.
    await amira.keyboard.press('1');
    await editor.waitFor();
    await expect.poll(() => noteTexts(amira)).toContain('(leeg)');
    await amira.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => noteTexts(amira)).not.toContain('(leeg)');

    await amira.getByRole('button', { name: 'Zet terug als nieuwe notitie' }).click();
    await notice.waitFor({ state: 'detached' });
    await seesNote(amira, 'Vertrouwen van leidinggevenden');
    await seesNote(bram, 'Vertrouwen van leidinggevenden');
  });

  describe('an empty new note does not outlive the page (issue 7, item 21)', () => {
    const pressOne = async (page: Page) => {
      await page.getByRole('application').focus();
      await page.keyboard.press('1');
      await page.getByRole('textbox', { name: EDITOR }).waitFor();
      await expect.poll(() => noteTexts(bram), { timeout: 20_000 }).toContain('(leeg)');
    };
    const noEmptyNote = async () => {
      for (const page of [amira, bram]) {
        await expect.poll(() => noteTexts(page), { timeout: 20_000, message: page.url() }).not.toContain('(leeg)');
      }
      await expect.poll(async () => (await onHost(''))?.text, { timeout: 20_000 }).toBeUndefined();
    };

    it('press 1 and reload: no empty note, here or on a peer', async () => {
      await pressOne(amira);
      await amira.reload();
      await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
      await status(amira, '● Live');
      await noEmptyNote();
    });

    it("press 1 and the browser's Back: no empty note", async () => {
      await pressOne(amira);
      await amira.goBack();
      await amira.getByRole('heading', { name: 'Groep 1' }).waitFor({ state: 'detached' });
      await noEmptyNote();
      await amira.goto(boardUrl);
      await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
    });

    it('press 1 and close the tab: no empty note on the peer', async () => {
      await pressOne(amira);
      await amira.close({ runBeforeUnload: true });
      await expect.poll(() => noteTexts(bram), { timeout: 20_000 }).not.toContain('(leeg)');
      amira = await amiraBrowser.browser.contexts()[0]!.newPage();
      watch(amira, 'Amira');
      await amira.goto(boardUrl);
      await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
      await status(amira, '● Live');
      await noEmptyNote();
    });

    it('press 1 and the browser crashes: the next open removes the empty note, here and on the peer', async () => {
      await pressOne(amira);
      // The note and its mark are on disk before the crash.
      await saveStatus(amira, 'Alles bewaard');
      const profile = amiraBrowser.userDataDir;
      profiles.push(profile);
      await amiraBrowser.kill();
      browsers.splice(browsers.indexOf(amiraBrowser), 1);
      expect(await noteTexts(bram)).toContain('(leeg)');

      amiraBrowser = await launchChromium({ userDataDir: profile });
      browsers.push(amiraBrowser);
      amira = await amiraBrowser.page();
      watch(amira, 'Amira');
      await amira.goto(boardUrl);
      await amira.getByRole('heading', { name: 'Groep 1' }).waitFor();
      await status(amira, '● Live');
      await noEmptyNote();
    });
  });

  it('raised no page errors on either laptop', () => {
    expect(errors).toEqual([]);
  });
});

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
