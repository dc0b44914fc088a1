import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PARAM, LIVE_INFO_PATH, TIME_PATH, TimeAnswerSchema, VERSION_PARAM, LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { clockOffset } from '../../shared/clock';
import { LiveController } from '../../electron/host/live';
import { startHost, type RunningHost } from '../../electron/host/server';
import { httpRequest, startLiveHarness, type LiveHarness } from './support/liveHost';

/** GET /api/time: the host's clock, from which laptops take their offset to the facilitator's clock. */

describe('GET /api/time', () => {
  let live: LiveHarness;
  beforeAll(async () => {
    live = await startLiveHarness({ sessionId: 'sessie0010', title: 'Zo thuis mogelijk!', tuning: { maxCodeFailuresPerMinute: 3 } });
  });
  afterAll(async () => {
    await live?.dispose();
  });

  const ask = (query: string, method = 'GET') => httpRequest(live.host.port, method, `${TIME_PATH}${query}`);

  it('answers the host’s clock in ms for the right code, uncached, readable by the desktop app', async () => {
    const before = Date.now();
    const res = await ask(`?${CODE_PARAM}=abc-def&${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}`);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const { now } = TimeAnswerSchema.parse(JSON.parse(res.body));
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    // What a laptop makes of it: this process shares the host's clock, so the offset is about 0.
    expect(Math.abs(clockOffset([{ sentAt: before, hostTime: now, receivedAt: after }])!)).toBeLessThanOrEqual(after - before);
  });

  it('refuses a wrong or missing code (403), another protocol version (426) and other methods (405), as /api/live does', async () => {
    const wrong = await ask(`?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ZZZZZZ`);
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual({ error: expect.any(String), reason: 'wrong-code' });
    expect((await ask(`?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}`)).status).toBe(403);
    const version = await ask(`?${CODE_PARAM}=ABCDEF&${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION + 1}`);
    expect(version.status).toBe(426);
    expect(JSON.parse(version.body).reason).toBe('other-version');
    expect((await ask(`?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`, 'POST')).status).toBe(405);
  });

  it('counts wrong codes with the other endpoints: guessing here locks /api/live too', async () => {
    // Three failures are allowed a minute in this harness; the test before spent two (a wrong and a missing code).
    await ask(`?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=YYYYYY`);
    expect((await ask(`?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`)).status).toBe(429);
    expect((await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`)).status).toBe(429);
  });
});

describe('GET /api/time while nothing is live', () => {
  let base: string;
  let host: RunningHost;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-time-'));
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
    host = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
    new LiveController(host, { dataDir: path.join(base, 'data') });
  });
  afterAll(async () => {
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('answers 404 not-live (a laptop then knows the session was stopped), never the app', async () => {
    const res = await httpRequest(host.port, 'GET', `${TIME_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).reason).toBe('not-live');
  });
});
