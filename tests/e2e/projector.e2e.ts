import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BoardProbe, ProbedNote } from '../../renderer/board/HouseBoard';
import { MIN_TEXT_PX } from '../../renderer/board/textLayout';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * The house on a 1280×720 projector, a 1366×768 school laptop and a 768×1024 tablet: a group's
 * board filled with the words of seed 000 ("Zo thuis mogelijk!"), read from the canvas through
 * the board's test probe (what it drew, at what size on screen).
 */

const SCREENS = {
  projector: { width: 1280, height: 720 },
  laptop: { width: 1366, height: 768 },
  tablet: { width: 768, height: 1024 },
} as const;

/** Notes as a group of seed 000 would write them (its words), per key: 1 foundation, 2 walls, 3 roof. */
const SEED_NOTES: ReadonlyArray<readonly ['1' | '2' | '3', string]> = [
  ['1', 'Kennis van gezin, school en vrije tijd'],
  ['1', 'Ervaringsdeskundigheid'],
  ['1', 'Kennis van complexe problematiek onder jeugdigen'],
  ['1', 'Casusbespreking met lokale teams en zorgaanbieders'],
  ['2', 'Werk systemisch'],
  ['2', '1Gezin1Plan1Regisseur'],
  ['2', 'Een team rondom een jeugdige samenstellen, bestaande uit de verschillende domeinen waarin een jeugdige verkeert (gezin, school, vrije tijd)'],
  ['2', 'Verwachtingen afstemmen van ieders rol'],
  ['2', 'Elkaar aanspreken op processen en reflectie'],
  ['3', 'Ruimte bieden aan innovatie'],
  ['3', 'Vertrouwen van leidinggevenden'],
  ['3', 'Onderwijs betrekken: de grote afwezige'],
  ['3', 'Ouders versterken en contact met ouders in soortgelijke situaties'],
];

/** The board's test probe (see BoardProbe in renderer/board/HouseBoard.tsx). */
async function probe(page: Page): Promise<BoardProbe> {
  return page.locator('.house-board').evaluate((el) => (el as HTMLElement & { bouwplaatsProbe: () => BoardProbe }).bouwplaatsProbe());
}

/** Waits until the board has drawn at the scale it now shows (a resize draws on the next frame). */
async function settled(page: Page): Promise<BoardProbe> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  let last = await probe(page);
  await expect.poll(async () => (last = await probe(page)).stats?.scale).toBeCloseTo(last.scale, 6);
  return last;
}

