import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lanJoinAddresses } from '../../electron/host/joinAddresses';
import { LiveController, installLiveControl } from '../../electron/host/live';
import { startHost } from '../../electron/host/server';
import { normaliseJoinCode } from '../../shared/live';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { RENDERER_DIST } from './support/host';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY, addNote, avatars, createSession, join, openBoard, openJoinLink, seesNote, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * The facilitator stops and restarts hosting, the host dies and comes back, the session gets a new
 * code: nobody is stranded, nobody is lied to, nobody is locked out (issue 6, items 1–6). Each
 * laptop is its own Chromium process.
 */

async function joinCode(page: Page): Promise<string> {
  return normaliseJoinCode(await page.locator('.join-code').innerText())!;
}

async function headline(page: Page, text: string): Promise<void> {
  await page.locator('.host-headline', { hasText: text }).waitFor({ timeout: 30_000 });
}

describe('a live session that is stopped, restarted and given a new code', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitator: Page;
  let amira: Page;
  let bram: Page;
  let code: string;
  let sessionId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-restart-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      return b.page();
    };
    facilitator = await launch();
    amira = await launch();
    bram = await launch();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a participant pick their own group, and shows how many sit at each', async () => {
    sessionId = await createSession(facilitator, live.url, { groups: 3 });
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    await headline(facilitator, LIVE_HERE_ONLY);
    code = await joinCode(facilitator);

    // Bram is already looking at the groups when Amira picks hers.
    await openJoinLink(bram, live.url, code);
    const groupOne = bram.locator('.choice', { hasText: 'Groep 1' });
    await groupOne.getByText('0 deelnemers').waitFor();

    await openJoinLink(amira, live.url, code);
    for (const radio of await amira.getByRole('radio').all()) expect(await radio.isChecked()).toBe(false);
    await amira.getByRole('button', { name: 'Naar ons huis' }).click();
    await amira.getByText('Kies je subgroep.').waitFor();
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');

    // Within moments, not after presence times out (30 s): her laptop's presence goes on counting
    // from where the look-up left it.
    await groupOne.getByText('1 deelnemer').waitFor({ timeout: 10_000 });
    expect(await bram.locator('.choice', { hasText: 'Groep 2' }).getByText('0 deelnemers').count()).toBe(1);
    await saveScreenshot(bram, 'live-join-counts');
    await join(bram, live.url, code, 'Groep 1', 'Bram', 'School');
  });

  it('shows the facilitator on a board only while they look at it', async () => {
    await expect.poll(() => avatars(amira)).toEqual(['Bram']);
    await openBoard(facilitator, live.url, sessionId, 'Groep 2');
    await amira.waitForTimeout(1000);
    expect(await avatars(amira)).toEqual(['Bram']);
    await openBoard(facilitator, live.url, sessionId, 'Groep 1');
    await expect.poll(() => avatars(amira)).toContain('Begeleider');
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await expect.poll(() => avatars(amira)).toEqual(['Bram']);
  });

  it('asks before stopping; after a stop and restart the code stays and laptops carry on', async () => {
    await facilitator.getByRole('button', { name: 'Stoppen…' }).click();
    await facilitator.getByRole('dialog', { name: 'Live sessie stoppen?' }).waitFor();
    await facilitator.getByRole('button', { name: 'Annuleren' }).click();
    await headline(facilitator, LIVE_HERE_ONLY);

    await facilitator.getByRole('button', { name: 'Stoppen…' }).click();
    await facilitator.getByRole('button', { name: 'Ja, stoppen' }).click();
    await amira.getByText('De sessie staat even niet live.').waitFor({ timeout: 30_000 });
    await saveScreenshot(amira, 'live-stopped-participant');
    await addNote(amira, '1', 'Geschreven terwijl de sessie stil lag');

    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    await headline(facilitator, LIVE_HERE_ONLY);
    expect(await joinCode(facilitator)).toBe(code);
    await status(amira, '● Live');
    expect(await amira.getByText('De sessie staat even niet live.').count()).toBe(0);
    await openBoard(facilitator, live.url, sessionId, 'Groep 1');
    await seesNote(facilitator, 'Geschreven terwijl de sessie stil lag');
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
  });

  it('says the host does not respond when it is gone, and goes live again by itself with the same code', async () => {
    // The facilitator is showing Groep 1's board when the host process dies (not a clean stop).
    await openBoard(facilitator, live.url, sessionId, 'Groep 1');
    await live.host.close();
    await facilitator.getByText('De host reageert niet.').waitFor({ timeout: 30_000 });
    // Amira and Bram still reach each other directly; the badge says the host is missing.
    await status(amira, 'Live via laptops (host niet bereikbaar)');
    await saveScreenshot(facilitator, 'live-host-down-board');
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`).catch(() => {});

    // It is started again (npm run serve, or the app) without hosting anything: the facilitator's
    // app puts the session live again by itself, with the same code, and every laptop carries on.
    const host = await startHost({ rootDir: RENDERER_DIST, port: live.port, host: '127.0.0.1' });
    const controller = new LiveController(host, { dataDir });
    installLiveControl(host, controller);
    live = { ...live, host, controller, close: async () => (await controller.stop(), await host.close()) };
    await openBoard(facilitator, live.url, sessionId, 'Groep 1');
    await status(facilitator, '● Live');
    await status(amira, '● Live');
    await status(bram, '● Live');
    // '● Live' is also how "● Live via laptops (host niet bereikbaar)" starts: the laptops may still
    // be on WebRTC only while the facilitator's app, after its host check, puts the session live.
    await expect.poll(() => controller.current()?.code, { timeout: 30_000 }).toBe(code);
    await addNote(bram, '2', 'Na de herstart: samen verder');
    await seesNote(amira, 'Na de herstart: samen verder');
    await seesNote(facilitator, 'Na de herstart: samen verder');
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await headline(facilitator, LIVE_HERE_ONLY);
    expect(await joinCode(facilitator)).toBe(code);
    await facilitator.getByText(/apparaten verbonden/).waitFor({ timeout: 20_000 });
  });

  it('tells participants when the code changed, lets them rejoin at once, and never locks them out', async () => {
    await facilitator.getByRole('button', { name: 'Nieuwe code…' }).click();
    await facilitator.getByRole('button', { name: 'Ja, nieuwe code' }).click();
    await expect.poll(() => joinCode(facilitator), { timeout: 20_000 }).not.toBe(code);
    const fresh = await joinCode(facilitator);
    await headline(facilitator, LIVE_HERE_ONLY);

    for (const page of [amira, bram]) await page.getByText('Deze sessie heeft een nieuwe code.').waitFor({ timeout: 30_000 });
    await saveScreenshot(amira, 'live-code-replaced');
    // Bram's laptop keeps its old code for a while (he is getting coffee): that must not lock him out.
    await bram.waitForTimeout(5000);

    await amira.getByRole('button', { name: 'Opnieuw deelnemen' }).click();
    await amira.getByLabel('Code').fill(fresh);
    await amira.getByRole('button', { name: 'Verder' }).click();
    await amira.getByRole('radio', { name: /^Groep 1\b/ }).check();
    await amira.getByRole('button', { name: 'Naar ons huis' }).click();
    await status(amira, '● Live');
    await seesNote(amira, 'Na de herstart: samen verder');

    await bram.getByRole('button', { name: 'Opnieuw deelnemen' }).click();
    await bram.getByLabel('Code').fill(code);
    await bram.getByRole('button', { name: 'Verder' }).click();
    await bram.getByText('Deze sessie heeft een nieuwe code gekregen.').waitFor();
    await bram.getByLabel('Code').fill(fresh);
    await bram.getByRole('button', { name: 'Verder' }).click();
    await bram.getByRole('radio', { name: /^Groep 1\b/ }).check();
    await bram.getByRole('button', { name: 'Naar ons huis' }).click();
    await status(bram, '● Live');
    await addNote(bram, '3', 'Met de nieuwe code');
    await seesNote(amira, 'Met de nieuwe code');
  });

  it("keeps a participant's copy theirs: no renaming the facilitator's session, and delete says what it does", async () => {
    await bram.goto(`${live.url}/#/`);
    const row = bram.locator('.session-row', { hasText: 'Zo thuis mogelijk!' });
    await row.getByText('Deelgenomen').waitFor();
    expect(await row.getByRole('button', { name: 'Naam wijzigen' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Dupliceren' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Verwijderen' }).click();
    // Live and synced: what the group wrote is with the facilitator.
    await bram.getByText(/De sessie zelf en wat jullie groep schreef blijven bewaard bij de begeleider/).waitFor();
    await saveScreenshot(bram, 'library-delete-joined');
    await bram.getByRole('button', { name: 'Annuleren' }).click();
  });

  it('says which session is live when another is put live, and can put this one live in its place', async () => {
    await createSession(facilitator, live.url, { title: 'Middagsessie' });
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    await facilitator.getByText('“Zo thuis mogelijk!” staat nog live op deze computer.').waitFor();
    await saveScreenshot(facilitator, 'live-other-session-live');
    await facilitator.getByRole('button', { name: 'Stop die sessie en zet deze live' }).click();
    await headline(facilitator, LIVE_HERE_ONLY);
    await amira.getByText('De sessie staat even niet live.').waitFor({ timeout: 30_000 });

    // Amira's laptop no longer reaches the session: deleting her copy now is said to lose what the
    // facilitator has not got yet.
    await amira.goto(`${live.url}/#/`);
    const row = amira.locator('.session-row', { hasText: 'Zo thuis mogelijk!' });
    await row.getByRole('button', { name: 'Verwijderen' }).click();
    await amira.getByText(/dit apparaat is nu niet verbonden met de sessie/).waitFor();
    await amira.getByRole('button', { name: 'Ja, mijn kopie verwijderen' }).click();
    await row.waitFor({ state: 'detached' });
    // The facilitator's session is untouched.
    await facilitator.goto(`${live.url}/#/sessie/${sessionId}`);
    await facilitator.getByRole('heading', { name: 'Zo thuis mogelijk!' }).waitFor();
  });
});

