import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goToPhase, pauseTimer, readAgenda, readRun, writeTimer } from '../../shared/schema/agenda';
import { addDiscussionPoint, approveCase, writeCaseField } from '../../shared/schema/caseDoc';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { addGroup, readGroups, type Group } from '../../shared/schema/group';
import { NOTE_HEIGHT, NOTE_WIDTH, addNote as addNoteTo, readNotes } from '../../shared/schema/note';
import { setTableDone } from '../../shared/schema/tableDone';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { normaliseJoinCode } from '../../shared/live';
import { seriousProblems } from './support/axe';
import { People } from './support/chromium';
import { rendererAndBrowser } from './support/host';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY, addNote, createSession, join, noteTexts, openBoard } from './support/liveSession';
import { relayPeer, type RelayPeer } from './support/relayPeer';
import { saveScreenshot as saveAny } from './support/screenshots';

/**
 * Seed 000's morning on the projector: the facilitator hosts "Zo thuis mogelijk!" with six
 * subgroups whose houses hold the seed's words; the projector is another computer (its own
 * Chromium process) that joined with the address the facilitator gives, and follows the live
 * session through the host; the facilitator's own projector window (window.open) is where the
 * number keys are pressed; Amira's laptop is a participant's. The groups' laptops that fill the
 * houses are Node peers on the host's relay, writing with the app's own note schema.
 */

const TITLE = 'Zo thuis mogelijk!';
const P720 = { width: 1280, height: 720 } as const;
const P1080 = { width: 1920, height: 1080 } as const;

/** Seed 000's words, by the part of the house they answer. */
const SEED: Record<'roof' | 'walls' | 'foundation', readonly string[]> = {
  roof: [
    'Ruimte bieden aan innovatie',
    'Vertrouwen van leidinggevenden',
    'Onderwijs betrekken: de grote afwezige',
    'Ouders versterken en contact met ouders in soortgelijke situaties',
    'Niet alleen staan in een casus',
    'Het vertrouwen aan elkaar geven om dit uit te voeren',
  ],
  walls: [
    'Werk systemisch',
    '1Gezin1Plan1Regisseur',
    'Een team rondom een jeugdige samenstellen, bestaande uit de domeinen waarin een jeugdige verkeert (gezin, school, vrije tijd)',
    'Verwachtingen afstemmen van ieders rol',
    'Elkaar aanspreken op processen en reflectie',
    'De procesregisseur stelt het team samen',
  ],
  foundation: [
    'Kennis van gezin, school en vrije tijd',
    'Ervaringsdeskundigheid',
    'Kennis van complexe problematiek onder jeugdigen',
    'Casusbespreking met lokale teams en zorgaanbieders',
    'Kennis van elkaars rol en werkwijze',
    'Systemisch kunnen kijken',
  ],
};
type Part = keyof typeof SEED;
const PARTS: readonly Part[] = ['roof', 'walls', 'foundation'];

/** How many notes each group writes per part (roof, walls, foundation); group 6 is a full house of 80. */
const COUNTS: readonly (readonly [number, number, number])[] = [
  [3, 4, 4],
  [2, 5, 3],
  [4, 2, 6],
  [1, 6, 2],
  [5, 3, 1],
  [26, 28, 26],
];

/** The i-th note of a part: the seed's words in turn, numbered from the second round on. */
const wordsOf = (part: Part, i: number) => SEED[part][i % SEED[part].length]! + (i >= SEED[part].length ? ` (${Math.floor(i / SEED[part].length) + 1})` : '');

/** A case as a care provider brings it in, without anything that tells who it is about. */
const CASE =
  'Een jongen van veertien woont sinds een jaar in een gezinshuis. Op school is hij bijna niet meer te zien, ' +
  'thuis lopen de spanningen op en het lokale team en de zorgaanbieder weten niet van elkaar wat ze doen.\n\nHoe pakken we dit aan?';
/** What the plenary made of it (seed 000's points A–C). */
const POINTS = ['Werk systemisch', 'Een team rondom de jeugdige: gezin, school, vrije tijd', 'Verwachtingen afstemmen van ieders rol'];
/** The ervaringsdeskundige's closing call (seed 000). */
const CLOSING =
  'Versterk ouders: breng kennis over en breng hen in contact met ouders in soortgelijke situaties. ' +
  'En onderwijs is vaak de grote afwezige — zorg dat onderwijs aan tafel zit.';


