import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { goToPhase, readAgenda, readRun, writeAgenda, writeRunFields, type PhaseInit } from '../../shared/schema/agenda';
import type { Note } from '../../shared/schema/note';
import { allocateLines, projectorShows, shownLines, wallGrid, wallLines, wallParts } from '../../renderer/projector/choose';
import { WallLayout } from '../../renderer/projector/wallLayout';
import { parseRoute, routeHref } from '../../renderer/hooks';

const phase = (kind: PhaseInit['kind'], title: string): PhaseInit => ({ kind, title, minutes: 10, instruction: '', boardsOpen: kind === 'build' });

/** Seed 000's morning as an agenda, and a doc whose run is at `kind`. */
function morning(): { doc: Y.Doc; ids: Record<PhaseInit['kind'], string> } {
  const doc = new Y.Doc();
  const kinds = ['welcome', 'case', 'build', 'reflection', 'closing'] as const;
  const list = writeAgenda(doc, kinds.map((k) => phase(k, k)));
  return { doc, ids: Object.fromEntries(kinds.map((k, i) => [k, list[i]!])) as Record<PhaseInit['kind'], string> };
}

const shows = (doc: Y.Doc, groupIds: string[] = ['groep1abcd', 'groep2abcd']) => {
  const run = readRun(doc);
  return projectorShows(run, readAgenda(doc).find((p) => p.id === run.phaseId) ?? null, groupIds);
};

describe('what the projector shows (projectorShows)', () => {
  it('shows the welcome before the first phase and in a session never run with phases', () => {
    expect(shows(new Y.Doc())).toEqual({ view: 'welcome' });
    expect(shows(morning().doc)).toEqual({ view: 'welcome' });
  });

  it('follows the phase: welcome, the case, the wall while building and reflecting, the closing', () => {
    const { doc, ids } = morning();
    const seen = (['welcome', 'case', 'build', 'reflection', 'closing'] as const).map((kind) => {
      goToPhase(doc, ids[kind], 1000);
      return shows(doc).view;
    });
    expect(seen).toEqual(['welcome', 'case', 'wall', 'wall', 'closing']);
  });

  it("shows the facilitator's choice over the phase, until the next phase", () => {
    const { doc, ids } = morning();
    goToPhase(doc, ids.case, 1000);
    writeRunFields(doc, { projectorView: 'wall' });
    expect(shows(doc)).toEqual({ view: 'wall' });
    writeRunFields(doc, { projectorView: 'house', projectorGroupId: 'groep2abcd' });
    expect(shows(doc)).toEqual({ view: 'house', groupId: 'groep2abcd' });
    goToPhase(doc, ids.build, 2000);
    expect(shows(doc)).toEqual({ view: 'wall' });
  });

  it('shows the wall for one house of a group that is not (or no longer) there', () => {
    const { doc } = morning();
    writeRunFields(doc, { projectorView: 'house', projectorGroupId: 'weggehaald1' });
    expect(shows(doc)).toEqual({ view: 'wall' });
    writeRunFields(doc, { projectorView: 'house', projectorGroupId: null });
    expect(shows(doc)).toEqual({ view: 'wall' });
  });
});

