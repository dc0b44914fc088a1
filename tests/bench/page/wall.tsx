import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as Y from 'yjs';
import { initI18n } from '../../../renderer/i18n';
import { WallHouse, type WallHouseProbe } from '../../../renderer/projector/WallHouse';
import { WallList } from '../../../renderer/projector/WallView';
import { notesMap } from '../../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../../shared/template/house';
import { buildNotesDoc, prng } from './generate';
import type { HousesBenchApi, RemoteEdit } from './housesApi';
import { deliver, peerEdit, until } from './peerEdits';
import { nextFrame } from './probe';
import '../../../renderer/styles.css';
import '../../../renderer/projector/projector.css';

/**
 * The projector wall as the projector shows it: the real WallHouse (each house's parts, counts and
 * newest notes as lines) for twelve boards of 80 notes, in the projector's grid, and edits arriving
 * from peers (Y.applyUpdate of another doc's update, as the providers apply them). The same API
 * as houses.html (window.houses), so the runner drives both alike.
 */

const template = HOUSE_TEMPLATE;
const root = createRoot(document.getElementById('root')!);
let boards: { doc: Y.Doc; peer: Y.Doc }[] = [];

function probes(): (WallHouseProbe | null)[] {
  return [...document.querySelectorAll<HTMLElement>('.wall-house-body')].map(
    (b) => (b as HTMLElement & { bouwplaatsProbe?: () => WallHouseProbe }).bouwplaatsProbe?.() ?? null,
  );
}

function Wall() {
  // The wall's own grid and shared layout, so the bench measures the houses as the projector lines them up.
  return (
    <div className="projector">
      <WallList count={boards.length}>
        {boards.map((b, i) => (
          <WallHouse key={i} doc={b.doc} groupId={`groep${i}`} name={`Groep ${i + 1}`} keyNumber={i < 9 ? i + 1 : 0} done={i % 3 === 0} template={template} lang="nl" onPick={null} />
        ))}
      </WallList>
    </div>
  );
}

const ready = initI18n('nl');

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
    await ready;
    const start = performance.now();
    root.render(
      <StrictMode>
        <Wall />
      </StrictMode>,
    );
    const total = notesMap(boards[0]!.doc).size;
    // Every house on the page with all its notes, at the number of lines its size holds (the
    // second commit, after the first measure).
    const shown = await until(() => {
      const all = probes();
      const done = all.length === boards.length && all.every((p) => p && p.notes === total && p.commits >= 2);
      return done ? (all as WallHouseProbe[]) : null;
    });
    const next = await nextFrame();
    return {
      paintMs: Math.max(...shown.map((p) => p.committedAt)) - start,
      nextFrameMs: next - start,
      slowestHouseMs: NaN,
      houses: shown.length,
      notes: shown.reduce((sum, p) => sum + p.notes, 0),
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
      const commitsBefore = probes()[house]!.commits;
      const applied = await deliver(doc, update);
      const probe = await until(() => {
        const p = probes()[house]!;
        return p.commits > commitsBefore ? p : null;
      });
      results.push({ repaintedMs: probe.committedAt - applied, paintMs: NaN, kind });
    }
    return results;
  },
};

window.houses = houses;
