import * as Y from 'yjs';
import { notesMap, readNote, type Note } from '../../shared/schema/note';

/**
 * Keeps a sorted, immutable list of the board's notes, rebuilt only for the notes a transaction
 * touched, so unchanged notes keep their object identity and React/Konva skip them.
 * Listeners are told once per microtask, so a burst of changes renders once.
 */
export class NotesStore {
  private readonly byId = new Map<string, Note>();
  private list: readonly Note[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly map: Y.Map<Y.Map<unknown>>;

  constructor(doc: Y.Doc) {
    this.map = notesMap(doc);
    this.map.forEach((_v, id) => this.dirty.add(id));
    this.rebuild();
    this.map.observeDeep(this.onChange);
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
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
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.listeners.forEach((l) => l());
      });
    }
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
