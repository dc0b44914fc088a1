import { describe, expect, it } from 'vitest';
import { runDrill } from '../drill/drill';
import { HUMAN_PACE } from '../drill/human';
import { SCREENSHOT_DIR } from './support/screenshots';

/**
 * The load drill of `npm run drill`, short: 3 groups × 3 laptops for 20 s — the facilitator's page
 * and one participant's page in Chromium, seven Node laptops (WebRTC + relay) — with the same end
 * checks. The room's figures are the drill's to report (bench-results/drill.md), not this test's.
 */
describe('the load drill, short (3 groups × 3 laptops, 20 s of editing)', () => {
  it("leaves every board the same on every laptop, on the facilitator's and on the host's disk, with nothing anyone wrote missing", async () => {
    const result = await runDrill({ groups: 3, perGroup: 3, seconds: 20, browsers: 1, pace: HUMAN_PACE, connectTimeoutMs: 30_000, settleTimeoutMs: 20_000, screenshotDir: SCREENSHOT_DIR, log: () => {} });

    // Everyone was in the room: each Node laptop connected directly to its group's other two.
    expect(result.webrtcAtStart).toHaveLength(8);
    expect(Math.min(...result.webrtcAtStart)).toBeGreaterThanOrEqual(2);
    // Everyone wrote: notes from every laptop, keys typed in the browser too.
    expect(result.edits.pages).toBeGreaterThan(20);
    expect(result.edits.node).toBeGreaterThan(8 * 20);
    expect(result.latency.fromNode.length).toBeGreaterThan(0);
    expect(result.boards.every((b) => b.notes >= 3)).toBe(true);

    expect(result.differing).toEqual([]);
    expect(result.missing).toEqual([]);
    expect(result.sameAfterStop).toBe(true);
  }, 90_000);
});
