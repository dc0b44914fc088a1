import type * as Y from 'yjs';
import type { DocKind } from '../../shared/schema/docNames';
import { docAccess, migrate, readDocVersion, type DocAccess } from '../../shared/schema/docVersion';

/**
 * A doc's version while it is open here: migrated when opened (after IndexedDB was read), and
 * watched afterwards, because versions also arrive over the network. A peer with a newer app can
 * stamp a newer version into a doc that is on screen: from that update on the doc is read-only
 * here. A doc that was empty when opened (nothing synced yet, or a board nobody wrote on) is
 * migrated and stamped once content arrives, by anyone.
 */
export class DocVersionWatch {
  private current: DocAccess;
  private readonly listeners = new Set<(access: DocAccess) => void>();
  private stampPending = false;
  private stopped = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly kind: DocKind,
  ) {
    this.current = migrate(doc, kind).access;
    doc.on('update', this.onUpdate);
  }

  /** Whether this app may write into the doc now, and why not. */
  access(): DocAccess {
    return this.current;
  }

  onChange(listener: (access: DocAccess) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
  }

  // Inside Yjs's update event: never throws, never writes (a stamp waits for its own task).
  private readonly onUpdate = (): void => {
    try {
      const next = docAccess(this.doc, this.kind);
      if (next.readOnly !== this.current.readOnly || (next.readOnly && this.current.readOnly && next.version !== this.current.version)) {
        this.current = next;
        this.listeners.forEach((listener) => listener(next));
      }
      if (!next.readOnly && !this.stampPending && !readDocVersion(this.doc).stamped) {
        this.stampPending = true;
        queueMicrotask(() => {
          this.stampPending = false;
          if (!this.stopped) this.current = migrate(this.doc, this.kind).access;
        });
      }
    } catch {
      // Reading a map cannot fail short of running out of memory; Yjs must go on regardless.
    }
  };
}
