import type { Page } from 'playwright-core';
import type { LiveSession } from '../../electron/host/live';
import type { RunningHost } from '../../electron/host/server';
import { boardDocName } from '../../shared/schema/docNames';
import { startPeerProcess, type PeerProcess } from '../drill/children';
import type { PeerStatus } from '../drill/protocol';
import { launchChromium } from '../e2e/support/chromium';
import { call, clockOffset } from './livePage';
import type { Path, Receipt } from './page/liveApi';
import type { Row } from './table';

/**
 * The fair 4-laptop figure (issue 10): one receiving Chromium page (the bench page live.html: the
 * app's connectDoc and its board) and three sending Node laptops (the drill's, dist/host/drill-laptop.cjs:
 * y-webrtc with @roamhq/wrtc plus the relay, connected by the same connectDoc), each in a process of
 * its own, so that the machine's two cores are not shared by four browsers re-rendering a board.
 * Together the three add NOTES notes, 20 ms apart (note i from sender i mod 3 at start + i × 20 ms)
 * or in a burst (each sender its third, back to back, all three at once); the page records when each
 * is in its doc and painted on its board.
 */

const DOC_PREFIX = 'fair4p';
const SENDERS = 3;
const CONNECT_TIMEOUT_MS = 20_000;
const SETTLE_MS = 750;
const RECEIVE_TIMEOUT_MS = 60_000;
const PAINT_GOAL_MS = 50;

