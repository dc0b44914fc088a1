import * as Y from 'yjs';
import { notesMap, readNote, type Note } from '../../shared/schema/note';

/**
 * Keeps a sorted, immutable list of the board's notes, rebuilt only for the notes a transaction
 * touched, so unchanged notes keep their object identity and painters and React skip them.
 * Local changes are told at once (next microtask). Remote changes are batched to at most one
 * notice per animation frame, from a timer rather than from inside requestAnimationFrame: a
 * painter told there paints at once, in time for the next frame, instead of a frame later.
 */
const FRAME_MS = 16;

/** Told after the notes changed; `remote`: the change (or part of it) came from someone else. */
export type NotesListener = (remote: boolean) => void;

export class NotesStore {
  private readonly byId = new Map<string, Note>();
  private list: readonly Note[] = [];
  private readonly listeners = new Set<NotesListener>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private remotePending = false;
  private remoteTimer: ReturnType<typeof setTimeout> | null = null;
  private lastNotify = 0;
  private readonly map: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc) {
    this.map = notesMap(doc);
    this.map.forEach((_v, id) => this.dirty.add(id));
    this.rebuild();
    this.map.observeDeep(this.onChange);
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
    if (this.remoteTimer) clearTimeout(this.remoteTimer);
    this.listeners.clear();
  }

  readonly subscribe = (listener: NotesListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly Note[] => {
    if (this.dirty.size) this.rebuild();
    return this.list;
  };

  get(id: string): Note | undefined {
    if (this.dirty.size) this.rebuild();
    return this.byId.get(id);
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      if (event.target === this.map) {
        event.changes.keys.forEach((_change, key) => this.dirty.add(key));
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirty.add(id);
      }
    }
    const local = events[0]?.transaction.local ?? true;
    if (!local) this.remotePending = true;
    if (local) {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(this.notify);
    } else if (!this.remoteTimer && !this.scheduled) {
      const wait = Math.max(0, FRAME_MS - (performance.now() - this.lastNotify));
      this.remoteTimer = setTimeout(this.notify, wait);
    }
  };

  private readonly notify = (): void => {
    this.scheduled = false;
    if (this.remoteTimer) {
      clearTimeout(this.remoteTimer);
      this.remoteTimer = null;
    }
    this.lastNotify = performance.now();
    const remote = this.remotePending;
    this.remotePending = false;
    this.listeners.forEach((l) => l(remote));
  };

  private rebuild(): void {
    let orderChanged = false;
    for (const id of this.dirty) {
      const ynote = this.map.get(id);
      const note = ynote instanceof Y.Map ? readNote(id, ynote) : null;
      const before = this.byId.get(id);
      if (note) {
        if (!before || before.createdAt !== note.createdAt) orderChanged = true;
        this.byId.set(id, note);
      } else if (before) {
        this.byId.delete(id);
        orderChanged = true;
      }
    }
    this.dirty.clear();
    if (orderChanged) {
      this.list = [...this.byId.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    } else {
      this.list = this.list.map((n) => this.byId.get(n.id) ?? n);
    }
  }
}
