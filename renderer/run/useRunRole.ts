import { useLibraryRow } from '../docs/useLibraryRow';
import { useLiveRoom } from '../live/useLive';
import { isParticipantBrowser } from '../platform/device';

/**
 * Who runs the session on this laptop, as far as phases go: the `facilitator` (the session was
 * made here and is not a copy this laptop joined) controls the agenda and is not limited by
 * phases; a `participant` follows them. `unknown` while the library is still being read; boards
 * then follow the participants' rules, the stricter ones, for that moment.
 */
export type RunRole = 'facilitator' | 'participant' | 'unknown';

/** See RunRole: the same lines the session page draws for "Sessie bewerken". */
export function useRunRole(sessionId: string): RunRole {
  const room = useLiveRoom(sessionId);
  const row = useLibraryRow(sessionId);
  if (isParticipantBrowser() || room?.membership.role === 'participant' || row?.joined) return 'participant';
  if (room?.membership.role === 'facilitator') return 'facilitator';
  return row === undefined ? 'unknown' : 'facilitator';
}
