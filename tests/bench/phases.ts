import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LiveController, installLiveControl } from '../../electron/host/live';
import { startHost } from '../../electron/host/server';
import { launchChromium, type LaunchedChromium } from '../e2e/support/chromium';
import { RENDERER_DIR } from './paths';
import type { Row } from './table';

/**
 * Phase change → shown on a participant laptop (issue 9; goal p95 ≤ 200 ms), with the real renderer
 * end to end: the facilitator's session page (its own Chromium) and three participants, each in their
 * own Chromium and their own group, on their boards, joined through the live session as in a room.
 * The facilitator clicks "Volgende fase" and "Vorige fase" in turn, CHANGES times, between building
 * (houses open) and the reflection (read-only), so every change also closes or opens the board.
 * Measured from the click (the input event's time in the facilitator's page) to the frame after the
 * participant's banner shows the new phase's title (a MutationObserver and the next
 * requestAnimationFrame in the participant's page); both on this machine's clock
 * (performance.timeOrigin + performance.now()).
 */

export const PHASE_CHANGES = 50;
export const PHASE_GOAL_MS = 200;
const PARTICIPANTS = 3;
const TITLE = 'Bench: Zo thuis mogelijk!';
const BUILD = 'Huis bouwen in deelgroepen';
const REFLECTION = 'Reflectie';
const SHOWN_TIMEOUT_MS = 10_000;

/** In the facilitator's page before its scripts: when each phase button was clicked. */
function clickProbe(): void {
  const clicks: { label: string; t: number }[] = [];
  (window as unknown as { phaseClicks: typeof clicks }).phaseClicks = clicks;
  addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      const label = (button?.textContent ?? '').trim();
      if (/^(Volgende|Vorige|← Vorige) fase/.test(label)) clicks.push({ label, t: performance.timeOrigin + event.timeStamp });
    },
    true,
  );
}

