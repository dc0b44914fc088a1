import { describe, expect, it } from 'vitest';
import { seriousProblems } from './support/axe';
import { rendererAndBrowser } from './support/host';

/**
 * Every screen through axe-core (WCAG 2.1 A and AA rules), in the real built renderer in Chromium:
 * no serious or critical violation (issue 10: accessibility). Each screen is checked as a user
 * reaches it, with real content (the sample session from seed 000), not an empty shell.
 */

describe('every screen, checked by axe-core', () => {
  const env = rendererAndBrowser();

  it('has no serious or critical problems: library, sample session, board, all houses, edit, new session, join, settings', async () => {
    const page = await env.chromium.page();
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      found[screen] = await seriousProblems(page);
    };

    await page.goto(env.host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await check('library (empty)');

    await page.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await page.getByRole('heading', { name: /Zo thuis mogelijk/ }).waitFor();
    await check('session page (sample)');

    await page.getByRole('link', { name: 'Sessie bewerken' }).click();
    await page.getByRole('heading', { name: 'Sessie bewerken' }).waitFor();
    await check('edit session');
    await page.goBack();
    await page.getByRole('heading', { name: /Zo thuis mogelijk/ }).waitFor();

    await page.locator('.group-card').first().click();
    await page.getByRole('application').waitFor();
    await check('board');
    await page.keyboard.press('p');
    await check('board (presentation)');

    await page.goBack();
    await page.getByRole('link', { name: 'Alle huizen' }).click();
    await page.locator('.houses-grid, .house-view').first().waitFor();
    await check('all houses');

    await page.goto(env.host.url);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await check('library (with a session)');

    await page.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await page.getByRole('alert').first().waitFor();
    await check('new session (with errors)');

    await page.goto(`${env.host.url}/#/deelnemen`);
    await page.getByRole('heading', { name: 'Deelnemen aan een sessie' }).waitFor();
    await check('join');

    await page.goto(env.host.url);
    await page.getByRole('button', { name: 'Instellingen' }).click();
    await page.getByRole('dialog').waitFor();
    await check('settings');

    const problems = Object.entries(found).filter(([, list]) => list.length > 0);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  });
});