async function addNote(page: Page, key: string, text: string): Promise<void> {
  await page.getByRole('application').focus();
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
  await editor.waitFor();
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

async function newBoard(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
  await page.getByLabel('Titel *').fill(title);
  await page.getByLabel('Aantal subgroepen').fill('2');
  await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  await page.locator('.group-card', { hasText: 'Groep 1' }).click();
  await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
}

/** The house (every zone) lies within the board: nothing of the roof or foundation is cut off. */
async function houseInView(page: Page, p: BoardProbe): Promise<boolean> {
  const box = (await page.locator('.house-board').boundingBox())!;
  // The drawing spans x 0–2000 (the eaves) and y 0–1980 (roof peak to foundation bottom).
  const { x, y, scale } = p.view;
  return x >= 0 && y >= 0 && x + 2000 * scale <= box.width && y + 1980 * scale <= box.height;
}

/** Two notes overlap (by more than rounding: notes may touch). */
function overlap(a: ProbedNote, b: ProbedNote): boolean {
  const e = 0.01;
  return a.left < b.left + b.width - e && b.left < a.left + a.width - e && a.top < b.top + b.height - e && b.top < a.top + a.height - e;
}

describe('the house on a projector, a school laptop and a tablet', () => {
  let live: TestLiveHost;
  let dataDir: string;
  let chromium: LaunchedChromium;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-projector-'));
    live = await startLiveHost(dataDir);
    chromium = await launchChromium();
    page = await chromium.page();
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await chromium?.close();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('draws every note at 12 px or more with the whole house fitted, and refits when the window changes', async () => {
    await page.setViewportSize(SCREENS.projector);
    await newBoard(page, live.url, 'Zo thuis mogelijk!');
    for (const [key, text] of SEED_NOTES) await addNote(page, key, text);
    await page.getByRole('button', { name: 'Hele huis' }).click();

    const figures: Record<string, { scale: number; smallest: number; question: number; cut: number }> = {};
    for (const [name, size] of Object.entries(SCREENS)) {
      await page.setViewportSize(size);
      const p = await settled(page);
      expect(await houseInView(page, p), `${name}: the whole house is in view`).toBe(true);
      expect(p.notes.length, name).toBe(SEED_NOTES.length);
      const smallest = Math.min(...p.notes.map((n) => n.fontPx));
      figures[name] = { scale: p.scale, smallest, question: p.questionPx, cut: p.notes.filter((n) => n.cut).length };
      expect(p.stats?.smallestTextPx, name).toBeCloseTo(smallest, 6);
      expect(smallest, `${name}: smallest note text`).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      await saveScreenshot(page, `projector-board-${size.width}x${size.height}`);
    }
    console.log('fitted view per screen (CSS px):', JSON.stringify(figures));
    // The toolbar stays one row at 1280 px.
    await page.setViewportSize(SCREENS.projector);
    await settled(page);
    expect((await page.locator('.board-toolbar').boundingBox())!.height).toBeLessThan(64);
    expect(errors).toEqual([]);
  });

  it('hyphenates Dutch at the fitted view and never breaks a family emoji', async () => {
    const p = await settled(page);
    const compound = p.notes.find((n) => n.text === 'Ervaringsdeskundigheid')!;
    expect(compound.lines.join('|')).not.toContain('desk|');
    expect(compound.lines.slice(0, -1).every((l) => l.endsWith('-'))).toBe(true);
    expect(compound.lines.map((l) => l.replace(/-$/, '')).join('')).toBe('Ervaringsdeskundigheid');

    const family = '👨‍👩‍👧';
    await addNote(page, '1', family.repeat(14));
    const q = await settled(page);
    const emoji = q.notes.find((n) => n.text === family.repeat(14))!;
    expect(emoji.lines.length).toBeGreaterThan(1);
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const line of emoji.lines) {
      for (const { segment } of seg.segment(line.replace(/…$/, ''))) expect(segment).toBe(family);
    }
  });

  it('shows the whole text of a cut note in a tooltip and in the panel', async () => {
    const long = SEED_NOTES[6]![1];
    const p = await settled(page);
    const note = p.notes.find((n) => n.text === long)!;
    expect(note.cut).toBe(true);
    expect(note.lines.at(-1)).toMatch(/…$/);
    const box = (await page.locator('.house-board').boundingBox())!;
    await page.mouse.move(box.x + note.left + note.width / 2, box.y + note.top + note.height / 2);
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.innerText()).toBe(long);
    await saveScreenshot(page, 'projector-tooltip');
    await page.mouse.move(box.x + 4, box.y + 4);
    await tooltip.waitFor({ state: 'detached' });
    // Selected in the panel: its whole text, not four lines of it.
    const item = page.locator('.notes-panel .panel-note', { hasText: long.slice(0, 30) });
    await item.click();
    await expect.poll(() => item.locator('.full').innerText()).toBe(long);
  });

  it('gives the house the whole screen in presentation mode (P, or the button; Esc leaves)', async () => {
    await page.setViewportSize(SCREENS.projector);
    await page.getByRole('application').focus();
    await page.keyboard.press('p');
    await page.locator('.board-toolbar').waitFor({ state: 'hidden' });
    expect(await page.locator('.notes-panel').isVisible()).toBe(false);
    const board = (await page.locator('.house-board').boundingBox())!;
    expect(board).toMatchObject({ x: 0, y: 0, width: SCREENS.projector.width, height: SCREENS.projector.height });
    const p = await settled(page);
    expect(await houseInView(page, p)).toBe(true);
    expect(Math.min(...p.notes.map((n) => n.fontPx))).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    console.log('presentation 1280x720: scale', p.scale.toFixed(3), 'question px', p.questionPx.toFixed(1));
    await saveScreenshot(page, 'projector-presentation-1280x720');
    await page.keyboard.press('Escape');
    await page.locator('.board-toolbar').waitFor();
    expect(await page.locator('.notes-panel').isVisible()).toBe(true);
    // The visible switch does the same.
    await page.getByRole('button', { name: 'Presenteren' }).click();
    await page.locator('.board-toolbar').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Presentatie sluiten (Esc)' }).click();
    await page.locator('.board-toolbar').waitFor();
    expect(errors).toEqual([]);
  });

  it('keeps the toolbar on one row with the live badge at 1280 px', async () => {
    const url = page.url();
    const sessionHash = new URL(url).hash;
    const sessionId = decodeURIComponent(sessionHash.split('/')[2]!);
    await page.goto(`${live.url}/#/sessie/${sessionId}`);
    await page.getByRole('button', { name: 'Sessie live zetten' }).click();
    await page.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    await page.locator('.group-card', { hasText: 'Groep 1' }).click();
    await page.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await page.locator('.live-badge').waitFor();
    for (const size of [SCREENS.projector, SCREENS.laptop]) {
      await page.setViewportSize(size);
      await settled(page);
      expect((await page.locator('.board-toolbar').boundingBox())!.height, `${size.width} px`).toBeLessThan(64);
      await saveScreenshot(page, `projector-live-toolbar-${size.width}`);
    }
  });
});

