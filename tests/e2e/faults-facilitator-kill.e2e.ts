import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseJoinCode } from '../../shared/live';
import { readStoredDoc } from '../../electron/host/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { converge, delay, describeMissing, drillRandom, missingCounts, recordDrill, scaled, type Range, type Convergence, type Holder } from './faults/drill';
import { Laptop, NodeWriter, hostDisk, keepWriting, keepWritingNode } from './faults/room';
import { startHostProcess, type HostProcess } from './support/hostProcess';
import { LIVE_HERE_ONLY, addNote, join, localNotes, openBoard, startLiveSession, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Fault drill 4 (issue 10): the facilitator's app is killed while the facilitator writes on a
 * board and the room writes on, and opened again. Two ways, in turn: only the page (a browser
 * facilitator whose host, `npm run serve`, runs on), and the page with its host (the desktop app,
 * whose host runs in its own process: both die at once, and the app starts its host again, hosting
 * nothing, when it is opened). Each time the session is there as it was, with the same code, it
 * goes on hosting by itself, and afterwards everything anyone's screen showed is everywhere:
 * the facilitator's own notes on Bram's laptop and the host's disk, and the room's notes in the
 * facilitator's app.
 */

const TITLE = 'Zo thuis mogelijk!';
const ROUNDS = scaled<readonly ('page' | 'app')[]>(['page', 'app'], Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? 'app' : 'page')));
const UP_MS = scaled<Range>([1500, 3000], [1500, 10_000]);
const DOWN_MS = scaled<Range>([500, 2000], [200, 5000]);
const PATTERN = /^F[FB]\d{3} /;
const KEYS = ['1', '2', '3'] as const;

