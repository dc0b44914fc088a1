import type * as Y from 'yjs';
import type { BoardTemplate } from '../template/template';
import { notesMap, settleNoteZone } from './note';

/** Marks the zone writes of keepZonesSettled: bookkeeping, never a step of anyone's undo. */
export const ZONE_ORIGIN = Symbol('bouwplaats.zone');

/**
 * Keeps every note's zone in step with its position on this board. A move writes only the
 * coordinates that change (so two people's moves of one note both stand), which means a position
 * can come about that no single writer computed a zone for: one moved it across while another
 * moved it down, or an undo took back one of two moves. After any change of a note's x or y, from
 * anyone, the zone is settled here. Every laptop computes the same zone for the same position, so
 * their writes agree; zone writes themselves trigger nothing. Returns a function that stops it.
 */
export function keepZonesSettled(doc: Y.Doc, template: BoardTemplate): () => void {
  const notes = notesMap(doc);
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin === ZONE_ORIGIN) return;
    const moved = new Set<string>();
    for (const event of events) {
      const id = event.path[0];
      if (event.path.length !== 1 || typeof id !== 'string') continue;
      if (event.changes.keys.has('x') || event.changes.keys.has('y')) moved.add(id);
    }
    // Changes made inside an observer go into a transaction of their own, right after this one.
    for (const id of moved) settleNoteZone(doc, template, id, ZONE_ORIGIN);
  };
  notes.observeDeep(onChange);
  return () => notes.unobserveDeep(onChange);
}
