import { createContext, useContext, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { allocateLines, wallLines, type HouseDemand } from './choose';

/**
 * The wall's one share of note lines per part (wallLines), kept for the houses on it: each house
 * tells what it holds and how much fits in it, and reads back the lines of every part. Each house
 * renders on its own when its board changes (WallHouse); this store makes the others render too
 * only when the shared lines change, which a new note rarely does once the parts are full.
 */
export class WallLayout {
  private readonly houses = new Map<string, HouseDemand>();
  private readonly listeners = new Set<() => void>();
  private lines: readonly number[] = [];

  /** What house `houseId` holds and how many lines fit in it now (again on every change). */
  report(houseId: string, demand: HouseDemand): void {
    this.houses.set(houseId, demand);
    this.update();
  }

  /** The house left the wall (its group was removed, or the wall closed). */
  forget(houseId: string): void {
    if (this.houses.delete(houseId)) this.update();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The lines of each part (template order); one array for as long as they stay the same. */
  readonly getSnapshot = (): readonly number[] => this.lines;

  private update(): void {
    const next = wallLines([...this.houses.values()]);
    if (next.length === this.lines.length && next.every((n, i) => n === this.lines[i])) return;
    this.lines = next;
    for (const listener of this.listeners) listener();
  }
}

/** The layout of the wall a house is on; null for a house on its own (one house large). */
export const WallLayoutContext = createContext<WallLayout | null>(null);

const NO_LINES: readonly number[] = [];
const noSubscription = () => () => {};
const noLines = () => NO_LINES;
/** Counts from their key (the hooks below depend on the numbers, not on a new array each render). */
const countsOf = (key: string): number[] => (key === '' ? [] : key.split(',').map(Number));

/**
 * The lines of each part for house `houseId` holding `counts` (note rows per part) with `room`
 * lines of space (null: not measured yet): the wall's shared lines when the house is on a wall
 * (WallLayoutContext), else its own share of its room (allocateLines).
 */
export function usePartLines(houseId: string, counts: readonly number[], room: number | null): readonly number[] {
  const layout = useContext(WallLayoutContext);
  const key = counts.join(',');
  useLayoutEffect(() => {
    layout?.report(houseId, { counts: countsOf(key), room });
  }, [layout, houseId, key, room]);
  useLayoutEffect(() => () => layout?.forget(houseId), [layout, houseId]);
  const shared = useSyncExternalStore(layout?.subscribe ?? noSubscription, layout?.getSnapshot ?? noLines);
  const own = useMemo(() => (layout ? NO_LINES : allocateLines(countsOf(key), room ?? 0)), [layout, key, room]);
  return layout ? shared : own;
}
