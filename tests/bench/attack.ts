import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, SYNC_PATH_PREFIX, TOKEN_PARAM, VERSION_PARAM } from '../../shared/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { docFilePath } from '../../electron/host/docStore';
import { readStoredDoc, startLiveSession } from '../../electron/host/live';
import { readNotes } from '../../shared/schema/note';
import { startHost } from '../../electron/host/server';
import type { Row } from './signaling';

/**
 * The host under attack (issue 10, item 2), measured and never asserted: do the honest laptops of
 * a board still get each other's notes in time while one laptop with bad intent does everything
 * the quotas hold it to, all at once, on the same board and beside it?
 *
 * The host runs in this process on loopback. Every socket names its laptop in a header that the
 * host's client key reads (in a room each laptop has its own address), so the attacker is held to
 * one laptop's shares as it would be on the Wi-Fi. Two child processes, so that neither shares the
 * host's event loop: four honest laptops (the real y-websocket client) on one board, one adds a
 * note every 20 ms and the other three time its arrival (one clock, one process); and the attacker:
 * notes of 480 characters as fast as its sockets take them into the honest board (reconnecting
 * whenever it is closed), 500 presence states a second into the session doc and the board,
 * sockets announcing 4 MB messages that never end, and every other socket its share allows. The
 * honest laptops join once the attacker is at full strength. The same honest run without the
 * attacker is the baseline.
 */

const NOTES = 200;
const GAP_MS = 20;
const READERS = 3;
const SESSION_ID = 'benchaanval';
const HEADER = 'x-bench-laptop';

interface HonestReport {
  connectMs: number;
  samples: number[];
  lost: number;
}

interface AttackReport {
  opened: number;
  refused: number;
  closed: Record<string, number>;
  notesSent: number;
  bytesSent: number;
  presenceSent: number;
  unfinishedBytesSent: number;
}

/** Both children share this: their modules and a laptop's WebSocket that names itself. */
const PRELUDE = String.raw`
const cfg = JSON.parse(process.env.BENCH_ATTACK);
const WebSocket = require(cfg.paths.ws);
const Y = require(cfg.paths.yjs);
const encoding = require(cfg.paths.encoding);
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const as = (laptop) => class extends WebSocket { constructor(url, protocols) { super(url, protocols, { headers: { [cfg.header]: laptop } }); } };
let seq = 0;
/** A note as the app writes it (shared/schema/note.ts), so that it fits the board's schema. */
function writeNote(doc, text) {
  const id = 'n' + process.pid.toString(36) + (seq++).toString(36).padStart(6, '0');
  doc.transact(() => {
    const note = new Y.Map();
    const ytext = new Y.Text();
    ytext.insert(0, text);
    note.set('text', ytext);
    note.set('x', 100 + (seq % 40) * 20);
    note.set('y', 900);
    note.set('zone', 'foundation');
    note.set('colour', 'yellow');
    note.set('createdAt', Date.now());
    note.set('updatedAt', Date.now());
    doc.getMap('notes').set(id, note);
  });
  return id;
}
const done = (report) => process.stdout.write(JSON.stringify(report), () => process.exit(0));
`;

