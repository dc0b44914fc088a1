import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goToPhase, pauseRoom, readAgenda, resumeRoom, writeRunFields, writeTimer, type PhaseKind } from '../../shared/schema/agenda';
import { approveCase, readCaseField } from '../../shared/schema/caseDoc';
import { roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { setTableDone } from '../../shared/schema/tableDone';
import { normaliseJoinCode } from '../../shared/live';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { startLiveHost, type TestLiveHost } from './support/liveHost';
import { LIVE_HERE_ONLY } from './support/liveSession';
import { relayPeer, type RelayPeer } from './support/relayPeer';
import { saveScreenshot } from './support/screenshots';

/**
 * The projector theme against WCAG 2.1 AA contrast (1.4.3: 4.5:1 for text, 3:1 for large text),
 * on the projector window of the sample session (seed 000: three full houses, its case, its
 * closing words, who sat at the tables), live, in every view it has — welcome with code and QR
 * code, the case with its discussion points, the wall, one house large, the closing words — and
 * in every state its bar shows: the timer running, in its last minute, run out, paused; tables
 * done; the keys hint. Measured twice: axe-core's color-contrast rule (0 violations), and the
 * colours the page computes for every piece of text against what is behind it, which also covers
 * what axe leaves undecided (text over a pseudo-element, a clip-path).
 */

const P720 = { width: 1280, height: 720 } as const;

/** Text whose colours fall short: "what: ratio (needed)". */
interface Shortfall {
  text: string;
  ratio: number;
  needs: number;
}

/**
 * Every piece of text in the projector (an element with words of its own that is drawn) against
 * the first opaque background behind it, as the page computes the colours; large text (24 px, or
 * 18.66 px bold) needs 3:1, other text 4.5:1. Opacity on the way up is multiplied into the text.
 */
function computedShortfalls(page: Page): Promise<{ checked: number; short: Shortfall[] }> {
  return page.evaluate(() => {
    const rgba = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const luminance = (c: number[]) => 0.2126 * lin(c[0]!) + 0.7152 * lin(c[1]!) + 0.0722 * lin(c[2]!);
    const over = (top: number[], alpha: number, under: number[]) => [0, 1, 2].map((i) => top[i]! * alpha + under[i]! * (1 - alpha));
    const behind = (el: Element): number[] => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0.5) return c;
      }
      return [255, 255, 255];
    };
    const short: { text: string; ratio: number; needs: number }[] = [];
    let checked = 0;
    for (const el of document.querySelectorAll<HTMLElement>('.projector *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // Drawn words only: not the wall's hidden ruler, not text cut away to nothing.
      if (!own || style.visibility !== 'visible' || box.width < 2 || box.height < 2) continue;
      let opacity = 1;
      for (let e: HTMLElement | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const fg = rgba(style.color);
      const bg = behind(el);
      const text = over(fg, (fg[3] ?? 1) * opacity, bg);
      const [a, b] = [luminance(text), luminance(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const px = parseFloat(style.fontSize);
      const large = px >= 24 || (px >= 18.66 && Number(style.fontWeight) >= 700);
      const needs = large ? 3 : 4.5;
      checked++;
      if (ratio < needs) short.push({ text: `${el.className}: ${el.textContent?.trim().slice(0, 40)}`, ratio: Math.round(ratio * 100) / 100, needs });
    }
    return { checked, short };
  });
}

/** axe-core's color-contrast rule on the page: the violations, and how many it could not decide and why. */
async function axeContrast(page: Page): Promise<{ violations: string[]; undecided: number; why: string[] }> {
  const result = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  const undecided = result.incomplete.flatMap((v) => v.nodes);
  return {
    violations: result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`)),
    undecided: undecided.length,
    why: [...new Set(undecided.map((n) => n.any[0]?.message ?? '?'))],
  };
}

describe('the projector theme meets WCAG AA contrast in every view', () => {
  let dataDir: string;
  let live: TestLiveHost;
  let chromium: LaunchedChromium;
  let facilitator: Page;
  let projector: Page;
  let session: RelayPeer;
  let room: RelayPeer;
  const peers: RelayPeer[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-contrast-'));
    live = await startLiveHost(dataDir);
    chromium = await launchChromium();
    facilitator = await chromium.page();
    facilitator.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    for (const peer of peers) peer.close();
    await chromium?.close();
    await live?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the sample session live, with its projector window', async () => {
    await facilitator.goto(live.url);
    await facilitator.getByRole('button', { name: 'Voorbeeldsessie openen' }).click();
    await facilitator.getByRole('heading', { name: 'Themabijeenkomst Zo thuis mogelijk!' }).waitFor();
    const sessionId = decodeURIComponent(new URL(facilitator.url()).hash.split('/')[2]!);
    await facilitator.getByRole('button', { name: 'Sessie live zetten' }).click();
    await facilitator.getByRole('heading', { name: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
    const code = normaliseJoinCode(await facilitator.locator('.join-code').innerText())!;
    session = await relayPeer(live.url, code, sessionDocName(sessionId), { role: 'facilitator' });
    room = await relayPeer(live.url, code, roomDocName(sessionId), { role: 'facilitator' });
    peers.push(session, room);
    // The case shows once approved (the sample leaves that to the facilitator).
    approveCase(session.doc, readCaseField(session.doc, 'caseText'), Date.now());

    [projector] = await Promise.all([facilitator.context().waitForEvent('page'), facilitator.getByRole('button', { name: 'Projector openen' }).click()]);
    projector.on('pageerror', (e) => errors.push(String(e)));
    await projector.setViewportSize(P720);
    await projector.locator('.projector').waitFor();
  });

  it('has no text below AA in any view or state of the bar', async () => {
    const agenda = readAgenda(session.doc);
    const phaseOf = (kind: PhaseKind) => agenda.find((p) => p.kind === kind)!;
    const groups = readGroups(session.doc);
    const found: Record<string, { axe: string[]; computed: Shortfall[] }> = {};
    const figures: string[] = [];
    const measure = async (state: string, view: string) => {
      await projector.locator(view).first().waitFor({ timeout: 20_000 });
      await projector.waitForTimeout(200);
      const [axe, computed] = [await axeContrast(projector), await computedShortfalls(projector)];
      found[state] = { axe: axe.violations, computed: computed.short };
      figures.push(`${state}: ${computed.checked} texts, axe undecided ${axe.undecided}${axe.why.length ? ` (${axe.why.join(' / ')})` : ''}`);
      await saveScreenshot(projector, `projector-contrast-${state}`);
    };

    goToPhase(session.doc, phaseOf('welcome').id, Date.now());
    await projector.locator('.welcome-code').waitFor({ timeout: 20_000 });
    // The keys hint shows while the pointer moves.
    await projector.mouse.move(200, 200);
    await projector.mouse.move(220, 220);
    await measure('welcome-with-hint', '.projector-hint');

    goToPhase(session.doc, phaseOf('case').id, Date.now());
    await measure('case', '.phase-text-points li');

    goToPhase(session.doc, phaseOf('build').id, Date.now());
    const build = phaseOf('build').id;
    setTableDone(room.doc, groups[0]!.id, build, true);
    setTableDone(room.doc, groups[2]!.id, build, true);
    // The timer in its last minute (amber), the room missing school (the strip under the wall).
    writeTimer(session.doc, { running: true, endsAt: Date.now() + 45_000, remainingMs: 0, lockOnEnd: false });
    await measure('wall-last-minute', '.projector-timer.soon');

    writeRunFields(session.doc, { projectorView: 'house', projectorGroupId: groups[0]!.id });
    writeTimer(session.doc, { running: true, endsAt: Date.now() - 1000, remainingMs: 0, lockOnEnd: true });
    await measure('house-time-up', '.projector-timer.up');

    writeRunFields(session.doc, { projectorView: 'auto', projectorGroupId: null });
    writeTimer(session.doc, { running: true, endsAt: Date.now() + 20 * 60_000, remainingMs: 0, lockOnEnd: false });
    pauseRoom(session.doc, Date.now());
    await measure('wall-paused', '.projector-pause');
    resumeRoom(session.doc, Date.now());

    goToPhase(session.doc, phaseOf('closing').id, Date.now());
    await measure('closing', '.phase-text-words');

    console.log(`projector contrast: ${figures.join('; ')}`);
    const problems = Object.entries(found).filter(([, f]) => f.axe.length > 0 || f.computed.length > 0);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect(Object.keys(found)).toEqual(['welcome-with-hint', 'case', 'wall-last-minute', 'house-time-up', 'wall-paused', 'closing']);
    expect(errors).toEqual([]);
  });
});
