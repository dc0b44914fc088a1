import type * as Y from 'yjs';
import { writeRunFields, type Phase, type PhaseKind, type ProjectorView, type RunState } from '../../shared/schema/agenda';
import type { Note } from '../../shared/schema/note';

/**
 * The projector's rules, pure (data in, answer out), so they are tested without a screen: which
 * view it shows, how the wall lays out its houses, and what one house on the wall says.
 */

/** The views that need nothing more than their name. */
type PlainView = Exclude<ProjectorView, 'auto' | 'house'>;

/** What the projector shows now. */
export type ProjectorShows = { readonly view: PlainView } | { readonly view: 'house'; readonly groupId: string };

const BY_KIND: Record<PhaseKind, PlainView> = {
  welcome: 'welcome',
  case: 'case',
  build: 'wall',
  // The reflection board is issue 9's next step; until then the room reflects on the wall.
  reflection: 'wall',
  closing: 'closing',
};

/** What the facilitator tells the projector to show ('auto': what the phase asks for). */
export type ProjectorChoice = { readonly view: Exclude<ProjectorView, 'house'> } | { readonly view: 'house'; readonly groupId: string };

/** Writes the facilitator's choice into the session doc's run: every screen that shows the projector follows it. */
export function writeProjectorChoice(doc: Y.Doc, choice: ProjectorChoice): void {
  writeRunFields(doc, { projectorView: choice.view, projectorGroupId: choice.view === 'house' ? choice.groupId : null });
}

/**
 * The view for `run` in `phase` (null: before the first phase, or a session never run with
 * phases: the welcome, with the title and how to join). The facilitator's choice
 * (run.projectorView) wins over the phase; "one house" of a group that is not (or no longer) in
 * `groupIds` shows the wall instead.
 */
export function projectorShows(run: RunState, phase: Phase | null, groupIds: readonly string[]): ProjectorShows {
  const chosen = run.projectorView;
  if (chosen === 'house') {
    const groupId = run.projectorGroupId;
    return groupId && groupIds.includes(groupId) ? { view: 'house', groupId } : { view: 'wall' };
  }
  if (chosen !== 'auto') return { view: chosen };
  return { view: phase ? BY_KIND[phase.kind] : 'welcome' };
}

/**
 * Columns and rows of the wall for `count` houses on a landscape screen (16:9 or 16:10): as few
 * rows as keep a house wide enough for a line of words (at least about a quarter of the screen up
 * to 8 houses, a fifth for 9–10), so 6 houses are 3 × 2 and 12 are 4 × 3.
 */
export function wallGrid(count: number): { columns: number; rows: number } {
  const n = Math.max(1, Math.floor(count));
  const columns = n <= 3 ? n : n === 4 ? 2 : n <= 6 ? 3 : n <= 8 ? 4 : n <= 10 ? 5 : n <= 12 ? 4 : Math.ceil(Math.sqrt(n * 1.6));
  return { columns, rows: Math.ceil(n / columns) };
}

/** One part of a house as the wall lists it: how many notes, and the newest ones' words. */
export interface WallPart {
  readonly zoneId: string;
  readonly count: number;
  /** Newest first (the room sees what was just written); notes without words are left out. */
  readonly notes: readonly Note[];
}

/**
 * Each zone's notes with words (a note being started, still empty, is not counted yet), newest
 * first; `zoneIds` in the order the wall draws them (roof on top). Parked notes are not part of
 * the house and are not listed.
 */
export function wallParts(notes: readonly Note[], zoneIds: readonly string[]): WallPart[] {
  return zoneIds.map((zoneId) => {
    const inZone = notes
      .filter((n) => n.zone === zoneId && n.text.trim() !== '')
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    return { zoneId, count: inZone.length, notes: inZone };
  });
}

/**
 * How many lines each part gets when `total` lines fit in the house: a part never gets more than
 * it can fill (its notes), the rest is shared out as evenly as it goes, the first parts (the roof)
 * first when it does not divide. A part whose notes do not all fit shows one line fewer and then
 * "+ n meer" on its last line (see shownLines). Fewer lines than parts with notes: none at all
 * (the counts say it), since words under one part only would read as if the others had none.
 */
export function allocateLines(counts: readonly number[], total: number): number[] {
  const lines = counts.map(() => 0);
  if (total < counts.filter((n) => n > 0).length) return lines;
  let left = Math.max(0, Math.floor(total));
  let open = counts.map((_, i) => i).filter((i) => counts[i]! > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      if (left === 0) break;
      const take = Math.min(share, counts[i]! - lines[i]!, left);
      lines[i]! += take;
      left -= take;
    }
    open = open.filter((i) => lines[i]! < counts[i]!);
  }
  return lines;
}

/** What one house on the wall needs from the wall's shared lines: its notes per part and its room. */
export interface HouseDemand {
  /** Notes per part, in the template's order (roof first). */
  readonly counts: readonly number[];
  /** Note lines that fit in the house at its size now; null before it was measured. */
  readonly room: number | null;
}

/**
 * The lines each part gets in every house of the wall, the same for all, so that each part is a
 * band of one height across the wall and the room compares the houses' roofs, walls and
 * foundations at a glance: allocateLines over the largest count of each part in any house, within
 * the room of the smallest house (the houses are cells of one grid, so their rooms differ only
 * while one is being laid out). A house with fewer notes in a part leaves its band's lines empty.
 * No house measured yet: no lines.
 */
export function wallLines(houses: readonly HouseDemand[]): number[] {
  const measured = houses.filter((h): h is HouseDemand & { room: number } => h.room !== null);
  const parts = Math.max(0, ...houses.map((h) => h.counts.length));
  const most = Array.from({ length: parts }, (_, i) => Math.max(0, ...houses.map((h) => h.counts[i] ?? 0)));
  if (measured.length === 0) return most.map(() => 0);
  return allocateLines(most, Math.min(...measured.map((h) => h.room)));
}

/**
 * The notes a part shows on `lines` lines, and how many the last line counts as "+ n meer" (0: no
 * such line). A part of one line shows its newest note rather than only "+ n meer", and on no line
 * nothing is shown: the part's count above says how many there are.
 */
export function shownLines(part: WallPart, lines: number): { notes: readonly Note[]; more: number } {
  if (part.count <= lines) return { notes: part.notes, more: 0 };
  if (lines <= 1) return { notes: part.notes.slice(0, Math.max(0, lines)), more: 0 };
  const shown = Math.max(0, lines - 1);
  return { notes: part.notes.slice(0, shown), more: part.count - shown };
}