const HONEST_SCRIPT = String.raw`
${PRELUDE}
const { WebsocketProvider } = require(cfg.paths.yWebsocket);
async function main() {
  const start = now();
  const laptops = Array.from({ length: cfg.readers + 1 }, (_, i) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(cfg.relay, cfg.board, doc, { params: cfg.params, WebSocketPolyfill: as('eerlijk' + i), disableBc: true });
    return { doc, provider };
  });
  await Promise.all(laptops.map(({ provider }) => new Promise((resolve) => provider.once('sync', resolve))));
  const connectMs = now() - start;
  const sentAt = new Map();
  const samples = [];
  let expected = 0;
  for (const { doc } of laptops.slice(1)) {
    doc.getMap('notes').observe((event) => {
      const at = now();
      for (const key of event.keysChanged) if (sentAt.has(key)) samples.push(at - sentAt.get(key));
    });
  }
  const writer = laptops[0].doc;
  for (let i = 0; i < cfg.notes; i++) {
    // The id is known only once written; the observer of another laptop runs later (a socket away).
    const before = now();
    const id = writeNote(writer, 'Eerlijke notitie ' + i);
    sentAt.set(id, before);
    expected += cfg.readers;
    await sleep(cfg.gapMs);
  }
  const deadline = now() + 20000;
  while (samples.length < expected && now() < deadline) await sleep(50);
  for (const { provider } of laptops) provider.destroy();
  done({ connectMs, samples, lost: expected - samples.length });
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

const ATTACK_SCRIPT = String.raw`
${PRELUDE}
const report = { opened: 0, refused: 0, closed: {}, notesSent: 0, bytesSent: 0, presenceSent: 0, unfinishedBytesSent: 0 };
const frame = (...parts) => {
  const e = encoding.createEncoder();
  for (const p of parts) typeof p === 'number' ? encoding.writeVarUint(e, p) : encoding.writeVarUint8Array(e, p);
  return encoding.toUint8Array(e);
};
/** Opens a relay socket as the attacker; null when the host refuses it. */
function open(docName) {
  return new Promise((resolve) => {
    const ws = new (as('mallory'))(cfg.relayBase + encodeURIComponent(docName) + cfg.query);
    ws.on('open', () => { report.opened++; resolve(ws); });
    ws.on('unexpected-response', () => { report.refused++; resolve(null); });
    ws.on('error', () => resolve(null));
    ws.on('close', (code) => { report.closed[code] = (report.closed[code] || 0) + 1; });
    ws.on('message', () => {});
  });
}
let running = true;
/** Notes of 480 characters into the board, as fast as the socket drains; again when closed. */
async function flood() {
  while (running) {
    const ws = await open(cfg.board);
    if (!ws) { await sleep(100); continue; }
    const doc = new Y.Doc();
    while (running && ws.readyState === WebSocket.OPEN) {
      const before = Y.encodeStateVector(doc);
      writeNote(doc, ('Reclame ' + report.notesSent + ' ').padEnd(480, '#'));
      const message = frame(0, 2, Y.encodeStateAsUpdate(doc, before));
      ws.send(message);
      report.notesSent++;
      report.bytesSent += message.byteLength;
      while (ws.bufferedAmount > 256 * 1024) await sleep(1);
      await new Promise((r) => setImmediate(r));
    }
    await sleep(50);
  }
}
/** 500 presence states in one message (49 KB), every second, on each of its sockets. */
async function presence(docName) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 500);
  for (let i = 0; i < 500; i++) {
    encoding.writeVarUint(e, 100000 + i);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify({ user: { name: 'Nep ' + i, colour: '#000000', role: 'participant' }, cursor: { x: i, y: i } }));
  }
  const message = frame(1, encoding.toUint8Array(e));
  while (running) {
    const ws = await open(docName);
    if (!ws) { await sleep(500); continue; }
    while (running && ws.readyState === WebSocket.OPEN) {
      ws.send(message);
      report.presenceSent++;
      await sleep(1000);
    }
  }
}
/** A frame announcing 4 MB whose payload never ends, sent 64 KB at a time; again when ended. */
async function unfinished() {
  const header = Buffer.alloc(14);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(cfg.maxPayload - 1), 2);
  const chunk = Buffer.alloc(64 * 1024);
  while (running) {
    const ws = await open(cfg.board);
    if (!ws) { await sleep(200); continue; }
    const socket = ws._socket;
    socket.write(header);
    let sent = 0;
    while (running && !socket.destroyed && sent < cfg.maxPayload - chunk.length * 2) {
      socket.write(chunk);
      sent += chunk.length;
      report.unfinishedBytesSent += chunk.length;
      await sleep(5);
    }
    while (running && !socket.destroyed) await sleep(50);
  }
}
async function main() {
  const tasks = [flood(), flood(), presence(cfg.sessionDoc), presence(cfg.board), ...Array.from({ length: 4 }, unfinished)];
  await sleep(300);
  // Every other socket its share allows, then some.
  const held = [];
  for (let i = 0; i < cfg.grab; i++) {
    const ws = await open(cfg.sessionDoc);
    if (ws) held.push(ws);
  }
  process.stderr.write('ready\n');
  process.on('SIGTERM', () => {
    running = false;
    for (const ws of held) ws.terminate();
    done(report);
  });
  await Promise.all(tasks);
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

function child(script: string, config: object, onReady?: () => void): { process: ChildProcess; report: Promise<unknown> } {
  const proc = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, BENCH_ATTACK: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (onReady && err.includes('ready\n')) {
      onReady();
      onReady = undefined;
    }
  });
  const report = new Promise<unknown>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`attack bench child failed (${code}): ${err.replace('ready\n', '')}`));
    });
  });
  return { process: proc, report };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Measures the honest laptops alone, then under attack; returns the rows for live.md. */
