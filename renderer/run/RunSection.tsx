import type * as Y from 'yjs';
import type { DocAccess } from '../../shared/schema/docVersion';
import { PhaseBanner } from './PhaseBanner';
import { RunControls } from './RunControls';
import { useRunRole } from './useRunRole';

/**
 * The session page's part of the run: the facilitator's controls (agenda, phases, pause, timer,
 * tables done), or for a participant the banner every laptop shows (phase, instruction, time left).
 * A session this laptop joined is not theirs to run.
 */
export function RunSection({ sessionId, doc, access }: { sessionId: string; doc: Y.Doc; access: DocAccess }) {
  const role = useRunRole(sessionId);
  if (role === 'participant') return <PhaseBanner sessionId={sessionId} doc={doc} role="participant" />;
  // A session written by a newer Bouwplaats is only looked at here (ReadOnlyNotice says why).
  if (role === 'facilitator' && !access.readOnly) return <RunControls sessionId={sessionId} doc={doc} />;
  return null;
}
