import * as Y from 'yjs';
import { notesMap } from './note';

/** Marks the changes made on this device, so undo never takes back what others did. */
export const LOCAL_ORIGIN = Symbol('bouwplaats.local');

/** What one press of undo (or redo) did. */
export type HistoryOutcome =
  /** The step was taken back (or done again) in full. */
  | 'done'
  /** Part of it was; what someone else changed since stayed as they left it. */
  | 'partly'
  /** Nothing of it could be: someone else changed all of it since. The step is used up. */
  | 'kept'
  /** There was no step to take back. */
  | 'nothing';

type StackItem = Y.UndoManager['undoStack'][number];

/** What a step did, kept on its stack item: which notes it brought into being, which fields it wrote, when. */
interface StepInfo {
  readonly created: Set<string>;
  /** `noteId` + KEY_SEP + field (`*` for the note itself, `text` for its words). */
  readonly keys: Set<string>;
  /** The history's clock when the step was last applied. */
  at: number;
}
const STEP_INFO = 'bouwplaats.step';
const KEY_SEP = '\u0000';
const WHOLE_NOTE = '*';
/** Written with every change, or derived from the position: not part of what a person changed. */
const BOOKKEEPING = new Set(['updatedAt', 'zone']);

interface Popping {
  /** Notes this step would remove although someone else changed them since: they stay. */
  readonly protect: ReadonlySet<string>;
  /** Items the step wanted to delete and that were kept (see mayDelete). */
  readonly guarded: Y.Item[];
  /** Fields the pop changed. */
  readonly keys: Set<string>;
}

interface TransactionChanges {
  readonly created: Set<string>;
  readonly keys: Set<string>;
}

/**
 * The undo history of one board on this device, on Yjs's UndoManager with three rules added
 * (issue 6, item 19: undo took back other people's changes):
 * - Yjs's own rule stays on (`ignoreRemoteMapChanges` off): a field someone else has written since
 *   keeps their value. The project had turned that rule off to dodge yjs #514 (undo after a
 *   *concurrent* write of the same key deletes the key); instead, `deleteFilter` keeps a field's
 *   value whenever the older value could not be put back, so a key is never left empty.
 * - A note is not removed by undo or redo (of its creation, or of undoing its deletion) when
 *   someone else has changed it since: that would take their words or moves with it.
 * - One press takes back one step. Yjs's UndoManager goes on to the next step when one had
 *   nothing left to take back, which would undo an older change of this person's (say, the note
 *   itself) on a press meant for a recolour that a peer has since overwritten.
 * The outcome says whether anything stayed because of someone else, so the board can say so.
 */
