import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_SAMPLES, hostClockOffset, sampleHostClock, syncHostClock } from '../../renderer/live/hostClock';
import { startLiveHarness, type LiveHarness } from './support/liveHost';

/** A laptop's offset to the host's clock, taken from the real host's GET /api/time. */

describe("the laptop's clock offset to the host", () => {
  let live: LiveHarness;
  let hostUrl: string;
  beforeAll(async () => {
    live = await startLiveHarness({ sessionId: 'sessie0011' });
    hostUrl = `http://127.0.0.1:${live.host.port}`;
  });
  afterAll(async () => {
    await live?.dispose();
  });

  it('takes its samples from the host, each read between asking and answering', async () => {
    const samples = await sampleHostClock(hostUrl, 'ABCDEF');
    expect(samples).toHaveLength(CLOCK_SAMPLES);
    for (const s of samples) {
      expect(s.hostTime).toBeGreaterThanOrEqual(s.sentAt);
      expect(s.hostTime).toBeLessThanOrEqual(s.receivedAt);
    }
  });

  it('keeps the offset per session, and the last one when the host refuses or cannot be reached', async () => {
    expect(hostClockOffset('sessie0011')).toBe(0);
    // This laptop's clock is 97 s behind the host's.
    const behind = () => Date.now() - 97_000;
    await syncHostClock('sessie0011', hostUrl, 'ABCDEF', behind);
    expect(Math.abs(hostClockOffset('sessie0011') - 97_000)).toBeLessThanOrEqual(5);
    expect(hostClockOffset('sessie0012')).toBe(0);
    expect(await sampleHostClock(hostUrl, 'ZZZZZZ')).toEqual([]);
    expect(await sampleHostClock('http://127.0.0.1:9', 'ABCDEF')).toEqual([]);
    const before = hostClockOffset('sessie0011');
    await syncHostClock('sessie0011', hostUrl, 'ZZZZZZ', behind);
    await syncHostClock('sessie0011', 'http://127.0.0.1:9', 'ABCDEF');
    expect(hostClockOffset('sessie0011')).toBe(before);
  });
});
