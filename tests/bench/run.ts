import { access, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startHost } from '../../electron/host/server';
import { VIEWPORT, launchChromium } from '../e2e/support/chromium';
import { benchLive } from './live';
import type { BenchApi } from './page/api';
import type { HousesBenchApi } from './page/housesApi';
import type { Recording } from './page/probe';
import { OUT_DIR, PAGE_DIR, ROOT } from './paths';
import { profileSummaries, profiled } from './profile';
import { formatTable, percentile, summarise, type Row } from './table';

/**
 * `npm run bench`: measures, never asserts; goals are printed beside the figures.
 *
 * 1. The board (this file): serves the benchmark page (dist/bench, the real board components)
 *    with the project's LAN host, drives one Debian Chromium with real mouse and wheel input, and
 *    writes bench-results/board.md (+ board.json). g: twelve read-only houses on one page
 *    (houses.html, HouseView): first paint and peers' edits repainted. h: the projector wall
 *    itself (wall.html, WallHouse: parts, counts, note lines) with the same boards at 1280 × 720.
 * 2. The live session (live.ts): sync latency between separate Chromium processes over y-webrtc
 *    and the host relay, joining with the real renderer, and the signaling host under load;
 *    writes bench-results/live.md (+ live.json).
 *
 * BENCH_ONLY=board or BENCH_ONLY=live runs one part. BENCH_PROFILE=1 also records CPU profiles
 * (each board interaction; a receiving peer in each live scenario) into bench-results/ and prints
 * the functions with the most self time.
 */

const ONLY = process.env.BENCH_ONLY;

