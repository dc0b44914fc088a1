import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { readStoredDoc } from '../../electron/host/live';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, SIGNALING_PATH, SYNC_PATH_PREFIX, VERSION_PARAM, normaliseJoinCode } from '../../shared/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { readNotes } from '../../shared/schema/note';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { saveScreenshot } from './support/screenshots';
import { LIVE_HERE_ONLY, addNote, avatars, createSession, join, noteTexts, openBoard, openJoinLink, seesNote, status } from './support/liveSession';

/**
 * A session in one room, every laptop its own Chromium process (pages of one browser would sync
 * over BroadcastChannel and prove nothing): the facilitator hosts "Zo thuis mogelijk!", Amira and
 * Bram build group 1's house, Chris builds group 2's behind a firewall that stops WebRTC.
 */

/** Resolves with the HTTP status the host answers a WebSocket upgrade with (101 when it opens). */
function upgradeStatus(url: string): Promise<{ status: number; messages: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let messages = 0;
    ws.on('message', () => messages++);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, messages });
      ws.terminate();
    });
    ws.on('open', () => setTimeout(() => {
      resolve({ status: 101, messages });
      ws.close();
    }, 500));
    ws.on('error', () => resolve({ status: 0, messages }));
  });
}

describe('a live session over the LAN, laptops in separate browser processes', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const browsers: LaunchedChromium[] = [];
  let facilitatorBrowser: LaunchedChromium;
  let facilitator: Page;
  let amira: Page;
  let bram: Page;
  let chris: Page;
  let code: string;
  let sessionId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-live-'));
    live = await startLiveHost(dataDir);
    const launch = async (withoutWebRTC = false) => {
      const b = await launchChromium({ withoutWebRTC });
      browsers.push(b);
      return b;
    };
    facilitatorBrowser = await launch();
    facilitator = await facilitatorBrowser.page();
    amira = await (await launch()).page();
    bram = await (await launch()).page();
    chris = await (await launch(true)).page();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => {})));
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('goes live with a join code and QR code, and participants join from a plain browser', async () => {
    sessionId = await createSession(facilitator, live.url);
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    const shown = await facilitator.locator('.join-code').innerText();
    code = normaliseJoinCode(shown)!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor();
    // The test host listens on 127.0.0.1 only, as `npm run serve` does by default: say so loudly,
    // and show no QR code that nobody else could use.
    await facilitator.getByText('Alleen deze computer kan meedoen.').waitFor();
    expect(await facilitator.getByRole('img', { name: /QR-code/ }).count()).toBe(0);
    await saveScreenshot(facilitator, 'live-host-panel');

    await openJoinLink(amira, live.url, code);
    await saveScreenshot(amira, 'live-join');
    await join(amira, live.url, code, 'Groep 1', 'Amira', 'Lokaal team');
    await join(bram, live.url, code, 'Groep 1', 'Bram', 'School');
    await join(chris, live.url, code, 'Groep 2', 'Chris', 'Ouder / ervaringsdeskundige');
    await openBoard(facilitator, live.url, sessionId, 'Groep 1');
  });

  it("shows a group's notes on the other laptops of that group and to the facilitator, not to other groups", async () => {
    await addNote(amira, '2', 'Werk systemisch');
    await seesNote(bram, 'Werk systemisch');
    await seesNote(facilitator, 'Werk systemisch');
    // Amira and Bram are connected directly; Chris only through the host.
    await expect.poll(() => amira.locator('.live-status').getAttribute('data-peers')).not.toBe('0');
    expect(await chris.locator('.live-status').getAttribute('data-peers')).toBe('0');

    await addNote(chris, '1', 'Onderwijs aan tafel!');
    await addNote(bram, '3', 'Vertrouwen van leidinggevenden');
    await seesNote(amira, 'Vertrouwen van leidinggevenden');
    await seesNote(facilitator, 'Vertrouwen van leidinggevenden');
    expect(await noteTexts(chris)).toEqual(['Onderwijs aan tafel!']);
    expect(await noteTexts(amira)).not.toContain('Onderwijs aan tafel!');
    // Presence: Bram sees Amira on the board.
    await expect.poll(() => avatars(bram)).toContain('Amira');
    // Amira's pointer shows on Bram's board.
    const box = (await amira.locator('.house-board').boundingBox())!;
    await amira.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45, { steps: 5 });
    await bram.waitForTimeout(400);
    await saveScreenshot(bram, 'live-board-group1');
  });

  it('keeps both words when two people type in the same note at once', async () => {
    for (const page of [amira, bram]) {
      await page.locator('.notes-panel').getByRole('button', { name: 'Werk systemisch' }).click();
      await page.getByRole('application').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: 'Tekst van de notitie' }).waitFor();
    }
    // Each sees who else is typing in this note.
    await bram.getByText('✎ Amira typt hier').waitFor();
    await amira.getByText('✎ Bram typt hier').waitFor();
    await amira.keyboard.press('Home');
    await bram.keyboard.press('End');
    await Promise.all([amira.keyboard.type('Samen: ', { delay: 30 }), bram.keyboard.type(' met school en ouders', { delay: 30 })]);
    await amira.keyboard.press('Escape');
    await bram.keyboard.press('Escape');
    const both = 'Samen: Werk systemisch met school en ouders';
    for (const page of [amira, bram, facilitator]) await seesNote(page, both);
  });

  it('keeps working offline and merges on return, nothing lost', async () => {
    await openBoard(facilitator, live.url, sessionId, 'Groep 2');
    await seesNote(facilitator, 'Onderwijs aan tafel!');
    await chris.context().setOffline(true);
    await status(chris, 'Offline — je werk is bewaard');
    await addNote(chris, '2', 'Ouders versterken met kennis en contact');
    await addNote(facilitator, '3', 'Ruimte voor innovatie');
    await chris.context().setOffline(false);
    await status(chris, '● Live');
    for (const page of [chris, facilitator]) {
      await seesNote(page, 'Ouders versterken met kennis en contact');
      await seesNote(page, 'Ruimte voor innovatie');
    }
  });

  it('reconnects by itself after the host restarts, and keeps syncing', async () => {
    await live.restart();
    for (const page of [amira, bram, chris]) await status(page, '● Live');
    await addNote(bram, '1', 'Verwachtingen afstemmen van ieders rol');
    await seesNote(amira, 'Verwachtingen afstemmen van ieders rol');
    await addNote(chris, '1', 'Zorg dat onderwijs betrokken wordt');
    await seesNote(facilitator, 'Zorg dat onderwijs betrokken wordt');
  });

  it('admits nobody without the code', async () => {
    const ws = live.url.replace('http', 'ws');
    const board = `${ws}${SYNC_PATH_PREFIX}${sessionDocName(sessionId)}`;
    const v = `${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}`;
    expect((await upgradeStatus(`${board}?${v}`)).status).toBe(403);
    expect((await upgradeStatus(`${board}?${v}&${CODE_PARAM}=ABCDEF`)).status).toBe(code === 'ABCDEF' ? 101 : 403);
    expect((await upgradeStatus(`${ws}${SIGNALING_PATH}?${v}`)).status).toBe(403);
    // With the code and no seat, a laptop may read the session doc (to choose its group), no board.
    const right = await upgradeStatus(`${board}?${v}&${CODE_PARAM}=${code}`);
    expect(right.status).toBe(101);
    expect(right.messages).toBeGreaterThan(0);

    const strangerBrowser = await launchChromium();
    browsers.push(strangerBrowser);
    const stranger = await strangerBrowser.page();
    await stranger.goto(`${live.url}/#/deelnemen`);
    await stranger.getByLabel('Code').fill(code === 'ABCDEF' ? 'BCDEFG' : 'ABCDEF');
    await stranger.getByRole('button', { name: 'Verder' }).click();
    await stranger.getByText('Deze code klopt niet.').waitFor();
  });

  it("cannot be locked out by a web page elsewhere in the facilitator's browser guessing codes", async () => {
    // A page on another site, and one on a name rebound to this machine (DNS rebinding), in the
    // facilitator's own browser: 40 wrong codes each way by fetch, and some by WebSocket.
    const browser = await launchChromium({ extraArgs: ['--host-resolver-rules=MAP rebound.test 127.0.0.1'] });
    browsers.push(browser);
    const page = await browser.page();
    // A page under the rebound name (it is served from this machine, so the browser lets it talk to
    // 127.0.0.1, as a rebound attacker's page would be let): its scripts play the attacker.
    await page.goto(`http://rebound.test:${live.port}/`);
    const statuses = await page.evaluate(
      async ({ port, codeParam, signaling, version }) => {
        const seen: string[] = [];
        for (let i = 0; i < 40; i++) {
          for (const base of [`http://127.0.0.1:${port}`, `http://rebound.test:${port}`]) {
            const res = await fetch(`${base}/api/live?${codeParam}=ZZZZZZ&${version}`).catch(() => null);
            seen.push(res ? String(res.status) : 'blocked');
          }
          if (i % 8 === 0) await new Promise<void>((resolve) => {
            const ws = new window.WebSocket(`ws://127.0.0.1:${port}${signaling}?${codeParam}=ZZZZZZ&${version}`);
            ws.onopen = () => (seen.push('open'), ws.close(), resolve());
            ws.onerror = () => (seen.push('refused'), resolve());
          });
        }
        return seen;
      },
      { port: live.port, codeParam: CODE_PARAM, signaling: SIGNALING_PATH, version: `${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}` },
    );
    expect(statuses).not.toContain('open');
    expect(statuses).not.toContain('429');
    // The rebound page's own requests reached the host and were refused, 40 times: enough to lock
    // this machine's address, had they counted.
    expect(statuses.filter((s) => s === '403')).toHaveLength(40);
    expect(statuses.filter((s) => s === 'refused')).toHaveLength(5);
    // This machine's address was not locked: a laptop on it still joins with the right code.
    const local = await browser.page();
    await openJoinLink(local, live.url, code);
    expect(await local.getByText('Te vaak').count()).toBe(0);
  });

  it("keeps every note on the host when the facilitator's window is killed", async () => {
    await facilitatorBrowser.kill();
    await addNote(amira, '3', 'Na de crash: meer tijd voor echt contact');
    await seesNote(bram, 'Na de crash: meer tijd voor echt contact');
    const onDisk = async () => {
      const session = await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId));
      const texts: string[] = [];
      for (const group of readGroups(session!)) {
        const board = await readStoredDoc(dataDir, sessionId, boardDocName(sessionId, group.id));
        texts.push(...readNotes(board!).map((n) => n.text));
      }
      return texts.sort();
    };
    await expect.poll(onDisk, { timeout: 20_000 }).toEqual(
      [
        'Samen: Werk systemisch met school en ouders',
        'Vertrouwen van leidinggevenden',
        'Verwachtingen afstemmen van ieders rol',
        'Na de crash: meer tijd voor echt contact',
        'Onderwijs aan tafel!',
        'Ouders versterken met kennis en contact',
        'Ruimte voor innovatie',
        'Zorg dat onderwijs betrokken wordt',
      ].sort(),
    );
  });
});
