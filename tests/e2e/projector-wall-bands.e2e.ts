import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goToPhase, readAgenda, readRun } from '../../shared/schema/agenda';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { addGroup, readGroups, renameGroup, type Group } from '../../shared/schema/group';
import { NOTE_HEIGHT, NOTE_WIDTH, addNote, readNotes } from '../../shared/schema/note';
import { setTableDone } from '../../shared/schema/tableDone';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { normaliseJoinCode } from '../../shared/live';
import { People } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY, createSession } from './support/liveSession';
import { relayPeer, type RelayPeer } from './support/relayPeer';
import { saveScreenshot } from './support/screenshots';

/**
 * The projector wall compared at a glance: houses with very different numbers of notes side by
 * side (a full house of 80, an empty one, houses with an empty roof, walls or foundation), the
 * seeds' long Dutch sentences and long words, a long group name and tables marked done; at 6, 8
 * and 12 houses on a 1280 × 720 and a 1920 × 1080 projector, roof, walls and foundation must be
 * bands that line up across every house of a row, and across the whole wall.
 */

const P720 = { width: 1280, height: 720 } as const;
const P1080 = { width: 1920, height: 1080 } as const;

/** Words from the seeds (shared/seeds), long ones among them, by the part of the house they answer. */
const SEED = {
  roof: [
    'Ruimte bieden aan innovatie en het vertrouwen aan elkaar geven om dit uit te voeren',
    'Vertrouwen van leidinggevenden',
    'Onderwijs betrekken: onderwijs is vaak de grote afwezige, zorg dat onderwijs aan tafel zit',
    'Ouders versterken door het overbrengen van kennis en contact met ouders in soortgelijke situaties',
    'Tijd voor het opbouwen van een relatie, voor het échte contact, ook bij een zware caseload',
    'Een afwegingshandreiking voor jeugdhulp voor professionals lokale teams',
  ],
  walls: [
    'Werk systemisch',
    '1Gezin1Plan1Regisseur',
    'Een team rondom een jeugdige samenstellen, bestaande uit de domeinen waarin een jeugdige verkeert (gezin, school, vrije tijd)',
    'Verwachtingen afstemmen van ieders rol en op welke wijze werken wij met elkaar samen',
    'Verklarende analyse inzetten als de geboden hulp niet voldoende lijkt te zijn',
    'Vroegtijdig samen oplopen van professionals lokale teams met (verblijfs)jeugdhulpaanbieders',
  ],
  foundation: [
    'Kennis van gezin, school en vrije tijd',
    'Ervaringsdeskundigheid',
    'Kennis van complexe problematiek onder jeugdigen',
    'Een goede verklarende probleem- en krachtenanalyse, gemaakt voorafgaand aan de uithuisplaatsing',
    'Trainings- en implementatieprogramma procesregie',
    'Pleegzorgorganisaties, gezinshuizen en steunouders werven en ondersteunen',
  ],
} as const;
type Part = keyof typeof SEED;
const PARTS: readonly Part[] = ['roof', 'walls', 'foundation'];

/** Notes per part (roof, walls, foundation) of groups 1–12: a full house, an empty one, empty parts. */
const COUNTS: readonly (readonly [number, number, number])[] = [
  [3, 4, 4],
  [0, 7, 2],
  [9, 0, 5],
  [1, 2, 0],
  [26, 28, 26],
  [0, 0, 0],
  [5, 5, 5],
  [2, 12, 1],
  [1, 1, 1],
  [0, 3, 0],
  [6, 0, 6],
  [4, 4, 4],
];

/** A group name as long as a room writes them (seed 000's domains), on a house of its own. */
const LONG_NAME = 'Lokaal team, school en zorgaanbieder samen';

/** Where one part's band of one house lies on the screen (CSS px), and what it holds. */
interface Band {
  group: string;
  zone: string;
  top: number;
  bottom: number;
  /** The top of the house it belongs to: bands are compared between houses of one row. */
  houseTop: number;
  /** Note lines whose box leaves the band (cut off, or drawn over the next part). */
  outside: string[];
  lines: number;
}

