import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodeBook, CODE_BOOK_FILE } from '../../electron/host/codeBook';
import { rankJoinAddresses } from '../../electron/host/joinAddresses';
import { LiveConflict, LiveController } from '../../electron/host/live';
import { startHost, type RunningHost } from '../../electron/host/server';
import { CODE_PARAM, LIVE_INFO_PATH, SYNC_PATH_PREFIX, onlyThisMachine, VERSION_PARAM, LIVE_PROTOCOL_VERSION } from '../../shared/live';
import { sessionDocName } from '../../shared/schema/docNames';
import { httpRequest, upgradeStatus } from './support/liveHost';

/**
 * Codes across stops and restarts of hosting (issue 6, item 1): a session keeps its code; a
 * laptop retrying with a code the host gave out is told what is wrong and never locked out.
 */

const info = (port: number, code: string) => httpRequest(port, 'GET', `${LIVE_INFO_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${code}`);
const reasonOf = (body: string) => (JSON.parse(body) as { reason?: string }).reason;

describe('LiveController: a session keeps its code', () => {
  let base: string;
  let dataDir: string;
  let host: RunningHost;
  let controller: LiveController;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-codes-'));
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
    dataDir = path.join(base, 'data');
    host = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
    controller = new LiveController(host, { dataDir, tuning: { maxCodeFailuresPerMinute: 5 } });
  });
  afterEach(async () => {
    await controller.stop();
  });
  afterAll(async () => {
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('goes live again after "Stoppen" with the same code, also after the app restarted', async () => {
    const first = await controller.start({ sessionId: 'sessie0101', title: 'Ochtend' });
    await controller.stop();
    expect((await info(host.port, first.code)).status).toBe(404);
    const again = await controller.start({ sessionId: 'sessie0101', title: 'Ochtend' });
    expect(again.code).toBe(first.code);
    expect((await info(host.port, first.code)).status).toBe(200);
    await controller.stop();

    // A new app on the same data dir (the facilitator's laptop rebooted).
    const otherHost = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
    const restarted = new LiveController(otherHost, { dataDir });
    const third = await restarted.start({ sessionId: 'sessie0101', title: 'Ochtend' });
    expect(third.code).toBe(first.code);
    await restarted.stop();
    await otherHost.close();
  });

  it('answers a stopped session’s code with not-live, uncounted, however often a laptop retries', async () => {
    const ochtend = await controller.start({ sessionId: 'sessie0102', title: 'Ochtend' });
    await controller.stop();
    const nothingLive = await info(host.port, ochtend.code);
    expect(nothingLive.status).toBe(404);
    expect(reasonOf(nothingLive.body)).toBe('not-live');

    // Another session goes live; laptops of the first keep retrying with their code.
    const middag = await controller.start({ sessionId: 'sessie0103', title: 'Middag' });
    for (let i = 0; i < 40; i++) {
      const answer = await info(host.port, ochtend.code);
      expect(answer.status).toBe(404);
      expect(reasonOf(answer.body)).toBe('not-live');
    }
    const doc = sessionDocName('sessie0103');
    expect(await upgradeStatus(host.port, `${SYNC_PATH_PREFIX}${doc}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${ochtend.code}`)).toBe(404);
    // Never locked out: the right code still works from the same address.
    expect((await info(host.port, middag.code)).status).toBe(200);
  });

  it('refuses a replaced code with code-replaced, uncounted; the new code works at once', async () => {
    const old = await controller.start({ sessionId: 'sessie0104', title: 'Avond' });
    const fresh = await controller.start({ sessionId: 'sessie0104', title: 'Avond', newCode: true });
    expect(fresh.code).not.toBe(old.code);
    for (let i = 0; i < 40; i++) {
      const answer = await info(host.port, old.code);
      expect(answer.status).toBe(410);
      expect(reasonOf(answer.body)).toBe('code-replaced');
    }
    const doc = sessionDocName('sessie0104');
    expect(await upgradeStatus(host.port, `${SYNC_PATH_PREFIX}${doc}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${old.code}`)).toBe(410);
    expect((await info(host.port, fresh.code)).status).toBe(200);
    // And the new code is the one kept for next time.
    await controller.stop();
    expect((await controller.start({ sessionId: 'sessie0104', title: 'Avond' })).code).toBe(fresh.code);
  });

  it('refuses to put a second session live unless told to replace the first, and says which one is live', async () => {
    await controller.start({ sessionId: 'sessie0109', title: 'Ochtend' });
    const refused = await controller.start({ sessionId: 'sessie0110', title: 'Middag' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LiveConflict);
    expect((refused as LiveConflict).live).toEqual({ sessionId: 'sessie0109', title: 'Ochtend' });
    const middag = await controller.start({ sessionId: 'sessie0110', title: 'Middag', replace: true });
    expect(controller.current()?.info.title).toBe('Middag');
    expect((await info(host.port, middag.code)).status).toBe(200);
  });

  it('still counts codes it never gave out, and says so', async () => {
    const live = await controller.start({ sessionId: 'sessie0105', title: 'Nacht' });
    const guess = live.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    for (let i = 0; i < 5; i++) expect(reasonOf((await info(host.port, guess)).body)).toBe('wrong-code');
    const locked = await info(host.port, guess);
    expect(locked.status).toBe(429);
    expect(reasonOf(locked.body)).toBe('too-many-attempts');
  });
});

describe('CodeBook', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-codebook-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sets a corrupt file aside and starts empty, saying so', async () => {
    await writeFile(path.join(dir, CODE_BOOK_FILE), '{"version":1,"sessions":{"x":');
    const warnings: string[] = [];
    const book = await CodeBook.open(dir, (m) => warnings.push(m));
    expect(book.codeFor('sessie0106')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(await readdir(dir)).toContain(`${CODE_BOOK_FILE}.corrupt`);
    await book.assign('sessie0106', 'ABCDEF');
    expect((await CodeBook.open(dir)).codeFor('sessie0106')).toBe('ABCDEF');
  });

  it('knows old codes, other sessions’ codes, and nothing else', async () => {
    const book = await CodeBook.open(dir);
    await book.assign('sessie0107', 'BCDEFG');
    await book.assign('sessie0107', 'CDEFGH');
    await book.assign('sessie0108', 'DEFGHJ');
    expect(book.refusalFor('bcd-efg', 'sessie0108')).toBe('code-replaced');
    expect(book.refusalFor('CDEFGH', 'sessie0108')).toBe('not-live');
    expect(book.refusalFor('CDEFGH', null)).toBe('not-live');
    expect(book.refusalFor('EFGHJK', 'sessie0108')).toBeNull();
    expect(book.refusalFor(null, 'sessie0108')).toBeNull();
    await book.forget('sessie0107');
    expect(book.refusalFor('BCDEFG', 'sessie0108')).toBeNull();
  });
});

