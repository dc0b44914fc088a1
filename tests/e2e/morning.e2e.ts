import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { EDITOR, addNote, createSession, join, noteTexts, seesNote, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Seed 000's morning, "Zo thuis mogelijk!" (14 September 2023), run from the facilitator's session
 * page: the agenda (welcome, a case discussed in plenary, building the house in subgroups, the
 * closing reflection, the closing words), and three subgroups at their own laptops, each a separate
 * Chromium process that joined through the live session. Amira (lokaal team) builds at table 1,
 * Bram (school) at table 2, Chris (ouder / ervaringsdeskundige) at table 3 — on a laptop whose
 * clock is seven minutes behind.
 */

const TITLE = 'Themabijeenkomst Zo thuis mogelijk!';
const BUILD = 'Huis bouwen in deelgroepen';
const BUILD_INSTRUCTION = 'Bouw met je subgroep een huis: kennis en kunde in het fundament, werkwijze in de muren, wat we nodig hebben in het dak.';
const PAUSED = 'Pauze: de begeleider heeft alles even stilgezet';
const READ_ONLY = 'In deze fase zijn de huizen alleen te lezen';
const TIME_UP = 'De tijd is om';
const SKEW_MS = -7 * 60_000;

/** This laptop's clock runs SKEW_MS off (Date only; timers run as ever), from its first script. */
const SKEWED_CLOCK = `(() => {
  const Real = Date;
  class Skewed extends Real {
    constructor(...args) { if (args.length === 0) super(Real.now() + (${SKEW_MS})); else super(...args); }
    static now() { return Real.now() + (${SKEW_MS}); }
  }
  globalThis.Date = Skewed;
})();`;

const banner = (page: Page) => page.getByRole('region', { name: 'Waar we nu zijn' });
const phaseTitle = (page: Page) => banner(page).locator('.phase-title').innerText();
const reasonText = (page: Page) => banner(page).locator('.phase-reason').innerText();

/** The time left a banner (or the facilitator's timer) shows, in seconds. */
async function shownSeconds(page: Page, where = '.phase-clock .clock-digits'): Promise<number> {
  const text = await page.locator(where).innerText();
  const [m, s] = text.split(':').map(Number);
  return m! * 60 + s!;
}

async function seesPhase(page: Page, title: string): Promise<void> {
  await expect.poll(() => phaseTitle(page).catch(() => ''), { timeout: 15_000, message: `${title} on ${page.url()}` }).toBe(title);
}

/** Presses keys on the board (as someone who wants a note in the foundation and types) and checks nothing changed. */
async function typingDoesNothing(page: Page): Promise<void> {
  const before = await noteTexts(page);
  await page.getByRole('application').focus();
  await page.keyboard.press('1');
  await page.keyboard.type('Werk systemisch');
  await page.keyboard.press('Enter');
  expect(await page.getByRole('textbox', { name: EDITOR }).count()).toBe(0);
  expect(await noteTexts(page)).toEqual(before);
}

describe("seed 000's morning: agenda, phases and timer that every laptop follows", () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitator: Page;
  let amira: Page;
  let bram: Page;
  let chris: Page;
  let chrisBrowser: LaunchedChromium;
  let code: string;
  const participants = () => [amira, bram, chris];
  const button = (name: string) => facilitator.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-morning-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      return b;
    };
    facilitator = await (await launch()).page();
    amira = await (await launch()).page();
    bram = await (await launch()).page();
    chrisBrowser = await launch();
    chris = await chrisBrowser.page();
    await chris.addInitScript(SKEWED_CLOCK);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("sets the agenda: seed 000's morning by default, the build phase edited with the keyboard", async () => {
    await createSession(facilitator, live.url, { title: TITLE, groups: 3 });
    const agenda = facilitator.getByRole('list', { name: 'Agenda' });
    await expect
      .poll(() => agenda.locator('.agenda-title strong').allInnerTexts())
      .toEqual(['Welkom', 'Plenaire casus', BUILD, 'Reflectie', 'Afsluiting']);
    expect(await facilitator.getByText('Nog niet gestart. Tot de start zijn alle huizen open.').count()).toBe(1);

    await button(`${BUILD} bewerken`).focus();
    await facilitator.keyboard.press('Enter');
    const form = facilitator.getByRole('form', { name: 'Fase bewerken' });
    // The title field has the keyboard; Tab leads to the minutes.
    expect(await facilitator.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(BUILD);
    await facilitator.keyboard.press('Tab');
    await facilitator.keyboard.press('Control+a');
    await facilitator.keyboard.type('0');
    await facilitator.keyboard.press('Enter');
    await form.getByText('Vul een heel aantal minuten in, van 1 tot 240.').first().waitFor();
    await form.getByLabel('Minuten').fill('40');
    await form.getByLabel('Instructie voor de deelnemers').fill(BUILD_INSTRUCTION);
    await saveScreenshot(facilitator, 'morning-agenda-edit');
    await form.getByLabel('Minuten').press('Enter');
    await form.waitFor({ state: 'detached' });
    // Back on the button it came from.
    expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${BUILD} bewerken`);
    await agenda.getByText('· 40 min').waitFor();

    // Removing asks first, with the keyboard on the answer; Esc keeps the phase.
    await agenda.getByRole('button', { name: 'Reflectie verwijderen' }).press('Enter');
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.textContent)).toBe('Ja, verwijderen');
    await facilitator.keyboard.press('Escape');
    await agenda.getByRole('group', { name: 'Reflectie verwijderen' }).waitFor({ state: 'detached' });
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reflectie verwijderen');
    expect(await agenda.locator('.agenda-title strong').allInnerTexts()).toContain('Reflectie');

    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    code = (await facilitator.locator('.join-code').innerText()).replace('-', '');
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await join(bram, live.url, code, 'Groep 2', 'Bram', 'School');
    await join(chris, live.url, code, 'Groep 3', 'Chris', 'Ouder / ervaringsdeskundige');
    // Before the start every house is open, as before phases, and no banner shows.
    for (const page of participants()) expect(await banner(page).count()).toBe(0);
    await addNote(amira, '1', 'Kennis van het gezinssysteem');
  });

  it('moves from the welcome to the case and then to building: every laptop follows, the case keeps houses read-only', async () => {
    await button('Start: Welkom →').click();
    for (const page of participants()) await seesPhase(page, 'Welkom');
    // A double-click (people double-click buttons) moves one phase, not two.
    await button('Volgende fase: Plenaire casus →').dblclick();
    for (const page of participants()) {
      await seesPhase(page, 'Plenaire casus');
      expect(await reasonText(page)).toBe(READ_ONLY);
    }
    await typingDoesNothing(bram);
    // The refused try says why again, as an alert.
    await bram.getByRole('alert').filter({ hasText: READ_ONLY }).waitFor();

    // The keyboard stays on the way forward from phase to phase.
    await button(`Volgende fase: ${BUILD} →`).focus();
    await facilitator.keyboard.press('Enter');
    expect(await facilitator.evaluate(() => document.activeElement?.textContent)).toBe('Volgende fase: Reflectie →');
    for (const page of participants()) {
      await seesPhase(page, BUILD);
      await banner(page).getByText(BUILD_INSTRUCTION).waitFor();
      expect(await banner(page).locator('.phase-reason').count()).toBe(0);
    }
    await addNote(amira, '2', 'Werk systemisch');
    await addNote(bram, '1', 'Zorg dat onderwijs betrokken wordt');
    await addNote(chris, '3', 'Vertrouwen om te innoveren');
    await seesNote(amira, 'Werk systemisch');
    await saveScreenshot(amira, 'morning-banner-build');
  });

  it('counts the time on every laptop from one end time, also on a laptop whose clock is seven minutes off', async () => {
    const first = await Promise.all(participants().map((page) => shownSeconds(page)));
    const theirs = await shownSeconds(facilitator, '.run-clock .clock-digits');
    // 40 minutes, started a few seconds ago; the same second everywhere (reading them takes a moment).
    for (const seconds of [...first, theirs]) {
      expect(seconds).toBeLessThanOrEqual(40 * 60);
      expect(Math.abs(seconds - theirs)).toBeLessThanOrEqual(1);
    }
    await amira.waitForTimeout(2200);
    const later = await Promise.all(participants().map((page) => shownSeconds(page)));
    later.forEach((seconds, i) => expect(first[i]! - seconds).toBeGreaterThanOrEqual(2));
  });

  it('freezes every board on "Pauze": an open note closes, a typed key does nothing, the reason shows; the timer stands still', async () => {
    await amira.getByRole('application').focus();
    await amira.keyboard.press('3');
    const editor = amira.getByRole('textbox', { name: EDITOR });
    await editor.pressSequentially('Ruimte voor');
    await button('Pauze').click();
    await editor.waitFor({ state: 'detached' });
    for (const page of participants()) await expect.poll(() => reasonText(page)).toBe(PAUSED);
    await typingDoesNothing(amira);
    await amira.getByRole('alert').filter({ hasText: PAUSED }).waitFor();
    // The words typed before the pause are kept.
    expect(await noteTexts(amira)).toContain('Ruimte voor');
    const frozen = await shownSeconds(chris);
    await chris.waitForTimeout(1500);
    expect(await shownSeconds(chris)).toBe(frozen);
    await saveScreenshot(amira, 'morning-banner-paused');
    await saveScreenshot(facilitator, 'morning-run-paused');

    await button('Verder').click();
    for (const page of participants()) await expect.poll(() => banner(page).locator('.phase-reason').count()).toBe(0);
    await expect.poll(() => shownSeconds(chris), { timeout: 5000 }).toBeLessThan(frozen);
    await addNote(amira, '3', 'Ruimte voor innovatie');
  });

  it('shows "2 van 3 groepen klaar" at the facilitator when two tables say so, and which', async () => {
    await amira.getByRole('button', { name: 'Wij zijn klaar' }).click();
    // A double-click says it once, and does not take it back at once.
    await chris.getByRole('button', { name: 'Wij zijn klaar' }).dblclick();
    await facilitator.getByText('2 van 3 groepen klaar').waitFor();
    // What is shown and what a screen reader hears with it.
    expect(await facilitator.locator('.done-groups li').allTextContents()).toEqual(['✓ Groep 1: klaar', '· Groep 2: nog bezig', '✓ Groep 3: klaar']);
    await amira.getByText('✓ Jullie groep is klaar').waitFor();
    // Taken back, and given again.
    await amira.getByRole('button', { name: 'Niet meer klaar' }).click();
    await facilitator.getByText('1 van 3 groepen klaar').waitFor();
    await amira.getByRole('button', { name: 'Wij zijn klaar' }).click();
    await facilitator.getByText('2 van 3 groepen klaar').waitFor();
    await saveScreenshot(facilitator.locator('.run-controls'), 'morning-run-controls');
  });

  it('gives a soft signal at one minute left, and ends editing when the time is up if the facilitator chose so', async () => {
    // The last minute of building: the phase set to one minute, the timer reset to it and started.
    await button(`${BUILD} bewerken`).click();
    const form = facilitator.getByRole('form', { name: 'Fase bewerken' });
    await form.getByLabel('Minuten').fill('1');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await button('Opnieuw (1 min)').click();
    await facilitator.getByLabel('Bewerken stopt als de tijd om is').check();
    await button('Timer starten').click();
    for (const page of participants()) {
      await banner(page).and(page.locator('.last-minute')).waitFor();
      // Said once to screen readers, never a sound.
      await expect.poll(() => banner(page).locator('.phase-said').textContent()).toBe('Nog één minuut.');
    }
    await saveScreenshot(bram, 'morning-banner-last-minute');
    for (const page of participants()) await expect.poll(() => reasonText(page).catch(() => ''), { timeout: 70_000 }).toBe(TIME_UP);
    await typingDoesNothing(chris);
    await button('+5 min').click();
    for (const page of participants()) await expect.poll(() => banner(page).locator('.phase-reason').count()).toBe(0);
    await addNote(chris, '1', 'Kennis van elkaars rol');
  });

  it('makes every board read-only in the reflection; the facilitator can still write', async () => {
    await button('Volgende fase: Reflectie →').click();
    for (const page of participants()) {
      await seesPhase(page, 'Reflectie');
      expect(await reasonText(page)).toBe(READ_ONLY);
      expect(await page.getByRole('group', { name: 'Notitie toevoegen' }).getByRole('button', { name: /Fundament/ }).isDisabled()).toBe(true);
      // A table's "klaar" belongs to the phase it was said in.
      expect(await page.getByRole('button', { name: 'Wij zijn klaar' }).count()).toBe(0);
    }
    await typingDoesNothing(bram);
    await saveScreenshot(bram, 'morning-banner-reflection');
    // A participant's session page shows where the room is, and none of the facilitator's controls.
    await bram.getByRole('link', { name: 'Terug naar de sessie' }).click();
    await seesPhase(bram, 'Reflectie');
    expect(await bram.getByRole('heading', { name: 'Programma' }).count()).toBe(0);
    expect(await bram.getByRole('button', { name: /^Volgende fase/ }).count()).toBe(0);
    await saveScreenshot(bram, 'morning-participant-session');
    await bram.locator('.group-card', { hasText: 'Groep 2' }).click();
    await bram.getByRole('heading', { name: 'Groep 2' }).waitFor();

    await facilitator.locator('.group-card', { hasText: 'Groep 1' }).click();
    await facilitator.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await expect.poll(() => reasonText(facilitator)).toMatch(/Jij kunt wel schrijven/);
    await addNote(facilitator, '3', 'Verwachtingen afstemmen van ieders rol');
    await seesNote(amira, 'Verwachtingen afstemmen van ieders rol');
    await facilitator.goBack();
    await facilitator.getByRole('heading', { name: TITLE }).waitFor();
  });

  it('brings a laptop that was offline during a phase change, or closed, up to date when it returns', async () => {
    // Offline as when the Wi-Fi drops: DevTools network emulation fails the relay socket and
    // every request, and the 'offline' event makes the app drop its WebRTC connections.
    await bram.context().setOffline(true);
    await status(bram, 'Offline — je werk is bewaard');
    await button('Volgende fase: Afsluiting →').click();
    await seesPhase(amira, 'Afsluiting');
    await seesPhase(chris, 'Afsluiting');
    await bram.waitForTimeout(1500);
    expect(await phaseTitle(bram)).toBe('Reflectie');
    expect(await bram.locator('.live-status').getAttribute('data-peers')).toBe('0');
    await bram.context().setOffline(false);
    await seesPhase(bram, 'Afsluiting');
    await status(bram, '● Live');

    // A laptop whose lid was closed: its page is gone while the facilitator pauses, and opened again.
    const boardUrl = chris.url();
    await chris.close();
    await button('Pauze').click();
    await expect.poll(() => reasonText(amira)).toBe(PAUSED);
    chris = await chrisBrowser.browser.contexts()[0]!.newPage();
    await chris.addInitScript(SKEWED_CLOCK);
    await chris.goto(boardUrl);
    await seesPhase(chris, 'Afsluiting');
    await expect.poll(() => reasonText(chris)).toBe(PAUSED);
    await button('Verder').click();
    await expect.poll(() => banner(chris).locator('.phase-reason').innerText().catch(() => '')).toBe(READ_ONLY);
  });

  it('keeps the agenda in a new session "from this one", and starts every copy before its first phase', async () => {
    const copy = async (kind: RegExp, title: string) => {
      await facilitator.goto(`${live.url}/#/`);
      await facilitator.locator('.session-row', { hasText: TITLE }).getByRole('button', { name: 'Dupliceren' }).click();
      const dialog = facilitator.getByRole('dialog', { name: 'Sessie dupliceren' });
      await dialog.getByRole('radio', { name: kind }).check();
      await dialog.getByLabel('Titel').fill(title);
      if (await dialog.getByLabel('Datum').count()) await dialog.getByLabel('Datum').fill('2023-11-02');
      await dialog.getByRole('button', { name: 'Dupliceren' }).click();
      await facilitator.locator('.session-row', { hasText: title }).getByRole('link').click();
      await facilitator.getByRole('heading', { name: title }).waitFor();
    };
    const agenda = facilitator.getByRole('list', { name: 'Agenda' });
    await copy(/Dezelfde opzet/, 'Zo thuis mogelijk! Tweede bijeenkomst');
    await agenda.getByText(BUILD_INSTRUCTION).waitFor();
    expect(await agenda.locator('.agenda-title strong').allInnerTexts()).toEqual(['Welkom', 'Plenaire casus', BUILD, 'Reflectie', 'Afsluiting']);
    await facilitator.getByText('Nog niet gestart. Tot de start zijn alle huizen open.').waitFor();
    await copy(/Alles, met alle notities/, 'Zo thuis mogelijk! Verslag');
    await agenda.getByText(BUILD_INSTRUCTION).waitFor();
    await facilitator.getByText('Nog niet gestart. Tot de start zijn alle huizen open.').waitFor();
    expect(await facilitator.getByRole('button', { name: 'Pauze', exact: true }).count()).toBe(0);
  });
});
