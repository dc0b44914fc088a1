import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { readAgenda } from '../../shared/schema/agenda';
import { sessionDocName } from '../../shared/schema/docNames';
import { ZO_THUIS_MOGELIJK as SAMPLE } from '../../shared/sample/zoThuisMogelijk';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY, join, localDoc, seesNote } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';
import { normaliseJoinCode } from '../../shared/live';

/**
 * A first-time facilitator opens the sample session from the empty library: three full houses of
 * seed 000's words and who sat at the tables, school missing as in the seed. They put it live and
 * a teacher joins group 2 from her own laptop (a separate Chromium process): the flag goes, live.
 */

const TITLE = 'Themabijeenkomst Zo thuis mogelijk!';
const RENAMED = 'Zo thuis mogelijk! (om te proberen)';
const ROOM_FLAG_SCHOOL = 'Onderwijs ontbreekt in de hele zaal.';

function row(page: Page): Locator {
  // Its copy, "Kopie van …", is not it.
  return page.locator('.session-row').filter({ has: page.locator('.session-title', { hasText: new RegExp(`^${TITLE}`) }) });
}

function roster(page: Page): Locator {
  return page.getByRole('region', { name: 'Wie zit er aan tafel' });
}

/** Chips as a screen reader reads them ("Zorgaanbieder 4"; innerText would break the line). */
async function chips(list: Locator): Promise<string[]> {
  return (await list.getByRole('listitem').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** The room's domains with their counts. */
function roomCounts(page: Page): Promise<string[]> {
  return chips(roster(page).getByRole('list', { name: 'Domeinen in de zaal' }));
}

/** The room-wide flags, then each group's, as the facilitator reads them. */
function flags(page: Page): Promise<string[]> {
  return roster(page).locator('.roster-flag').allInnerTexts();
}

/** The notes panel's notes of one part of the house. */
function panelTexts(page: Page, zone: string): Promise<string[]> {
  return page.locator(`.notes-panel section[data-zone="${zone}"] .panel-note .clamp`).allInnerTexts();
}

describe('the sample session, from the empty library to a live room', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitator: Page;
  let teacher: Page;
  let sessionId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-sample-'));
    live = await startLiveHost(dataDir);
    for (let i = 0; i < 2; i++) browsers.push(await launchChromium());
    facilitator = await browsers[0]!.page();
    teacher = await browsers[1]!.page();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens from the empty library, is listed with its note count, and opens as the same sample again', async () => {
    await facilitator.goto(live.url);
    await facilitator.getByText('Nog geen sessies').waitFor();
    await saveScreenshot(facilitator, 'sample-empty-library');
    await facilitator.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await facilitator.getByRole('heading', { name: TITLE }).waitFor();
    sessionId = decodeURIComponent(new URL(facilitator.url()).hash.split('/')[2]!);
    await facilitator.getByText('14 september 2023').waitFor();
    expect(await facilitator.locator('.group-card .group-name').allInnerTexts()).toEqual(['Groep 1', 'Groep 2', 'Groep 3']);
    await expect.poll(() => facilitator.locator('.group-card .group-count').allInnerTexts()).toEqual(['16 notities', '15 notities', '14 notities']);

    await facilitator.getByRole('link', { name: /Alle sessies/ }).click();
    await row(facilitator).getByText('45 notities').waitFor();
    await row(facilitator).getByText('Voorbeeld', { exact: true }).waitFor();
    // Below a library that has sessions the sample is still there, quietly, and it is the same one.
    await facilitator.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await facilitator.getByRole('heading', { name: TITLE }).waitFor();
    expect(decodeURIComponent(new URL(facilitator.url()).hash.split('/')[2]!)).toBe(sessionId);
    await facilitator.goto(live.url);
    await row(facilitator).waitFor();
    expect(await facilitator.locator('.session-row').count()).toBe(1);

    // A full copy is the user's own session, not a second sample.
    await row(facilitator).getByRole('button', { name: 'Dupliceren' }).click();
    const copy = facilitator.getByRole('dialog', { name: 'Sessie dupliceren' });
    await copy.getByRole('radio', { name: /Alles, met alle notities/ }).check();
    await copy.getByRole('button', { name: 'Dupliceren' }).click();
    const copyRow = facilitator.locator('.session-row', { hasText: `Kopie van ${TITLE}` });
    await copyRow.getByText('45 notities').waitFor();
    expect(await copyRow.getByText('Voorbeeld', { exact: true }).count()).toBe(0);
    // Renamed, it is still the sample (its row is refreshed from the doc, the mark kept).
    await row(facilitator).getByRole('button', { name: 'Naam wijzigen' }).click();
    const rename = facilitator.getByRole('dialog', { name: 'Naam van de sessie wijzigen' });
    await rename.getByLabel('Titel').fill(RENAMED);
    await rename.getByRole('button', { name: 'Opslaan' }).click();
    const renamedRow = facilitator.locator('.session-row', { hasText: RENAMED });
    await renamedRow.getByText('Voorbeeld', { exact: true }).waitFor();
    await saveScreenshot(facilitator, 'sample-library');
    await facilitator.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await facilitator.getByRole('heading', { name: RENAMED }).waitFor();
    expect(decodeURIComponent(new URL(facilitator.url()).hash.split('/')[2]!)).toBe(sessionId);
    await saveScreenshot(facilitator, 'sample-session-page');

    // The default agenda, seed 000's morning, is in the session the facilitator's laptop keeps.
    const agenda = readAgenda(await localDoc(facilitator, sessionDocName(sessionId)));
    expect(agenda.map((p) => p.title)).toEqual(['Welkom', 'Plenaire casus', 'Huis bouwen in deelgroepen', 'Reflectie', 'Afsluiting']);
  });

  it("shows every house's notes in the part of the house they answer", async () => {
    for (const group of SAMPLE.groups) {
      await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
      await facilitator.locator('.group-card', { hasText: group.name }).click();
      await facilitator.getByRole('heading', { name: group.name }).waitFor();
      for (const zone of ['roof', 'walls', 'foundation'] as const) {
        const wanted = group.notes.filter((n) => n.zone === zone).map((n) => n.text);
        await expect.poll(async () => (await panelTexts(facilitator, zone)).sort(), { message: `${group.name} ${zone}` }).toEqual([...wanted].sort());
      }
      expect(await panelTexts(facilitator, 'parked')).toEqual([]);
      if (group.name === 'Groep 1') {
        await facilitator.getByText('Alles bewaard').waitFor();
        await saveScreenshot(facilitator, 'sample-house-groep-1');
      }
    }
  });

  it('shows who is at the table: the domains per group and in the room, onderwijs flagged as missing', async () => {
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await roster(facilitator).getByText('13 deelnemers · 1 zonder domein').waitFor();
    expect(await roomCounts(facilitator)).toEqual([
      'Gezin 1',
      'Vrije tijd 1',
      'Lokaal team 3',
      'Zorgaanbieder 4',
      'Ouder / ervaringsdeskundige 2',
      'Beleid 1',
    ]);
    expect(await flags(facilitator)).toEqual([
      ROOM_FLAG_SCHOOL,
      'Groep 1: geen gezin of school',
      'Groep 2: geen gezin, school, vrije tijd of ouder/ervaringsdeskundige',
      'Groep 3: geen school of vrije tijd',
    ]);
    await saveScreenshot(roster(facilitator), 'sample-roster-school-missing');
  });

  it('drops the flag live when a teacher joins group 2 from her own laptop', async () => {
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    const code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    expect(await flags(facilitator)).toContain(ROOM_FLAG_SCHOOL);

    await join(teacher, live.url, code, 'Groep 2', 'Sanne', 'School');
    // She is in the real live session: her group's sample house is on her laptop.
    await seesNote(teacher, 'Niet alleen staan in een casus');

    await expect.poll(() => flags(facilitator), { timeout: 20_000 }).toEqual([
      'Groep 1: geen gezin of school',
      'Groep 2: geen gezin, vrije tijd of ouder/ervaringsdeskundige',
      'Groep 3: geen school of vrije tijd',
    ]);
    await roster(facilitator).getByText('Alle domeinen zitten in de zaal aan tafel.').waitFor();
    await roster(facilitator).getByText('14 deelnemers · 1 zonder domein').waitFor();
    expect(await roomCounts(facilitator)).toContain('School 1');
    const group2 = roster(facilitator).locator('.roster-group', { hasText: 'Groep 2' });
    expect(await chips(group2)).toEqual(['School 1', 'Lokaal team 1', 'Zorgaanbieder 2', 'Beleid 1']);
    await saveScreenshot(roster(facilitator), 'sample-roster-teacher-joined');
  });
});
