import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_VERSIONS, docVersionMap, readDocVersion, type DocAccess } from '../../shared/schema/docVersion';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { DocVersionWatch } from '../../renderer/docs/docVersionWatch';

/**
 * renderer/docs/docVersionWatch.ts: a doc's version while it is open in the renderer, where
 * versions also arrive from peers (StoredDoc.access follows it).
 */

const PEER = Symbol('peer');
const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

/** An update from another laptop: a note, optionally stamped with a version. */
function fromPeer(text: string, version?: number): Uint8Array {
  const other = new Y.Doc();
  addNote(other, HOUSE_TEMPLATE, { x: 900, y: 1600, text });
  if (version !== undefined) {
    docVersionMap(other).set('kind', 'board');
    docVersionMap(other).set(String(version), true);
  }
  return Y.encodeStateAsUpdate(other);
}

describe('a doc open in the renderer', () => {
  it('turns read-only, at once and with the reason, when a newer version arrives from a peer', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromPeer('Al hier', 1));
    const watch = new DocVersionWatch(doc, 'board');
    const heard: DocAccess[] = [];
    watch.onChange((access) => heard.push(access));
    expect(watch.access()).toEqual({ readOnly: false });
    const newer = DOC_VERSIONS.board.current + 1;
    Y.applyUpdate(doc, fromPeer('Van een nieuwere laptop', newer), PEER);
    expect(watch.access()).toEqual({ readOnly: true, reason: 'newer', version: newer });
    expect(heard).toEqual([{ readOnly: true, reason: 'newer', version: newer }]);
    // Later changes from peers tell nothing new.
    Y.applyUpdate(doc, fromPeer('Nog een'), PEER);
    expect(heard).toHaveLength(1);
    watch.stop();
  });

  it('opened empty, is stamped once content arrives without a version (an older laptop wrote it), in a task of its own', async () => {
    const doc = new Y.Doc();
    const watch = new DocVersionWatch(doc, 'board');
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    Y.applyUpdate(doc, fromPeer('Van een oudere laptop'), PEER);
    expect(readDocVersion(doc).stamped).toBe(false);
    await microtask();
    expect(readDocVersion(doc)).toEqual({ kind: 'board', version: 1, stamped: true });
    expect(updates).toHaveLength(2);
    expect(readNotes(doc).map((n) => n.text)).toEqual(['Van een oudere laptop']);
    // Content that comes stamped is left alone.
    Y.applyUpdate(doc, fromPeer('Nog een'), PEER);
    await microtask();
    expect(updates).toHaveLength(3);
    watch.stop();
  });

  it('opened empty and filled by a newer laptop: read-only, and nothing stamped', async () => {
    const doc = new Y.Doc();
    const watch = new DocVersionWatch(doc, 'board');
    Y.applyUpdate(doc, fromPeer('Uit de toekomst', DOC_VERSIONS.board.current + 1), PEER);
    await microtask();
    expect(watch.access().readOnly).toBe(true);
    expect(docVersionMap(doc).get(String(DOC_VERSIONS.board.current))).toBeUndefined();
    watch.stop();
  });
});
