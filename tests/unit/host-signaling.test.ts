import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_LIMITS, SIGNALING_PATH, SYNC_PATH_PREFIX } from '../../shared/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { eventually, refusal, startLiveHarness, TestSocket, type LiveHarness } from './support/liveHost';

/**
 * The host's y-webrtc signaling, with real ws clients against a real host on 127.0.0.1: the
 * protocol of y-webrtc's bin/server.js, and what a flood, garbage or a stuck laptop can do to it.
 */

const SESSION = 'sessie0001';
const ROOM = sessionDocName(SESSION);
const BOARD = boardDocName(SESSION, 'groep00001');

type Message = { type?: string; topic?: string; clients?: number; data?: unknown };

let live: LiveHarness;
const sockets: TestSocket[] = [];

async function join(topics: string[] = [], url = live.wsUrl(SIGNALING_PATH)): Promise<TestSocket> {
  const socket = await TestSocket.open(url);
  sockets.push(socket);
  if (topics.length > 0) {
    socket.send({ type: 'subscribe', topics });
    await socket.roundTrip();
  }
  return socket;
}

const published = (marker: string) => (m: Message) => m.type === 'publish' && (m.data as { marker?: string })?.marker === marker;

beforeAll(async () => {
  live = await startLiveHarness({ sessionId: SESSION });
});

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.terminate()));
});

afterAll(async () => {
  await live?.dispose();
});

describe('signaling: the y-webrtc protocol', () => {
  it('fans a publish out to the topic’s subscribers, the sender included, and to no one else', async () => {
    const a = await join([ROOM]);
    const b = await join([ROOM]);
    const other = await join([BOARD]);
    a.send({ type: 'publish', topic: ROOM, data: { type: 'announce', from: 'peer-a', marker: 'm1' } });
    const atB = await b.next<Message>(published('m1'));
    const atA = await a.next<Message>(published('m1'));
    expect(atB).toEqual({ type: 'publish', topic: ROOM, data: { type: 'announce', from: 'peer-a', marker: 'm1' }, clients: 2 });
    expect(atA).toEqual(atB);
    // Everything the host sent `other` before this pong has arrived: no publish among it.
    await other.roundTrip();
    expect(other.messages.filter((m) => (m as Message).type === 'publish')).toEqual([]);
  });

  it('answers ping with pong', async () => {
    const a = await join();
    a.send({ type: 'ping' });
    expect(await a.next<Message>()).toEqual({ type: 'pong' });
  });

  it('stops delivering after unsubscribe', async () => {
    const a = await join([ROOM]);
    const b = await join([ROOM]);
    b.send({ type: 'unsubscribe', topics: [ROOM] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: ROOM, data: { marker: 'after-unsub' } });
    expect((await a.next<Message>(published('after-unsub'))).clients).toBe(1);
    await b.roundTrip();
    expect(b.messages.some((m) => published('after-unsub')(m as Message))).toBe(false);
  });

  it('ignores topics that are not docs of the live session, and publishes to topics one did not subscribe', async () => {
    const foreign = sessionDocName('anderesessie');
    const a = await join([foreign, 'not-a-doc']);
    const b = await join([ROOM]);
    a.send({ type: 'publish', topic: foreign, data: { marker: 'foreign' } });
    a.send({ type: 'publish', topic: ROOM, data: { marker: 'not-subscribed' } });
    await a.roundTrip();
    await b.roundTrip();
    expect([...a.messages, ...b.messages].filter((m) => (m as Message).type === 'publish')).toEqual([]);
    const stats = live.session.stats().signaling;
    expect(stats.ignored).toBeGreaterThanOrEqual(4);
  });
});

describe('signaling: y-webrtc’s own client', () => {
  it('subscribes and announces its room through the host', async () => {
    const { WebrtcProvider } = await import('y-webrtc');
    const { WebSocket } = await import('ws');
    const { Doc } = await import('yjs');
    const previous = globalThis.WebSocket;
    // lib0's websocket client (inside y-webrtc) uses the global WebSocket, which Node 20 lacks.
    globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
    const listener = await join([BOARD]);
    const provider = new WebrtcProvider(BOARD, new Doc(), { signaling: [live.wsUrl(SIGNALING_PATH)], peerOpts: { config: { iceServers: [] } } });
    try {
      const announce = await listener.next<Message>((m) => m.type === 'publish' && (m.data as { type?: string }).type === 'announce');
      expect(announce).toMatchObject({ topic: BOARD, clients: 2, data: { type: 'announce', from: provider.room?.peerId } });
    } finally {
      // destroy() alone leaves y-webrtc's signaling socket open (and reconnecting): disconnect first.
      provider.disconnect();
      provider.destroy();
      globalThis.WebSocket = previous;
    }
  });
});

