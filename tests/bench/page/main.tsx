import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import type { HouseBoardHandle } from '../../../renderer/board/HouseBoard';
import type { BoardViewport } from '../../../renderer/board/useViewport';
import { NOTE_HEIGHT, NOTE_WIDTH, notesMap } from '../../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import type { BenchApi, BuiltDoc, PaintResult } from './api';
import { BenchBoard } from './BenchBoard';
import { applyScript, applyScriptPlainText, buildNotesDoc, editScript } from './generate';
import { Probe, boardNotes, nextFrame } from './probe';
import '../../../renderer/styles.css';
import './bench.css';

const root = createRoot(document.getElementById('root')!);
const probe = new Probe();
let board: HouseBoardHandle | null = null;
let viewport: BoardViewport | null = null;
let doc: Y.Doc | null = null;
let update: Uint8Array | null = null;
let generation = 0;

const onCommit = (handle: HouseBoardHandle | null, view: BoardViewport) => {
  board = handle;
  viewport = view;
  probe.attach(handle?.konva() ?? null);
};

function konva() {
  const layers = board?.konva();
  if (!layers) throw new Error('no board is mounted');
  return layers;
}

function built(start: number, d: Y.Doc): BuiltDoc {
  const buildMs = performance.now() - start;
  return { buildMs, bytes: Y.encodeStateAsUpdate(d).length, bytesV2: Y.encodeStateAsUpdateV2(d).length, notes: notesMap(d).size };
}

/**
 * Renders the board for `d` and waits for the first draw of the notes layer that holds all its
 * notes at the view the board settles on (fit), which is what reaches the screen. Full draws at
 * another scale before it are counted (the stage is created fitted: none are expected).
 */
async function show(d: Y.Doc, start: number): Promise<PaintResult> {
  const expected = notesMap(d).size;
  let unfittedDraws = 0;
  const fitted = probe.nextDraw((draw) => {
    if (draw.shapes !== expected || draw.layer === 'drag') return false;
    const stage = board?.konva()?.stage;
    // Before the first commit hands out the board, the stage's scale is the one it was created with.
    if (!stage || draw.scale === stage.scaleX()) return true;
    unfittedDraws++;
    return false;
  });
  root.render(
    <StrictMode>
      <BenchBoard key={++generation} doc={d} onCommit={onCommit} />
    </StrictMode>,
  );
  const draw = await fitted;
  // The board fits once it knows its size: a draw before that was at another scale after all.
  const settled = draw.scale === konva().stage.scaleX() ? draw : await probe.nextDraw((next) => next.shapes === expected && next.layer !== 'drag');
  if (settled !== draw) unfittedDraws++;
  const next = await nextFrame();
  return {
    renderMs: settled.start - start,
    paintMs: settled.end - start,
    drawMs: settled.end - settled.start,
    unfittedDraws,
    inStageAdd: settled.inStageAdd,
    nextFrameMs: next - start,
    notes: settled.shapes,
    visible: settled.visible,
  };
}

const bench: BenchApi = {
  buildNotes(count, seed) {
    const start = performance.now();
    doc = buildNotesDoc(HOUSE_TEMPLATE, count, seed);
    return built(start, doc);
  },
  buildUpdate(edits, notes, seed) {
    const start = performance.now();
    const scratch = applyScript(HOUSE_TEMPLATE, editScript(HOUSE_TEMPLATE, edits, notes, seed));
    update = Y.encodeStateAsUpdate(scratch);
    return { ...built(start, scratch), bytes: update.length };
  },
  buildUpdatePlainText(edits, notes, seed) {
    const start = performance.now();
    return built(start, applyScriptPlainText(HOUSE_TEMPLATE, editScript(HOUSE_TEMPLATE, edits, notes, seed)));
  },
  exportUpdate() {
    if (!update) throw new Error('buildUpdate first');
    let binary = '';
    for (let i = 0; i < update.length; i += 0x8000) binary += String.fromCharCode(...update.subarray(i, i + 0x8000));
    return btoa(binary);
  },
  importUpdate(base64) {
    update = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  },
  mount() {
    if (!doc) throw new Error('buildNotes first');
    return show(doc, performance.now());
  },
  async mountFromUpdate() {
    if (!update) throw new Error('buildUpdate first');
    const start = performance.now();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, update);
    const applyMs = performance.now() - start;
    doc = fresh;
    return { ...(await show(fresh, start)), applyMs };
  },
  unmount() {
    root.render(null);
    board = null;
    viewport = null;
  },
  view() {
    const { stage } = konva();
    return { x: stage.x(), y: stage.y(), scale: stage.scaleX() };
  },
  fitHouse() {
    viewport?.fit();
  },
  topNote(nth) {
    const { stage, notesLayer } = konva();
    const scale = stage.scaleX();
    const notes = boardNotes(notesLayer);
    let seen = 0;
    for (let i = notes.length - 1; i >= 0; i--) {
      const note = notes[i]!;
      const x = stage.x() + (note.x + NOTE_WIDTH / 2) * scale;
      const y = stage.y() + (note.y + NOTE_HEIGHT / 2) * scale;
      if (x < 200 || x > stage.width() - 200 || y < 150 || y > stage.height() - 150) continue;
      // A press there must take this note, not a later one lying over its centre.
      if (bench.noteAt(x, y) !== note.id) continue;
      if (seen++ === nth) return { id: note.id, x, y };
    }
    throw new Error('no note in the middle of the screen');
  },
  noteAt(x, y) {
    const { stage, notesLayer } = konva();
    const wx = (x - stage.x()) / stage.scaleX();
    const wy = (y - stage.y()) / stage.scaleY();
    const notes = boardNotes(notesLayer);
    for (let i = notes.length - 1; i >= 0; i--) {
      const n = notes[i]!;
      if (wx >= n.x && wx <= n.x + NOTE_WIDTH && wy >= n.y && wy <= n.y + NOTE_HEIGHT) return n.id;
    }
    return null;
  },
  notePosition(id) {
    const note = doc && notesMap(doc).get(id);
    return note ? { x: note.get('x') as number, y: note.get('y') as number } : null;
  },
  startRecording: () => probe.start(),
  stopRecording: () => probe.stop(),
};

window.bench = bench;
