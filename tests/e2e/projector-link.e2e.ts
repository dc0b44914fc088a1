import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { addNote } from '../../shared/schema/note';
import { freeSpotInZone } from '../../shared/template/freeSpot';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { normaliseJoinCode } from '../../shared/live';
import { seriousProblems } from './support/axe';
import { People } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY, createSession } from './support/liveSession';
import { relayPeer, type RelayPeer } from './support/relayPeer';
import { saveScreenshot } from './support/screenshots';

/**
 * The projector is the room's own PC, not the facilitator's laptop: the facilitator passes it the
 * projector's link (address, code and a projector token, about 95 characters) with "Kopiëren",
 * e.g. into a mail or chat, and opens it there. Where the browser will not let the page use the
 * clipboard, the button selects the link in its field and copies the selection. Each time the
 * link that arrives is opened in another Chromium, which must become the projector.
 */

const FIELD = 'Adres voor de projector op een andere computer';

describe('the link for a projector on another computer', () => {
  let dataDir: string;
  let live: TestLiveHost;
  const people = new People();
  const { errors } = people;
  const peers: RelayPeer[] = [];
  let facilitator: Page;
  let sessionId: string;
  let code: string;

  const launch = () => people.launch();

  /** The clipboard of the facilitator's browser, read as a page with leave to read it does. */
  const clipboard = () => facilitator.evaluate(() => navigator.clipboard.readText());

  /** Opens `link` in a Chromium of its own and checks that it is the projector of this session, reading its houses. */
  const opensProjector = async (link: string) => {
    const projector = await launch();
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.goto(link);
    await projector.locator('.welcome-title', { hasText: 'Zo thuis mogelijk!' }).waitFor({ timeout: 30_000 });
    expect(await projector.locator('.welcome-code').innerText()).toBe(`${code.slice(0, 3)}-${code.slice(3)}`);
    // Its token reads every board: the wall counts the note group 1 has.
    await facilitator.getByLabel('Op de projector').selectOption('wall');
    const count = projector.locator('.wall-house').first().locator('.wall-part[data-zone="walls"] .wall-part-count');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('1');
    await facilitator.getByLabel('Op de projector').selectOption('auto');
    return projector;
  };

  /** Whether the whole text of the field is selected and it has the keyboard; the selected text. */
  const selection = (field: Locator) =>
    field.evaluate((el: HTMLTextAreaElement) => ({ focused: document.activeElement === el, text: el.value.slice(el.selectionStart, el.selectionEnd) }));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-projector-link-'));
    live = await startLiveHost(dataDir);
    facilitator = await launch();
    sessionId = await createSession(facilitator, live.url, { groups: 2 });
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    const session = await relayPeer(live.url, code, sessionDocName(sessionId), { role: 'facilitator' });
    peers.push(session);
    const group = readGroups(session.doc)[0]!;
    const board = await relayPeer(live.url, code, boardDocName(sessionId, group.id), { role: 'facilitator' });
    peers.push(board);
    const walls = HOUSE_TEMPLATE.zones.find((z) => z.id === 'walls')!;
    addNote(board.doc, HOUSE_TEMPLATE, { ...freeSpotInZone(HOUSE_TEMPLATE, walls, []), text: 'Werk systemisch' });
  });

  afterAll(async () => {
    for (const peer of peers) peer.close();
    await people.closeAll();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the whole link, copies it with "Kopiëren" and says "Gekopieerd"; the copied link opens the projector in another Chromium', async () => {
    await facilitator.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.url });
    await facilitator.getByText('Projector op een andere computer?').click();
    const field = facilitator.getByLabel(FIELD);
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${live.url}/#/projector/${sessionId}/${code}/p\\.`));
    expect(link.length).toBeGreaterThan(90);
    // Readable: every character in view, none behind a scroll, and not in a tiny font.
    const box = await field.evaluate((el) => ({ hidden: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1, px: parseFloat(getComputedStyle(el).fontSize) }));
    expect(box).toEqual({ hidden: false, px: expect.any(Number) });
    expect(box.px).toBeGreaterThanOrEqual(14);

    await facilitator.getByRole('button', { name: 'Kopiëren' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Gekopieerd' }).waitFor();
    expect(await clipboard()).toBe(link);
    // The clipboard did it: the field was left alone.
    expect((await selection(field)).focused).toBe(false);
    await saveScreenshot(facilitator.locator('.projector-controls'), 'projector-link-copied');
    // The session page with the link open: no serious or critical WCAG problem (the field is named, the line is a status).
    expect(await seriousProblems(facilitator)).toEqual([]);
    // A short confirmation: it goes by itself.
    await facilitator.getByRole('status').filter({ hasText: 'Gekopieerd' }).waitFor({ state: 'detached', timeout: 10_000 });

    await opensProjector(await clipboard());
  });

  it('where the browser refuses the clipboard, selects the link in its field and copies the selection; that opens the projector too', async () => {
    // The page may read the clipboard (for this test), but not write it: a browser that refuses,
    // as a site setting can, and as a plain-http page has no clipboard API at all.
    await facilitator.evaluate(() => navigator.clipboard.writeText('leeg'));
    const cdp = await facilitator.context().browser()!.newBrowserCDPSession();
    await cdp.send('Browser.setPermission', { permission: { name: 'clipboard-write' }, setting: 'denied', origin: live.url });
    expect(await facilitator.evaluate(() => navigator.clipboard.writeText('x').then(() => 'written', (e: Error) => e.name))).toBe('NotAllowedError');

    const field = facilitator.getByLabel(FIELD);
    const link = await field.inputValue();
    await facilitator.getByRole('button', { name: 'Kopiëren' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Gekopieerd' }).waitFor();
    // The whole link selected in its field, with the keyboard there (Ctrl+C would copy it again) ...
    expect(await selection(field)).toEqual({ focused: true, text: link });
    // ... and copied as a selection.
    expect(await clipboard()).toBe(link);
    await saveScreenshot(facilitator.locator('.projector-controls'), 'projector-link-selected');

    await opensProjector((await selection(field)).text);
    expect(errors).toEqual([]);
  });

  /** The facilitator gives the session a new code; returns it (it is the test's `code` from then on). */
  const newCode = async () => {
    const old = code;
    await facilitator.getByRole('button', { name: 'Nieuwe code…' }).click();
    // The facilitator is told before: the projector elsewhere needs its new address.
    await facilitator.getByText('Een projector op een andere computer heeft daarna het nieuwe projectoradres nodig').waitFor();
    await facilitator.getByRole('button', { name: 'Ja, nieuwe code' }).click();
    await expect.poll(async () => normaliseJoinCode(await facilitator.locator('.join-code').innerText()), { timeout: 20_000 }).not.toBe(old);
    code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    return old;
  };

  /** What a stale projector shows: the message in projector type, and nothing of the session (no code, no QR, no houses). */
  const showsStale = async (projector: Page, oldCode: string) => {
    const message = projector.getByRole('alert').filter({ hasText: 'Dit projectoradres werkt niet meer.' });
    await message.waitFor({ timeout: 30_000 });
    const text = await message.innerText();
    expect(text).toContain('De sessie heeft een nieuwe code gekregen. Dit scherm wordt daarom niet meer bijgewerkt.');
    expect(text).toContain('Open op deze computer het nieuwe projectoradres: de begeleider kopieert het in Bouwplaats met Kopiëren');
    const body = await projector.locator('body').innerText();
    expect(body).not.toContain(`${oldCode.slice(0, 3)}-${oldCode.slice(3)}`);
    expect(body).not.toContain('doe opnieuw mee');
    expect(await projector.locator('.welcome-code, .welcome-qr, .welcome-address, .wall-house, .house-large').count()).toBe(0);
    // Readable from the back of the room: the smallest line at least 24 px on a 720 px high projector.
    const px = await message.locator('p').evaluateAll((ps) => Math.min(...ps.map((p) => parseFloat(getComputedStyle(p).fontSize))));
    expect(px).toBeGreaterThanOrEqual(24);
  };

  it('after "Nieuwe code" a projector with the old link shows neither the old code nor the houses, but what to do — also after a reload; the new link works', async () => {
    const field = facilitator.getByLabel(FIELD);
    // During the building: the projector shows the wall when the code changes.
    const onWall = await opensProjector(await field.inputValue());
    await facilitator.getByLabel('Op de projector').selectOption('wall');
    await onWall.locator('.wall-house').first().waitFor({ timeout: 20_000 });
    const first = await newCode();
    await showsStale(onWall, first);
    await saveScreenshot(onWall, 'projector-stale-wall');
    // Opened again, the old link says the same (the host no longer knows its code).
    await onWall.reload();
    await showsStale(onWall, first);
    await facilitator.getByLabel('Op de projector').selectOption('auto');

    // The new address, copied as before, opens the projector with the new code ...
    await expect.poll(() => field.inputValue(), { timeout: 20_000 }).toContain(`/${code}/`);
    const welcome = await opensProjector(await field.inputValue());
    // ... and when the code changes again while it shows the welcome, the old code and QR go away at once.
    const second = await newCode();
    await showsStale(welcome, second);
    await saveScreenshot(welcome, 'projector-stale-welcome');
    // In the projector's theme, with no serious or critical WCAG problem (contrast, an alert with its words).
    expect(await seriousProblems(welcome)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in English: "Copy" and "Copied"', async () => {
    await facilitator.getByRole('button', { name: 'Instellingen' }).click();
    await facilitator.getByLabel('Taal').selectOption('en');
    await facilitator.getByRole('button', { name: 'Close' }).click();
    const cdp = await facilitator.context().browser()!.newBrowserCDPSession();
    await cdp.send('Browser.setPermission', { permission: { name: 'clipboard-write' }, setting: 'granted', origin: live.url });
    // The part stays open as it was, now in English.
    const field = facilitator.getByLabel('Address for the projector on another computer');
    await field.waitFor();
    await facilitator.getByRole('button', { name: 'Copy' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await clipboard()).toBe(await field.inputValue());
    await saveScreenshot(facilitator.locator('.projector-controls'), 'projector-link-copied-en');
    expect(errors).toEqual([]);
  });
});