describe('the wall', () => {
  it('lays 6 houses out as 3 × 2 and 12 as 4 × 3, never more than about a fifth of the width apart from 13 up', () => {
    const grids = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16].map((n) => [n, wallGrid(n)]));
    expect(grids[6]).toEqual({ columns: 3, rows: 2 });
    expect(grids[12]).toEqual({ columns: 4, rows: 3 });
    expect(grids[4]).toEqual({ columns: 2, rows: 2 });
    expect(grids[8]).toEqual({ columns: 4, rows: 2 });
    expect(grids[10]).toEqual({ columns: 5, rows: 2 });
    for (const [n, { columns, rows }] of Object.entries(grids)) {
      expect(columns * rows, `${n} houses`).toBeGreaterThanOrEqual(Number(n));
      // No empty row.
      expect(columns * (rows - 1), `${n} houses`).toBeLessThan(Number(n));
    }
    expect(wallGrid(0)).toEqual({ columns: 1, rows: 1 });
  });

  const note = (id: string, zone: string, text: string, createdAt: number): Note => ({
    id,
    zone,
    text,
    x: 0,
    y: 0,
    colour: 'yellow',
    createdAt,
    updatedAt: createdAt,
  });

  it('counts the notes with words per part, newest first, and leaves parked and empty notes out', () => {
    const notes = [
      note('a', 'roof', 'Ruimte bieden aan innovatie', 1),
      note('b', 'walls', 'Werk systemisch', 2),
      note('c', 'roof', 'Vertrouwen van leidinggevenden', 3),
      note('d', 'roof', '   ', 4),
      note('e', 'parked', 'Later bespreken', 5),
    ];
    const parts = wallParts(notes, ['roof', 'walls', 'foundation']);
    expect(parts.map((p) => [p.zoneId, p.count, p.notes.map((n) => n.id)])).toEqual([
      ['roof', 2, ['c', 'a']],
      ['walls', 1, ['b']],
      ['foundation', 0, []],
    ]);
  });

  it('shares the lines that fit: no part more than it can fill, the rest evenly', () => {
    expect(allocateLines([2, 30, 3], 10)).toEqual([2, 5, 3]);
    expect(allocateLines([80, 80, 80], 10)).toEqual([4, 3, 3]);
    expect(allocateLines([0, 12, 0], 5)).toEqual([0, 5, 0]);
    expect(allocateLines([1, 1, 1], 10)).toEqual([1, 1, 1]);
    expect(allocateLines([5, 5, 5], 0)).toEqual([0, 0, 0]);
    // Not enough for every part with notes: none, rather than words under the roof only.
    expect(allocateLines([5, 5, 5], 2)).toEqual([0, 0, 0]);
    expect(allocateLines([5, 0, 5], 2)).toEqual([1, 0, 1]);
    for (const total of [0, 3, 7, 12, 40]) {
      const lines = allocateLines([26, 28, 26], total);
      expect(lines.reduce((a, b) => a + b, 0)).toBe(Math.min(total, 80));
    }
  });

  it('gives every house of the wall the same lines per part: the fullest house of each part, the smallest room', () => {
    // A house with 1 roof note and one with 30: both keep the roof's 7 lines (what the walls' 3 leave), so the bands line up.
    expect(wallLines([{ counts: [1, 2, 0], room: 10 }, { counts: [30, 3, 0], room: 10 }])).toEqual([7, 3, 0]);
    // A part no house has notes in gets no lines: only its heading.
    expect(wallLines([{ counts: [0, 4, 0], room: 12 }, { counts: [0, 9, 0], room: 12 }])).toEqual([0, 9, 0]);
    // The smallest room counts (a house still being laid out); one not measured yet does not.
    expect(wallLines([{ counts: [26, 28, 26], room: 7 }, { counts: [2, 2, 2], room: 6 }, { counts: [1, 1, 1], room: null }])).toEqual([2, 2, 2]);
    expect(wallLines([{ counts: [3, 3, 3], room: null }])).toEqual([0, 0, 0]);
    expect(wallLines([])).toEqual([]);
  });

  it("keeps the wall's shared lines, telling its houses only when they change", () => {
    const layout = new WallLayout();
    let told = 0;
    layout.subscribe(() => told++);
    layout.report('a', { counts: [2, 2, 2], room: 9 });
    layout.report('b', { counts: [0, 1, 0], room: 9 });
    expect(layout.getSnapshot()).toEqual([2, 2, 2]);
    const before = layout.getSnapshot();
    // A note in house b that no band needs room for: same lines, same array, nobody told.
    layout.report('b', { counts: [1, 1, 0], room: 9 });
    expect(layout.getSnapshot()).toBe(before);
    expect(told).toBe(1);
    layout.report('b', { counts: [1, 8, 0], room: 9 });
    expect(layout.getSnapshot()).toEqual([2, 5, 2]);
    layout.forget('b');
    expect(layout.getSnapshot()).toEqual([2, 2, 2]);
    expect(told).toBe(3);
  });

  it('ends a part whose notes do not all fit with "+ n meer" on its last line', () => {
    const part = { zoneId: 'walls', count: 12, notes: Array.from({ length: 12 }, (_, i) => note(`n${i}`, 'walls', `Notitie ${i}`, i)) };
    const four = shownLines(part, 4);
    expect(four.notes.map((n) => n.id)).toEqual(['n0', 'n1', 'n2']);
    expect(four.more).toBe(9);
    expect(shownLines(part, 12)).toEqual({ notes: part.notes, more: 0 });
    // One line: the newest note (the count above says there are more).
    expect(shownLines(part, 1)).toEqual({ notes: [part.notes[0]], more: 0 });
    // No line at all: nothing, not even "+ 12 meer" (the count above says it).
    expect(shownLines(part, 0)).toEqual({ notes: [], more: 0 });
  });
});

describe('the projector route', () => {
  it('is #/projector/<session>, with the join code when the projector is another computer', () => {
    expect(parseRoute('#/projector/sessie0001')).toEqual({ name: 'projector', sessionId: 'sessie0001' });
    expect(parseRoute('#/projector/sessie0001/DSXQPR')).toEqual({ name: 'projector', sessionId: 'sessie0001', code: 'DSXQPR' });
    expect(parseRoute('#/projector/../etc')).toEqual({ name: 'library' });
    expect(routeHref({ name: 'projector', sessionId: 'sessie0001' })).toBe('#/projector/sessie0001');
    expect(routeHref({ name: 'projector', sessionId: 'sessie0001', code: 'DSXQPR' })).toBe('#/projector/sessie0001/DSXQPR');
  });
});