export interface FairResult {
  readonly gapMs: number;
  readonly notes: number;
  /** Added (on its sender) → in the page's doc, and → painted on its board (ms), per note. */
  readonly doc: number[];
  readonly painted: number[];
  readonly via: Record<Path, number>;
  /** Open WebRTC connections: the page's, then each sender's, before sending. */
  readonly webrtc: number[];
  readonly connectMs: number;
  /** Largest |sender clock − page clock| as measured here, and its round-trip bound. */
  readonly clockSkew: number;
  readonly problems: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const clock = () => performance.timeOrigin + performance.now();

/** Runs the fair scenario at each of `gaps` (ms between notes; 0 = burst) on the bench's live session. */
export async function benchFair(
  host: RunningHost,
  session: LiveSession,
  sessionId: string,
  notes: number,
  gaps: readonly number[],
  seed: number,
): Promise<{ results: FairResult[]; version: string }> {
  const chromium = await launchChromium();
  const version = chromium.browser.version();
  const results: FairResult[] = [];
  try {
    const page = await chromium.page();
    for (const gapMs of gaps) {
      const senders = Array.from({ length: SENDERS }, () => startPeerProcess());
      try {
        results.push(await fairRun(page, senders, host, session, boardDocName(sessionId, `${DOC_PREFIX}${gapMs > 0 ? `${gapMs}ms` : 'burst'}`), notes, gapMs, seed));
      } finally {
        await Promise.all(senders.map((s) => s.end()));
        await page.goto('about:blank');
      }
    }
  } finally {
    await chromium.close();
  }
  return { results, version };
}

async function fairRun(page: Page, senders: readonly PeerProcess[], host: RunningHost, session: LiveSession, docName: string, notes: number, gapMs: number, seed: number): Promise<FairResult> {
  const problems: string[] = [];
  const opened = clock();
  await page.goto(`${host.url}/bench/live.html?code=${session.code}&token=${encodeURIComponent(session.token)}&doc=${encodeURIComponent(docName)}`);
  await page.waitForFunction(() => 'live' in window);
  await Promise.all(senders.map((s, i) => s.call({ type: 'bench-join', hostUrl: host.url, code: session.code, token: session.token, docName, seat: i + 1 })));
  const state = async () => ({ page: await call(page, 'status'), senders: (await Promise.all(senders.map((s) => s.call<PeerStatus[]>({ type: 'status' })))).flat() });
  let now = await state();
  const ready = () => now.page.mounted && now.page.relay && now.page.peers === SENDERS && now.senders.every((s) => s.boardRelay && s.webrtc === SENDERS);
  while (!ready() && clock() - opened < CONNECT_TIMEOUT_MS) {
    await sleep(100);
    now = await state();
  }
  const connectMs = clock() - opened;
  if (!ready()) problems.push(`not all connected after ${CONNECT_TIMEOUT_MS / 1000} s (measured anyway): page ${now.page.peers} WebRTC, senders ${now.senders.map((s) => s.webrtc).join(' ')}`);
  await sleep(SETTLE_MS);
  now = await state();

  // Every clock against this process's: the page's by its round trips, the senders' by theirs.
  const pageOffset = (await clockOffset(page)).offset;
  let clockSkew = 0;
  for (const s of senders) {
    const sent = clock();
    const theirs = await s.call<number>({ type: 'now' });
    const back = clock();
    clockSkew = Math.max(clockSkew, Math.abs(theirs - (sent + back) / 2 - pageOffset) + (back - sent) / 2);
  }

  const received = call(page, 'whenReceived', notes, RECEIVE_TIMEOUT_MS);
  const startAt = clock() + 300;
  const indices = (j: number) => Array.from({ length: notes }, (_, i) => i).filter((i) => i % SENDERS === j);
  const sent = await Promise.all(senders.map((s, j) => s.call<number[]>({ type: 'bench-send', indices: indices(j), gapMs, startAt, seed })));
  const at: number[] = [];
  sent.forEach((times, j) => indices(j).forEach((i, n) => (at[i] = times[n]!)));
  const progress = await received;
  if (progress.arrived < notes || progress.painted < notes) problems.push(`${progress.arrived} of ${notes} notes arrived, ${progress.painted} painted within ${RECEIVE_TIMEOUT_MS / 1000} s`);
  const receipts: Receipt[] = await call(page, 'receipts');
  const doc: number[] = [];
  const painted: number[] = [];
  const via: Record<Path, number> = { webrtc: 0, relay: 0, other: 0 };
  for (const r of receipts) {
    const added = at[r.index];
    if (added === undefined) continue;
    doc.push(r.arrived - added);
    if (r.painted !== null) painted.push(r.painted - added);
    via[r.via]++;
  }
  return { gapMs, notes, doc, painted, via, webrtc: [now.page.peers, ...now.senders.map((s) => s.webrtc)], connectMs, clockSkew, problems };
}

/** The rows of the live table for the fair runs: beside "1. y-webrtc + relay, 4 peers". */
export function fairRows(results: readonly FairResult[]): Row[] {
  return results.flatMap((r): Row[] => [
    {
      group: `1f. fair 4 laptops: 1 receiving Chromium page + ${SENDERS} sending Node laptops (y-webrtc + relay), ${r.notes} notes ${r.gapMs > 0 ? `${r.gapMs} ms apart` : 'in a burst (each sender back to back, all at once)'}`,
      measure: 'added (on its sender) → in the page’s doc',
      unit: 'ms',
      samples: r.doc,
      pooled: true,
    },
    {
      group: '',
      measure: 'added → painted on the page’s board (end of the notes-layer draw)',
      unit: 'ms',
      samples: r.painted,
      pooled: true,
      goal: { at: 'most', value: PAINT_GOAL_MS, on: 'p95' },
      ...(r.gapMs === 0 ? { floor: '4 Chromium processes: 969 ms p95 (the machine, not the product)' } : {}),
    },
    { group: '', measure: 'first to apply each note', unit: '', samples: [], text: `WebRTC ${r.via.webrtc}, relay ${r.via.relay}${r.via.other ? `, other ${r.via.other}` : ''} of ${r.doc.length}` },
    { group: '', measure: 'open WebRTC connections: page, senders (before sending)', unit: '', samples: [], text: r.webrtc.join(' · '), goalText: `${SENDERS} each` },
    { group: '', measure: 'largest clock difference page ↔ sender (round-trip bound)', unit: '', samples: [], text: `${r.clockSkew.toFixed(2)} ms` },
  ]);
}