export async function benchAttack(): Promise<Row[]> {
  const base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-bench-attack-'));
  const rootDir = path.join(base, 'renderer');
  await mkdir(rootDir);
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html>');
  const host = await startHost({ rootDir, port: 0, host: '127.0.0.1' });
  // A laptop is what it says in the header (each its own address in a room); else this machine.
  const clientKey = (request: IncomingMessage) => {
    const laptop = request.headers[HEADER];
    return typeof laptop === 'string' ? { key: laptop, local: false } : { key: 'host', local: true };
  };
  const session = await startLiveSession(host, { sessionId: SESSION_ID, title: 'Bench', dataDir: path.join(base, 'data'), clientKey, warn: () => {} });
  const resolveFrom = createRequire(import.meta.url);
  const board = boardDocName(SESSION_ID, 'groep00001');
  const config = {
    paths: { ws: resolveFrom.resolve('ws'), yjs: resolveFrom.resolve('yjs'), encoding: resolveFrom.resolve('lib0/encoding'), yWebsocket: resolveFrom.resolve('y-websocket') },
    header: HEADER,
    relay: `ws://127.0.0.1:${host.port}${SYNC_PATH_PREFIX.slice(0, -1)}`,
    relayBase: `ws://127.0.0.1:${host.port}${SYNC_PATH_PREFIX}`,
    // Every laptop here may write the board (the facilitator's token; roles are not what this row
    // measures): the host's shares per laptop are.
    query: `?${new URLSearchParams({ [CODE_PARAM]: session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: session.token })}`,
    params: { [CODE_PARAM]: session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: session.token },
    board,
    sessionDoc: sessionDocName(SESSION_ID),
    notes: NOTES,
    gapMs: GAP_MS,
    readers: READERS,
    grab: 600,
    maxPayload: 4 * 1024 * 1024,
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const baseline = (await child(HONEST_SCRIPT, config).report) as HonestReport;
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    let ready!: () => void;
    const attackerReady = new Promise<void>((resolve) => (ready = resolve));
    const attacker = child(ATTACK_SCRIPT, config, () => ready());
    await attackerReady;
    const started = performance.now();
    const honest = (await child(HONEST_SCRIPT, config).report) as HonestReport;
    const seconds = (performance.now() - started) / 1000;
    attacker.process.kill('SIGTERM');
    const attack = (await attacker.report) as AttackReport;
    const relay = session.stats().relay;
    const stored = readNotes((await readStoredDoc(path.join(base, 'data'), SESSION_ID, board))!);
    const logBytes = (await stat(docFilePath(path.join(base, 'data'), SESSION_ID, board))).size;
    const closes = Object.entries(attack.closed)
      .map(([code, count]) => `${count} × ${code}`)
      .join(', ');
    return [
      { name: `Honest laptops alone: note → other laptop p50 / p95 / max (${READERS} readers, ${NOTES} notes ${GAP_MS} ms apart)`, value: `${ms(percentile(baseline.samples, 50))} / ${ms(percentile(baseline.samples, 95))} / ${ms(percentile(baseline.samples, 100))}` },
      { name: 'Under attack: note → other laptop p50 / p95 / max', value: `${ms(percentile(honest.samples, 50))} / ${ms(percentile(honest.samples, 95))} / ${ms(percentile(honest.samples, 100))}` },
      { name: 'Honest laptops connect and sync (the board holds what the attacker got in): alone, under attack', value: `${ms(baseline.connectMs)}, ${ms(honest.connectMs)}` },
      { name: 'Under attack: notes lost (alone, under attack)', value: `${baseline.lost}, ${honest.lost}`, goal: '0, 0' },
      { name: `Attacker over ${seconds.toFixed(1)} s: sockets opened (one after another) / refused (its share: 64 at once)`, value: `${attack.opened} / ${attack.refused}` },
      {
        name: 'Attacker: notes of 480 characters sent → kept by the host in the board (its log)',
        value: `${attack.notesSent} (${mb(attack.bytesSent)}) → ${stored.filter((n) => n.text.startsWith('Reclame')).length} (${mb(logBytes)})`,
      },
      { name: 'Attacker: its sockets closed by the host (code × count)', value: closes || 'none' },
      { name: 'Attacker: presence messages of 500 states sent, entries refused', value: `${attack.presenceSent}, ${relay.presenceRefused}` },
      { name: 'Attacker: bytes of unfinished messages sent, sockets ended for them', value: `${mb(attack.unfinishedBytesSent)}, ${relay.closedForUnfinished}` },
      { name: 'Host RSS before the attack → peak during it', value: `${mb(rssBefore)} → ${mb(peakRss)}` },
    ];
  } finally {
    clearInterval(sampler);
    await session.stop();
    await host.close();
    await rm(base, { recursive: true, force: true });
  }
}
