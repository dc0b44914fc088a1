import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { readRun } from '../../shared/schema/agenda';
import { sessionDocName } from '../../shared/schema/docNames';
import { join, localDoc, startLiveSession } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Seed 000's plenary case, run from the facilitator's session page: the case is typed in, checked
 * for personal data on this machine, edited or confirmed, shown to the participants; the discussion
 * points, observations and closing words are captured and survive a reload. The facilitator and a
 * participant are separate Chromium processes on the live host.
 */

const CASE_LABEL = 'Tekst van de casus';
const ORDINARY =
  'Een zorgaanbieder brengt een casus in. Een jongen van veertien woont bij zijn moeder; school maakt zich zorgen over verzuim. ' +
  'Het lokale team, de school en de zorgaanbieder werken langs elkaar heen. Hoe pakken we dit aan?';
const WITH_DATA = ' Het gaat om Daan de Vries, BSN 123456782, wonend in 3511 AB.';

const caseText = (page: Page) => page.getByLabel(CASE_LABEL);
const findings = (page: Page) => page.locator('.case-findings li .pd-kind').allInnerTexts();
const shownToParticipant = (page: Page) => page.locator('.case-shown .case-text');
/** What the projector is told to show, as the facilitator's laptop keeps it. */
const projectorView = async (page: Page, sessionId: string) => readRun(await localDoc(page, sessionDocName(sessionId))).projectorView;
const points = (page: Page) => page.locator('.discussion-points ol input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('the case: checked for personal data, shown, discussed', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitator: Page;
  let participant: Page;
  let sessionId: string;
  let sessionUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-case-'));
    live = await startLiveHost(dataDir);
    for (let i = 0; i < 2; i++) browsers.push(await launchChromium());
    facilitator = await browsers[0]!.page();
    participant = await browsers[1]!.page();
    let code: string;
    ({ sessionId, code } = await startLiveSession(facilitator, live.url, 'Zo thuis mogelijk!'));
    sessionUrl = `${live.url}/#/sessie/${sessionId}`;
    await join(participant, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await participant.goto(sessionUrl);
    await participant.getByRole('heading', { name: 'Zo thuis mogelijk!' }).waitFor();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('passes an ordinary case and shows it on the participants’ laptops; they cannot edit it', async () => {
    expect(await participant.getByLabel(CASE_LABEL).count()).toBe(0);
    expect(await shownToParticipant(participant).count()).toBe(0);
    await caseText(facilitator).fill(ORDINARY);
    await facilitator.getByRole('button', { name: 'Controleren op persoonsgegevens' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Geen persoonsgegevens gevonden' }).waitFor();
    await facilitator.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await facilitator.getByText('Staat op het scherm en bij de deelnemers.').waitFor();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toBe(ORDINARY);
    expect(await participant.getByLabel(CASE_LABEL).count()).toBe(0);
    expect(await participant.getByRole('button', { name: 'Tonen op het scherm' }).count()).toBe(0);
    // "Tonen op het scherm" also puts the projector on the case.
    await expect.poll(() => projectorView(facilitator, sessionId)).toBe('case');
  });

  it('flags a name, a BSN and a postcode; the case leaves the screen until the facilitator edits or confirms', async () => {
    await caseText(facilitator).fill(ORDINARY + WITH_DATA);
    // Changed after showing: off the participants' screens at once, before any check.
    await facilitator.getByText('Je hebt de casus veranderd nadat je hem toonde').waitFor();
    await expect.poll(() => shownToParticipant(participant).count(), { timeout: 20_000 }).toBe(0);

    await facilitator.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await facilitator.getByText('3 mogelijke persoonsgegevens gevonden').waitFor();
    expect(await findings(facilitator)).toEqual(['Mogelijk een naam', 'Mogelijk een BSN', 'Mogelijk een postcode']);
    expect(await facilitator.locator('.case-marked mark').evaluateAll((els) => els.map((e) => e.firstChild?.textContent))).toEqual(['Daan de Vries', '123456782', '3511 AB']);
    const section = facilitator.locator('.case-section');
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(section, 'case-findings');
    // Not shown: the check found something and nobody confirmed.
    expect(await facilitator.getByText('Staat op het scherm').count()).toBe(0);
    expect(await shownToParticipant(participant).count()).toBe(0);

    // Edit: "Aanpassen" puts the finding under the caret; typing replaces it.
    await facilitator.getByRole('button', { name: '“123456782” aanpassen in de tekst' }).click();
    await facilitator.keyboard.type('[BSN weggelaten]');
    await facilitator.getByRole('button', { name: '“3511 AB” aanpassen in de tekst' }).click();
    await facilitator.keyboard.type('de wijk');
    await facilitator.getByText('1 mogelijk persoonsgegeven gevonden').waitFor();
    expect(await findings(facilitator)).toEqual(['Mogelijk een naam']);
    expect(await caseText(facilitator).inputValue()).toBe(`${ORDINARY} Het gaat om Daan de Vries, BSN [BSN weggelaten], wonend in de wijk.`);

    // Confirm: the name is made up for the case.
    await facilitator.getByRole('button', { name: 'Toch tonen, het is geanonimiseerd' }).click();
    await facilitator.getByText('Staat op het scherm en bij de deelnemers.').waitFor();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toContain('Daan de Vries, BSN [BSN weggelaten]');
    await saveScreenshot(participant, 'case-participant');
  });

  it('shows markup typed into the case as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>vet</b> <script>window.__pwned=2</script> Daan';
    await caseText(facilitator).fill(hostile);
    await facilitator.getByRole('button', { name: 'Controleren op persoonsgegevens' }).click();
    await facilitator.getByText('1 mogelijk persoonsgegeven gevonden').waitFor();
    expect(await facilitator.locator('.case-marked').innerText()).toBe(`${hostile.replace('Daan', 'Daan1')}`);
    await facilitator.getByRole('button', { name: 'Toch tonen, het is geanonimiseerd' }).click();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toBe(hostile);
    for (const page of [facilitator, participant]) {
      expect(await page.locator('.case-section img, .case-section b, .case-section script').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    }
    await caseText(facilitator).fill(ORDINARY);
    await facilitator.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toBe(ORDINARY);
  });

  it('captures numbered discussion points by keyboard, observations and closing words', async () => {
    const input = facilitator.getByLabel('Nieuw gesprekspunt');
    for (const point of ['Wie neemt de regie?', 'School ontbreekt aan tafel', 'Ouders eerder betrekken']) {
      await input.fill(point);
      await input.press('Enter');
    }
    expect(await input.inputValue()).toBe('');
    expect(await points(facilitator)).toEqual(['Wie neemt de regie?', 'School ontbreekt aan tafel', 'Ouders eerder betrekken']);
    // Alt+↑ moves point 3 up; the caret stays in it.
    await facilitator.getByLabel('Gesprekspunt 3', { exact: true }).focus();
    await facilitator.keyboard.press('Alt+ArrowUp');
    expect(await points(facilitator)).toEqual(['Wie neemt de regie?', 'Ouders eerder betrekken', 'School ontbreekt aan tafel']);
    expect(await facilitator.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Ouders eerder betrekken');
    // Edit in place, Enter keeps it; Esc takes a change back.
    const third = facilitator.getByLabel('Gesprekspunt 3', { exact: true });
    await third.fill('Onderwijs is vaak de grote afwezige');
    await third.press('Enter');
    const first = facilitator.getByLabel('Gesprekspunt 1', { exact: true });
    await first.fill('weg ermee');
    await first.press('Escape');
    expect(await points(facilitator)).toEqual(['Wie neemt de regie?', 'Ouders eerder betrekken', 'Onderwijs is vaak de grote afwezige']);
    await input.fill('<b>geen opmaak</b>');
    await input.press('Enter');
    await facilitator.getByRole('button', { name: 'Gesprekspunt 4 verwijderen' }).click();
    expect(await points(facilitator)).toEqual(['Wie neemt de regie?', 'Ouders eerder betrekken', 'Onderwijs is vaak de grote afwezige']);

    await facilitator.getByLabel('Observaties').fill('Men voelt zich alleen staan in een casus.');
    await facilitator.getByLabel('Slotwoord').fill('Versterk ouders: breng kennis over en zorg voor contact met ouders in soortgelijke situaties.');
    await saveScreenshot(facilitator.locator('.case-section'), 'case-discussion');
  });

  it('keeps everything after a reload (IndexedDB)', async () => {
    await facilitator.reload();
    await caseText(facilitator).waitFor();
    await expect.poll(() => caseText(facilitator).inputValue()).toBe(ORDINARY);
    await facilitator.getByText('Staat op het scherm en bij de deelnemers.').waitFor();
    expect(await points(facilitator)).toEqual(['Wie neemt de regie?', 'Ouders eerder betrekken', 'Onderwijs is vaak de grote afwezige']);
    expect(await facilitator.getByLabel('Observaties').inputValue()).toBe('Men voelt zich alleen staan in een casus.');
    expect(await facilitator.getByLabel('Slotwoord').inputValue()).toMatch(/^Versterk ouders/);
    await participant.reload();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toBe(ORDINARY);
  });

  it('takes the case off every screen with "Niet meer tonen"', async () => {
    await facilitator.getByRole('button', { name: 'Niet meer tonen' }).click();
    await facilitator.getByText('Nog niet getoond.').waitFor();
    await expect.poll(() => shownToParticipant(participant).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => projectorView(facilitator, sessionId)).toBe('auto');
  });

  it('shows nothing unchecked when the check cannot load, and checks again on the next try', async () => {
    await facilitator.reload();
    await caseText(facilitator).waitFor();
    const chunk = '**/assets/personalData-*.js';
    await facilitator.route(chunk, (route) => route.abort());
    await facilitator.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await facilitator.getByRole('alert').filter({ hasText: 'De controle op persoonsgegevens kon niet starten' }).waitFor();
    expect(await facilitator.getByText('Nog niet getoond.').count()).toBe(1);
    await facilitator.unroute(chunk);
    await facilitator.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await facilitator.getByText('Staat op het scherm en bij de deelnemers.').waitFor();
    await expect.poll(() => shownToParticipant(participant).innerText().catch(() => ''), { timeout: 20_000 }).toBe(ORDINARY);
  });
});