const SEED = 20230914;
const BOARD_NOTES = 2000;
/** Each run of the 2,000-note board is a fresh page: mount, heap, drag, pan, zoom. */
const BOARD_RUNS = 3;
const BIG_RUNS = 3;
const SMALL_RUNS = 5;
const WARM_RUNS = 3;
/** g. The projector wall: twelve read-only houses of 80 notes on one page, each run a fresh page. */
const WALL_HOUSES = 12;
const WALL_NOTES = 80;
const WALL_RUNS = 3;
const WALL_EDITS = 100;
const WALL_EDIT_GAP_MS = 25;
/** h. The projector's own screen size for the wall as the projector shows it. */
const PROJECTOR = { width: 1280, height: 720 } as const;
const GESTURE_MS = 2000;
const STEP_MS = 16;
const CALL_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Method = keyof BenchApi;
async function call<K extends Method>(page: Page, name: K, ...args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  const run = page.evaluate(
    ({ name, args }) => (window.bench[name] as (...a: unknown[]) => unknown)(...args),
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench.${name} took over ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function callHouses<K extends keyof HousesBenchApi>(
  page: Page,
  name: K,
  ...args: Parameters<HousesBenchApi[K]>
): Promise<Awaited<ReturnType<HousesBenchApi[K]>>> {
  return page.evaluate(({ name, args }) => (window.houses[name] as (...a: unknown[]) => unknown)(...args), { name, args: args as unknown[] }) as Promise<
    Awaited<ReturnType<HousesBenchApi[K]>>
  >;
}

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
}

/** Runs `fn` at a steady cadence of STEP_MS for GESTURE_MS, like a hand on a mouse. */
async function steadily(fn: (i: number, steps: number) => Promise<void>): Promise<void> {
  const steps = Math.round(GESTURE_MS / STEP_MS);
  const start = Date.now();
  for (let i = 1; i <= steps; i++) {
    const wait = start + i * STEP_MS - Date.now();
    if (wait > 0) await sleep(wait);
    await fn(i, steps);
  }
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

// ---- analysis of a recording ----

function framesIn(rec: Recording, from: number, to: number): number[] {
  return rec.frames.filter((t) => t >= from && t <= to);
}

function gapsOf(frames: readonly number[]): number[] {
  return frames.slice(1).map((t, i) => t - frames[i]!);
}

function fpsOf(frames: readonly number[]): number {
  return frames.length > 1 ? ((frames.length - 1) * 1000) / (frames[frames.length - 1]! - frames[0]!) : NaN;
}

/** The longest frame gap that overlaps [from, to]: the frame an input event held up. */
function longestGapAround(rec: Recording, from: number, to: number): number {
  let longest = 0;
  rec.frames.forEach((t, i) => {
    const prev = rec.frames[i - 1];
    if (prev !== undefined && t >= from && prev <= to) longest = Math.max(longest, t - prev);
  });
  return longest;
}

function pointerTime(rec: Recording, type: string): number {
  const mark = rec.pointer.find((p) => p.type === type);
  if (!mark) throw new Error(`no ${type} was recorded`);
  return mark.t;
}

interface GestureFigures {
  fps: number;
  gaps: number[];
  /** Notes shown (not culled) in the last notes-layer draw, for context. */
  visible: number;
}

function gestureFigures(rec: Recording): GestureFigures {
  const frames = framesIn(rec, pointerTime(rec, 'pointerdown'), pointerTime(rec, 'pointerup'));
  const last = rec.draws.filter((d) => d.layer === 'notes').at(-1);
  return { fps: fpsOf(frames), gaps: gapsOf(frames), visible: last?.visible ?? NaN };
}

interface DragFigures extends GestureFigures {
  startRedraw: number;
  startGap: number;
  dropRedraw: number;
  dropGap: number;
  notesDrawsDuringDrag: number;
  moved: boolean;
}

// ---- scenarios ----

/** a. Drag one note for ~2 s at fit zoom with real mouse input. */
async function drag(page: Page, nth: number): Promise<DragFigures> {
  const note = await call(page, 'topNote', nth);
  const before = await call(page, 'notePosition', note.id);
  await page.mouse.move(note.x, note.y);
  await call(page, 'startRecording');
  await sleep(250);
  await page.mouse.down();
  // Across the house and back a bit, with a wobble: ends 160 px right of where it started.
  await steadily((i, steps) =>
    page.mouse.move(note.x + 160 * (i / steps) + 60 * Math.sin((4 * Math.PI * i) / steps), note.y + 50 * Math.sin((2 * Math.PI * i) / steps)),
  );
  await page.mouse.up();
  await sleep(500);
  const rec = await call(page, 'stopRecording');
  const after = await call(page, 'notePosition', note.id);
  const down = pointerTime(rec, 'pointerdown');
  const up = pointerTime(rec, 'pointerup');
  const notesDraws = rec.draws.filter((d) => d.layer === 'notes');
  // Drag start: the select and lift redraws after pointerdown; drop: the redraws after pointerup.
  const startDraws = notesDraws.filter((d) => d.start >= down && d.start < Math.min(up, down + 500));
  const dropDraws = notesDraws.filter((d) => d.start >= up);
  const longestDraw = (draws: typeof notesDraws) => Math.max(0, ...draws.map((d) => d.end - d.start));
  return {
    ...gestureFigures(rec),
    startRedraw: longestDraw(startDraws),
    startGap: longestGapAround(rec, down, down + 300),
    dropRedraw: longestDraw(dropDraws),
    dropGap: longestGapAround(rec, up, up + 300),
    notesDrawsDuringDrag: notesDraws.filter((d) => d.start >= down && d.start < up).length,
    moved: Boolean(before && after && (before.x !== after.x || before.y !== after.y)),
  };
}

/** From fit zoom to 100 %, zooming with the wheel at `anchor` (wheel steps are capped at 100). */
async function zoomTo100(page: Page, anchor: { x: number; y: number }): Promise<void> {
  await call(page, 'fitHouse');
  const { scale } = await call(page, 'view');
  const total = -Math.log(1 / scale) / 0.0025;
  const steps = Math.max(1, Math.ceil(Math.abs(total) / 100));
  await page.mouse.move(anchor.x, anchor.y);
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, total / steps);
  await sleep(200);
}

/** At fit zoom the strip left of the house is empty board: grab it there to pan. */
const PAN_ANCHOR = { x: 50, y: 450 };

/** b. Pan at 100 % by dragging empty board, ~2 s. */
async function pan(page: Page): Promise<GestureFigures & { scale: number }> {
  await zoomTo100(page, PAN_ANCHOR);
  const { scale } = await call(page, 'view');
  const hit = await call(page, 'noteAt', PAN_ANCHOR.x, PAN_ANCHOR.y);
  if (hit) throw new Error(`pan would start on note ${hit}`);
  await call(page, 'startRecording');
  await sleep(250);
  await page.mouse.down();
  await steadily((i, steps) =>
    page.mouse.move(PAN_ANCHOR.x + 300 * Math.sin((Math.PI * i) / steps), PAN_ANCHOR.y + 250 * Math.sin((2 * Math.PI * i) / steps)),
  );
  await page.mouse.up();
  await sleep(300);
  return { ...gestureFigures(await call(page, 'stopRecording')), scale };
}

/** b. Zoom with wheel steps around 100 % (0.75×–1.35×) at the middle of the screen, ~2 s. */
async function zoom(page: Page): Promise<GestureFigures & { scale: number }> {
  await zoomTo100(page, PAN_ANCHOR);
  const { scale } = await call(page, 'view');
  const centre = { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await call(page, 'startRecording');
  await sleep(250);
  const start = await page.evaluate(() => performance.now());
  // Out 6 steps, then in 12 and out 12 in turn (each step ×/÷ 1.05).
  await steadily((i) => page.mouse.wheel(0, Math.floor((i + 5) / 12) % 2 === 0 ? 20 : -20));
  const end = await page.evaluate(() => performance.now());
  await sleep(300);
  const rec = await call(page, 'stopRecording');
  const frames = framesIn(rec, start, end);
  const last = rec.draws.filter((d) => d.layer === 'notes').at(-1);
  return { fps: fpsOf(frames), gaps: gapsOf(frames), visible: last?.visible ?? NaN, scale };
}

// ---- main ----

interface Samples {
  [key: string]: number[];
}

async function benchBoard(): Promise<void> {
  try {
    await access(path.join(PAGE_DIR, 'index.html'));
  } catch {
    throw new Error(`No benchmark page in ${PAGE_DIR}: run \`npm run bench\` (it builds it with vite build --mode bench).`);
  }
  await mkdir(OUT_DIR, { recursive: true });
  const began = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const host = await startHost({ rootDir: PAGE_DIR, port: 0, host: '127.0.0.1' });
  const chromium = await launchChromium();
  const s: Samples = {};
  const add = (key: string, ...values: number[]) => (s[key] ??= []).push(...values);
  const notes: string[] = [];
  let version: string;
  try {
    version = chromium.browser.version();
    const page = await chromium.page();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const url = `${host.url}/`;
    const log = (text: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}`);

    // a, b, c, f: the 2,000-note board, each run in a fresh page (cold caches, as when a board opens).
    for (let run = 0; run < BOARD_RUNS; run++) {
      await openPage(page, url);
      add('heapEmpty', await heapUsed(cdp));
      const built = await call(page, 'buildNotes', BOARD_NOTES, SEED);
      add('build2000', built.buildMs);
      add('bytes2000', built.bytes);
      add('heapDoc', await heapUsed(cdp));
      const paint = await profiled(cdp, 'first-paint-2000', () => call(page, 'mount'));
      add('render2000', paint.renderMs);
      add('unfitted2000', paint.unfittedDraws);
      add('inStageAdd', paint.inStageAdd ? 1 : 0);
      add('paint2000', paint.paintMs);
      add('paint2000Next', paint.nextFrameMs);
      add('paint2000Draw', paint.drawMs);
      if (paint.visible !== BOARD_NOTES) notes.push(`first paint showed ${paint.visible} of ${paint.notes} notes (culled)`);
      await sleep(300);
      add('heapMounted', await heapUsed(cdp));
      if (run === 0) await page.screenshot({ path: path.join(OUT_DIR, 'board-2000.png') });

      const d = await profiled(cdp, `drag-${run}`, () => drag(page, run * 7));
      if (!d.moved) notes.push(`drag run ${run + 1}: the note did not move`);
      add('dragFps', d.fps);
      add('dragGaps', ...d.gaps);
      add('dragStartRedraw', d.startRedraw);
      add('dragStartGap', d.startGap);
      add('dropRedraw', d.dropRedraw);
      add('dropGap', d.dropGap);
      add('dragNotesDraws', d.notesDrawsDuringDrag);

      const p = await profiled(cdp, `pan-${run}`, () => pan(page));
      add('panFps', p.fps);
      add('panGaps', ...p.gaps);
      add('panVisible', p.visible);
      add('panScale', p.scale);
      const z = await profiled(cdp, `zoom-${run}`, () => zoom(page));
      add('zoomFps', z.fps);
      add('zoomGaps', ...z.gaps);
      log(
        `2,000 notes run ${run + 1}/${BOARD_RUNS}: paint ${paint.paintMs.toFixed(0)} ms, drag ${d.fps.toFixed(1)} fps, ` +
          `pan ${p.fps.toFixed(1)} fps, zoom ${z.fps.toFixed(1)} fps`,
      );
    }

    // d, e: opening boards from a stored update. The update is built in one page and opened in a
    // fresh one, so applying and drawing it start cold, as in an app that just opened the board.
    const boards = [
      { key: 'big', edits: 10_000, notes: 2400, runs: BIG_RUNS },
      { key: 'small', edits: 1000, notes: 60, runs: SMALL_RUNS },
    ] as const;
    for (const board of boards) {
      await openPage(page, url);
      const built = await call(page, 'buildUpdate', board.edits, board.notes, SEED);
      add(`${board.key}Bytes`, built.bytes);
      add(`${board.key}BytesV2`, built.bytesV2);
      add(`${board.key}Notes`, built.notes);
      add(`${board.key}Build`, built.buildMs);
      const plain = await call(page, 'buildUpdatePlainText', board.edits, board.notes, SEED);
      add(`${board.key}PlainBytes`, plain.bytes);
      add(`${board.key}PlainBytesV2`, plain.bytesV2);
      const update = await page.evaluate(() => window.bench.exportUpdate());
      for (let run = 0; run < board.runs; run++) {
        await openPage(page, url);
        await page.evaluate((b64) => window.bench.importUpdate(b64), update);
        const opened = await profiled(cdp, `open-${board.key}-${run}`, () => call(page, 'mountFromUpdate'));
        add(`${board.key}Apply`, opened.applyMs);
        add(`${board.key}Render`, opened.renderMs - opened.applyMs);
        add(`${board.key}Unfitted`, opened.unfittedDraws);
        add('inStageAdd', opened.inStageAdd ? 1 : 0);
        add(`${board.key}Draw`, opened.drawMs);
        add(`${board.key}Paint`, opened.paintMs);
        add(`${board.key}Next`, opened.nextFrameMs);
      }
      // Opened again in the same page: React, Konva and Yjs warm and every note's text laid out.
      for (let run = 0; run < WARM_RUNS; run++) {
        await call(page, 'unmount');
        await sleep(100);
        add(`${board.key}Warm`, (await call(page, 'mountFromUpdate')).paintMs);
      }
      log(`${board.edits} edits → ${built.notes} notes: ${(built.bytes / 1024).toFixed(0)} KB, opened ${s[`${board.key}Paint`]!.map((v) => v.toFixed(0)).join(', ')} ms`);
    }
    // g. The projector wall: twelve read-only houses on one page, first paint and edits from peers.
    for (let run = 0; run < WALL_RUNS; run++) {
      await page.goto(`${host.url}/houses.html`);
      await page.waitForFunction(() => 'houses' in window);
      await callHouses(page, 'build', WALL_HOUSES, WALL_NOTES, SEED + run);
      const wall = await profiled(cdp, `wall-paint-${run}`, () => callHouses(page, 'mount'));
      if (wall.houses !== WALL_HOUSES || wall.notes !== WALL_HOUSES * WALL_NOTES) notes.push(`wall run ${run + 1}: ${wall.houses} houses, ${wall.notes} notes painted`);
      add('wallPaint', wall.paintMs);
      add('wallNext', wall.nextFrameMs);
      add('wallSlowestHouse', wall.slowestHouseMs);
      if (run === 0) await page.screenshot({ path: path.join(OUT_DIR, 'houses-12.png') });
      const edits = await profiled(cdp, `wall-edits-${run}`, () => callHouses(page, 'remoteEdits', WALL_EDITS, WALL_EDIT_GAP_MS, SEED + run));
      add('wallEdit', ...edits.map((e) => e.repaintedMs));
      add('wallRepaint', ...edits.map((e) => e.paintMs));
      log(`twelve houses run ${run + 1}/${WALL_RUNS}: painted in ${wall.paintMs.toFixed(0)} ms, remote edit → repainted p95 ${percentile(edits.map((e) => e.repaintedMs), 95).toFixed(1)} ms`);
    }
    // h. The projector wall as the projector shows it: the same twelve boards, each house's parts,
    // counts and newest notes (WallHouse), at 1280 × 720; first paint and edits from peers.
    await page.setViewportSize(PROJECTOR);
    for (let run = 0; run < WALL_RUNS; run++) {
      await page.goto(`${host.url}/wall.html`);
      await page.waitForFunction(() => 'houses' in window);
      await callHouses(page, 'build', WALL_HOUSES, WALL_NOTES, SEED + run);
      const wall = await profiled(cdp, `projector-wall-paint-${run}`, () => callHouses(page, 'mount'));
      if (wall.houses !== WALL_HOUSES || wall.notes !== WALL_HOUSES * WALL_NOTES) notes.push(`projector wall run ${run + 1}: ${wall.houses} houses, ${wall.notes} notes taken in`);
      add('projectorWallPaint', wall.paintMs);
      add('projectorWallNext', wall.nextFrameMs);
      if (run === 0) await page.screenshot({ path: path.join(OUT_DIR, 'projector-wall-12.png') });
      const edits = await profiled(cdp, `projector-wall-edits-${run}`, () => callHouses(page, 'remoteEdits', WALL_EDITS, WALL_EDIT_GAP_MS, SEED + run));
      add('projectorWallEdit', ...edits.map((e) => e.repaintedMs));
      log(`projector wall run ${run + 1}/${WALL_RUNS}: on the page in ${wall.paintMs.toFixed(0)} ms, remote edit → on the page p95 ${percentile(edits.map((e) => e.repaintedMs), 95).toFixed(1)} ms`);
    }
    await page.setViewportSize(VIEWPORT);
    await cdp.detach();
  } finally {
    await chromium.close();
    await host.close();
  }

  const inAdd = s.inStageAdd ?? [];
  notes.push(
    `the first paint of a board was Konva's Stage.add drawing the notes layer inside React's commit in ${inAdd.filter((v) => v === 1).length} of ${inAdd.length} mounts`,
  );
  const rows = tableRows(s);
  const seconds = (Date.now() - began) / 1000;
  const header = [
    `# Board benchmark`,
    '',
    `${new Date().toISOString()} · Chromium ${version} (headless, --disable-gpu) · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ` +
      `Node ${process.version} · viewport ${VIEWPORT.width}×${VIEWPORT.height} · ${seconds.toFixed(0)} s · ` +
      `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (other work on the machine skews the figures)`,
    '',
    'Median of the runs (n); p95/max over all frames or runs. Goals are checked on the median.',
    '',
  ];
  const footer = [
    '',
    'Naive floor: figures from the issue for a plain approach, for context. Frame rates come from requestAnimationFrame ' +
      'timestamps recorded in the page (a harness that updates React from its own rAF callback halves Konva to exactly 30 fps).',
    ...notes.map((n) => `- ${n}`),
  ];
  const markdown = [...header, formatTable(rows), ...footer].join('\n') + '\n';
  console.log(`\n${markdown}`);
  await writeFile(path.join(OUT_DIR, 'board.md'), markdown);
  await writeFile(
    path.join(OUT_DIR, 'board.json'),
    JSON.stringify({ date: new Date().toISOString(), chromium: version, seconds, loadAverage: [loadBefore, os.loadavg()[0]], rows: rows.map(summarise), samples: s, notes }, null, 2),
  );
  console.log(`wrote ${path.relative(ROOT, path.join(OUT_DIR, 'board.md'))} and board.json`);
}

function tableRows(s: Samples): Row[] {
  const kb = (v: number) => v / 1024;
  const mb = (v: number) => v / 1024 / 1024;
  const one = (key: string) => s[key]?.[0] ?? NaN;
  const textCost = one('bigBytes') - one('bigPlainBytes');
  return [
    { group: 'a. drag, 2,000 notes, fit zoom', measure: 'frame rate during drag', unit: 'fps', samples: s.dragFps ?? [], goal: { at: 'least', value: 55 } },
    { group: '', measure: 'frame gap during drag', unit: 'ms', samples: s.dragGaps ?? [], pooled: true },
    { group: '', measure: 'drag start: notes-layer redraw', unit: 'ms', samples: s.dragStartRedraw ?? [], goal: { at: 'most', value: 50 } },
    { group: '', measure: 'drag start: longest frame gap', unit: 'ms', samples: s.dragStartGap ?? [], goal: { at: 'most', value: 50 } },
    { group: '', measure: 'drop: notes-layer redraw', unit: 'ms', samples: s.dropRedraw ?? [], goal: { at: 'most', value: 50 } },
    { group: '', measure: 'drop: longest frame gap', unit: 'ms', samples: s.dropGap ?? [], goal: { at: 'most', value: 50 } },
    { group: '', measure: 'notes-layer redraws while dragging', unit: '', samples: s.dragNotesDraws ?? [] },
    { group: 'b. pan, 2,000 notes, 100 %', measure: 'frame rate during pan', unit: 'fps', samples: s.panFps ?? [], goal: { at: 'least', value: 50 } },
    { group: '', measure: 'frame gap during pan', unit: 'ms', samples: s.panGaps ?? [], pooled: true },
    { group: '', measure: 'notes on screen (not culled)', unit: '', samples: s.panVisible ?? [] },
    { group: 'b. wheel zoom, 0.75–1.35×', measure: 'frame rate during zoom', unit: 'fps', samples: s.zoomFps ?? [], goal: { at: 'least', value: 50 } },
    { group: '', measure: 'frame gap during zoom', unit: 'ms', samples: s.zoomGaps ?? [], pooled: true },
    { group: 'c. first paint, 2,000 notes', measure: 'mount → first full notes-layer draw at fit', unit: 'ms', samples: s.paint2000 ?? [], goal: { at: 'most', value: 1000 } },
    { group: '', measure: '… React render + Konva layers (→ start of that draw)', unit: 'ms', samples: s.render2000 ?? [] },
    { group: '', measure: '… that draw (lays out all text)', unit: 'ms', samples: s.paint2000Draw ?? [] },
    { group: '', measure: 'full notes-layer draws at another scale before it (stage created fitted)', unit: '', samples: s.unfitted2000 ?? [] },
    { group: '', measure: 'mount → next frame', unit: 'ms', samples: s.paint2000Next ?? [] },
    { group: '', measure: 'building the doc (2,000 addNote)', unit: 'ms', samples: s.build2000 ?? [] },
    ...(['big', 'small'] as const).flatMap((key): Row[] => [
      {
        group: key === 'big' ? 'd. open 10,000 edits' : 'd. open 1,000 edits',
        measure: `applyUpdate start → first full paint (${one(`${key}Notes`)} notes)`,
        unit: 'ms',
        samples: s[`${key}Paint`] ?? [],
        goal: { at: 'most', value: key === 'big' ? 1200 : 150 },
      },
      { group: '', measure: '… Y.applyUpdate', unit: 'ms', samples: s[`${key}Apply`] ?? [] },
      { group: '', measure: '… React render + Konva layers (→ start of the draw)', unit: 'ms', samples: s[`${key}Render`] ?? [] },
      { group: '', measure: '… the draw at fit (lays out all text)', unit: 'ms', samples: s[`${key}Draw`] ?? [] },
      { group: '', measure: 'full notes-layer draws at another scale before it', unit: '', samples: s[`${key}Unfitted`] ?? [] },
      { group: '', measure: 'applyUpdate start → next frame', unit: 'ms', samples: s[`${key}Next`] ?? [] },
      { group: '', measure: 'the same, opened again in that page (warm, text laid out)', unit: 'ms', samples: s[`${key}Warm`] ?? [] },
    ]),
    {
      group: `g. ${WALL_HOUSES} read-only houses × ${WALL_NOTES} notes, one page`,
      measure: 'mount → every house painted with all its notes',
      unit: 'ms',
      samples: s.wallPaint ?? [],
      goal: { at: 'most', value: 1000 },
    },
    { group: '', measure: '… the slowest house’s own first paint (lays out its text)', unit: 'ms', samples: s.wallSlowestHouse ?? [] },
    { group: '', measure: 'mount → next frame', unit: 'ms', samples: s.wallNext ?? [] },
    {
      group: '',
      measure: `a peer's edit (Y.applyUpdate; ${WALL_EDITS} per run, ${WALL_EDIT_GAP_MS} ms apart, random houses) → that house repainted`,
      unit: 'ms',
      samples: s.wallEdit ?? [],
      pooled: true,
      goal: { at: 'most', value: 16, on: 'p95' },
    },
    { group: '', measure: '… each repaint (house + 80 notes)', unit: 'ms', samples: s.wallRepaint ?? [], pooled: true },
    {
      group: `h. the projector wall, ${WALL_HOUSES} houses × ${WALL_NOTES} notes, ${PROJECTOR.width}×${PROJECTOR.height}`,
      measure: 'mount → every house on the page (parts, counts, the lines that fit)',
      unit: 'ms',
      samples: s.projectorWallPaint ?? [],
      goal: { at: 'most', value: 1000 },
    },
    { group: '', measure: 'mount → next frame', unit: 'ms', samples: s.projectorWallNext ?? [] },
    {
      group: '',
      measure: `a peer's edit (as in g.) → that house on the page again (React commit)`,
      unit: 'ms',
      samples: s.projectorWallEdit ?? [],
      pooled: true,
      goal: { at: 'most', value: 16, on: 'p95' },
    },
    { group: 'e. doc size, 10,000 edits', measure: `Y.Text per note (ours), ${one('bigNotes')} notes`, unit: 'KB', samples: (s.bigBytes ?? []).map(kb) },
    { group: '', measure: 'same edits, text as plain string', unit: 'KB', samples: (s.bigPlainBytes ?? []).map(kb), floor: '~440 KB' },
    { group: '', measure: `what Y.Text costs (×${(one('bigBytes') / one('bigPlainBytes')).toFixed(2)})`, unit: 'KB', samples: [kb(textCost)] },
    { group: '', measure: 'ours, encodeStateAsUpdateV2', unit: 'KB', samples: (s.bigBytesV2 ?? []).map(kb) },
    { group: '', measure: 'plain string, encodeStateAsUpdateV2', unit: 'KB', samples: (s.bigPlainBytesV2 ?? []).map(kb) },
    { group: 'e. doc size, 1,000 edits', measure: `Y.Text per note (ours), ${one('smallNotes')} notes`, unit: 'KB', samples: (s.smallBytes ?? []).map(kb) },
    { group: '', measure: 'same edits, text as plain string', unit: 'KB', samples: (s.smallPlainBytes ?? []).map(kb) },
    { group: 'e. doc size, 2,000 notes', measure: 'added, never edited (Y.Text)', unit: 'KB', samples: (s.bytes2000 ?? []).slice(0, 1).map(kb) },
    { group: 'f. memory, 2,000 notes', measure: 'JS heap used, board mounted', unit: 'MB', samples: (s.heapMounted ?? []).map(mb) },
    { group: '', measure: '… doc built, board not mounted', unit: 'MB', samples: (s.heapDoc ?? []).map(mb) },
    { group: '', measure: '… empty page', unit: 'MB', samples: (s.heapEmpty ?? []).map(mb) },
  ];
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  if (ONLY !== 'live') await benchBoard();
  if (ONLY !== 'board') await benchLive();
  if (profileSummaries.length) console.log(`CPU profiles (self time):\n${profileSummaries.join('\n\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
