import * as Y from 'yjs';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { acquireDoc, replaceStoredDoc, withDoc } from '../docs/openDoc';
import { leaveRoom } from './liveRoom';
import { ASIDE_PREFIX, LEFT_KEY, readLeftCopy, settleReturn } from './seat';

/**
 * A participant's laptop moves from table `from` (undefined: none yet, or a group since removed)
 * to table `to`; call it after the host gave the new seat (POST /api/join) and before the new
 * membership is saved and its room entered, so a crash in between leaves no seat whose board was
 * not settled. Leaves the session's live room (the caller enters the new one).
 *
 * 1. The board of `from`, as this laptop holds it now, is noted in that board's own database
 *    (LEFT_KEY): what she and her group wrote while she sat there.
 * 2. The board of `to` is settled (seat.ts, settleReturn): whatever this laptop added to it while
 *    she sat elsewhere (an app before the seat rule let her type there; a change in flight as she
 *    moved) is set aside on this laptop and never goes to the table; the board comes back from
 *    what she left there, the host and the group's laptops.
 *
 * Nothing here throws: a laptop whose storage fails still takes its seat (its board says "Niet
 * bewaard" anyway); the failure is logged.
 */
export async function changeTable(sessionId: string, from: string | undefined, to: string): Promise<void> {
  if (from === to) return;
  try {
    const groupIds = await withDoc(sessionDocName(sessionId), ({ doc }) => readGroups(doc).map((g) => g.id));
    if (from !== undefined && groupIds.includes(from)) await noteLeft(boardDocName(sessionId, from));
    leaveRoom(sessionId);
    await settleArrival(boardDocName(sessionId, to));
  } catch (error) {
    console.warn('Bouwplaats: het bord van de nieuwe tafel kon niet worden klaargezet.', error);
    leaveRoom(sessionId);
  }
}

async function noteLeft(name: string): Promise<void> {
  await withDoc(name, (stored) => {
    stored.setLocal(LEFT_KEY, { at: Date.now(), state: Y.encodeStateAsUpdate(stored.doc) });
  });
}

async function settleArrival(name: string): Promise<void> {
  const { stored, release } = await acquireDoc(name);
  let current: Uint8Array;
  const local = new Map<string, unknown>();
  try {
    current = Y.encodeStateAsUpdate(stored.doc);
    for (const key of stored.localKeys('')) local.set(key, stored.getLocal(key));
  } finally {
    release();
  }
  const left = readLeftCopy(local.get(LEFT_KEY));
  local.delete(LEFT_KEY);
  const { replace, keep, aside } = settleReturn(current, left?.state ?? null);
  if (!replace) {
    if (left) await withDoc(name, (s) => s.setLocal(LEFT_KEY, undefined));
    return;
  }
  if (aside) local.set(`${ASIDE_PREFIX}${Date.now()}`, aside);
  await replaceStoredDoc(name, keep, local);
}
