import * as Y from 'yjs';
import { ID_PATTERN } from '../ids';

/**
 * "Wij zijn klaar": each table can say it is done with the current phase. Room doc key `done`:
 * Y.Map group id → Y.Map { phaseId, at }. A signal counts only for the phase it was given in, so
 * moving to the next phase starts every table at "not done" without anyone clearing anything.
 * Any participant of the group may set or take back their table's signal (the room doc is written
 * by participants); the host binds a participant's writes to their group (issue 10).
 */

export function doneMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('done');
}

/** Whether `groupId` said it is done with `phaseId`. */
export function isTableDone(room: Y.Doc, groupId: string, phaseId: string): boolean {
  const record = doneMap(room).get(groupId);
  return record instanceof Y.Map && record.get('phaseId') === phaseId && typeof record.get('at') === 'number';
}

/**
 * Sets (done = true) or takes back this table's signal for `phaseId` at `now` (ms). Throws a
 * RangeError for ids that are not ids (nothing is written).
 */
export function setTableDone(room: Y.Doc, groupId: string, phaseId: string, done: boolean, now = Date.now(), origin?: unknown): void {
  if (!ID_PATTERN.test(groupId) || !ID_PATTERN.test(phaseId)) throw new RangeError('Not a group or phase id');
  room.transact(() => {
    const map = doneMap(room);
    if (!done) {
      if (isTableDone(room, groupId, phaseId)) map.delete(groupId);
      return;
    }
    const record = new Y.Map<unknown>();
    record.set('phaseId', phaseId);
    record.set('at', now);
    map.set(groupId, record);
  }, origin);
}

/** The groups among `groupIds` (the session's groups, in order) that are done with `phaseId`. */
export function tablesDone(room: Y.Doc, groupIds: readonly string[], phaseId: string): string[] {
  return groupIds.filter((id) => isTableDone(room, id, phaseId));
}
