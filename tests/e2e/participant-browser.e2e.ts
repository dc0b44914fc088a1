import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * A participant's browser is one that reached the host over the venue network: its page comes
 * from the facilitator's laptop, not from localhost. Here the name "zaal.test" stands for that
 * laptop's LAN address (Chromium maps it to the host on 127.0.0.1), so the page sees what a
 * tablet in the room sees. It joins sessions; it cannot make or change them.
 */

const VENUE_NAME = 'zaal.test';

describe("a participant's browser", () => {
  let host: RunningHost;
  let chromium: LaunchedChromium;
  let page: Page;
  let venueUrl: string;

  beforeAll(async () => {
    host = await startRendererHost();
    chromium = await launchChromium({ extraArgs: [`--host-resolver-rules=MAP ${VENUE_NAME} 127.0.0.1`] });
    page = await chromium.page();
    await page.setViewportSize({ width: 768, height: 1024 });
    venueUrl = `http://${VENUE_NAME}:${host.port}`;
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
  });

  it('is offered "Deelnemen", never "Nieuwe sessie"', async () => {
    await page.goto(`${venueUrl}/`);
    await page.getByRole('heading', { name: 'Deelnemen aan een sessie' }).waitFor();
    await page.getByRole('link', { name: 'Bouwplaats' }).click();
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await page.getByRole('button', { name: 'Deelnemen' }).waitFor();
    expect(await page.getByRole('button', { name: 'Nieuwe sessie' }).count()).toBe(0);
    await page.getByText('Doe mee met de sessie van je begeleider').waitFor();
    await saveScreenshot(page, 'participant-library-768');

    // Typing the address of the form does not help either.
    await page.goto(`${venueUrl}/#/nieuw`);
    await page.getByText('Een nieuwe sessie maakt de begeleider').waitFor();
    expect(await page.getByRole('button', { name: 'Sessie aanmaken' }).count()).toBe(0);
    await page.goto(`${venueUrl}/#/sessie/abcdefabcdef/bewerken`);
    await page.getByText('Alleen de begeleider kan deze sessie aanpassen.').waitFor();
    expect(await page.getByRole('button', { name: 'Wijzigingen opslaan' }).count()).toBe(0);
  });

  it('on the facilitator\'s own computer (localhost) the same build offers "Nieuwe sessie"', async () => {
    await page.goto(`${host.url}/#/`);
    await page.getByRole('heading', { name: 'Sessies' }).waitFor();
    await page.getByRole('button', { name: 'Nieuwe sessie' }).waitFor();
  });
});
