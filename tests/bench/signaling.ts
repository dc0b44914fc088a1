import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, SIGNALING_PATH, TOKEN_PARAM, VERSION_PARAM } from '../../shared/live';
import { sessionDocName, boardDocName } from '../../shared/schema/docNames';
import { startLiveSession } from '../../electron/host/live';
import { startHost } from '../../electron/host/server';

/**
 * Load measurement of the host's y-webrtc signaling (not a test: it measures, it never asserts).
 * The host runs in this process, on loopback; 150 ws clients in 20 rooms run in a child process,
 * so the host's memory figures are the host's own and its event loop is not shared with the
 * clients. Each round, one member of every room publishes a signal of SDP size (~1.5 KB), the
 * rooms about 1 ms apart; every subscriber's receipt, the sender's own echo included (as y-webrtc's
 * server does), is one sample of fan-out latency, timed on the clients' single clock. The latency
 * includes the client process's own work (150 sockets, one event loop), so it is an upper bound.
 * A second scenario sends bursts (every room publishes 10 at the same moment), as when a
 * facilitator's laptop joins every room at once.
 */

export interface Row {
  readonly name: string;
  readonly value: string;
  readonly goal?: string;
}

const CLIENTS = 150;
const ROOMS = 20;
const STEADY_ROUNDS = 100;
const STEADY_GAP_MS = 20;
const BURST_ROUNDS = 10;
const BURST_SIZE = 10;
const PAYLOAD_BYTES = 1500;
const P95_GOAL_MS = 10;

interface ClientReport {
  connectMs: number;
  steady: number[];
  burst: number[];
  lost: number;
}