describe('fault drill 4: the facilitator’s app killed and opened again', () => {
  const random = drillRandom();
  let dataDir: string;
  let host: HostProcess;
  let facilitator: Laptop;
  let bram: Laptop;
  const writers: NodeWriter[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-drill-'));
    host = await startHostProcess({ dataDir });
    facilitator = await Laptop.open('Begeleider', PATTERN);
    bram = await Laptop.open('Bram', PATTERN);
  });

  afterAll(async () => {
    for (const writer of writers) writer.close();
    await Promise.all([facilitator?.close(), bram?.close()]);
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps the session, its code and every note through ${ROUNDS.length} kills of the facilitator's app`, { timeout: scaled(150_000, 1_200_000) }, async () => {
    const { sessionId, code } = await startLiveSession(facilitator.page, host.url, TITLE);
    await join(bram.page, host.url, code, 'Groep 1', 'Bram');
    const [board1, board2] = await groupBoards(dataDir, sessionId);
    for (const name of ['Chloë', 'Daan']) writers.push(await NodeWriter.open({ host, code }, board2, name));
    await openBoard(facilitator.page, host.url, sessionId, 'Groep 1');
    await status(facilitator.page, '● Live');

    let stopped = false;
    let reopening: Promise<void> | null = null;
    let next = 0;
    /** The facilitator's notes under way when the app was killed: the only ones it may cut off unsaved. */
    const cut = new Set<string>();
    const label = (i: number) => `FF${String(i).padStart(3, '0')} Begeleider: wat hebben we nodig`;
    const pause = () => random.int(150, 700);
    const facilitatorWrites = async () => {
      while (!stopped) {
        const i = next++;
        try {
          await addNote(facilitator.page, KEYS[i % 3]!, label(i), 'insert');
        } catch (error) {
          if (!reopening) throw error;
        }
        await delay(pause());
        // The app is closed: nobody writes in it until it is open again.
        if (reopening) await reopening;
      }
    };
    const writing = Promise.all([
      facilitatorWrites().then(() => next),
      keepWriting(bram, (i) => `FB${String(i).padStart(3, '0')} Bram: school erbij`, () => stopped, pause),
      ...writers.map((w, n) => keepWritingNode(w, (i) => `FN${n}-${String(i).padStart(3, '0')} ${w.name}: vrije tijd`, () => stopped, () => random.int(300, 900), random.next)),
    ]);

    for (const [round, mode] of ROUNDS.entries()) {
      await delay(random.within(UP_MS));
      for (const i of [next - 2, next - 1]) if (i >= 0) cut.add(label(i));
      reopening = (async () => {
        await Promise.all([facilitator.crash(), mode === 'app' ? host.kill() : null]);
        await delay(random.within(DOWN_MS));
        // The desktop app starts its host as it opens, hosting nothing until the session asks.
        if (mode === 'app') await host.restart();
        await facilitator.reopen(`${host.url}/`);
        await facilitator.page.locator('.session-row', { hasText: TITLE }).locator('.session-main').click();
        await facilitator.page.getByRole('heading', { name: TITLE }).waitFor();
        for (const group of ['Groep 1', 'Groep 2']) await facilitator.page.locator('.group-card', { hasText: group }).waitFor();
        // It hosts again by itself, with the code the room knows.
        await facilitator.page.locator('.host-headline', { hasText: LIVE_HERE_ONLY }).waitFor({ timeout: 30_000 });
        expect(normaliseJoinCode(await facilitator.page.locator('.join-code').innerText())).toBe(code);
        if (round === 1) await saveScreenshot(facilitator.page, 'drill-facilitator-reopened');
        await openBoard(facilitator.page, host.url, sessionId, 'Groep 1');
      })();
      await reopening;
      reopening = null;
    }
    await delay(1000);
    stopped = true;
    const made = (await writing).reduce((a, b) => a + b, 0);
    const endOfFaults = performance.now();
    for (const page of [facilitator.page, bram.page]) await status(page, '● Live');

    const group1 = new Set([...facilitator.log.shown, ...bram.log.shown]);
    const group2 = new Set(writers.flatMap((w) => [...w.written]));
    const saved = new Set([...facilitator.log.saved, ...bram.log.saved, ...group2]);
    const inFlight = (text: string) => cut.has(text) && !saved.has(text);
    const room = { dataDir, sessionId };
    const facilitatorHas = (docName: string): Holder => ({ name: "the facilitator's IndexedDB (Groep 2)", read: async () => (await localNotes(facilitator.page, docName)).map((n) => n.text) });
    const holders1 = [...facilitator.holders(board1), ...bram.holders(board1), hostDisk(room, board1)];
    const holders2 = [...writers.map((w) => w.holder()), facilitatorHas(board2), hostDisk(room, board2, "the host's disk (Groep 2)")];
    const [arrived1, arrived2] = await Promise.all([
      converge(new Set([...group1].filter((t) => !inFlight(t))), holders1, scaled(30_000, 60_000)),
      converge(group2, holders2, scaled(30_000, 60_000)),
    ]);
    const convergeMs = arrived1.ms === null || arrived2.ms === null ? null : performance.now() - endOfFaults;
    const final1 = await converge(group1, holders1, 2000);
    const both: Convergence = {
      ms: convergeMs,
      missing: [...final1.missing, ...arrived2.missing],
      byHolder: { ...final1.byHolder, ...arrived2.byHolder },
      nearMisses: { ...final1.nearMisses, ...arrived2.nearMisses },
    };
    await recordDrill({
      drill: '4. facilitator’s app killed',
      faults: `${ROUNDS.length} × SIGKILL of the facilitator's Chromium as it writes (${ROUNDS.filter((m) => m === 'app').length} of them with its host, as the desktop app), opened again`,
      made,
      shown: group1.size + group2.size,
      saved: saved.size,
      ...missingCounts(both, saved),
      convergeMs,
      seed: random.seed,
    });
    expect([...facilitator.log.shown].filter((t) => t.startsWith('FF')).length).toBeGreaterThan(3);
    expect(both.missing.filter((t) => saved.has(t) || !cut.has(t)), describeMissing(both)).toEqual([]);
  });
});

/** The board docs of Groep 1 and Groep 2, from the host's copy of the session doc. */
async function groupBoards(dataDir: string, sessionId: string): Promise<[string, string]> {
  const session = await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId), { warn: () => {} });
  const id = (name: string) => readGroups(session!).find((g) => g.name === name)!.id;
  return [boardDocName(sessionId, id('Groep 1')), boardDocName(sessionId, id('Groep 2'))];
}
