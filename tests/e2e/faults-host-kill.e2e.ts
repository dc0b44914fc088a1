import { describe, expect, it } from 'vitest';
import { converge, delay, describeMissing, drillRandom, missingCounts, recordDrill, scaled, type Range, type Convergence } from './faults/drill';
import { NodeWriter, hostDisk, keepWriting, keepWritingNode, drillScene } from './faults/room';
import { join, status } from './support/liveSession';

/**
 * Fault drill 2 (issue 10): the host process is killed (SIGKILL: no chance to write or close
 * anything) and started again, again and again, while the room writes: Amira and Bram in Groep 1,
 * each in their own Chromium, and three laptops of Groep 2 from Node over the relay only (they
 * reach each other only through the host). Afterwards every note anyone's screen showed is on every
 * laptop of its group and on the host's disk.
 */

const RESTARTS = scaled(3, 10);
/** How long the host runs between kills, and how long it stays down, in ms. */
const UP_MS = scaled<Range>([1500, 4000], [4000, 15_000]);
const DOWN_MS = scaled<Range>([200, 2000], [200, 6000]);
const PATTERN = /^H[AB]\d{3} /;

describe('fault drill 2: the host killed and restarted while people write', () => {
  const random = drillRandom();
  const scene = drillScene(PATTERN);

  it(`loses nothing anyone saw through ${RESTARTS} kills of the host`, { timeout: scaled(150_000, 1_200_000) }, async () => {
    const { room, amira, bram, writers } = scene;
    await join(amira.page, room.host.url, room.code, 'Groep 1', 'Amira');
    await join(bram.page, room.host.url, room.code, 'Groep 1', 'Bram');
    const board1 = room.board('Groep 1');
    const board2 = room.board('Groep 2');
    for (const name of ['Chloë', 'Daan', 'Eva']) writers.push(await NodeWriter.open(room, board2, name));

    let stopped = false;
    const stop = () => stopped;
    const pause = () => random.int(100, 700);
    const writing = Promise.all([
      keepWriting(amira, (i) => `HA${String(i).padStart(3, '0')} Amira: samen met school`, stop, pause),
      keepWriting(bram, (i) => `HB${String(i).padStart(3, '0')} Bram: ouders als partner`, stop, pause),
      ...writers.map((w, n) => keepWritingNode(w, (i) => `HN${n}-${String(i).padStart(3, '0')} ${w.name}: tijd voor overleg`, stop, () => random.int(300, 900), random.next)),
    ]);

    for (let k = 0; k < RESTARTS; k++) {
      await delay(random.within(UP_MS));
      await room.host.kill();
      await delay(random.within(DOWN_MS));
      await room.host.restart();
    }
    // Writing goes on for a moment on the last host, as it would.
    await delay(1000);
    stopped = true;
    const made = (await writing).reduce((a, b) => a + b, 0);
    const endOfFaults = performance.now();
    for (const page of [amira.page, bram.page]) await status(page, '● Live');

    const laptops = new Set([...amira.log.shown, ...bram.log.shown]);
    const nodes = new Set(writers.flatMap((w) => [...w.written]));
    const saved = new Set([...amira.log.saved, ...bram.log.saved, ...nodes]);
    const [group1, group2] = await Promise.all([
      converge(laptops, [...amira.holders(board1), ...bram.holders(board1), hostDisk(room, board1)], scaled(30_000, 60_000)),
      converge(nodes, [...writers.map((w) => w.holder()), hostDisk(room, board2)], scaled(30_000, 60_000)),
    ]);
    const both: Convergence = {
      ms: group1.ms === null || group2.ms === null ? null : Math.max(group1.ms, group2.ms),
      missing: [...group1.missing, ...group2.missing],
      byHolder: { ...prefixed('Groep 1', group1.byHolder), ...prefixed('Groep 2', group2.byHolder) },
      nearMisses: { ...prefixed('Groep 1', group1.nearMisses ?? {}), ...prefixed('Groep 2', group2.nearMisses ?? {}) },
    };
    await recordDrill({
      drill: '2. host killed',
      faults: `${RESTARTS} × SIGKILL of the host and a restart (down ${DOWN_MS[0] / 1000}–${DOWN_MS[1] / 1000} s) while 2 browsers and 3 Node laptops write`,
      made,
      shown: laptops.size + nodes.size,
      saved: saved.size,
      ...missingCounts(both, saved),
      convergeMs: both.ms === null ? null : performance.now() - endOfFaults,
      seed: random.seed,
    });
    expect(laptops.size).toBeGreaterThan(10);
    // Every note written was shown: nobody was stopped from writing while the host was away.
    expect(laptops.size + nodes.size).toBe(made);
    expect(both.missing, describeMissing(both)).toEqual([]);
  });
});

function prefixed(group: string, byHolder: Readonly<Record<string, readonly string[]>>): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(byHolder).map(([name, texts]) => [`${group}, ${name}`, texts]));
}
