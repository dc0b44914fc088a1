import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../support/host';

/**
 * The fault drills (issue 10): each breaks something at random moments while people write, then
 * compares what every person had on screen with what every laptop and the host's disk hold
 * afterwards. `npm test` runs each short; `npm run drill:faults` runs them at full length
 * (FAULT_DRILL=full, tests/e2e/faults/drill.config.ts) and writes the table of counts.
 */

/** Full length (`npm run drill:faults`) or the short version `npm test` runs; read when asked (table.ts sets it). */
const isFull = () => process.env.FAULT_DRILL === 'full';
export const FULL = isFull();

export const scaled = <T>(short: T, full: T): T => (FULL ? full : short);

export const RESULTS_DIR = path.join(REPO_ROOT, 'drill-results');
const rowsFile = () => path.join(RESULTS_DIR, isFull() ? 'faults.json' : 'faults-short.json');
const tableFile = () => path.join(RESULTS_DIR, isFull() ? 'faults.md' : 'faults-short.md');

/**
 * A drill's own random moments, reproducible: the seed is FAULT_DRILL_SEED when set, else the
 * time, and it is printed in the table. mulberry32 (a public-domain 32-bit generator).
 */
export interface DrillRandom {
  readonly seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** An integer in [range[0], range[1]]. */
  within(range: Range): number;
}

/** From, to: a span of milliseconds a drill picks a moment or a length in. */
export type Range = readonly [number, number];

export function drillRandom(): DrillRandom {
  const seed = Number(process.env.FAULT_DRILL_SEED) || Date.now() % 2 ** 31;
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { seed, next, int, within: ([min, max]) => int(min, max) };
}

/** One drill's counts, one row of the table. */
export interface DrillCount {
  /** Number and name, e.g. "1. browser killed". */
  readonly drill: string;
  /** What was broken and how often, e.g. "12 × SIGKILL of Amira's Chromium". */
  readonly faults: string;
  /** Edits people started (a note written: added and its text typed). */
  readonly made: number;
  /** Of those, the ones their writer's screen showed (a Node peer, which has no screen: its own doc holds it). */
  readonly shown: number;
  /**
   * Of those, the ones shown while the screen said "Alles bewaard" (the board's save state: in this
   * laptop's IndexedDB). A Node peer keeps nothing on disk: its edits count as saved once in its doc.
   */
  readonly saved: number;
  /** Edits shown as saved but missing afterwards on any laptop or on the host's disk. Must be 0. */
  readonly missingSaved: number;
  /**
   * Edits shown but not yet saved, missing afterwards: the browser was killed in the milliseconds
   * between its screen showing the edit and the edit reaching IndexedDB or the network.
   */
  readonly missingInFlight: number;
  /** From the end of the faults until every laptop and the host's disk held every shown edit; null: never. */
  readonly convergeMs: number | null;
  readonly seed: number;
  /** When the drill ran (ISO 8601); set by recordDrill. */
  readonly at?: string;
}

/** Splits what a convergence missed into edits shown as saved and edits still in flight when shown. */
export function missingCounts(result: Convergence, saved: ReadonlySet<string>): { missingSaved: number; missingInFlight: number } {
  const missingSaved = result.missing.filter((text) => saved.has(text)).length;
  return { missingSaved, missingInFlight: result.missing.length - missingSaved };
}

/**
 * Keeps `count` as its drill's row (a later run of the same drill replaces it), writes the table
 * to drill-results/faults.md (full length) or faults-short.md, and prints the row.
 */
export async function recordDrill(count: DrillCount): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const rows = (await readRows()).filter((row) => row.drill !== count.drill);
  rows.push({ ...count, at: new Date().toISOString().slice(0, 16).replace('T', ' ') });
  rows.sort((a, b) => a.drill.localeCompare(b.drill, 'en', { numeric: true }));
  await writeFile(rowsFile(), JSON.stringify(rows, null, 2));
  await writeFile(tableFile(), formatDrillTable(rows));
  console.log(formatDrillTable([count]));
}