/** What a house on the wall says, read from the page. */
interface WallHouseSeen {
  name: string;
  done: boolean;
  parts: Record<string, { count: number; lines: string[]; more: string | null }>;
}

async function wallSeen(page: Page): Promise<Record<string, WallHouseSeen>> {
  return page.locator('.wall-house').evaluateAll((houses) =>
    Object.fromEntries(
      houses.map((house) => [
        house.getAttribute('data-group') ?? '',
        {
          name: house.querySelector('.wall-house-name')?.textContent ?? '',
          done: house.classList.contains('done'),
          parts: Object.fromEntries(
            [...house.querySelectorAll('.wall-part')].map((part) => [
              part.getAttribute('data-zone') ?? '',
              {
                count: Number(part.querySelector('.wall-part-count')?.textContent),
                lines: [...part.querySelectorAll('.wall-line:not(.wall-more)')].map((l) => l.textContent ?? ''),
                more: part.querySelector('.wall-more')?.textContent ?? null,
              },
            ]),
          ),
        },
      ]),
    ),
  );
}

/**
 * The sizes on screen that the issue sets floors for, measured from the page: font sizes (CSS px)
 * of every group name, part name and count and of every note line shown; and whether each of them
 * lies whole inside its house and the screen. Also the lowest contrast of text against what is
 * behind it (WCAG 2 ratio).
 */
interface Measured {
  houses: number;
  namePx: number;
  countPx: number;
  partNamePx: number;
  linePx: number;
  linesShown: number;
  clipped: string[];
  lowestContrast: { ratio: number; what: string };
}

async function measureWall(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const min = (selector: string) => Math.min(...[...document.querySelectorAll(selector)].map(px));
    const rgba = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const behind = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0.5) return c;
      }
      return [255, 255, 255];
    };
    const contrast = (el: Element) => {
      const a = luminance(rgba(getComputedStyle(el).color));
      const b = luminance(behind(el));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const texts = [...document.querySelectorAll('.wall-house-name, .wall-part-head, .wall-line:not(.wall-ruler), .wall-house-done, .projector-phase, .projector-done, .projector-clock')];
    let lowest = { ratio: Infinity, what: '' };
    for (const el of texts) {
      const ratio = contrast(el);
      if (ratio < lowest.ratio) lowest = { ratio, what: `${el.className}: ${el.textContent}` };
    }
    const clipped: string[] = [];
    for (const el of document.querySelectorAll('.wall-house-name, .wall-part-head, .wall-line:not(.wall-ruler)')) {
      const box = el.getBoundingClientRect();
      const frame = el.closest('.wall-house-frame')!.getBoundingClientRect();
      const inside = box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
      if (!inside || box.height < px(el)) clipped.push(el.textContent ?? '');
    }
    return {
      houses: document.querySelectorAll('.wall-house').length,
      namePx: min('.wall-house-name'),
      countPx: min('.wall-part-count'),
      partNamePx: min('.wall-part-name'),
      linePx: min('.wall-line:not(.wall-ruler)'),
      linesShown: document.querySelectorAll('.wall-line:not(.wall-ruler)').length,
      clipped,
      lowestContrast: lowest,
    };
  });
}

/** A screenshot once the keys hint (shown for a while after the pointer moves) has gone. */
async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.locator('.projector-hint').waitFor({ state: 'detached', timeout: 10_000 });
  await saveAny(page, name);
}

/** The projector's timer as shown ("44:58"), or null when none shows. */
async function clock(page: Page): Promise<string | null> {
  const el = page.locator('.projector-clock');
  return (await el.count()) ? el.innerText() : null;
}

const seconds = (shown: string) => shown.split(':').reduce((total, part) => total * 60 + Number(part), 0);