describe('the join addresses on a host that listens on every interface', () => {
  it("lists the machine's LAN addresses with their interface names, the likeliest first, and a QR code to it", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-lan-'));
    const host = await startHost({ rootDir: RENDERER_DIST, port: 0, host: '0.0.0.0' });
    const controller = new LiveController(host, { dataDir });
    installLiveControl(host, controller);
    const browser = await launchChromium();
    try {
      const page = await browser.page();
      const local = `http://127.0.0.1:${host.port}`;
      await createSession(page, local, { groups: 2 });
      await page.getByRole('button', { name: 'Sessie live zetten' }).click();
      const lan = lanJoinAddresses(host.port);
      await page.getByRole('heading', { name: lan.length > 0 ? 'De sessie is live' : LIVE_HERE_ONLY }).waitFor();
      const listed = await page.locator('.addresses li code').allInnerTexts();
      if (lan.length === 0) {
        // A machine on no network at all: the panel says so and what to do.
        await page.getByText('Alleen deze computer kan meedoen.').waitFor();
        expect(await page.getByRole('img', { name: /QR-code/ }).count()).toBe(0);
      } else {
        expect(listed).toEqual(lan.map((a) => a.url));
        expect(await page.locator('.addresses li').first().innerText()).toContain(lan[0]!.interfaceName);
        const code = await joinCode(page);
        expect(await page.getByRole('img', { name: /QR-code/ }).getAttribute('alt')).toBe(`QR-code naar ${lan[0]!.url}/#/deelnemen/${code}`);
        expect(await page.getByText('Alleen deze computer kan meedoen.').count()).toBe(0);
      }
      await saveScreenshot(page, 'live-host-panel-lan');
    } finally {
      await browser.close();
      await controller.stop();
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
