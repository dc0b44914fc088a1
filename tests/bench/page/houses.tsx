import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import { HouseView, type HouseViewProbe } from '../../../renderer/board/HouseView';
import type { HousePicture } from '../../../renderer/board/paint/house';
import nl from '../../../renderer/i18n/nl.json';
import { notesMap } from '../../../shared/schema/note';
import { defaultQuestions } from '../../../shared/schema/session';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import { buildNotesDoc, prng } from './generate';
import type { HousesBenchApi, RemoteEdit } from './housesApi';
import { deliver, peerEdit, until } from './peerEdits';
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
      const { kind, update } = peerEdit(doc, peer, template, random);
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