async function bands(page: Page): Promise<Band[]> {
  return page.locator('.wall .wall-part').evaluateAll((parts) =>
    parts.map((part) => {
      const box = part.getBoundingClientRect();
      const house = part.closest('.wall-house')!;
      const frame = house.querySelector('.wall-house-frame')!.getBoundingClientRect();
      const lines = [...part.querySelectorAll('.wall-line')];
      const outside = lines
        .filter((line) => {
          const b = line.getBoundingClientRect();
          return b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5 || b.bottom > frame.bottom + 0.5;
        })
        .map((line) => line.textContent ?? '');
      return { group: house.getAttribute('data-group') ?? '', zone: part.getAttribute('data-zone') ?? '', top: box.top, bottom: box.bottom, houseTop: frame.top, outside, lines: lines.length };
    }),
  );
}

/**
 * What is out of line: for every part, the bands of the houses of one row whose top or bottom is
 * more than 1 px from the first house's, and over the whole wall the bands whose place in their
 * house differs by more than 1 px from the first house's.
 */
function misaligned(all: readonly Band[]): string[] {
  const problems: string[] = [];
  const rows = new Map<number, Band[]>();
  for (const band of all) {
    const row = [...rows.keys()].find((top) => Math.abs(top - band.houseTop) <= 1) ?? band.houseTop;
    rows.set(row, [...(rows.get(row) ?? []), band]);
  }
  for (const [row, inRow] of rows) {
    for (const zone of PARTS) {
      const [first, ...rest] = inRow.filter((b) => b.zone === zone);
      for (const band of rest) {
        if (Math.abs(band.top - first!.top) > 1 || Math.abs(band.bottom - first!.bottom) > 1)
          problems.push(`row at ${Math.round(row)}, ${zone}: ${band.group} ${band.top.toFixed(1)}–${band.bottom.toFixed(1)} against ${first!.top.toFixed(1)}–${first!.bottom.toFixed(1)}`);
      }
    }
  }
  for (const zone of PARTS) {
    const [first, ...rest] = all.filter((b) => b.zone === zone);
    for (const band of rest) {
      const at = (b: Band) => [b.top - b.houseTop, b.bottom - b.houseTop];
      const [top, bottom] = at(band);
      const [top0, bottom0] = at(first!);
      if (Math.abs(top! - top0!) > 1 || Math.abs(bottom! - bottom0!) > 1) problems.push(`wall, ${zone}: ${band.group} at ${top!.toFixed(1)}–${bottom!.toFixed(1)} in its house, ${first!.group} at ${top0!.toFixed(1)}–${bottom0!.toFixed(1)}`);
    }
  }
  return problems;
}

