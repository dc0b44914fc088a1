import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readGroups, type Group } from '../../shared/schema/group';
import { ReadOnlyBanner } from '../components/ReadOnlyNotice';
import { routeHref, useDocValue } from '../hooks';
import type { LiveRoom } from './liveRoom';
import { seatGate, tableRemoved, type SeatGate } from './seat';

/** Why this laptop may not write on `groupId`'s board by where its participant sits (seat.ts), in words. */
export interface SeatReason {
  readonly gate: Exclude<SeatGate, null>;
  /** The sentence for the board's gate (useBoardEditor's readOnlyReason) and its banner. */
  readonly text: string;
  /** Her own table (other-table only): where the banner's link leads. */
  readonly own?: Group;
}

/**
 * The seat rule for one board of a live session on this laptop (seatGate): null for the
 * facilitator, for a participant on her own table's board, and when the session is not live here.
 */
export function useSeatReason(room: LiveRoom | null, sessionDoc: Y.Doc, groupId: string): SeatReason | null {
  const { t } = useTranslation();
  const groups = useDocValue(sessionDoc, readGroups);
  const membership = room?.membership ?? null;
  const ids = groups.map((g) => g.id);
  const gate = seatGate(membership, groupId, ids);
  if (!gate) return null;
  if (gate.kind === 'other-table') {
    const own = groups.find((g) => g.id === gate.ownGroupId);
    const name = groups.find((g) => g.id === groupId)?.name ?? t('board.unknownGroup');
    return { gate, own, text: t('seat.otherTable', { own: own?.name ?? t('board.unknownGroup'), group: name }) };
  }
  const removed = tableRemoved(membership, ids);
  return { gate, text: removed ? t(removed === groupId ? 'seat.removedHere' : 'seat.removed') : t('seat.noSeat') };
}

/** Where a participant without a table chooses one: the join screen, with her session's code when she has it. */
export function chooseTableHref(room: LiveRoom | null): string {
  const code = room?.membership.code;
  return routeHref(code ? { name: 'join', code } : { name: 'join' });
}

/**
 * Above a board this laptop may only look at because its participant sits elsewhere: why, and the
 * way to her own table's board (or, without a table, to choosing one). Flashes at each refused try.
 */
export function SeatNotice({ room, seat, sessionId, tries }: { room: LiveRoom | null; seat: SeatReason; sessionId: string; tries: number }) {
  const { t } = useTranslation();
  const { own } = seat;
  return (
    <ReadOnlyBanner reason={seat.text} tries={tries} className="board-banner seat-notice">
      {own ? (
        <a href={routeHref({ name: 'board', sessionId, groupId: own.id })}>{t('seat.toOwn', { group: own.name })}</a>
      ) : (
        <a href={chooseTableHref(room)}>{t('seat.choose')}</a>
      )}
    </ReadOnlyBanner>
  );
}
