import { describe, expect, it } from 'vitest';
import { converge, delay, describeMissing, drillRandom, missingCounts, recordDrill, scaled, type Range } from './faults/drill';
import { NodeWriter, hostDisk, keepWriting, keepWritingNode, drillScene } from './faults/room';
import { join, noteTexts, status } from './support/liveSession';
import { saveScreenshot } from './support/screenshots';

/**
 * Fault drill 3 (issue 10): Amira's laptop loses the network (Chromium's own offline mode: no
 * socket, no request; the page hears `offline` as it does when the Wi-Fi drops) for a while, and
 * she goes on writing; meanwhile Bram (another Chromium) and two laptops from Node write on the same
 * board. When she is back, both sides have everything: every laptop and the host's disk.
 */

const OFFLINE_MS = scaled(8000, 5 * 60_000);
/** Between two notes of one person, in ms: a human rate at full length. */
const PAUSE_MS = scaled<Range>([200, 800], [1500, 5000]);
const PATTERN = /^O[AB]\d{3} /;

describe('fault drill 3: a participant offline for a while as others write', () => {
  const random = drillRandom();
  const scene = drillScene(PATTERN);

  it(`merges both sides after ${OFFLINE_MS / 1000} s offline`, { timeout: scaled(120_000, 900_000) }, async () => {
    const { room, amira, bram, writers } = scene;
    await join(amira.page, room.host.url, room.code, 'Groep 1', 'Amira');
    await join(bram.page, room.host.url, room.code, 'Groep 1', 'Bram');
    const board = room.board('Groep 1');
    for (const name of ['Chloë', 'Daan']) writers.push(await NodeWriter.open(room, board, name));

    await amira.page.context().setOffline(true);
    await status(amira.page, 'Offline — je werk is bewaard');
    let stopped = false;
    const stop = () => stopped;
    const pause = () => random.within(PAUSE_MS);
    const amiraLabel = (i: number) => `OA${String(i).padStart(3, '0')} Amira, offline: vrije tijd telt mee`;
    const writing = Promise.all([
      keepWriting(amira, amiraLabel, stop, pause),
      keepWriting(bram, (i) => `OB${String(i).padStart(3, '0')} Bram: één plan`, stop, pause),
      ...writers.map((w, n) => keepWritingNode(w, (i) => `ON${n}-${String(i).padStart(3, '0')} ${w.name}: korte lijnen`, stop, pause, random.next)),
    ]);
    await delay(OFFLINE_MS);
    stopped = true;
    const made = (await writing).reduce((a, b) => a + b, 0);

    // She really was cut off: nobody has her notes yet, and she has none of theirs.
    const others = new Set([...bram.log.shown, ...writers.flatMap((w) => [...w.written])]);
    expect((await noteTexts(bram.page)).filter((t) => t.startsWith('OA'))).toEqual([]);
    expect((await noteTexts(amira.page)).filter((t) => others.has(t))).toEqual([]);
    await saveScreenshot(amira.page, 'drill-offline-amira');

    await amira.page.context().setOffline(false);
    const backOnline = performance.now();
    await status(amira.page, '● Live');
    const shown = new Set([...amira.log.shown, ...others]);
    const saved = new Set([...amira.log.saved, ...bram.log.saved, ...writers.flatMap((w) => [...w.written])]);
    const holders = [...amira.holders(board), ...bram.holders(board), ...writers.map((w) => w.holder()), hostDisk(room, board)];
    const result = await converge(shown, holders, scaled(30_000, 60_000));
    await recordDrill({
      drill: '3. offline',
      faults: `a participant offline ${OFFLINE_MS / 1000} s (Chromium offline) writing, while a browser and 2 Node laptops write on her board`,
      made,
      shown: shown.size,
      saved: saved.size,
      ...missingCounts(result, saved),
      convergeMs: result.ms === null ? null : performance.now() - backOnline,
      seed: random.seed,
    });
    expect(amira.log.shown.size).toBeGreaterThan(3);
    expect(shown.size).toBe(made);
    expect(result.missing, describeMissing(result)).toEqual([]);
  });
});
