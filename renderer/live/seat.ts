import * as Y from 'yjs';
import type { Membership } from './membership';

/**
 * Where a participant sits, and what that means for the boards on her laptop. The host lets a
 * participant's token write only her own table's board (electron/host/roles.ts, mayWrite), so a
 * board of another table must not look writable on her screen either: what she typed there would
 * reach nobody, yet her laptop would keep it and say "Alles bewaard" (and, before this rule, bring
 * it into that table the day she sat there again).
 */

/**
 * Why this laptop may not write on a board in a live session, or null when it may:
 * - `other-table`: a participant seated at another table (`ownGroupId`) looks at this one;
 * - `no-seat`: a participant without a table of this session (still choosing, or her group was
 *   removed: a guest, who may read the session but write no board), or a projector.
 * The facilitator's boards follow no seat (null), nor does a device not live in the session.
 */
export type SeatGate = { readonly kind: 'other-table'; readonly ownGroupId: string } | { readonly kind: 'no-seat' } | null;

/**
 * The seat rule for one board (`boardGroupId`), given how this device takes part (`membership`,
 * null when not live here) and the groups the session has now (`groupIds`, from the session doc).
 */
export function seatGate(membership: Pick<Membership, 'role' | 'groupId'> | null, boardGroupId: string, groupIds: readonly string[]): SeatGate {
  if (!membership || membership.role === 'facilitator') return null;
  const own = membership.role === 'participant' ? membership.groupId : undefined;
  if (own === undefined || !groupIds.includes(own)) return { kind: 'no-seat' };
  return own === boardGroupId ? null : { kind: 'other-table', ownGroupId: own };
}

/**
 * The id of the table this participant sat at when the facilitator has since removed it from the
 * session (`groupIds`: the groups the session doc has now), else null. Only what is said depends
 * on it: the seat rule (seatGate) treats her as without a seat either way. An empty `groupIds` is
 * a session doc not synced yet as often as one without groups, so it names no removal.
 */
export function tableRemoved(membership: Pick<Membership, 'role' | 'groupId'> | null, groupIds: readonly string[]): string | null {
  const own = membership?.role === 'participant' ? membership.groupId : undefined;
  return own !== undefined && groupIds.length > 0 && !groupIds.includes(own) ? own : null;
}

/**
 * The key, in a board's notes of this device (StoredDoc local store, never synced), of the board as
 * this device held it when its participant left that table: `{ at: ms, state: Yjs update }`.
 */
export const LEFT_KEY = 'seat:left';
/** Prefix of what this device's copy held beyond that when she came back: `seat:aside:<ms>` → update. */
export const ASIDE_PREFIX = 'seat:aside:';

export interface LeftCopy {
  readonly at: number;
  readonly state: Uint8Array;
}

/** The value under LEFT_KEY, or null when absent or not of that shape. */
export function readLeftCopy(value: unknown): LeftCopy | null {
  const left = value as Partial<LeftCopy> | null | undefined;
  return typeof left?.at === 'number' && left.state instanceof Uint8Array ? { at: left.at, state: left.state } : null;
}

/**
 * What a participant's laptop takes to a table she sits down at again, from its copy of that board
 * (`current`, a Yjs update of the whole copy) and the board as it held it when she left that table
 * (`left`, null when there is no such record: she never sat there, or left before this rule).
 *
 * The choice: nothing appears out of nowhere, and nothing the group wrote is lost.
 * - Whatever this laptop added to the board while she sat elsewhere was seen by nobody: the host
 *   refused it, no laptop of that table was connected to her. Merged in on her return, it would
 *   appear on the group's board as words nobody at the table wrote (and a note of the group she
 *   deleted there would vanish for all). So it stays out: `keep` is the board as she left it
 *   (`left`), or nothing at all (the host's and the group's copies bring the board back).
 * - What she wrote while she did sit there stays in: `left` holds it, also what never reached the
 *   host before she left (a dropped Wi-Fi), and it merges as offline work always does.
 * - What the group wrote is on the host and their laptops, never only here: it syncs back.
 * - Her own words from elsewhere are not destroyed: `aside` is the copy as it was (null when it held
 *   nothing beyond `keep`), kept on this laptop only, never synced, deleted with the session.
 *
 * `replace`: false when the copy already is `keep` (nothing to set aside, nothing to rewrite).
 */
export function settleReturn(current: Uint8Array, left: Uint8Array | null): { replace: boolean; keep: Uint8Array | null; aside: Uint8Array | null } {
  const here = docOf(current);
  const kept = docOf(left);
  // Same structs and same deletions: nothing was added or removed here since she left.
  const snapshot = Y.snapshot(here);
  const same = Y.equalSnapshots(snapshot, Y.snapshot(kept));
  const empty = Y.equalSnapshots(snapshot, Y.emptySnapshot);
  here.destroy();
  kept.destroy();
  if (same) return { replace: false, keep: left, aside: null };
  return { replace: true, keep: left, aside: empty ? null : current };
}

function docOf(update: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  if (update) Y.applyUpdate(doc, update);
  return doc;
}