describe('the projector wall: the parts of every house line up as bands', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const people = new People();
  const { errors } = people;
  const peers: RelayPeer[] = [];
  let projector: Page;
  let session: RelayPeer;
  let room: RelayPeer;
  let sessionId: string;
  let code: string;

  /** Fills the board of `group` (the i-th) with COUNTS[i] notes of the seeds' words, over the relay as its laptops would. */
  const fill = async (group: Group, i: number) => {
    const board = await relayPeer(live.url, code, boardDocName(sessionId, group.id), { role: 'facilitator' });
    peers.push(board);
    board.doc.transact(() => {
      PARTS.forEach((part, p) => {
        const zone = HOUSE_TEMPLATE.zones.find((z) => z.id === part)!;
        for (let n = 0; n < COUNTS[i]![p]!; n++) {
          const occupied = readNotes(board.doc).map((note) => ({ x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }));
          addNote(board.doc, HOUSE_TEMPLATE, { ...freeSpotInZone(HOUSE_TEMPLATE, zone, occupied), text: SEED[part][(n + i) % SEED[part].length]! });
        }
      });
    });
  };

  /** The counts the projector shows, house by house in wall order (roof, walls, foundation). */
  const shownCounts = () => projector.locator('.wall-house').evaluateAll((houses) => houses.map((h) => [...h.querySelectorAll('.wall-part-count')].map((c) => Number(c.textContent))));

  /** The wall of `houses` houses at `size`: every house's counts right, then the bands compared and a screenshot. */
  const check = async (houses: number, size: { width: number; height: number }) => {
    await projector.setViewportSize(size);
    await expect.poll(shownCounts, { timeout: 30_000 }).toEqual(COUNTS.slice(0, houses));
    // The keys' hint (shown a while after the pointer moved) is gone from the picture.
    await projector.locator('.projector-hint').waitFor({ state: 'detached', timeout: 10_000 });
    // Laid out again for the new size (each house measures its room when it is resized): the
    // bands must come in line within a moment, and stay so.
    await expect.poll(async () => misaligned(await bands(projector)), { timeout: 5000 }).toEqual([]);
    const all = await bands(projector);
    expect(all).toHaveLength(houses * 3);
    const file = await saveScreenshot(projector, `projector-wall-bands-${houses}-${size.width}x${size.height}`);
    expect(misaligned(all), file).toEqual([]);
    expect(all.flatMap((b) => b.outside), file).toEqual([]);
    return all;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-bands-'));
    live = await startLiveHost(dataDir);
    const facilitator = await people.launch();
    projector = await people.launch();

    sessionId = await createSession(facilitator, live.url, { title: 'Zo thuis mogelijk!', groups: 6 });
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    session = await relayPeer(live.url, code, sessionDocName(sessionId), { role: 'facilitator' });
    room = await relayPeer(live.url, code, roomDocName(sessionId), { role: 'facilitator' });
    peers.push(session, room);
    const groups = readGroups(session.doc);
    expect(groups).toHaveLength(6);
    renameGroup(session.doc, groups[2]!.id, LONG_NAME);
    for (const [i, group] of groups.entries()) await fill(group, i);

    // The projector on another computer, opened with the address the facilitator's page gives.
    await facilitator.getByText('Projector op een andere computer?').click();
    const link = await facilitator.getByLabel('Adres voor de projector op een andere computer').inputValue();
    await projector.setViewportSize(P720);
    await projector.goto(link);
    await projector.locator('.welcome').waitFor({ timeout: 30_000 });
    goToPhase(session.doc, readAgenda(session.doc).find((p) => p.kind === 'build')!.id, Date.now());
    await projector.locator('.wall').waitFor({ timeout: 20_000 });
    // Two tables done: their houses carry the mark in their head, beside the others without.
    const phaseId = readRun(session.doc).phaseId!;
    for (const group of [groups[0]!, groups[4]!]) setTableDone(room.doc, group.id, phaseId, true);
    await projector.getByText('2 van 6 groepen klaar').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    for (const peer of peers) peer.close();
    await people.closeAll();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('six houses (3 × 2) at 1280 × 720 and 1920 × 1080: every band in line, the words shown inside their band', async () => {
    for (const size of [P720, P1080]) {
      const all = await check(6, size);
      // Room for words, not only counts: the full house shows lines in every part.
      const full = all.filter((b) => b.group === readGroups(session.doc)[4]!.id);
      for (const band of full) expect(band.lines, `${size.width}: ${band.zone}`).toBeGreaterThan(0);
    }
    // A house with an empty roof keeps the roof's band as tall as its neighbours' (checked above), with no line in it.
    const empty = (await bands(projector)).find((b) => b.group === readGroups(session.doc)[1]!.id && b.zone === 'roof')!;
    expect(empty.lines).toBe(0);
    expect(empty.bottom - empty.top).toBeGreaterThan(60);
  });

  it('eight houses (4 × 2), the new ones filled while the wall shows, in line at both sizes', async () => {
    for (const name of ['Groep 7', 'Groep 8']) addGroup(session.doc, name);
    const groups = readGroups(session.doc);
    for (const i of [6, 7]) await fill(groups[i]!, i);
    for (const size of [P720, P1080]) await check(8, size);
  });

  it('twelve houses (4 × 3) in line at both sizes, words giving way to counts where they do not fit', async () => {
    for (let n = 9; n <= 12; n++) addGroup(session.doc, `Groep ${n}`);
    const groups = readGroups(session.doc);
    for (let i = 8; i < 12; i++) await fill(groups[i]!, i);
    for (const size of [P720, P1080]) await check(12, size);
    expect(errors).toEqual([]);
  });
});