describe('join addresses: the room’s Wi-Fi first', () => {
  const v4 = (address: string, internal = false) => ({
    address,
    netmask: '255.255.255.0',
    family: 'IPv4' as const,
    mac: '00:00:00:00:00:00',
    internal,
    cidr: `${address}/24`,
  });

  it('ranks Wi-Fi, then wired, then VPN and virtual adapters, on Linux', () => {
    const ranked = rankJoinAddresses(
      {
        lo: [v4('127.0.0.1', true)],
        docker0: [v4('172.17.0.1')],
        tailscale0: [v4('100.101.102.103')],
        enp3s0: [v4('10.0.0.12')],
        wlp2s0: [v4('192.168.1.20')],
        'br-5e1f': [v4('172.18.0.1')],
      },
      4173,
    );
    expect(ranked.map((a) => [a.interfaceName, a.kind])).toEqual([
      ['wlp2s0', 'wifi'],
      ['enp3s0', 'wired'],
      ['tailscale0', 'vpn'],
      ['docker0', 'virtual'],
      ['br-5e1f', 'virtual'],
    ]);
    expect(ranked[0]!.url).toBe('http://192.168.1.20:4173');
  });

  it('reads Windows and macOS names, and puts link-local last', () => {
    const ranked = rankJoinAddresses(
      {
        'vEthernet (WSL)': [v4('172.22.96.1')],
        'Ethernet 2': [v4('169.254.10.20')],
        'Wi-Fi': [v4('192.168.178.33')],
        'VirtualBox Host-Only Network': [v4('192.168.56.1')],
        'NordLynx': [v4('10.5.0.2')],
      },
      4173,
    );
    expect(ranked.map((a) => a.interfaceName)).toEqual(['Wi-Fi', 'NordLynx', 'vEthernet (WSL)', 'VirtualBox Host-Only Network', 'Ethernet 2']);
    expect(ranked.at(-1)!.kind).toBe('link-local');
    const mac = rankJoinAddresses({ utun3: [v4('10.8.0.2')], en0: [v4('192.168.2.14')] }, 80);
    expect(mac.map((a) => a.interfaceName)).toEqual(['en0', 'utun3']);
  });

  it('says when only this machine can reach the host', () => {
    expect(onlyThisMachine([{ url: 'http://127.0.0.1:4173', interfaceName: '', kind: 'loopback' }])).toBe(true);
    expect(onlyThisMachine(rankJoinAddresses({ wlan0: [v4('192.168.1.5')] }, 4173))).toBe(false);
  });
});
