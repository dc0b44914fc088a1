import * as Y from 'yjs';

/**
 * Changes that depend on changes the host does not have. Yjs integrates what it can of an update
 * and keeps the rest aside ("pending": `doc.store.pendingStructs`, `doc.store.pendingDs`) until the
 * predecessors arrive. It merges that rest again on every later update and includes it in every
 * `encodeStateAsUpdate`, so in the host, which answers every laptop's sync, a client that sends
 * updates whose predecessors never come could poison a board: megabytes sent along with every sync
 * (y-websocket then closes with 1009 on each reconnect) and re-merged on every keystroke.
 *
 * The host therefore never keeps pending data: what Yjs could integrate stays (it is complete and
 * valid on its own, so nothing needs rolling back), the rest is dropped, and the relay asks the
 * sender for what the host lacks (sync step 1); an honest laptop's answer is a diff against the
 * host's state vector, which carries every predecessor.
 *
 * `pendingStructs` and `pendingDs` are fields of Yjs's StructStore (typed in its .d.ts, not
 * documented): tests/unit/yjs-pending.contract.test.ts fails if Yjs stops keeping pending data
 * there or this file stops removing it.
 */

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * True when Yjs could integrate none of the structs of a decoded update: every client's first
 * struct starts after what `doc` holds of that client (a predecessor is missing), so the whole
 * update would be kept aside. Checked before applying, it spares the host the work of merging a
 * large orphan update just to drop it. False for an update without structs (only deletes).
 */
export function startsAfterDoc(doc: Y.Doc, structs: readonly Struct[]): boolean {
  if (structs.length === 0) return false;
  const seen = new Set<number>();
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (seen.has(client)) continue;
    seen.add(client);
    if (clock <= Y.getState(doc.store, client)) return false;
  }
  return true;
}

/** Removes what Yjs keeps aside in `doc` for missing predecessors; returns its size in bytes. */
export function dropPending(doc: Y.Doc): number {
  const { store } = doc;
  const bytes = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
  store.pendingStructs = null;
  store.pendingDs = null;
  return bytes;
}