describe('signaling: admission', () => {
  it('refuses a socket with a wrong or missing code (403, no socket), and accepts the code as people type it', async () => {
    expect((await refusal(live.wsUrl(SIGNALING_PATH, 'ZZZZZZ'))).status).toBe(403);
    expect((await refusal(live.wsUrl(SIGNALING_PATH, null))).status).toBe(403);
    expect((await refusal(live.wsUrl(SIGNALING_PATH, 'ABCDEF-EXTRA'))).status).toBe(403);
    const typed = await join([ROOM], live.wsUrl(SIGNALING_PATH, ' abc-def '));
    await typed.roundTrip();
  });

  it('refuses upgrades on other paths', async () => {
    expect((await refusal(live.wsUrl('/elders'))).status).toBe(404);
    expect((await refusal(live.wsUrl('/signal/extra'))).status).toBe(404);
  });
});

describe('signaling: limits', () => {
  it(`closes a socket that sends a frame over ${LIVE_LIMITS.maxSignalingMessageBytes} bytes (1009), and only that one`, async () => {
    const big = await join([ROOM]);
    const b = await join([ROOM]);
    big.send({ type: 'publish', topic: ROOM, data: 'x'.repeat(LIVE_LIMITS.maxSignalingMessageBytes) });
    expect((await big.closed).code).toBe(1009);
    await b.roundTrip();
    expect(b.messages.filter((m) => (m as Message).type === 'publish')).toEqual([]);
  });

  it('ignores malformed JSON, binary frames and schema-invalid messages, and closes the socket after many', async () => {
    const a = await join();
    const before = live.session.stats().signaling.invalidMessages;
    a.send('{not json');
    a.send(Buffer.from([0, 1, 2, 3]));
    a.send({ type: 'subscribe', topics: 'not-a-list' });
    a.send({ type: 'publish' });
    a.send({ type: 'shout', topic: ROOM });
    a.send('null');
    await a.roundTrip();
    expect(live.session.stats().signaling.invalidMessages - before).toBe(6);
    for (let i = 0; i < 60; i++) a.send('garbage');
    expect((await a.closed).code).toBe(1008);
  });

  it(`holds at most ${LIVE_LIMITS.maxTopicsPerClient} topics per socket, however 1,000 are asked for`, async () => {
    const topics = Array.from({ length: 1000 }, (_, i) => boardDocName(SESSION, `groep${String(i).padStart(5, '0')}`));
    const greedy = await join();
    const before = live.session.stats().signaling.subscriptions;
    greedy.send({ type: 'subscribe', topics }); // one message over the schema's cap: ignored whole
    await greedy.roundTrip();
    expect(live.session.stats().signaling.subscriptions).toBe(before);
    for (let i = 0; i < topics.length; i += 50) greedy.send({ type: 'subscribe', topics: topics.slice(i, i + 50) });
    await greedy.roundTrip();
    expect(live.session.stats().signaling.subscriptions - before).toBe(LIVE_LIMITS.maxTopicsPerClient);

    const inside = topics[LIVE_LIMITS.maxTopicsPerClient - 1]!;
    const outside = topics[LIVE_LIMITS.maxTopicsPerClient]!;
    const other = await join([inside, outside]);
    other.send({ type: 'publish', topic: outside, data: { marker: 'outside' } });
    other.send({ type: 'publish', topic: inside, data: { marker: 'inside' } });
    await greedy.next<Message>(published('inside'));
    expect(greedy.messages.some((m) => published('outside')(m as Message))).toBe(false);
  });

  it('closes a flooding socket (1008) while another keeps getting messages', async () => {
    const flood = await join([ROOM]);
    const calm = await join([ROOM]);
    const talker = await join([ROOM]);
    const limit = LIVE_LIMITS.maxMessagesPerSecond;
    for (let i = 0; i < limit * 5; i++) flood.send({ type: 'ping' });
    expect((await flood.closed).code).toBe(1008);
    talker.send({ type: 'publish', topic: ROOM, data: { marker: 'still-here' } });
    expect((await calm.next<Message>(published('still-here'))).clients).toBe(2);
    expect(live.session.stats().signaling.closedForRate).toBeGreaterThanOrEqual(1);
  });
});