/** The clients, plain CommonJS for `node -e` (no TypeScript at run time). */
const CLIENT_SCRIPT = String.raw`
const WebSocket = require(process.env.BENCH_WS_PATH);
const cfg = JSON.parse(process.env.BENCH_SIGNALING);
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const payload = 'x'.repeat(cfg.payloadBytes);
async function main() {
  const start = now();
  const clients = await Promise.all(Array.from({ length: cfg.clients }, (_, i) => new Promise((resolve, reject) => {
    const ws = new WebSocket(cfg.url);
    const client = { ws, room: i % cfg.rooms, pending: null };
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics: [cfg.topics[client.room]] }));
      ws.send(JSON.stringify({ type: 'ping' }));
    });
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'pong' && !client.ready) { client.ready = true; resolve(client); return; }
      if (m.type === 'publish' && client.onPublish) client.onPublish(m, now());
    });
    ws.on('error', reject);
  })));
  const connectMs = now() - start;
  const members = Array.from({ length: cfg.rooms }, (_, r) => clients.filter((c) => c.room === r));
  let lost = 0;
  async function round(perRoom, samples, turn, spread) {
    let expected = 0;
    let received = 0;
    let done;
    const finished = new Promise((r) => (done = r));
    for (const c of clients) c.onPublish = (m, at) => {
      samples.push(at - m.data.t);
      if (++received === expected) done();
    };
    for (let r = 0; r < cfg.rooms; r++) {
      if (spread && r > 0) await sleep(1);
      const room = members[r];
      for (let k = 0; k < perRoom; k++) {
        const sender = room[(turn + k) % room.length];
        expected += room.length;
        sender.ws.send(JSON.stringify({ type: 'publish', topic: cfg.topics[r], data: { type: 'signal', t: now(), payload } }));
      }
    }
    const timeout = sleep(5000).then(() => 'timeout');
    if ((await Promise.race([finished, timeout])) === 'timeout') lost += expected - received;
  }
  const steady = [];
  for (let i = 0; i < cfg.steadyRounds; i++) { await round(1, steady, i, true); await sleep(cfg.steadyGapMs); }
  const burst = [];
  // Let the senders' rate budgets refill between bursts.
  for (let i = 0; i < cfg.burstRounds; i++) { await round(cfg.burstSize, burst, i * cfg.burstSize, false); await sleep(100); }
  for (const c of clients) c.ws.close();
  // A pipe is written asynchronously: exit only once the report is out.
  process.stdout.write(JSON.stringify({ connectMs, steady, burst, lost }), () => process.exit(0));
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

function runClients(url: string, topics: string[]): Promise<ClientReport> {
  const wsPath = createRequire(import.meta.url).resolve('ws');
  const config = {
    url,
    topics,
    clients: CLIENTS,
    rooms: ROOMS,
    payloadBytes: PAYLOAD_BYTES,
    steadyRounds: STEADY_ROUNDS,
    steadyGapMs: STEADY_GAP_MS,
    burstRounds: BURST_ROUNDS,
    burstSize: BURST_SIZE,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT_SCRIPT], {
      env: { ...process.env, BENCH_WS_PATH: wsPath, BENCH_SIGNALING: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ClientReport);
      else reject(new Error(`signaling bench clients failed (${code}): ${err}`));
    });
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

function latencyRows(label: string, samples: readonly number[], goal: boolean): Row[] {
  const p95 = percentile(samples, 95);
  return [
    { name: `${label}: fan-out latency p50`, value: ms(percentile(samples, 50)) },
    {
      name: `${label}: fan-out latency p95`,
      value: ms(p95),
      ...(goal ? { goal: `≤ ${P95_GOAL_MS} ms ${p95 <= P95_GOAL_MS ? '✓' : '✗ missed'}` } : {}),
    },
    { name: `${label}: fan-out latency max`, value: ms(percentile(samples, 100)) },
    { name: `${label}: deliveries`, value: String(samples.length) },
  ];
}

export async function benchSignaling(): Promise<Row[]> {
  const base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-bench-signaling-'));
  const rootDir = path.join(base, 'renderer');
  await mkdir(rootDir);
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html>');
  const sessionId = 'benchsessie';
  const topics = Array.from({ length: ROOMS }, (_, i) => (i === 0 ? sessionDocName(sessionId) : boardDocName(sessionId, `groep${String(i).padStart(4, '0')}`)));

  const before = process.memoryUsage();
  const host = await startHost({ rootDir, port: 0, host: '127.0.0.1' });
  const session = await startLiveSession(host, { sessionId, title: 'Bench', dataDir: path.join(base, 'data') });
  try {
    const url = `ws://127.0.0.1:${host.port}${SIGNALING_PATH}?${new URLSearchParams({ [CODE_PARAM]: session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: session.token })}`;
    let peak = process.memoryUsage();
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      if (now.rss > peak.rss) peak = now;
    }, 50);
    let report: ClientReport;
    try {
      report = await runClients(url, topics);
    } finally {
      clearInterval(sampler);
    }
    const after = process.memoryUsage();
    const stats = session.stats().signaling;
    return [
      { name: `Signaling: connect and subscribe ${CLIENTS} clients in ${ROOMS} rooms`, value: ms(report.connectMs) },
      ...latencyRows(`Signaling, ${STEADY_ROUNDS} rounds (every room, one ${PAYLOAD_BYTES} B signal, rooms 1 ms apart)`, report.steady, true),
      ...latencyRows(`Signaling, ${BURST_ROUNDS} bursts (every room, ${BURST_SIZE} signals at once)`, report.burst, false),
      { name: 'Signaling: deliveries lost or timed out', value: String(report.lost), goal: '0' },
      { name: 'Signaling: sockets closed by the host (rate, size, invalid, backpressure)', value: String(stats.closedForRate + stats.closedForSize + stats.closedForInvalid + stats.closedForBackpressure), goal: '0' },
      { name: 'Host RSS before → peak (process)', value: `${mb(before.rss)} → ${mb(peak.rss)}` },
      { name: 'Host heap used before → after', value: `${mb(before.heapUsed)} → ${mb(after.heapUsed)} (${signedMb(after.heapUsed - before.heapUsed)})` },
      { name: 'Host: most bytes queued for one socket', value: `${(stats.maxBufferedAmount / 1024).toFixed(1)} KB` },
    ];
  } finally {
    await session.stop();
    await host.close();
    await rm(base, { recursive: true, force: true });
  }
}