export class BoardHistory {
  readonly manager: Y.UndoManager;
  private readonly notes: Y.Map<Y.Map<unknown>>;
  /** Counts transactions on the notes. */
  private clock = 0;
  /** Note id → clock of the last change someone else made to it. */
  private readonly foreign = new Map<string, number>();
  private pending: { transaction: Y.Transaction; changes: TransactionChanges } | null = null;
  private popping: Popping | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN) {
    this.notes = notesMap(doc);
    this.manager = new Y.UndoManager(this.notes, {
      trackedOrigins: new Set([origin]),
      captureTimeout: 600,
      deleteFilter: (item) => this.mayDelete(item),
    });
    this.notes.observeDeep(this.onChange);
    this.manager.on('stack-item-added', this.onStackItem);
    this.manager.on('stack-item-updated', this.onStackItem);
  }

  canUndo(): boolean {
    return this.manager.canUndo();
  }

  canRedo(): boolean {
    return this.manager.canRedo();
  }

  /** Calls `listener` whenever canUndo or canRedo may have changed. */
  subscribe(listener: () => void): () => void {
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
    events.forEach((name) => this.manager.on(name, listener));
    this.listeners.add(listener);
    return () => {
      events.forEach((name) => this.manager.off(name, listener));
      this.listeners.delete(listener);
    };
  }

  /** Ends the current step: the next change starts a new one. */
  stopCapturing(): void {
    this.manager.stopCapturing();
  }

  /** Takes back this device's last step, and only that one; what others changed since stays. */
  undo(): HistoryOutcome {
    return this.pop(this.manager.undoStack, () => this.manager.undo());
  }

  /** Does the last undone step again, and only that one; what others changed since stays. */
  redo(): HistoryOutcome {
    return this.pop(this.manager.redoStack, () => this.manager.redo());
  }

  /**
   * Takes back this person's last step without a trace, when all it did was add the note `id`
   * (and perhaps type in it and erase again): a note opened and left empty was never meant, so it
   * is neither left on the board nor offered to redo. Returns false, changing nothing, otherwise.
   */
  discardCreation(id: string): boolean {
    const top = this.manager.undoStack[this.manager.undoStack.length - 1];
    const info = top?.meta.get(STEP_INFO) as StepInfo | undefined;
    if (!info?.created.has(id) || [...info.keys].some((key) => !key.startsWith(id + KEY_SEP))) return false;
    if (this.undo() !== 'done') return false;
    this.manager.redoStack.pop();
    this.listeners.forEach((listener) => listener());
    return true;
  }

  destroy(): void {
    this.listeners.clear();
    this.notes.unobserveDeep(this.onChange);
    this.manager.off('stack-item-added', this.onStackItem);
    this.manager.off('stack-item-updated', this.onStackItem);
    this.manager.destroy();
  }

  private pop(stack: StackItem[], run: () => void): HistoryOutcome {
    const top = stack[stack.length - 1];
    if (!top) return 'nothing';
    const info = top.meta.get(STEP_INFO) as StepInfo | undefined;
    const protect = new Set([...(info?.created ?? [])].filter((id) => (this.foreign.get(id) ?? -1) > (info?.at ?? Infinity)));
    const popping: Popping = { protect, guarded: [], keys: new Set() };
    let popped = false;
    const onPopped = () => {
      popped = true;
    };
    // Only the top step may be popped: UndoManager pops on until one changes something. The
    // stacks are public arrays of the UndoManager; the older steps go back right after.
    const older = stack.splice(0, stack.length - 1);
    this.popping = popping;
    this.manager.on('stack-item-popped', onPopped);
    try {
      run();
    } finally {
      this.manager.off('stack-item-popped', onPopped);
      this.popping = null;
      stack.unshift(...older);
      // A step with nothing left to take back leaves the stack without an event of UndoManager's.
      this.listeners.forEach((listener) => listener());
    }
    if (!popped) return 'kept';
    const keptSome = popping.guarded.some((item) => !item.deleted && item.parentSub !== 'updatedAt');
    // A field counts as taken back when the pop changed it, or removed or restored its whole note.
    const missed = [...(info?.keys ?? [])].some((key) => {
      const [id, field] = key.split(KEY_SEP) as [string, string];
      return !BOOKKEEPING.has(field) && !popping.keys.has(key) && !popping.keys.has(id + KEY_SEP + WHOLE_NOTE);
    });
    return keptSome || missed ? 'partly' : 'done';
  }

  /**
   * Called by UndoManager for every item it is about to delete in an undo or redo. Returning
   * false keeps the item.
   */
  private mayDelete(item: Y.Item): boolean {
    const popping = this.popping;
    if (!popping) return true;
    if (popping.protect.size > 0) {
      const id = this.noteIdOf(item, popping.protect);
      if (id !== null) {
        popping.guarded.push(item);
        return false;
      }
    }
    // yjs #514: the field's older value could not be put back (someone wrote the same key at the
    // same moment); deleting this value would leave the key empty and, for x or y, drop the note.
    // A field's first value (left === null) and a note's own entry may go.
    if (item.parentSub !== null && item.left !== null && !item.deleted && item.parent !== this.notes) {
      popping.guarded.push(item);
      return false;
    }
    return true;
  }

  /** The id of the protected note that `item` belongs to, if any. */
  private noteIdOf(item: Y.Item, protect: ReadonlySet<string>): string | null {
    if (item.parent === this.notes) return item.parentSub !== null && protect.has(item.parentSub) ? item.parentSub : null;
    let type: Y.AbstractType<unknown> | null = item.parent instanceof Y.AbstractType ? item.parent : null;
    while (type && type.parent !== this.notes) type = type.parent;
    if (!type) return null;
    for (const id of protect) if (this.notes.get(id) === type) return id;
    return null;
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    this.clock++;
    const changes: TransactionChanges = { created: new Set(), keys: new Set() };
    for (const event of events) {
      if (event.target === this.notes) {
        event.changes.keys.forEach((change, id) => {
          changes.keys.add(id + KEY_SEP + WHOLE_NOTE);
          if (change.action === 'add') changes.created.add(id);
        });
        continue;
      }
      const id = event.path[0];
      if (typeof id !== 'string') continue;
      if (event.target instanceof Y.Text) changes.keys.add(id + KEY_SEP + 'text');
      else event.changes.keys.forEach((_change, key) => changes.keys.add(id + KEY_SEP + key));
    }
    if (!transaction.local) {
      for (const key of changes.keys) this.foreign.set(key.split(KEY_SEP)[0]!, this.clock);
    } else if (transaction.origin === this.manager) {
      for (const key of changes.keys) this.popping?.keys.add(key);
      this.pending = { transaction, changes };
    } else if (this.manager.trackedOrigins.has(transaction.origin)) {
      this.pending = { transaction, changes };
    }
  };

  /** Files what the transaction just captured under its stack item (UndoManager runs after observers). */
  private readonly onStackItem = (event: { stackItem: StackItem; changedParentTypes: Map<unknown, unknown> }): void => {
    const pending = this.pending;
    this.pending = null;
    if (!pending || pending.transaction.changedParentTypes !== event.changedParentTypes) return;
    const meta = event.stackItem.meta;
    const info = (meta.get(STEP_INFO) as StepInfo | undefined) ?? { created: new Set<string>(), keys: new Set<string>(), at: 0 };
    pending.changes.created.forEach((id) => info.created.add(id));
    pending.changes.keys.forEach((key) => info.keys.add(key));
    info.at = this.clock;
    meta.set(STEP_INFO, info);
  };
}

/** The board's undo history; see BoardHistory. */
export function createBoardHistory(doc: Y.Doc, origin: unknown = LOCAL_ORIGIN): BoardHistory {
  return new BoardHistory(doc, origin);
}