describe('the projector wall: six houses of seed 000, live, on a projector of its own', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const people = new People();
  const { errors } = people;
  const peers: RelayPeer[] = [];
  let facilitator: Page;
  let popup: Page;
  let projector: Page;
  let amira: Page;
  let sessionId: string;
  let code: string;
  let groups: Group[];
  let session: RelayPeer;
  const expected = new Map<string, [number, number, number]>();

  /** A peer of the session doc that makes the run's changes the phases' controls will make (issue 9's other part). */
  const runPeer = () => session.doc;

  /**
   * A key on the facilitator's projector window, and the wait until the session doc everywhere holds
   * what it chose: the peer above writes the run too, and two writes of one key that cross each
   * other are settled by Yjs by client, not by time (in a room both come from the facilitator, one
   * after the other).
   */
  const press = async (key: string, view: string) => {
    await popup.keyboard.press(key);
    await expect.poll(() => readRun(session.doc).projectorView, { timeout: 20_000 }).toBe(view);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-projector-'));
    live = await startLiveHost(dataDir);
    const launch = () => people.launch();
    facilitator = await launch();
    projector = await launch();
    amira = await launch();
  });

  afterAll(async () => {
    for (const peer of peers) peer.close();
    await people.closeAll();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("hosts a session of six subgroups whose houses hold seed 000's words", async () => {
    sessionId = await createSession(facilitator, live.url, { title: TITLE, groups: 6 });
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });

    session = await relayPeer(live.url, code, sessionDocName(sessionId), { role: 'facilitator' });
    peers.push(session);
    groups = readGroups(session.doc);
    expect(groups.map((g) => g.name)).toEqual(['Groep 1', 'Groep 2', 'Groep 3', 'Groep 4', 'Groep 5', 'Groep 6']);
    // Seed 000's morning, the agenda every new session starts with (written by the facilitator's app).
    await expect.poll(() => readAgenda(session.doc).map((p) => p.kind)).toEqual(['welcome', 'case', 'build', 'reflection', 'closing']);
    for (const [g, group] of groups.entries()) {
      const board = await relayPeer(live.url, code, boardDocName(sessionId, group.id), { role: 'facilitator' });
      peers.push(board);
      const counts = COUNTS[g]!;
      board.doc.transact(() => {
        PARTS.forEach((part, p) => {
          const zone = HOUSE_TEMPLATE.zones.find((z) => z.id === part)!;
          for (let i = 0; i < counts[p]!; i++) {
            const occupied = readNotes(board.doc).map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }));
            addNoteTo(board.doc, HOUSE_TEMPLATE, { ...freeSpotInZone(HOUSE_TEMPLATE, zone, occupied), text: wordsOf(part, i) });
          }
        });
      });
      const written = readNotes(board.doc);
      expected.set(group.id, [...PARTS.map((part) => written.filter((n) => n.zone === part).length)] as [number, number, number]);
    }
    // Every note lies in the part it was written for.
    expect([...expected.values()]).toEqual(COUNTS);
  });

  it('shows the welcome, then the wall when building starts: six houses with the right count per part', async () => {
    // The address the facilitator's page gives for a projector on another computer.
    await facilitator.getByText('Projector op een andere computer?').click();
    const address = await facilitator.getByLabel('Adres voor de projector op een andere computer').inputValue();
    // The link carries the projector's token: it may read every house, and write nothing.
    expect(address).toMatch(new RegExp(`^${live.url}/#/projector/${sessionId}/${code}/p\\.`));
    await projector.setViewportSize(P720);
    await projector.goto(address);
    await projector.locator('.welcome-title', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    // On another computer the address is the one it came from; the code is the session's.
    expect(await projector.locator('.welcome-code').innerText()).toBe(`${code.slice(0, 3)}-${code.slice(3)}`);

    const agenda = readAgenda(runPeer());
    goToPhase(runPeer(), agenda.find((p) => p.kind === 'build')!.id, Date.now());
    await projector.locator('.wall').waitFor();
    await expect.poll(async () => Object.keys(await wallSeen(projector)).length).toBe(6);
    const want = Object.fromEntries(groups.map((g) => [g.id, expected.get(g.id)!]));
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await wallSeen(projector)).map(([id, h]) => [id, PARTS.map((p) => h.parts[p]!.count)])), { timeout: 30_000 })
      .toEqual(want);
    const seen = await wallSeen(projector);
    for (const group of groups) {
      const house = seen[group.id]!;
      expect(house.name).toBe(group.name);
      for (const [p, part] of PARTS.entries()) {
        const { count, lines, more } = house.parts[part]!;
        // Only words of that part, the newest first, and what does not fit is counted on the last line.
        for (const line of lines) expect(SEED[part].some((w) => line.startsWith(w)), `${group.name} ${part}: ${line}`).toBe(true);
        const rest = count - lines.length;
        // "+ n meer" on the last of two lines or more; one line shows the newest note alone.
        if (more !== null) expect(more, `${group.name} ${part}`).toBe(`+ ${rest} meer`);
        else expect(rest === 0 || lines.length === 1, `${group.name} ${part}`).toBe(true);
        expect(count).toBe(COUNTS[groups.indexOf(group)]![p]);
      }
    }
    // A full house of 80 shows some of the words of every part, and counts them all.
    const full = seen[groups[5]!.id]!;
    for (const part of PARTS) expect(full.parts[part]!.lines.length, part).toBeGreaterThan(0);
    expect(PARTS.reduce((sum, part) => sum + full.parts[part]!.count, 0)).toBe(80);
  });

  it('is readable at 1280 × 720: names and counts 24 px or more, every word shown 15 px or more, AA contrast', async () => {
    const sizes = await measureWall(projector);
    console.log(`projector wall 1280×720, 6 houses: ${JSON.stringify(sizes)}`);
    expect(sizes.houses).toBe(6);
    expect(sizes.namePx).toBeGreaterThanOrEqual(24);
    expect(sizes.countPx).toBeGreaterThanOrEqual(24);
    expect(sizes.partNamePx).toBeGreaterThanOrEqual(24);
    expect(sizes.linePx).toBeGreaterThanOrEqual(14);
    // Enough room for words, not only counts: at least two lines a house.
    expect(sizes.linesShown).toBeGreaterThanOrEqual(12);
    expect(sizes.clipped).toEqual([]);
    expect(sizes.lowestContrast.ratio, sizes.lowestContrast.what).toBeGreaterThanOrEqual(4.5);
    await saveScreenshot(projector, 'projector-wall-1280x720');
  });

  it('marks the tables that are done: "5 van 6 groepen klaar"', async () => {
    const room = await relayPeer(live.url, code, roomDocName(sessionId), { role: 'facilitator' });
    peers.push(room);
    const phaseId = readRun(runPeer()).phaseId!;
    for (const group of groups.slice(0, 5)) setTableDone(room.doc, group.id, phaseId, true);
    await projector.getByText('5 van 6 groepen klaar').waitFor();
    const seen = await wallSeen(projector);
    expect(groups.map((g) => seen[g.id]!.done)).toEqual([true, true, true, true, true, false]);
    const sizes = await measureWall(projector);
    expect(sizes.clipped).toEqual([]);
    expect(sizes.lowestContrast.ratio, sizes.lowestContrast.what).toBeGreaterThanOrEqual(4.5);
    await saveScreenshot(projector, 'projector-wall-done-1280x720');
  });

  it("shows an edit on a participant's board and on the facilitator's at once on the wall", async () => {
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    const group1 = groups[0]!.id;
    const walls = async () => (await wallSeen(projector))[group1]!.parts.walls!;
    await addNote(amira, '2', 'Samen met school en ouders');
    await expect.poll(async () => (await walls()).count, { timeout: 20_000 }).toBe(COUNTS[0]![1] + 1);
    // The newest note is on the first line of its part.
    expect((await walls()).lines[0]).toBe('Samen met school en ouders');

    await openBoard(facilitator, live.url, sessionId, 'Groep 2');
    await addNote(facilitator, '3', 'Meer tijd voor echt contact');
    const roof2 = async () => (await wallSeen(projector))[groups[1]!.id]!.parts.roof!;
    await expect.poll(async () => (await roof2()).count, { timeout: 20_000 }).toBe(COUNTS[1]![0] + 1);
    expect((await roof2()).lines[0]).toBe('Meer tijd voor echt contact');
  });

  it("opens the facilitator's own projector window, whose number keys show one house large on every projector", async () => {
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    const [opened] = await Promise.all([facilitator.context().waitForEvent('page'), facilitator.getByRole('button', { name: 'Projector openen' }).click()]);
    popup = opened;
    popup.on('pageerror', (e) => errors.push(String(e)));
    await popup.setViewportSize(P720);
    await facilitator.getByText('Sleep het venster naar het projectorscherm').waitFor();
    // The same wall, kept live from the facilitator's window (no connection of its own).
    await popup.locator('.wall').waitFor();
    await expect.poll(async () => (await wallSeen(popup))[groups[0]!.id]?.parts.walls!.count).toBe(COUNTS[0]![1] + 1);

    await press('3', 'house');
    for (const page of [popup, projector]) {
      await page.locator('.house-large .wall-house-name', { hasText: 'Groep 3' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('.house-large .wall-part-count').allInnerTexts()).toEqual(COUNTS[2]!.map(String));
    }
    // Large enough to read the group's words out: every note of group 3 whole, in 20 px or more.
    const large = await projector.locator('.house-large .wall-line:not(.wall-ruler)').evaluateAll((lines) =>
      lines.map((l) => ({ text: l.textContent ?? '', px: parseFloat(getComputedStyle(l).fontSize), whole: l.scrollHeight <= l.clientHeight + 1 })),
    );
    expect(large.map((l) => l.text).sort()).toEqual(PARTS.flatMap((part, p) => Array.from({ length: COUNTS[2]![p]! }, (_, i) => wordsOf(part, i))).sort());
    for (const line of large) {
      expect(line.px, line.text).toBeGreaterThanOrEqual(20);
      expect(line.whole, line.text).toBe(true);
    }
    expect(await facilitator.getByLabel('Op de projector').inputValue()).toBe('house');
    await saveScreenshot(projector, 'projector-house-1280x720');

    await press('0', 'wall');
    await projector.locator('.wall').waitFor({ timeout: 20_000 });
    // A click on a house shows it large too; Esc goes back to what the phase shows (the wall).
    await popup.locator(`.wall-house[data-group="${groups[5]!.id}"]`).click();
    await projector.locator('.house-large .wall-house-name', { hasText: 'Groep 6' }).waitFor({ timeout: 20_000 });
    await press('Escape', 'auto');
    await projector.locator('.wall').waitFor({ timeout: 20_000 });
    expect(await facilitator.getByLabel('Op de projector').inputValue()).toBe('auto');
  });

  it('shows the timer and counts down on the projector, and stops when paused', async () => {
    const first = (await clock(projector))!;
    // 45 minutes from the start of building, a minute or two ago.
    expect(seconds(first)).toBeGreaterThan(40 * 60);
    expect(seconds(first)).toBeLessThanOrEqual(45 * 60);
    await expect.poll(async () => seconds((await clock(projector)) ?? '0'), { timeout: 5000 }).toBeLessThan(seconds(first));
    const run = readRun(runPeer());
    writeTimer(runPeer(), pauseTimer(run.timer, Date.now()));
    await projector.locator('.projector-timer-paused', { hasText: 'stil' }).waitFor();
    const still = await clock(projector);
    await projector.waitForTimeout(1500);
    expect(await clock(projector)).toBe(still);
  });

  it("brings a participant's laptop to the projector's view while the facilitator asks, and back", async () => {
    await facilitator.getByLabel('Volg het scherm').check();
    await amira.getByText('De begeleider laat iedereen meekijken met het scherm.').waitFor({ timeout: 20_000 });
    // The whole wall, other groups' houses included (watched over the relay while following).
    const want = Object.fromEntries(Object.entries(await wallSeen(projector)).map(([id, h]) => [id, PARTS.map((p) => h.parts[p]!.count)]));
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await wallSeen(amira)).map(([id, h]) => [id, PARTS.map((p) => h.parts[p]!.count)])), { timeout: 30_000 })
      .toEqual(want);
    await press('4', 'house');
    await amira.locator('.house-large .wall-house-name', { hasText: 'Groep 4' }).waitFor({ timeout: 20_000 });
    // Read-only: Amira's keys choose nothing.
    await amira.keyboard.press('2');
    await amira.waitForTimeout(500);
    expect(await projector.locator('.house-large .wall-house-name').innerText()).toBe('Groep 4');
    await saveScreenshot(amira, 'projector-follow-laptop');
    expect(await seriousProblems(amira)).toEqual([]);

    await facilitator.getByLabel('Volg het scherm').uncheck();
    await amira.getByRole('heading', { name: 'Groep 1' }).waitFor({ timeout: 20_000 });
    expect(await noteTexts(amira)).toContain('Samen met school en ouders');
    await press('0', 'wall');
  });

  it('shows the case once the facilitator approved it, with the discussion points, and the closing words', async () => {
    const agenda = readAgenda(runPeer());
    goToPhase(runPeer(), agenda.find((p) => p.kind === 'case')!.id, Date.now());
    // Before a case is approved: the phase's own instruction.
    const instruction = (kind: string) => agenda.find((p) => p.kind === kind)!.instruction;
    await projector.locator('.phase-text-words', { hasText: instruction('case') }).waitFor({ timeout: 20_000 });
    writeCaseField(runPeer(), 'caseText', CASE);
    await projector.waitForTimeout(500);
    // Not shown before it is checked and approved.
    expect(await projector.locator('.phase-text-words').innerText()).toBe(instruction('case'));
    approveCase(runPeer(), CASE, Date.now());
    for (const point of POINTS) addDiscussionPoint(runPeer(), point, Date.now());
    await projector.locator('.phase-text-words', { hasText: 'gezinshuis' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => projector.locator('.phase-text-points li').allInnerTexts()).toEqual(POINTS);
    const size = await projector.locator('.phase-text-words').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22);

    goToPhase(runPeer(), agenda.find((p) => p.kind === 'closing')!.id, Date.now());
    await projector.locator('.phase-text-words', { hasText: instruction('closing') }).waitFor({ timeout: 20_000 });
    writeCaseField(runPeer(), 'closingWords', CLOSING);
    await projector.locator('.phase-text-words', { hasText: 'grote afwezige' }).waitFor({ timeout: 20_000 });
    expect(await projector.locator('.phase-text-points').count()).toBe(0);
  });

  it('says who is at the table on the welcome, and under the wall what the whole room misses', async () => {
    const agenda = readAgenda(runPeer());
    goToPhase(runPeer(), agenda.find((p) => p.kind === 'welcome')!.id, Date.now());
    // Amira (lokaal team) joined group 1: the room has one domain and misses the others.
    const roster = projector.locator('.welcome-roster');
    await roster.waitFor({ timeout: 20_000 });
    expect(await roster.locator('.roster-counts li').allTextContents()).toEqual(['Lokaal team 1']);
    expect(await roster.locator('.roster-flag').textContent()).toBe(
      'Ontbreekt in de hele zaal: gezin, school, vrije tijd, zorgaanbieder en ouder/ervaringsdeskundige',
    );
    goToPhase(runPeer(), agenda.find((p) => p.kind === 'build')!.id, Date.now());
    await projector.locator('.projector-roster-strip', { hasText: 'Ontbreekt in de hele zaal: gezin, school' }).waitFor({ timeout: 20_000 });
    const sizes = await measureWall(projector);
    expect(sizes.clipped).toEqual([]);
    expect(sizes.linesShown).toBeGreaterThanOrEqual(12);
  });

  it('takes screenshots of every view at 1280 × 720 and 1920 × 1080, all readable, none with a serious accessibility problem', async () => {
    const agenda = readAgenda(runPeer());
    const problems: Record<string, string[]> = {};
    for (const size of [P720, P1080]) {
      await projector.setViewportSize(size);
      const name = `${size.width}x${size.height}`;
      for (const kind of ['welcome', 'case', 'build', 'closing'] as const) {
        goToPhase(runPeer(), agenda.find((p) => p.kind === kind)!.id, Date.now());
        const view = { welcome: '.welcome', case: '.phase-text', build: '.wall', closing: '.phase-text' }[kind];
        await projector.locator(view).waitFor({ timeout: 20_000 });
        await projector.locator('.projector-phase', { hasText: agenda.find((p) => p.kind === kind)!.title }).waitFor();
        if (kind === 'welcome') {
          // Title, address, code and who is at the table all on the screen, none cut off.
          await projector.locator('.welcome-roster').waitFor();
          const bottoms = await projector.locator('.welcome-title, .welcome-code, .welcome-roster').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
          for (const bottom of bottoms) expect(bottom).toBeLessThanOrEqual(size.height);
        }
        if (kind === 'build') {
          await expect.poll(async () => (await measureWall(projector)).linesShown).toBeGreaterThan(12);
          const sizes = await measureWall(projector);
          console.log(`projector wall ${name}, 6 houses: ${JSON.stringify(sizes)}`);
          expect(sizes.clipped).toEqual([]);
          expect(sizes.namePx).toBeGreaterThanOrEqual(24);
        }
        await saveScreenshot(projector, `projector-${kind === 'build' ? 'wall' : kind}-${name}`);
        if (size === P720) problems[kind] = await seriousProblems(projector);
      }
      // The facilitator's window has the closing phase before its key is pressed.
      await popup.locator('.projector-phase', { hasText: 'Afsluiting' }).waitFor({ timeout: 20_000 });
      await press('5', 'house');
      await projector.locator('.house-large .wall-house-name', { hasText: 'Groep 5' }).waitFor({ timeout: 20_000 });
      await projector.waitForTimeout(300);
      await saveScreenshot(projector, `projector-house-${name}`);
      if (size === P720) problems.house = await seriousProblems(projector);
      await press('Escape', 'auto');
    }
    expect(problems).toEqual({ welcome: [], case: [], build: [], closing: [], house: [] });
  });

  it('holds twelve houses at 1280 × 720: names and counts 24 px or more, nothing cut off', async () => {
    await projector.setViewportSize(P720);
    goToPhase(runPeer(), readAgenda(runPeer()).find((p) => p.kind === 'build')!.id, Date.now());
    for (let i = 7; i <= 12; i++) addGroup(runPeer(), `Groep ${i}`);
    await expect.poll(async () => (await measureWall(projector)).houses, { timeout: 20_000 }).toBe(12);
    await projector.waitForTimeout(300);
    const sizes = await measureWall(projector);
    console.log(`projector wall 1280×720, 12 houses: ${JSON.stringify(sizes)}`);
    expect(sizes.namePx).toBeGreaterThanOrEqual(24);
    expect(sizes.countPx).toBeGreaterThanOrEqual(24);
    expect(sizes.linePx).toBeGreaterThanOrEqual(14);
    expect(sizes.clipped).toEqual([]);
    await saveScreenshot(projector, 'projector-wall-12-1280x720');
    expect(errors).toEqual([]);
  });
});