export async function readRows(): Promise<DrillCount[]> {
  try {
    return JSON.parse(await readFile(rowsFile(), 'utf8')) as DrillCount[];
  } catch {
    return [];
  }
}

export function formatDrillTable(rows: readonly DrillCount[]): string {
  const head = `# Fault drills (${isFull() ? 'full length: npm run drill:faults' : 'short, as in npm test'})\n\n`;
  const lines = [
    '| drill | faults | edits made | shown on screen | shown as saved | missing afterwards: shown as saved | missing afterwards: shown, killed before saved | time to converge | seed | run |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.drill} | ${r.faults} | ${r.made} | ${r.shown} | ${r.saved} | ${r.missingSaved} | ${r.missingInFlight} | ${r.convergeMs === null ? 'never' : `${(r.convergeMs / 1000).toFixed(1)} s`} | ${r.seed} | ${r.at ?? ''} |`,
    ),
  ];
  return `${head}${lines.join('\n')}\n\n${LEGEND}\n`;
}

const LEGEND = [
  'An edit is a note written (added, its text typed). *Shown on screen*: the writer\'s notes panel listed it (a Node peer, which has no screen: its doc held it).',
  '*Shown as saved*: listed while the board said "Alles bewaard" (in that laptop\'s IndexedDB; a Node peer: in its doc). *Missing afterwards*: not on every',
  'laptop (screen and IndexedDB) and on the host\'s disk once the faults ended. *Killed before saved*: the browser was SIGKILLed in the milliseconds between its',
  'screen showing the edit and the edit reaching IndexedDB or the network (drill 1 kills half its browsers the instant a note appears, to hit that window).',
].join('\n');

/** A place that must hold every shown edit afterwards: a laptop's screen or storage, the host's disk. */
export interface Holder {
  readonly name: string;
  /** The drill's texts it holds now. */
  read(): Promise<Iterable<string>>;
}

export interface Convergence {
  /** Time until every holder held every expected text; null when they did not within the timeout. */
  readonly ms: number | null;
  /** Expected texts missing on at least one holder at the end. */
  readonly missing: readonly string[];
  /** Per holder, what it missed at the end (for the failure message). */
  readonly byHolder: Readonly<Record<string, readonly string[]>>;
  /**
   * Per holder, the texts it holds that begin with a missing text's label (its first word): a note
   * whose words changed rather than went (for the failure message).
   */
  readonly nearMisses?: Readonly<Record<string, readonly string[]>>;
}

const labelOf = (text: string) => text.split(' ', 1)[0]!;

/**
 * Polls every holder until each holds every text in `expected`, or `timeoutMs` passed. A holder
 * that cannot be read right now (a page still loading) counts as holding nothing for that round.
 */
export async function converge(expected: ReadonlySet<string>, holders: readonly Holder[], timeoutMs: number): Promise<Convergence> {
  const started = performance.now();
  for (;;) {
    const byHolder: Record<string, string[]> = {};
    const nearMisses: Record<string, string[]> = {};
    for (const holder of holders) {
      const held = new Set(await holder.read().catch(() => []));
      byHolder[holder.name] = [...expected].filter((text) => !held.has(text));
      const labels = new Set(byHolder[holder.name]!.map(labelOf));
      nearMisses[holder.name] = [...held].filter((text) => labels.has(labelOf(text)));
    }
    const missing = [...new Set(Object.values(byHolder).flat())].sort();
    const elapsed = performance.now() - started;
    if (missing.length === 0) return { ms: elapsed, missing, byHolder };
    if (elapsed > timeoutMs) return { ms: null, missing, byHolder, nearMisses };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A few of each holder's missing texts, for an assertion message that says where and what. */
export function describeMissing(result: Convergence): string {
  return Object.entries(result.byHolder)
    .filter(([, texts]) => texts.length > 0)
    .map(([name, texts]) => {
      const near = result.nearMisses?.[name] ?? [];
      return `${name}: ${texts.length} missing (${texts.slice(0, 5).map(cut).join(' | ')})${near.length > 0 ? `; holds instead: ${near.slice(0, 5).map((t) => JSON.stringify(t)).join(' | ')}` : ''}`;
    })
    .join('\n');
}

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
