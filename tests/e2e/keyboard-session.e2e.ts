import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { normaliseJoinCode } from '../../shared/live';
import { People } from './support/chromium';
import { KeyboardUser } from './support/focusRing';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { EDITOR, LIVE_HERE_ONLY, noteTexts, seesNote } from './support/liveSession';

/**
 * A whole session by keyboard only (issue 10, accessibility): Tab, Shift+Tab, Enter, Space, the
 * arrows, Esc and the board's own keys, never a mouse. The facilitator makes "Zo thuis mogelijk!",
 * adds a subgroup, puts it live, moves the room from phase to phase, starts the timer and opens the
 * projector; Amira (a separate Chromium process) joins by the QR link, picks her table, writes a
 * note, edits it, moves it from the foundation into the walls and says her table is done. After
 * every key the ring of whatever has the keyboard must be seen on screen, with 3:1 contrast
 * (support/focusRing.ts); every place where it was not is listed at the end of each step.
 */

const TITLE = 'Zo thuis mogelijk!';

describe('a whole session by keyboard, with a visible focus ring at every step', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const people = new People();
  const { errors } = people;
  let facilitator: KeyboardUser;
  let amira: KeyboardUser;
  let code: string;

  const f = () => facilitator.page;
  const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-keyboard-'));
    live = await startLiveHost(dataDir);
    const launch = () => people.launch();
    facilitator = new KeyboardUser(await launch(), 'facilitator');
    amira = new KeyboardUser(await launch(), 'amira');
  });

  afterAll(async () => {
    await people.closeAll();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a session with the keyboard: the form, then a third subgroup added in "Sessie bewerken"', async () => {
    await f().goto(live.url);
    await f().getByRole('heading', { name: 'Sessies' }).waitFor();
    await facilitator.tabTo(button(f(), 'Nieuwe sessie'));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: 'Nieuwe sessie' }).waitFor();
    // The title field has the keyboard.
    await facilitator.check('arrival on the form');
    await facilitator.type(TITLE);
    await facilitator.tabTo(f().getByLabel('Aantal subgroepen'));
    await facilitator.press('Control+a');
    await facilitator.type('2');
    await facilitator.tabTo(button(f(), 'Sessie aanmaken'));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: TITLE }).waitFor();
    await facilitator.check('arrival on the session page');

    await facilitator.tabTo(f().getByRole('link', { name: 'Sessie bewerken' }));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: 'Sessie bewerken' }).waitFor();
    await facilitator.tabTo(button(f(), '+ Subgroep toevoegen'));
    await facilitator.press('Enter');
    // The new row's name has the keyboard, its words selected.
    await expect.poll(() => f().evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Groep 3');
    await facilitator.check('adding a subgroup');
    await facilitator.type('Tafel van de ouders');
    await facilitator.tabTo(button(f(), 'Wijzigingen opslaan'));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: TITLE }).waitFor();
    await f().locator('.group-card', { hasText: 'Tafel van de ouders' }).waitFor();
    await facilitator.check('back on the session page');
    expect(facilitator.takeProblems()).toEqual([]);
  });

  it('puts it live and moves the room to building, the timer paused and started again', async () => {
    await facilitator.tabTo(button(f(), 'Sessie live zetten'));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    code = normaliseJoinCode(await f().locator('.join-code').innerText())!;
    await facilitator.check('going live');
    await facilitator.screenshot('keyboard-host-panel');
    // "Stoppen…" asks first, with the keyboard on "Annuleren"; Esc keeps the session live and
    // puts the keyboard back on the button.
    await facilitator.tabTo(button(f(), 'Stoppen…'));
    await facilitator.press('Enter');
    await f().getByRole('dialog', { name: 'Live sessie stoppen?' }).waitFor();
    expect(await f().evaluate(() => document.activeElement?.textContent)).toBe('Annuleren');
    await facilitator.press('Escape');
    await f().getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => f().evaluate(() => document.activeElement?.textContent)).toBe('Stoppen…');
    await facilitator.check('the dialog closed');

    await facilitator.tabTo(button(f(), 'Start: Welkom →'));
    await facilitator.press('Enter');
    await button(f(), 'Volgende fase: Plenaire casus →').waitFor();
    await facilitator.check('the start');
    await facilitator.press('Enter');
    await button(f(), 'Volgende fase: Huis bouwen in deelgroepen →').waitFor();
    await facilitator.press('Enter');
    await f().locator('.run-title', { hasText: 'Huis bouwen in deelgroepen' }).waitFor();
    await facilitator.check('building');

    // Back to the timer (Shift+Tab): it runs from the phase's start; pause it and start it again.
    await facilitator.tabTo(button(f(), 'Timer pauzeren'), { back: true });
    await facilitator.press('Space');
    await button(f(), 'Timer starten').waitFor();
    await facilitator.check('pausing the timer');
    await facilitator.press('Space');
    await button(f(), 'Timer pauzeren').waitFor();
    await facilitator.check('starting the timer');
    expect(facilitator.takeProblems()).toEqual([]);
  });

  it('opens the projector and picks what it shows with its keys, Tab and Enter', async () => {
    await facilitator.tabTo(button(f(), 'Projector openen'), { back: true });
    const [popup] = await Promise.all([f().context().waitForEvent('page'), facilitator.press('Enter')]);
    popup.on('pageerror', (e) => errors.push(String(e)));
    await popup.setViewportSize({ width: 1280, height: 720 });
    await popup.locator('.wall').waitFor();
    const projector = new KeyboardUser(popup, 'projector');
    await projector.press('2', { check: false });
    await popup.locator('.house-large .wall-house-name', { hasText: 'Groep 2' }).waitFor();
    // Its buttons are reached with Tab, with a ring that shows on the dark screen.
    await projector.tabTo(button(popup, 'Alle huizen · toets 0'));
    await projector.screenshot('keyboard-projector-back');
    await projector.press('Enter');
    await popup.locator('.wall').waitFor();
    await projector.tabTo(popup.getByRole('button', { name: /Tafel van de ouders/ }));
    await projector.screenshot('keyboard-projector-house');
    await projector.press('Enter');
    await popup.locator('.house-large .wall-house-name', { hasText: 'Tafel van de ouders' }).waitFor();
    await projector.press('Escape', { check: false });
    await popup.locator('.wall').waitFor();
    await popup.close();

    // On the session page, the same choice with the select's own keys.
    await facilitator.tabTo(f().getByLabel('Op de projector'));
    await facilitator.press('End');
    await expect.poll(() => f().getByLabel('Op de projector').inputValue()).toBe('closing');
    await facilitator.press('Home');
    await expect.poll(() => f().getByLabel('Op de projector').inputValue()).toBe('auto');
    expect([...facilitator.takeProblems(), ...projector.takeProblems()]).toEqual([]);
  });

  it('lets Amira join by the QR link, pick her table, name and domain, and reach her board', async () => {
    const p = amira.page;
    await p.goto(`${live.url}/#/deelnemen/${code}`);
    await p.getByRole('group', { name: 'In welke subgroep zit je?' }).waitFor();
    // The code field that had the keyboard made way for this step: its heading has it now.
    await expect.poll(() => p.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await amira.check('the group choice');
    await amira.tabTo(p.getByRole('radio', { name: /^Groep 1/ }));
    await amira.press('Space');
    await amira.tabTo(p.getByLabel(/Je naam/));
    await amira.type('Amira');
    await amira.press('Tab');
    await amira.press('l');
    await expect.poll(() => p.getByLabel(/Je domein/).inputValue()).toBe('lokaal-team');
    await amira.tabTo(button(p, 'Naar ons huis'));
    await amira.press('Enter', { check: false });
    await p.getByRole('heading', { name: 'Groep 1' }).waitFor();
    await p.locator('.live-status', { hasText: '● Live' }).waitFor({ timeout: 30_000 });
    await amira.check('arrival on the board');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('application');
    expect(amira.takeProblems()).toEqual([]);
  });

  it('writes a note, edits it, moves it from the foundation into the walls and says the table is done', async () => {
    const p = amira.page;
    const editor = p.getByRole('textbox', { name: EDITOR });
    await amira.press('1');
    await editor.waitFor();
    await amira.type('Kennis van het gezin');
    await amira.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await seesNote(p, 'Kennis van het gezin');
    await amira.press('Enter');
    await editor.waitFor();
    await amira.press('End');
    await amira.type(' en van school');
    await amira.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await seesNote(p, 'Kennis van het gezin en van school');

    // Up with Shift+arrows until the outline lists it under the walls.
    const inWalls = () => p.locator('.notes-panel section[data-zone="walls"] .panel-note .clamp').allInnerTexts();
    for (let i = 0; i < 12 && !(await inWalls()).length; i++) await amira.press('Shift+ArrowUp');
    expect(await inWalls()).toEqual(['Kennis van het gezin en van school']);
    await p.getByTestId('selection-announcer').filter({ hasText: 'in Muren' }).waitFor();

    // Esc: first the selection, then out of the board to its buttons; on to "Wij zijn klaar".
    await amira.press('Escape');
    await amira.press('Escape');
    await amira.tabTo(button(p, 'Wij zijn klaar'));
    await amira.screenshot('keyboard-table-done');
    await amira.press('Enter');
    await button(p, 'Niet meer klaar').waitFor();
    await amira.check('saying the table is done');
    await f().getByText('1 van 3 groepen klaar').waitFor({ timeout: 20_000 });
    expect(await noteTexts(p)).toEqual(['Kennis van het gezin en van school']);
    expect(amira.takeProblems()).toEqual([]);
  });

  it("opens a group's board from the session page and walks it, the board's ring shown", async () => {
    await facilitator.tabTo(f().locator('.group-card', { hasText: 'Groep 1' }));
    await facilitator.press('Enter', { check: false });
    await f().getByRole('heading', { name: 'Groep 1' }).waitFor();
    await seesNote(f(), 'Kennis van het gezin en van school');
    await facilitator.check('arrival on the board');
    await facilitator.press('Tab');
    await f().getByTestId('selection-announcer').filter({ hasText: 'Kennis van het gezin' }).waitFor();
    await facilitator.screenshot('keyboard-board-selected');
    // Past the last note, Tab goes on to the zoom buttons and the outline: no keyboard trap. The
    // outline says who wrote it, as Amira joined.
    await facilitator.tabTo(f().locator('.notes-panel').getByRole('button', { name: 'Kennis van het gezin en van school, van Amira, Lokaal team', exact: true }));
    await facilitator.screenshot('keyboard-notes-panel');
    expect(facilitator.takeProblems()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
