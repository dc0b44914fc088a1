import type Konva from 'konva';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import type { HouseBoardHandle } from '../../../renderer/board/HouseBoard';
import type { NotesDrawStats } from '../../../renderer/board/paint/notes';
import { LOCAL_ORIGIN } from '../../../renderer/board/useBoard';
import { connectDoc } from '../../../renderer/live/transport';
import { addNote, notesMap, type Note } from '../../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import { BenchBoard } from './BenchBoard';
import { notePosition, noteText, prng } from './generate';
import type { LiveBenchApi, Path, Progress } from './liveApi';
import { notesShapeOf } from './probe';
import '../../../renderer/styles.css';
import './bench.css';

/**
 * One laptop of a live session for the benchmark: a board doc wired exactly as the app wires it
 * (connectDoc: y-webrtc plus the host relay), shown by the real board components. The runner opens
 * it in several Chromium processes: `?code=<join code>&token=<token>&doc=<doc name>[&host=<origin>][&board=0]`;
 * `board=0` mounts no board (the transport alone, for comparison).
 */

const params = new URLSearchParams(location.search);
const hostUrl = params.get('host') ?? location.origin;
const code = params.get('code') ?? '';
const token = params.get('token');
const docName = params.get('doc') ?? '';
const showBoard = params.get('board') !== '0';

const now = () => performance.timeOrigin + performance.now();

/** Counts what leaves this page, per channel: the providers' own sends, unchanged. */
const traffic = { webrtc: 0, websocket: 0, broadcastChannel: 0, bytes: 0 };
function count(proto: object, method: 'send' | 'postMessage', key: 'webrtc' | 'websocket' | 'broadcastChannel'): void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    // A send on a channel that is not open throws (y-webrtc tries every peer it knows of): not counted.
    const result = original.apply(this, args);
    traffic[key]++;
    const data = args[0];
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) traffic.bytes += data.byteLength;
    return result;
  };
}
count(RTCDataChannel.prototype, 'send', 'webrtc');
count(WebSocket.prototype, 'send', 'websocket');
count(BroadcastChannel.prototype, 'postMessage', 'broadcastChannel');

interface MutableReceipt {
  index: number;
  arrived: number;
  painted: number | null;
  via: Path;
}

const doc = new Y.Doc();
const notes = notesMap(doc);
/** The notes that came in, by the index their text starts with (each run has a doc of its own). */
const receipts = new Map<number, MutableReceipt>();
/** Notes in the doc that no draw has held yet, by note id. */
const unpainted = new Map<string, MutableReceipt>();
let waiter: { count: number; resolve: () => void } | null = null;
let lastDraw = { held: 0, drawn: 0 };
let mounted = false;

function progress(): Progress {
  const all = [...receipts.values()];
  return { arrived: all.length, painted: all.filter((r) => r.painted !== null).length, ...lastDraw };
}

function checkWaiter(): void {
  if (!waiter) return;
  const { arrived, painted } = progress();
  if (arrived >= waiter.count && (painted >= waiter.count || !showBoard)) waiter.resolve();
}

/** y-webrtc applies updates with its Room as origin, y-websocket with its provider. */
function pathOf(origin: unknown): Path {
  if (typeof origin !== 'object' || origin === null) return 'other';
  if ('webrtcConns' in origin) return 'webrtc';
  if ('wsconnected' in origin) return 'relay';
  return 'other';
}

/** A note of the benchmark: its text starts with its index ("17 Werk systemisch"). */
const NOTE_TAG = /^(\d+) /;

// Registered before any provider exists, so no remote note can slip past it.
notes.observe((event, transaction) => {
  if (transaction.local) return;
  const arrived = now();
  const via = pathOf(transaction.origin);
  event.changes.keys.forEach((change, id) => {
    if (change.action !== 'add') return;
    const text = notes.get(id)?.get('text');
    const tag = text instanceof Y.Text ? NOTE_TAG.exec(text.toString()) : null;
    if (!tag) return;
    const receipt: MutableReceipt = { index: Number(tag[1]), arrived, painted: null, via };
    receipts.set(receipt.index, receipt);
    if (showBoard) unpainted.set(id, receipt);
  });
  if (!showBoard) checkWaiter();
});

const watched = new WeakSet<Konva.Layer>();
/** Every notes-layer draw: when it began and how long it took (beforeDraw → draw). */
const draws: { start: number; ms: number }[] = [];

/** Marks the notes a notes-layer draw held as painted at the end of that draw. */
function watch(layer: Konva.Layer): void {
  if (watched.has(layer)) return;
  watched.add(layer);
  let start = 0;
  layer.on('beforeDraw', () => {
    start = now();
  });
  layer.on('draw', () => {
    const end = now();
    draws.push({ start, ms: end - start });
    mounted = true;
    const shape = notesShapeOf(layer);
    const stats = (shape as (Konva.Shape & { drawStats?: NotesDrawStats }) | null)?.drawStats;
    lastDraw = { held: stats?.total ?? 0, drawn: stats?.drawn ?? 0 };
    if (unpainted.size === 0 || !shape) return;
    for (const note of shape.getAttr('notes') as readonly Note[]) {
      const receipt = unpainted.get(note.id);
      if (!receipt) continue;
      receipt.painted = end;
      unpainted.delete(note.id);
    }
    checkWaiter();
  });
}

let board: HouseBoardHandle | null = null;
const onCommit = (handle: HouseBoardHandle | null) => {
  board = handle;
  const layers = handle?.konva();
  if (layers) watch(layers.notesLayer);
};

const connection = connectDoc({ kind: 'lan', hostUrl, code, ...(token ? { token } : {}), direct: true }, docName, doc);

if (showBoard) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BenchBoard doc={doc} onCommit={onCommit} />
    </StrictMode>,
  );
}

const sleepUntil = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));
/** A new task at once (setTimeout would be clamped to 4 ms after a few nested calls). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const live: LiveBenchApi = {
  status() {
    // The stage appears once the board knows its size; its first commit may not reach onCommit.
    const layers = board?.konva();
    if (layers) watch(layers.notesLayer);
    const state = connection.state();
    return { relay: state.relay, peers: state.peers, mounted: mounted || !showBoard, notes: notes.size };
  },
  now,
  async send(count, gapMs, seed) {
    const random = prng(seed);
    const planned = Array.from({ length: count }, (_, i) => ({ ...notePosition(random, HOUSE_TEMPLATE), text: `${i} ${noteText(random)}` }));
    const at: number[] = [];
    const callMs: number[] = [];
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      if (i > 0 && gapMs > 0) await sleepUntil(start + i * gapMs);
      else if (i > 0 && gapMs === 0) await nextTask();
      const t = performance.now();
      at.push(performance.timeOrigin + t);
      addNote(doc, HOUSE_TEMPLATE, planned[i]!, LOCAL_ORIGIN);
      callMs.push(performance.now() - t);
    }
    return { at, callMs };
  },
  whenReceived(count, timeoutMs) {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        waiter = null;
        resolve(progress());
      };
      const timer = setTimeout(finish, timeoutMs);
      waiter = { count, resolve: finish };
      checkWaiter();
    });
  },
  receipts: () => [...receipts.values()].sort((a, b) => a.index - b.index),
  traffic: () => ({ ...traffic }),
  drawsSince: (from) => draws.filter((d) => d.start >= from).map((d) => d.ms),
};

window.live = live;
