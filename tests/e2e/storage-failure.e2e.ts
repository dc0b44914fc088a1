import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { boardDocName } from '../../shared/schema/docNames';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { addNote, joinGroup, liveStatus, localNotes, saveStatus, seesNote, startLiveSession } from './support/liveBoard';
import { saveScreenshot } from './support/screenshots';

/**
 * The browser's storage fails under a live board (issue 6, item 17): site data cleared or evicted,
 * a full disk, Safari dropping a backgrounded page's storage. Chromium does both for real through
 * the DevTools protocol: Storage.clearDataForOrigin closes every IndexedDB connection of the page
 * and deletes the databases; with Storage.overrideQuotaForOrigin at one byte beforehand, every
 * database made again afterwards refuses each write with QuotaExceededError, as a full disk does
 * (Chromium checks the quota of a database that already holds data only now and then).
 */

describe('a live board whose storage fails, laptops in separate browser processes', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let amira: Page;
  let bram: Page;
  let devtools: CDPSession;
  let board: string;
  const errors: string[] = [];

  const origin = () => new URL(live.url).origin;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-storage-'));
    live = await startLiveHost(dataDir);
    const launch = async () => {
      const b = await launchChromium();
      browsers.push(b);
      return (await b.page());
    };
    const facilitator = await launch();
    amira = await launch();
    bram = await launch();
    for (const [page, who] of [[amira, 'Amira'], [bram, 'Bram']] as const) page.on('pageerror', (e) => errors.push(`${who}: ${String(e)}`));
    const { sessionId, code } = await startLiveSession(facilitator, live.url, 'Themabijeenkomst Zo thuis mogelijk!');
    await joinGroup(amira, live.url, code, 'Groep 1', 'Amira');
    await joinGroup(bram, live.url, code, 'Groep 1', 'Bram');
    board = boardDocName(sessionId, decodeURIComponent(new URL(amira.url()).hash.split('/')[4]!));
    devtools = await amira.context().newCDPSession(amira);
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps syncing, drawing and saving after the site data is cleared under it', async () => {
    await addNote(amira, '2', 'Werk systemisch');
    await seesNote(bram, 'Werk systemisch');
    await saveStatus(amira, 'Alles bewaard');

    await devtools.send('Storage.clearDataForOrigin', { origin: origin(), storageTypes: 'indexeddb' });
    await addNote(amira, '3', 'Na het wissen: vertrouwen');
    await seesNote(amira, 'Na het wissen: vertrouwen');
    await seesNote(bram, 'Na het wissen: vertrouwen');
    await addNote(bram, '1', 'Bram schrijft terug');
    await seesNote(amira, 'Bram schrijft terug');
    await liveStatus(amira, '● Live');

    // Storage was opened again and the whole board written to it, not only what came after.
    await saveStatus(amira, 'Alles bewaard');
    await expect
      .poll(async () => (await localNotes(amira, board)).map((n) => n.text).sort(), { timeout: 20_000 })
      .toEqual(['Bram schrijft terug', 'Na het wissen: vertrouwen', 'Werk systemisch']);
    expect(errors).toEqual([]);
  });

  it('says "Niet bewaard" and what to do while writes fail, keeps syncing, and catches up when storage is back', async () => {
    await devtools.send('Storage.overrideQuotaForOrigin', { origin: origin(), quotaSize: 1 });
    await devtools.send('Storage.clearDataForOrigin', { origin: origin(), storageTypes: 'indexeddb' });
    await addNote(amira, '1', 'Schijf vol, toch gedeeld');
    await saveStatus(amira, 'Niet bewaard');
    await amira.getByRole('alert').filter({ hasText: 'Je werk wordt nu niet bewaard op deze computer' }).waitFor();
    await saveScreenshot(amira, 'storage-not-saved');
    await seesNote(bram, 'Schijf vol, toch gedeeld');
    await addNote(bram, '2', 'Bram ziet het');
    await seesNote(amira, 'Bram ziet het');
    expect((await localNotes(amira, board)).map((n) => n.text)).not.toContain('Schijf vol, toch gedeeld');

    await devtools.send('Storage.overrideQuotaForOrigin', { origin: origin() });
    await saveStatus(amira, 'Alles bewaard');
    expect(await amira.getByRole('alert').filter({ hasText: 'niet bewaard' }).count()).toBe(0);
    await expect
      .poll(async () => (await localNotes(amira, board)).map((n) => n.text))
      .toEqual(expect.arrayContaining(['Schijf vol, toch gedeeld', 'Bram ziet het', 'Werk systemisch']));
    expect(errors).toEqual([]);
  });
});
