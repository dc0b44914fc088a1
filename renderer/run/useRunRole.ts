import { useEffect, useState } from 'react';
import type { SessionIndexEntry } from '../../shared/platform';
import { loadLibrary, onLibraryChange } from '../docs/library';
import { useLiveRoom } from '../live/useLive';
import { isParticipantBrowser } from '../platform/device';

/**
 * Who runs the session on this laptop, as far as phases go: the `facilitator` (the session was
 * made here and is not a copy this laptop joined) controls the agenda and is not limited by
 * phases; a `participant` follows them. `unknown` while the library is still being read; boards
 * then follow the participants' rules, the stricter ones, for that moment.
 */
export type RunRole = 'facilitator' | 'participant' | 'unknown';

/** This device's library row of `sessionId`: undefined while loading, null when there is none. */
function useLibraryRow(sessionId: string): SessionIndexEntry | null | undefined {
  const [row, setRow] = useState<{ id: string; entry: SessionIndexEntry | null }>();
  useEffect(() => {
    let alive = true;
    const take = (list: SessionIndexEntry[]) => alive && setRow({ id: sessionId, entry: list.find((e) => e.id === sessionId) ?? null });
    void loadLibrary().then(take, () => alive && setRow({ id: sessionId, entry: null }));
    const off = onLibraryChange(take);
    return () => {
      alive = false;
      off();
    };
  }, [sessionId]);
  return row?.id === sessionId ? row.entry : undefined;
}

/** See RunRole: the same lines the session page draws for "Sessie bewerken". */
export function useRunRole(sessionId: string): RunRole {
  const room = useLiveRoom(sessionId);
  const row = useLibraryRow(sessionId);
  if (isParticipantBrowser() || room?.membership.role === 'participant' || row?.joined) return 'participant';
  if (room?.membership.role === 'facilitator') return 'facilitator';
  return row === undefined ? 'unknown' : 'facilitator';
}
