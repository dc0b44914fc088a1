import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useClosedReason, useRoomClock } from './useRun';
import { useRunRole, type RunRole } from './useRunRole';

/**
 * What the phase means for a board on this laptop: who is looking (RunRole), and why a participant
 * may not change it now, in words (pause, a read-only phase, time up), or null. The facilitator's
 * own boards are not limited by phases: null for them. Pass `reason` to useBoardEditor's
 * `readOnlyReason`, the board's one gate, so every editing command is refused and said why.
 */
export function useBoardPhase(sessionId: string, sessionDoc: Y.Doc): { role: RunRole; reason: string | null } {
  const { t } = useTranslation();
  const role = useRunRole(sessionId);
  const closed = useClosedReason(sessionDoc, useRoomClock(sessionId));
  return { role, reason: closed && role !== 'facilitator' ? t(`run.closed.${closed}`) : null };
}
