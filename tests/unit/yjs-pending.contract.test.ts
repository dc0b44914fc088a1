import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPending, startsAfterDoc } from '../../electron/host/missing';

/**
 * Contract with Yjs (electron/host/missing.ts reaches into `doc.store.pendingStructs` and
 * `doc.store.pendingDs`): what this Yjs does with changes whose predecessors are missing, and that
 * dropPending takes them out. If a Yjs upgrade moves or renames these fields, this fails.
 */

/** A first update (never sent in these tests) and one that follows it. */
function chain(): { first: Uint8Array; second: Uint8Array; full: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'x');
  doc.getText('t').insert(1, 'y'.repeat(1000));
  return { first: updates[0]!, second: updates[1]!, full: doc };
}

describe('contract (yjs): changes whose predecessors are missing', () => {
  it('are kept in doc.store.pendingStructs and sent along with encodeStateAsUpdate (why the host drops them)', () => {
    const { second } = chain();
    const host = new Y.Doc();
    Y.applyUpdate(host, second);
    expect(host.getText('t').toString()).toBe('');
    expect(host.store.pendingStructs?.update.byteLength).toBeGreaterThan(1000);
    expect(Y.encodeStateAsUpdate(host).byteLength).toBeGreaterThan(1000);
  });

  it('a delete of something the doc lacks is kept in doc.store.pendingDs', () => {
    const { full } = chain();
    const before = Y.encodeStateVector(full);
    full.getText('t').delete(0, 5);
    const deletion = Y.encodeStateAsUpdate(full, before);
    const host = new Y.Doc();
    Y.applyUpdate(host, deletion);
    expect(host.store.pendingDs?.byteLength).toBeGreaterThan(0);
  });

  it('dropPending takes both out, says how many bytes, and the doc syncs normally afterwards', () => {
    const { first, second, full } = chain();
    full.getText('t').delete(0, 5);
    const host = new Y.Doc();
    Y.applyUpdate(host, second);
    // A diff against full's own state vector: no structs, only its deletes.
    Y.applyUpdate(host, Y.encodeStateAsUpdate(full, Y.encodeStateVector(full)));
    expect(host.store.pendingStructs).not.toBeNull();
    expect(host.store.pendingDs).not.toBeNull();
    const bytes = dropPending(host);
    expect(bytes).toBeGreaterThan(1000);
    expect(host.store.pendingStructs).toBeNull();
    expect(host.store.pendingDs).toBeNull();
    expect(Y.encodeStateAsUpdate(host).byteLength).toBeLessThan(10);
    expect(dropPending(host)).toBe(0);
    // What a laptop answers to sync step 1 (a diff against the host's state vector) carries it all.
    Y.applyUpdate(host, Y.encodeStateAsUpdate(full, Y.encodeStateVector(host)));
    expect(host.getText('t').toString()).toBe(full.getText('t').toString());
    expect(host.store.pendingStructs).toBeNull();
    // The first update on its own is fine as well.
    const other = new Y.Doc();
    Y.applyUpdate(other, first);
    expect(dropPending(other)).toBe(0);
  });

  it('startsAfterDoc: true only when no struct of the update could be integrated', () => {
    const { first, second } = chain();
    const empty = new Y.Doc();
    expect(startsAfterDoc(empty, Y.decodeUpdate(second).structs)).toBe(true);
    expect(startsAfterDoc(empty, Y.decodeUpdate(first).structs)).toBe(false);
    expect(startsAfterDoc(empty, Y.decodeUpdate(Y.mergeUpdates([first, second])).structs)).toBe(false);
    const known = new Y.Doc();
    Y.applyUpdate(known, first);
    expect(startsAfterDoc(known, Y.decodeUpdate(second).structs)).toBe(false);
    // An update of another client that can be integrated makes the whole update worth applying.
    const other = new Y.Doc();
    other.getMap('m').set('a', 1);
    expect(startsAfterDoc(empty, Y.decodeUpdate(Y.mergeUpdates([second, Y.encodeStateAsUpdate(other)])).structs)).toBe(false);
    // Only deletes: left to Yjs (and dropPending).
    expect(startsAfterDoc(empty, [])).toBe(false);
  });
});
