import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import { HouseView, type HouseViewProbe } from '../../../renderer/board/HouseView';
import type { HousePicture } from '../../../renderer/board/paint/house';
import nl from '../../../renderer/i18n/nl.json';
import { NOTE_COLOURS, addNote, moveNote, notesMap, setNoteColour, setNoteText } from '../../../shared/schema/note';
import { defaultQuestions } from '../../../shared/schema/session';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import { buildNotesDoc, notePosition, noteText, prng } from './generate';
import type { HousesBenchApi, RemoteEdit } from './housesApi';
import { nextFrame } from './probe';
import '../../../renderer/styles.css';
import './bench.css';

/**
 * The projector wall's load for the benchmark: twelve read-only houses (the real HouseView) of 80
 * notes each on one 1440 × 900 page, and edits arriving from peers (Y.applyUpdate of another
 * doc's update, as the providers apply them).
 */

const template = HOUSE_TEMPLATE;
const picture: HousePicture = { template, questions: defaultQuestions(template), lang: 'nl', parkingLabel: nl.board.parking, parkingHint: nl.board.parkingHint };
const root = createRoot(document.getElementById('root')!);
/** Each house's doc, and a peer's copy of it that makes the remote edits. */
let boards: { doc: Y.Doc; peer: Y.Doc }[] = [];

function probes(): (HouseViewProbe | null)[] {
  return [...document.querySelectorAll<HTMLCanvasElement>('.house-view')].map(
    (c) => (c as HTMLCanvasElement & { bouwplaatsProbe?: () => HouseViewProbe | null }).bouwplaatsProbe?.() ?? null,
  );
}

/** Resolves when `ready` holds, checked every millisecond or so (the times come from the probes, not from here). */
function until<T>(ready: () => T | null, timeoutMs = 30_000): Promise<T> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = ready();
      if (value !== null) resolve(value);
      else if (performance.now() - start > timeoutMs) reject(new Error('the houses did not paint in time'));
      else setTimeout(check, 1);
    };
    check();
  });
}

/**
 * Applies `update` to `doc` in a message event of its own, as a provider does (a WebSocket or
 * data channel message): not inside this page's timers, whose nesting would delay the notes
 * store's own timer. Resolves with performance.now() just before Y.applyUpdate.
 */
function deliver(doc: Y.Doc, update: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<Uint8Array>) => {
      channel.port1.close();
      const applied = performance.now();
      Y.applyUpdate(doc, event.data, 'peer');
      resolve(applied);
    };
    channel.port2.postMessage(update);
  });
}

function sameState(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function Wall() {
  return (
    <div className="bench-wall">
      {boards.map((b, i) => (
        <div key={i} className="bench-house">
          <HouseView picture={picture} doc={b.doc} label={`Groep ${i + 1}`} />
        </div>
      ))}
    </div>
  );
}

const houses: HousesBenchApi = {
  build(count, notes, seed) {
    const start = performance.now();
    boards = Array.from({ length: count }, (_, i) => {
      const doc = buildNotesDoc(template, notes, seed + i);
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
      return { doc, peer };
    });
    return { buildMs: performance.now() - start };
  },
  async mount() {
    const start = performance.now();
    root.render(
      <StrictMode>
        <Wall />
      </StrictMode>,
    );
    const painted = await until(() => {
      const all = probes();
      const done = all.length === boards.length && all.every((p) => p && p.stats.total === notesMap(boards[0]!.doc).size);
      return done ? (all as HouseViewProbe[]) : null;
    });
    const next = await nextFrame();
    return {
      paintMs: Math.max(...painted.map((p) => p.paintedAt)) - start,
      nextFrameMs: next - start,
      slowestHouseMs: Math.max(...painted.map((p) => p.paintMs)),
      houses: painted.length,
      notes: painted.reduce((sum, p) => sum + p.stats.total, 0),
    };
  },
  async remoteEdits(count, gapMs, seed) {
    const random = prng(seed);
    const results: RemoteEdit[] = [];
    for (let i = 0; i < count; i++) {
      await new Promise((r) => setTimeout(r, gapMs));
      const house = Math.floor(random() * boards.length);
      const { doc, peer } = boards[house]!;
      const before = Y.encodeStateVector(doc);
      let kind: RemoteEdit['kind'];
      // An edit that changes nothing (the colour it had, the words it had) sends nothing: another one.
      do {
        const ids = [...notesMap(peer).keys()];
        const id = ids[Math.floor(random() * ids.length)]!;
        const roll = random();
        kind = roll < 0.6 ? 'text' : roll < 0.8 ? 'move' : roll < 0.9 ? 'colour' : 'add';
        if (kind === 'text') setNoteText(peer, id, noteText(random));
        else if (kind === 'move') {
          const to = notePosition(random, template);
          moveNote(peer, template, id, to.x, to.y);
        } else if (kind === 'colour') setNoteColour(peer, id, NOTE_COLOURS[Math.floor(random() * NOTE_COLOURS.length)]!);
        else addNote(peer, template, { ...notePosition(random, template), text: noteText(random) });
      } while (sameState(Y.encodeStateVector(peer), before));
      const update = Y.encodeStateAsUpdate(peer, before);
      const paintsBefore = probes()[house]!.paints;
      const applied = await deliver(doc, update);
      const probe = await until(() => {
        const p = probes()[house]!;
        return p.paints > paintsBefore ? p : null;
      });
      results.push({ repaintedMs: probe.paintedAt - applied, paintMs: probe.paintMs, kind });
    }
    return results;
  },
};

window.houses = houses;
