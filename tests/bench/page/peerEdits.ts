import * as Y from 'yjs';
import { NOTE_COLOURS, addNote, moveNote, notesMap, setNoteColour, setNoteText } from '../../../shared/schema/note';
import type { BoardTemplate } from '../../../shared/template/template';
import { notePosition, noteText, type Random } from './generate';
import type { RemoteEdit } from './housesApi';

/**
 * Edits as a peer makes them, for the wall benchmarks (houses.html, wall.html): one change on the
 * peer's copy of a board, sent as its Yjs update, and delivered to the page's copy the way a
 * provider delivers it.
 */

/** Resolves when `ready` holds, checked every millisecond or so (the times come from the probes, not from here). */
export function until<T>(ready: () => T | null, timeoutMs = 30_000): Promise<T> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = ready();
      if (value !== null) resolve(value);
      else if (performance.now() - start > timeoutMs) reject(new Error('the houses did not paint in time'));
      else setTimeout(check, 1);
    };
    check();
  });
}

/**
 * Applies `update` to `doc` in a message event of its own, as a provider does (a WebSocket or
 * data channel message): not inside this page's timers, whose nesting would delay the notes
 * store's own timer. Resolves with performance.now() just before Y.applyUpdate.
 */
export function deliver(doc: Y.Doc, update: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<Uint8Array>) => {
      channel.port1.close();
      const applied = performance.now();
      Y.applyUpdate(doc, event.data, 'peer');
      resolve(applied);
    };
    channel.port2.postMessage(update);
  });
}

function sameState(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * One edit on `peer` (60 % words, 20 % a move, 10 % a colour, 10 % a new note), returned as the
 * update `doc` lacks. An edit that changes nothing (the colour it had, the words it had) sends
 * nothing: another one is made.
 */
export function peerEdit(doc: Y.Doc, peer: Y.Doc, template: BoardTemplate, random: Random): { kind: RemoteEdit['kind']; update: Uint8Array } {
  const before = Y.encodeStateVector(doc);
  let kind: RemoteEdit['kind'];
  do {
    const ids = [...notesMap(peer).keys()];
    const id = ids[Math.floor(random() * ids.length)]!;
    const roll = random();
    kind = roll < 0.6 ? 'text' : roll < 0.8 ? 'move' : roll < 0.9 ? 'colour' : 'add';
    if (kind === 'text') setNoteText(peer, id, noteText(random));
    else if (kind === 'move') {
      const to = notePosition(random, template);
      moveNote(peer, template, id, to.x, to.y);
    } else if (kind === 'colour') setNoteColour(peer, id, NOTE_COLOURS[Math.floor(random() * NOTE_COLOURS.length)]!);
    else addNote(peer, template, { ...notePosition(random, template), text: noteText(random) });
  } while (sameState(Y.encodeStateVector(peer), before));
  return { kind, update: Y.encodeStateAsUpdate(peer, before) };
}
