import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * "Nieuwe sessie" as a facilitator meets it: the number of subgroups can be cleared and retyped,
 * a missing title is shown where the eye is (also at 1280×720), Back after creating goes to the
 * library, and in English the questions come in English.
 */

const groupNames = (page: Page) => page.locator('.group-names input').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** True when the element's box lies wholly inside the window. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
}

describe('the new-session form', () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium();
    page = await chromium.page();
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  async function openForm(): Promise<void> {
    await page.goto(`${host.url}/#/`);
    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByRole('heading', { name: 'Nieuwe sessie' }).waitFor();
  }

  it('lets the number of subgroups be cleared and retyped, and keeps the names typed', async () => {
    await openForm();
    await page.getByLabel('Naam subgroep 1').fill('Ouders');
    await page.getByLabel('Naam subgroep 3').fill('Lokaal team');
    const count = page.getByLabel('Aantal subgroepen');
    await count.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // An empty field takes nothing away.
    expect(await count.inputValue()).toBe('');
    expect(await groupNames(page)).toEqual(['Ouders', 'Groep 2', 'Lokaal team', 'Groep 4', 'Groep 5', 'Groep 6']);
    await page.keyboard.type('8');
    expect(await count.inputValue()).toBe('8');
    expect(await groupNames(page)).toEqual(['Ouders', 'Groep 2', 'Lokaal team', 'Groep 4', 'Groep 5', 'Groep 6', 'Groep 7', 'Groep 8']);
    // Fewer and then more again: the names typed come back.
    await count.fill('2');
    expect(await groupNames(page)).toEqual(['Ouders', 'Groep 2']);
    await count.fill('4');
    expect(await groupNames(page)).toEqual(['Ouders', 'Groep 2', 'Lokaal team', 'Groep 4']);
    // A number out of range is refused with a message at the field, and focus goes there.
    await page.getByLabel('Titel *').fill('Leeratelier');
    await count.fill('40');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.locator('#group-count-error', { hasText: 'Kies een aantal subgroepen van 1 tot 30.' }).waitFor();
    expect(await focusedId(page)).toBe('group-count');
    expect(await groupNames(page)).toHaveLength(4);
    await count.fill('3');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.getByRole('heading', { name: 'Leeratelier' }).waitFor();
    expect(await page.locator('.group-card .group-name').allInnerTexts()).toEqual(['Ouders', 'Groep 2', 'Lokaal team']);
  });

  it('at 1280×720, a missing title takes focus to the title with a summary, and an empty question to the question', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openForm();
    await page.getByLabel(/Fundament/).fill('');
    const create = page.getByRole('button', { name: 'Sessie aanmaken' });
    await create.scrollIntoViewIfNeeded();
    expect(await onScreen(page, '#session-title')).toBe(false);
    await create.click();
    const summary = page.getByRole('alert').filter({ hasText: '2 dingen zijn nog niet goed ingevuld' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual(['Geef de sessie een titel.', 'Vul de vraag bij Fundament in.']);
    expect(await focusedId(page)).toBe('session-title');
    expect(await onScreen(page, '#session-title')).toBe(true);
    expect(await onScreen(page, '.error-summary')).toBe(true);
    await page.locator('#session-title-error', { hasText: 'Geef de sessie een titel.' }).waitFor();
    await saveScreenshot(page, 'new-session-missing-title-1280x720');

    // The summary takes the user to each field.
    await summary.getByRole('button', { name: 'Vul de vraag bij Fundament in.' }).click();
    expect(await focusedId(page)).toBe('question-foundation');
    expect(await onScreen(page, '#question-foundation')).toBe(true);

    // With a title, the next submit goes to the question that is still empty.
    await page.getByLabel('Titel *').fill('Zo thuis mogelijk!');
    expect(await page.locator('#session-title-error').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await create.click();
    await page.getByRole('alert').filter({ hasText: 'Eén ding is nog niet goed ingevuld' }).waitFor();
    expect(await focusedId(page)).toBe('question-foundation');
    expect(await onScreen(page, '#question-foundation')).toBe(true);

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByLabel('Titel *').fill('');
    await create.click();
    await page.getByRole('alert').filter({ hasText: '2 dingen' }).waitFor();
    expect(await onScreen(page, '#session-title')).toBe(true);
    await saveScreenshot(page, 'new-session-missing-title-768x1024');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('Back after creating a session goes to the library, not to an empty form', async () => {
    await openForm();
    await page.getByLabel('Titel *').fill('Terugknop');
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.getByRole('heading', { name: 'Terugknop' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Nieuwe sessie' }).count()).toBe(0);
    expect(await page.locator('.session-row .session-title').allInnerTexts()).toContain('Terugknop');
  });

  it('in English, fills in the English questions and group names; what was typed stays when the language changes', async () => {
    await page.goto(`${host.url}/#/`);
    await page.getByRole('button', { name: 'Instellingen' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption('en');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    expect(await page.getByLabel(/Foundation/).inputValue()).toMatch(/^What broad knowledge and skills are needed/);
    expect(await page.getByLabel(/Roof/).inputValue()).toMatch(/^What do we need/);
    expect((await groupNames(page))[0]).toBe('Group 1');
    await page.getByLabel('Title *').fill('Learning workshop');
    await page.getByLabel(/Walls/).fill('Which methods work for us?');

    // Switching to Dutch now: untouched texts follow, typed ones stay.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption('nl');
    await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
    expect(await page.getByLabel(/Fundament/).inputValue()).toMatch(/^Welke brede kennis en kunde/);
    expect(await page.getByLabel(/Muren/).inputValue()).toBe('Which methods work for us?');
    expect(await page.getByLabel('Titel *').inputValue()).toBe('Learning workshop');
    expect((await groupNames(page))[0]).toBe('Groep 1');

    await page.getByRole('button', { name: 'Instellingen' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption('en');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: 'Learning workshop' }).waitFor();
    const questions = await page.locator('.questions dd').allInnerTexts();
    expect(questions[0]).toMatch(/^What broad knowledge and skills/);
    expect(questions[1]).toBe('Which methods work for us?');
    expect(questions[2]).toMatch(/^What do we need/);
    expect(await page.locator('.group-card .group-open').first().innerText()).toBe('Open board →');

    // Back to Dutch for the other tests; the session keeps the questions it was made with.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption('nl');
    await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
    expect((await page.locator('.questions dd').allInnerTexts())[0]).toMatch(/^What broad knowledge/);
  });
});