describe('a zone that is full', () => {
  let live: TestLiveHost;
  let dataDir: string;
  let chromium: LaunchedChromium;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-full-'));
    live = await startLiveHost(dataDir);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes fourteen notes in the roof with key 3: none on another, every one readable', async () => {
    const page = await chromium.page();
    await page.setViewportSize(SCREENS.projector);
    await newBoard(page, live.url, 'Leeratelier');
    const words = ['Vertrouwen', 'Ruimte', 'Tijd', 'Budget', 'Erkenning', 'Overleg', 'Scholing', 'Lef', 'Rust', 'Intervisie', 'Steun', 'Regie', 'Ouders', 'Onderwijs'];
    for (const word of words) await addNote(page, '3', word);
    await expect.poll(() => page.locator('.notes-panel section[data-zone="roof"] .panel-note').count()).toBe(14);
    const p = await settled(page);
    const roof = p.notes;
    expect(roof).toHaveLength(14);
    roof.forEach((a, i) => {
      expect(a.cut, a.text).toBe(false);
      expect(a.fontPx, a.text).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      expect(a.lines.join(' ')).toBe(a.text);
      roof.slice(0, i).forEach((b) => expect(overlap(a, b), `${a.text} on ${b.text}`).toBe(false));
    });
    await saveScreenshot(page, 'projector-roof-14');
  });
});

describe('another screen, and text that does not fit a note', () => {
  let live: TestLiveHost;
  let dataDir: string;
  let chromium: LaunchedChromium;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-dpr-'));
    live = await startLiveHost(dataDir);
    chromium = await launchChromium();
    page = await chromium.page();
    await page.setViewportSize(SCREENS.projector);
    await newBoard(page, live.url, 'Zo thuis mogelijk!');
  });

  afterAll(async () => {
    await chromium?.close();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Backing store and CSS size of every canvas of the board. */
  const canvases = () =>
    page.locator('.house-board canvas').evaluateAll((els) =>
      (els as HTMLCanvasElement[]).map((c) => ({ width: c.width, cssWidth: c.clientWidth, height: c.height, cssHeight: c.clientHeight })),
    );

  it('redraws the canvas at the new pixel ratio when the window moves to a hi-DPI screen and back', async () => {
    await addNote(page, '2', 'Werk systemisch');
    expect((await canvases()).every((c) => c.width === c.cssWidth)).toBe(true);
    const cdp = await page.context().newCDPSession(page);
    // The window moves to a laptop's hi-DPI screen (Chromium's emulation re-evaluates media queries
    // only when the size changes too, as a move to another screen does).
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...SCREENS.laptop, deviceScaleFactor: 2, mobile: false });
    await expect.poll(() => page.evaluate(() => window.devicePixelRatio)).toBe(2);
    await expect.poll(async () => (await canvases()).every((c) => c.width === c.cssWidth * 2 && c.height === c.cssHeight * 2)).toBe(true);
    expect((await probe(page)).pixelRatio).toBe(2);
    await saveScreenshot(page, 'projector-board-dpr2');
    // And back to the projector.
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...SCREENS.projector, deviceScaleFactor: 1, mobile: false });
    await expect.poll(async () => (await canvases()).every((c) => c.width === c.cssWidth)).toBe(true);
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
  });

  it('says so when pasted text is longer than a note holds', async () => {
    await page.setViewportSize(SCREENS.projector);
    await page.getByRole('application').focus();
    await page.keyboard.press('1');
    const editor = page.getByRole('textbox', { name: 'Tekst van de notitie' });
    await editor.waitFor();
    const seed = 'Het is nodig om een team rondom een jeugdige samen te stellen, bestaande uit de verschillende domeinen. ';
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.url });
    await page.evaluate((text) => navigator.clipboard.writeText(text), seed.repeat(8));
    await page.keyboard.press('Control+V');
    await expect.poll(() => editor.inputValue()).toHaveLength(500);
    const notice = page.getByRole('alert').filter({ hasText: 'een notitie heeft ruimte voor 500 tekens' });
    await notice.waitFor();
    await saveScreenshot(page, 'projector-paste-cut');
    // The next edit that fits clears it.
    await page.keyboard.press('Backspace');
    await page.keyboard.type('x');
    await notice.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
  });
});
