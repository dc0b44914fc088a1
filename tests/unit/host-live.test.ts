import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PARAM, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, LIVE_CONTROL_PATH, LIVE_INFO_PATH, SIGNALING_PATH, LiveStartedSchema, normaliseJoinCode, VERSION_PARAM, LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { LiveController, generateJoinCode, installLiveControl, isLoopback, liveAddresses, startLiveSession } from '../../electron/host/live';
import { parseLiveConfig } from '../../electron/host/serveConfig';
import { lanJoinAddresses } from '../../electron/host/joinAddresses';
import { startHost, type RunningHost } from '../../electron/host/server';
import { CodeGuard } from '../../electron/host/admission';
import { APP_ORIGIN } from '../../shared/ipc';
import { RefusedUpgrade, TestSocket, httpRequest, refusal, startLiveHarness, type LiveHarness } from './support/liveHost';

/** The live session's HTTP side: /api/live, the loopback-only control endpoint, codes, config. */

describe('GET /api/live', () => {
  let live: LiveHarness;
  beforeAll(async () => {
    live = await startLiveHarness({ sessionId: 'sessie0003', title: 'Leeratelier Jeugdzorg', tuning: { maxCodeFailuresPerMinute: 5 } });
  });
  afterAll(async () => {
    await live?.dispose();
  });

  it('gives the session’s info for the right code, however it is typed', async () => {
    for (const code of ['ABCDEF', 'abc-def', ' abc def ']) {
      const res = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${encodeURIComponent(code)}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(res.body)).toEqual({ version: LIVE_PROTOCOL_VERSION, sessionId: 'sessie0003', title: 'Leeratelier Jeugdzorg' });
    }
  });

  it('answers 403 with a JSON error for a wrong or missing code, 405 for other methods', async () => {
    const wrong = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ZZZZZZ`);
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual({ error: expect.any(String), reason: 'wrong-code' });
    expect((await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}`)).status).toBe(403);
    expect((await httpRequest(live.host.port, 'POST', LIVE_INFO_PATH)).status).toBe(405);
  });

  it('lets the desktop app (another origin) read the answer, right code or wrong', async () => {
    const right = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`);
    const wrong = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ZZZZZZ`);
    expect(right.headers['access-control-allow-origin']).toBe('*');
    expect(wrong.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 429, on the API and on sockets, after too many wrong codes from one address', async () => {
    for (let i = 0; i < 5; i++) await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ZZZZZZ`);
    expect((await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`)).status).toBe(429);
    expect((await refusal(live.wsUrl(SIGNALING_PATH))).status).toBe(429);
  });

  it('turns away other web pages in the facilitator\'s browser without counting their guesses, so they cannot lock this machine out', async () => {
    const guessing = await startLiveHarness({ sessionId: 'sessie0004', title: 'Zo thuis mogelijk!', tuning: { maxCodeFailuresPerMinute: 5 } });
    try {
      const port = guessing.host.port;
      const info = (code: string, headers: Record<string, string>) => httpRequest(port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${code}`, headers);
      // A page elsewhere, and one on a name rebound to 127.0.0.1: 403 each time, readable by no page.
      for (const headers of <Record<string, string>[]>[{ Origin: 'https://evil.example' }, { Origin: 'null' }, { Origin: `http://rebind.example:${port}`, Host: `rebind.example:${port}` }]) {
        for (let i = 0; i < 8; i++) {
          const res = await info('ZZZZZZ', headers);
          expect(res.status).toBe(403);
          expect(res.headers['access-control-allow-origin']).toBeUndefined();
        }
      }
      const foreignSocket = await TestSocket.open(guessing.wsUrl(SIGNALING_PATH), { origin: 'https://evil.example' }).then(
        () => 0,
        (e: unknown) => (e instanceof RefusedUpgrade ? e.status : -1),
      );
      expect(foreignSocket).toBe(403);
      // The desktop app and this host's own pages still get in: nothing was counted against 127.0.0.1.
      expect((await info('ABCDEF', { Origin: APP_ORIGIN })).status).toBe(200);
      expect((await info('ABCDEF', { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
      expect((await info('ABCDEF', { Origin: `http://localhost:${port}`, Host: `localhost:${port}` })).status).toBe(200);
      expect((await TestSocket.open(guessing.wsUrl(SIGNALING_PATH), { origin: APP_ORIGIN })).close()).toBeDefined();
      // Guesses from our own page still count.
      for (let i = 0; i < 5; i++) expect((await info('ZZZZZZ', { Origin: `http://127.0.0.1:${port}` })).status).toBe(403);
      expect((await info('ABCDEF', { Origin: APP_ORIGIN })).status).toBe(429);
    } finally {
      await guessing.dispose();
    }
  });

  it('keeps the locks it holds when many addresses fail: the oldest or expired make room, not all', () => {
    let now = 0;
    const guard = new CodeGuard(3, () => now, 100);
    for (let i = 0; i < 99; i++) guard.fail(`10.0.1.${i}`);
    for (let i = 0; i < 3; i++) guard.fail('10.0.9.9');
    expect(guard.allowed('10.0.9.9')).toBe(false);
    // Full: a new address pushes out the oldest count, and the lock it holds stays.
    guard.fail('10.0.2.1');
    expect(guard.allowed('10.0.9.9')).toBe(false);
    // A minute later every window has ended: they make room first, and the lock is over.
    now = 61_000;
    guard.fail('10.0.2.2');
    expect(guard.allowed('10.0.9.9')).toBe(true);
  });

  it('answers 404 once the session has stopped; unknown /api/ paths are 404 too, not the app', async () => {
    expect((await httpRequest(live.host.port, 'GET', '/api/elders')).status).toBe(404);
    await live.session.stop();
    const res = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ABCDEF`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await httpRequest(live.host.port, 'GET', '/sessie/abc')).status).toBe(200);
  });
});

describe('startLiveSession', () => {
  let base: string;
  let host: RunningHost;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-live-start-'));
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
    host = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('makes a random code from the alphabet, gives the host’s own URL on loopback, allows one session per host', async () => {
    const session = await startLiveSession(host, { sessionId: 'sessie0004', title: 'T', dataDir: path.join(base, 'data') });
    try {
      expect(normaliseJoinCode(session.code)).toBe(session.code);
      expect(session.addresses()).toEqual([{ url: host.url, interfaceName: '', kind: 'loopback' }]);
      await expect(startLiveSession(host, { sessionId: 'sessie0005', title: 'T', dataDir: path.join(base, 'data') })).rejects.toThrow();
    } finally {
      await session.stop();
    }
    await expect(startLiveSession(host, { sessionId: 'Niet Geldig', title: 'T', dataDir: base })).rejects.toThrow();
    await expect(startLiveSession(host, { sessionId: 'sessie0004', title: 'T', dataDir: base, code: 'O0O0O0' })).rejects.toThrow();
    const again = await startLiveSession(host, { sessionId: 'sessie0004', title: 'T', dataDir: path.join(base, 'data'), code: 'xyz-234' });
    expect(again.code).toBe('XYZ234');
    await again.stop();
  });

  it('generates codes only from the unambiguous alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
      seen.add(code);
    }
    expect(seen.size).toBeGreaterThan(495);
  });

  it('lists every LAN address when the host listens on all interfaces', () => {
    const fake = { host: '0.0.0.0', port: 4173, url: 'http://127.0.0.1:4173' } as RunningHost;
    const lan = lanJoinAddresses(4173);
    expect(liveAddresses(fake)).toEqual(lan.length > 0 ? lan : [{ url: 'http://127.0.0.1:4173', interfaceName: '', kind: 'loopback' }]);
    for (const a of liveAddresses(fake)) expect(a.url).toMatch(/^http:\/\/[\d.]+:4173$/);
  });
});

describe('POST /api/live/control (a facilitator’s browser on the host machine)', () => {
  let base: string;
  let host: RunningHost;
  let controller: LiveController;
  const json = { 'Content-Type': 'application/json' };
  const post = (body: unknown, headers: Record<string, string> = json) =>
    httpRequest(host.port, 'POST', LIVE_CONTROL_PATH, headers, typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-live-control-'));
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
    host = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
    controller = new LiveController(host, { dataDir: path.join(base, 'data') });
    installLiveControl(host, controller);
  });
  afterEach(async () => {
    await controller.stop();
  });
  afterAll(async () => {
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('starts hosting and answers code, addresses and info; the same session again gives the same code', async () => {
    const res = await post({ action: 'start', sessionId: 'sessie0006', title: 'Avond' });
    expect(res.status).toBe(200);
    const started = LiveStartedSchema.parse(JSON.parse(res.body));
    expect(started.info).toEqual({ version: LIVE_PROTOCOL_VERSION, sessionId: 'sessie0006', title: 'Avond' });
    expect(started.addresses).toEqual([{ url: host.url, interfaceName: '', kind: 'loopback' }]);
    const info = await httpRequest(host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${started.code}`);
    expect(info.status).toBe(200);

    const again = await post({ action: 'start', sessionId: 'sessie0006', title: 'Avond' }, { ...json, Origin: `http://localhost:${host.port}` });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body).code).toBe(started.code);
    expect((await post({ action: 'start', sessionId: 'sessie0007', title: 'Ander' })).status).toBe(409);

    const stopped = await post({ action: 'stop' });
    expect(stopped.status).toBe(204);
    expect(stopped.body).toBe('');
    expect((await httpRequest(host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${started.code}`)).status).toBe(404);
  });

  it('resumes with the code the room already has, after the facilitator restarts', async () => {
    const res = await post({ action: 'start', sessionId: 'sessie0008', title: 'Ochtend', code: 'dsx-qpr' });
    expect(res.status).toBe(200);
    expect(LiveStartedSchema.parse(JSON.parse(res.body)).code).toBe('DSXQPR');
    expect((await httpRequest(host.port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=DSX-QPR`)).status).toBe(200);
    expect((await post({ action: 'stop' })).status).toBe(204);
    // A code that cannot be one is not used: a fresh one is made.
    const fresh = await post({ action: 'start', sessionId: 'sessie0008', title: 'Ochtend', code: 'O0I1L' });
    expect(LiveStartedSchema.parse(JSON.parse(fresh.body)).code).not.toBe('O0I1L');
    expect((await post({ action: 'stop' })).status).toBe(204);
  });

  it('refuses pages from elsewhere (Origin), rebound host names (Host), non-JSON and bad bodies', async () => {
    const start = { action: 'start', sessionId: 'sessie0008', title: 'X' };
    expect((await post(start, { ...json, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(start, { ...json, Origin: `http://192.168.1.20:${host.port}` })).status).toBe(403);
    expect((await post(start, { ...json, Origin: 'null' })).status).toBe(403);
    expect((await post(start, { ...json, Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await post(start, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('{nope')).status).toBe(400);
    expect((await post({ action: 'start', sessionId: '../etc', title: 'X' })).status).toBe(400);
    expect((await post({ action: 'start', sessionId: 'sessie0008', title: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await httpRequest(host.port, 'GET', LIVE_CONTROL_PATH)).status).toBe(405);
    expect(controller.current()).toBeNull();
  });

  it('treats only loopback addresses as this machine', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', 'fe80::1', undefined, '']) expect(isLoopback(address)).toBe(false);
  });
});

describe('npm run serve: live session from the environment', () => {
  it('reads BOUWPLAATS_LIVE_* and BOUWPLAATS_DATA_DIR', () => {
    expect(parseLiveConfig({}, '/srv')).toBeNull();
    expect(parseLiveConfig({ BOUWPLAATS_LIVE_SESSION: 'sessie0009' }, '/srv')).toEqual({
      sessionId: 'sessie0009',
      title: 'Bouwplaats',
      dataDir: path.resolve('/srv', 'bouwplaats-data'),
    });
    expect(
      parseLiveConfig({ BOUWPLAATS_LIVE_SESSION: 'sessie0009', BOUWPLAATS_LIVE_TITLE: 'Atelier', BOUWPLAATS_LIVE_CODE: 'abc-def', BOUWPLAATS_DATA_DIR: '/data' }, '/srv'),
    ).toEqual({ sessionId: 'sessie0009', title: 'Atelier', code: 'ABCDEF', dataDir: path.resolve('/data') });
    expect(() => parseLiveConfig({ BOUWPLAATS_LIVE_SESSION: '../x' })).toThrow(/BOUWPLAATS_LIVE_SESSION/);
    expect(() => parseLiveConfig({ BOUWPLAATS_LIVE_SESSION: 'sessie0009', BOUWPLAATS_LIVE_CODE: 'IOL' })).toThrow(/BOUWPLAATS_LIVE_CODE/);
  });
});