describe('signaling: a laptop that stops reading', () => {
  let tight: LiveHarness;
  const cap = 256 * 1024;

  beforeAll(async () => {
    // A small cap and a generous byte rate, so the test fills the socket buffers in a moment.
    tight = await startLiveHarness({ sessionId: SESSION, tuning: { signalingBufferCap: cap, signalingBytesPerSecond: 64 * 1024 * 1024 } });
  });
  afterAll(async () => {
    await tight?.dispose();
  });

  it('is dropped once the cap is queued for it; the host’s buffer stays bounded and others are still served', async () => {
    const url = tight.wsUrl(SIGNALING_PATH);
    const stuck = await TestSocket.open(url);
    const reader = await TestSocket.open(url);
    const sender = await TestSocket.open(url);
    sockets.push(stuck, reader, sender);
    for (const s of [stuck, reader, sender]) {
      s.send({ type: 'subscribe', topics: [ROOM] });
      await s.roundTrip();
    }
    // The laptop's app hangs: its socket is not read any more (TCP fills up, then the host's queue).
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const payload = 'y'.repeat(60 * 1024);
    let sent = 0;
    while (tight.session.stats().signaling.closedForBackpressure === 0) {
      expect(sent).toBeLessThan(2000); // ~120 MB: far beyond any socket buffer
      sender.send({ type: 'publish', topic: ROOM, data: { marker: `p${sent}`, payload } });
      await reader.next<Message>(published(`p${sent}`));
      sent++;
    }
    const stats = tight.session.stats().signaling;
    expect(stats.maxBufferedAmount).toBeLessThanOrEqual(cap + LIVE_LIMITS.maxSignalingMessageBytes + 1024);
    expect(stats.clients).toBe(2);
    sender.send({ type: 'publish', topic: ROOM, data: { marker: 'after' } });
    expect((await reader.next<Message>(published('after'))).clients).toBe(2);
  });
});

describe('signaling: heartbeat', () => {
  let quick: LiveHarness;

  beforeAll(async () => {
    quick = await startLiveHarness({ sessionId: SESSION, tuning: { heartbeatMs: 40 } });
  });
  afterAll(async () => {
    await quick?.dispose();
  });

  it('terminates a socket that does not answer pings and keeps one that does', async () => {
    const url = quick.wsUrl(SIGNALING_PATH);
    const dead = await TestSocket.open(url, { autoPong: false });
    const alive = await TestSocket.open(url);
    sockets.push(dead, alive);
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    expect((await dead.closed).code).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(1);
    await alive.roundTrip();
    expect(quick.session.stats().signaling.terminatedDead).toBe(1);
  });
});

describe('client cap', () => {
  it('refuses sockets beyond maxClients (503) on signaling and relay alike, and admits again when one leaves', async () => {
    const small = await startLiveHarness({ sessionId: SESSION, tuning: { maxClients: 3 } });
    try {
      const stats = small.session.stats;
      for (const [endpoint, count] of [
        [SIGNALING_PATH, () => stats().signaling.clients],
        [SYNC_PATH_PREFIX + ROOM, () => stats().relay.clients],
      ] as const) {
        const open = await Promise.all([1, 2, 3].map(() => TestSocket.open(small.wsUrl(endpoint))));
        sockets.push(...open);
        expect((await refusal(small.wsUrl(endpoint))).status).toBe(503);
        await open[0]!.close();
        await eventually(() => count() === 2);
        sockets.push(await TestSocket.open(small.wsUrl(endpoint)));
      }
      expect(small.session.stats().signaling.refusedFull).toBe(1);
      expect(small.session.stats().relay.refusedFull).toBe(1);
    } finally {
      await small.dispose();
    }
  });
});

describe('signaling: stop', () => {
  it('closes every socket with 1001 (going away) and answers no more upgrades', async () => {
    const own = await startLiveHarness({ sessionId: SESSION });
    try {
      const a = await TestSocket.open(own.wsUrl(SIGNALING_PATH));
      const url = own.wsUrl(SIGNALING_PATH);
      await own.session.stop();
      expect((await a.closed).code).toBe(1001);
      expect((await refusal(url)).status).toBe(404);
    } finally {
      await own.dispose();
    }
  });
});
