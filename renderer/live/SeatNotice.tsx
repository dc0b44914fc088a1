import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readGroups } from '../../shared/schema/group';
import { ReadOnlyBanner } from '../components/ReadOnlyNotice';
import { routeHref, useDocValue } from '../hooks';
import type { LiveRoom } from './liveRoom';
import { seatGate, tableRemoved, type SeatGate } from './seat';

/** Why this laptop may not write on `groupId`'s board by where its participant sits (seat.ts), in words. */
export interface SeatReason {
  readonly gate: Exclude<SeatGate, null>;
  /** The sentence for the board's gate (useBoardEditor's readOnlyReason) and its banner. */
  readonly text: string;
}

/**
 * The seat rule for one board of a live session on this laptop (seatGate): null for the
 * facilitator, for a participant on her own table's board, and when the session is not live here.
 */
export function useSeatReason(room: LiveRoom | null, sessionDoc: Y.Doc, groupId: string): SeatReason | null {
  const { t } = useTranslation();
  const groups = useDocValue(sessionDoc, readGroups);
  const gate = seatGate(room?.membership ?? null, groupId, groups.map((g) => g.id));
  if (!gate) return null;
  const name = (id: string) => groups.find((g) => g.id === id)?.name ?? t('board.unknownGroup');
  const removed = tableRemoved(room?.membership ?? null, groups.map((g) => g.id));
  const text =
    gate.kind === 'other-table'
      ? t('seat.otherTable', { own: name(gate.ownGroupId), group: name(groupId) })
      : removed
        ? t(removed === groupId ? 'seat.removedHere' : 'seat.removed')
        : t('seat.noSeat');
  return { gate, text };
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
export function SeatNotice({ room, seat, sessionId, sessionDoc, tries }: { room: LiveRoom | null; seat: SeatReason; sessionId: string; sessionDoc: Y.Doc; tries: number }) {
  const { t } = useTranslation();
  const groups = useDocValue(sessionDoc, readGroups);
  const { gate } = seat;
  const own = gate.kind === 'other-table' ? groups.find((g) => g.id === gate.ownGroupId) : undefined;
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