describe("the projector window of the facilitator's app, before the session is live", () => {
  const env = rendererAndBrowser();

  it("follows the facilitator's window (its docs are shared between the app's windows), and its keys reach the session page", async () => {
    const page = await env.chromium.page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const sessionId = await createSession(page, env.host.url, { title: 'Voorbereiding', groups: 2 });
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Projector openen' }).click()]);
    popup.on('pageerror', (e) => errors.push(String(e)));
    await popup.setViewportSize(P720);
    // Not live: the welcome says where the code will be.
    await popup.getByText('Zet de sessie live om hier het adres en de code te tonen.').waitFor();

    await page.getByLabel('Op de projector').selectOption('wall');
    await popup.locator('.wall').waitFor();
    const ids = await page.locator('.group-card').evaluateAll((cards) => cards.map((c) => new URL((c as HTMLAnchorElement).href).hash.split('/')[4]!));
    const readGroupId = (group: number) => ids[group - 1]!;
    const walls = async (group: number) => (await wallSeen(popup))[readGroupId(group)]?.parts.walls;
    expect((await walls(1))?.count).toBe(0);

    // A note written in the facilitator's window shows on the projector's at once.
    await openBoard(page, env.host.url, sessionId, 'Groep 1');
    await addNote(page, '2', 'Werk systemisch');
    await expect.poll(async () => (await walls(1))?.lines).toEqual(['Werk systemisch']);

    // The projector window's key is the facilitator's choice, on the session page too.
    await popup.keyboard.press('2');
    await popup.locator('.house-large .wall-house-name', { hasText: 'Groep 2' }).waitFor();
    await page.goto(`${env.host.url}/#/sessie/${sessionId}`);
    await expect.poll(() => page.getByLabel('Op de projector').inputValue()).toBe('house');
    expect(await page.getByLabel('Welk huis').inputValue()).toBe(readGroupId(2));
    expect(errors).toEqual([]);
  });
});