/** In each participant's page before its scripts: when the banner's phase title changed, and the frame after. */
function bannerProbe(): void {
  const shown: { title: string; t: number; frame: number | null }[] = [];
  (window as unknown as { phaseShown: typeof shown }).phaseShown = shown;
  let last = '';
  new MutationObserver(() => {
    const title = document.querySelector('.phase-banner .phase-title')?.textContent ?? '';
    if (title === last) return;
    last = title;
    const entry = { title, t: performance.timeOrigin + performance.now(), frame: null as number | null };
    shown.push(entry);
    requestAnimationFrame(() => {
      entry.frame = performance.timeOrigin + performance.now();
    });
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function joinAs(page: Page, url: string, code: string, group: string, name: string): Promise<void> {
  await page.goto(`${url}/#/deelnemen/${code}`);
  await page.getByRole('radio', { name: new RegExp(`^${group}\\b`) }).check();
  await page.getByLabel(/Je naam/).fill(name);
  await page.getByRole('button', { name: 'Naar ons huis' }).click();
  await page.getByRole('heading', { name: group }).waitFor();
  await page.locator('.live-status', { hasText: '● Live' }).waitFor({ timeout: 30_000 });
}

export interface PhaseBench {
  /** Click → the frame after the banner changed, per change and laptop (ms). */
  readonly shown: number[];
  /** Click → the banner's DOM changed (ms). */
  readonly dom: number[];
  readonly problems: string[];
}

export async function benchPhaseChanges(log: (text: string) => void): Promise<PhaseBench> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'bouwplaats-bench-phases-'));
  const host = await startHost({ rootDir: RENDERER_DIR, port: 0, host: '127.0.0.1' });
  const controller = new LiveController(host, { dataDir: path.join(base, 'data') });
  installLiveControl(host, controller);
  const browsers: LaunchedChromium[] = [];
  const problems: string[] = [];
  const shown: number[] = [];
  const dom: number[] = [];
  try {
    for (let i = 0; i <= PARTICIPANTS; i++) browsers.push(await launchChromium());
    const [facilitator, ...participants] = await Promise.all(browsers.map((b) => b.page()));
    await facilitator!.addInitScript(clickProbe);
    for (const page of participants) await page.addInitScript(bannerProbe);

    // The facilitator makes the session, goes live and starts the agenda at building.
    await facilitator!.goto(host.url);
    await facilitator!.getByRole('button', { name: 'Nieuwe sessie' }).click();
    await facilitator!.getByLabel('Titel *').fill(TITLE);
    await facilitator!.getByLabel('Aantal subgroepen').fill(String(PARTICIPANTS));
    await facilitator!.getByRole('button', { name: 'Sessie aanmaken' }).click();
    await facilitator!.getByRole('heading', { name: TITLE }).waitFor();
    await facilitator!.getByRole('button', { name: 'Sessie live zetten' }).click();
    const code = (await facilitator!.locator('.join-code').innerText()).replace('-', '');
    for (const [i, page] of participants.entries()) await joinAs(page, host.url, code, `Groep ${i + 1}`, `Deelnemer ${i + 1}`);
    const button = (name: RegExp) => facilitator!.getByRole('button', { name });
    await button(/^Start: /).click();
    await button(/^Volgende fase: Plenaire casus/).click();
    await button(new RegExp(`^Volgende fase: ${BUILD}`)).click();
    const showsTitle = (page: Page, title: string) =>
      page.waitForFunction((t) => document.querySelector('.phase-banner .phase-title')?.textContent === t, title, { timeout: SHOWN_TIMEOUT_MS });
    await Promise.all(participants.map((page) => showsTitle(page, BUILD)));
    // Let first syncs, layout and GC settle.
    await sleep(1500);
    log(`phase changes: ${PARTICIPANTS} participants joined and on their boards`);

    for (let n = 0; n < PHASE_CHANGES; n++) {
      const forward = n % 2 === 0;
      const title = forward ? REFLECTION : BUILD;
      const since = await Promise.all(participants.map((page) => page.evaluate(() => (window as unknown as { phaseShown: unknown[] }).phaseShown.length)));
      await button(forward ? new RegExp(`^Volgende fase: ${REFLECTION}`) : new RegExp(`^← Vorige fase: ${BUILD}`)).click();
      try {
        await Promise.all(participants.map((page) => showsTitle(page, title)));
      } catch {
        problems.push(`change ${n + 1} (${title}) was not shown on every laptop within ${SHOWN_TIMEOUT_MS / 1000} s`);
      }
      // The frame after it, then a pause that falls anywhere in the timers' beat.
      await sleep(100 + Math.random() * 200);
      const click = (await facilitator!.evaluate(() => (window as unknown as { phaseClicks: { t: number }[] }).phaseClicks.at(-1)?.t)) ?? NaN;
      for (const [i, page] of participants.entries()) {
        const entries = await page.evaluate((from) => (window as unknown as { phaseShown: { title: string; t: number; frame: number | null }[] }).phaseShown.slice(from), since[i]!);
        const entry = entries.find((e) => e.title === title);
        if (!entry) continue;
        dom.push(entry.t - click);
        if (entry.frame !== null) shown.push(entry.frame - click);
      }
    }
  } finally {
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    await controller.stop().catch(() => undefined);
    await host.close();
    await rm(base, { recursive: true, force: true });
  }
  return { shown, dom, problems };
}

/** The rows of the live table for this part. */
export function phaseRows(result: PhaseBench): Row[] {
  return [
    {
      group: `5. phase change → shown on a participant laptop (real renderer, facilitator + ${PARTICIPANTS} participants, ${PHASE_CHANGES} changes)`,
      measure: '"Volgende fase" / "Vorige fase" clicked → the frame after the banner shows it, every laptop',
      unit: 'ms',
      samples: result.shown,
      pooled: true,
      goal: { at: 'most', value: PHASE_GOAL_MS, on: 'p95' },
    },
    { group: '', measure: '… clicked → the banner changed in the DOM', unit: 'ms', samples: result.dom, pooled: true },
  ];
}
