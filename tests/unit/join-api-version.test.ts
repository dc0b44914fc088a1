import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROTOCOL_VERSION, VERSION_PARAM } from '../../shared/live';
import { JoinFailure, fetchLiveInfo } from '../../renderer/live/joinApi';
import { startLiveHarness, type LiveHarness } from './support/liveHost';

/**
 * How a laptop hears that the host runs another Bouwplaats (renderer/live/joinApi.ts, used by the
 * join screen and by LiveRoom's host check): against our real host, and against hosts of other
 * protocol versions as they answer (a newer host refuses with `other-version`; a host from before
 * the version check answers with its own version).
 */

let live: LiveHarness;
let other: http.Server;
let otherUrl = '';
let answer: { status: number; body: unknown } = { status: 200, body: null };
const asked: string[] = [];

beforeAll(async () => {
  live = await startLiveHarness({ sessionId: 'versie0001' });
  other = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await live?.dispose();
  await new Promise((resolve) => other?.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JoinFailure) return error.reason;
    throw error;
  }
  throw new Error('expected a JoinFailure');
}

describe('asking a host for its live session, with this app’s protocol version', () => {
  it('is answered by our own host (the version goes along)', async () => {
    const info = await fetchLiveInfo(live.host.url, live.session.code);
    expect(info).toEqual({ version: LIVE_PROTOCOL_VERSION, sessionId: 'versie0001', title: 'Leeratelier' });
  });

  it('hears `version` from a host that refuses another version (426 other-version)', async () => {
    answer = { status: 426, body: { error: 'Deze laptop heeft een andere versie van Bouwplaats dan de begeleider.', reason: 'other-version' } };
    expect(await failure(fetchLiveInfo(otherUrl, 'ABCDEF'))).toBe('version');
    expect(new URL(asked.at(-1)!, otherUrl).searchParams.get(VERSION_PARAM)).toBe(String(LIVE_PROTOCOL_VERSION));
  });

  it('hears `version` from a host that answers with another protocol version', async () => {
    answer = { status: 200, body: { version: LIVE_PROTOCOL_VERSION + 1, sessionId: 'versie0001', title: 'Leeratelier' } };
    expect(await failure(fetchLiveInfo(otherUrl, 'ABCDEF'))).toBe('version');
  });

  it('still hears `protocol` from something that is not Bouwplaats at all', async () => {
    answer = { status: 200, body: { hello: 'world' } };
    expect(await failure(fetchLiveInfo(otherUrl, 'ABCDEF'))).toBe('protocol');
  });
});
