import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { SIGNAL_AT_MS, currentPhase, formatClock, type ClosedReason } from '../../shared/schema/agenda';
import { TableDoneButton } from './TableDoneButton';
import type { RunRole } from './useRunRole';
import { useAgenda, useClosedReason, useRoomClock, useRunState, useSecondsLeft } from './useRun';
import './run.css';

interface Props {
  sessionId: string;
  /** The session doc (agenda and run). */
  doc: Y.Doc;
  role: RunRole;
  /** The group whose board this is: a participant's "Wij zijn klaar" is for it. */
  groupId?: string;
  /**
   * How often this person tried to change a board the phase keeps closed (BoardScreen counts the
   * board's refusals): each try says the reason again, visibly and to screen readers.
   */
  tries?: number;
  /** On a board: one slim row above the house. */
  compact?: boolean;
}

/** The i18n key of a closed board's reason, in the words for this person. */
function reasonKey(reason: ClosedReason, role: RunRole): string {
  return role === 'facilitator' ? `run.closedFacilitator.${reason}` : `run.closed.${reason}`;
}

/**
 * What every laptop shows while the session runs through its agenda: the phase, its instruction and
 * the time left (counted from the one shared end time with this laptop's clock offset), a soft
 * signal at one minute left, and why the board cannot be changed now (pause, a read-only phase,
 * time up). Said once to screen readers when it changes; never a sound. Nothing before the start.
 */
export function PhaseBanner({ sessionId, doc, role, groupId, tries = 0, compact = false }: Props) {
  const { t } = useTranslation();
  const agenda = useAgenda(doc);
  const run = useRunState(doc);
  const now = useRoomClock(sessionId);
  const phase = currentPhase(agenda, run);
  const reason = useClosedReason(doc, now);
  const seconds = useSecondsLeft(run.timer, now);
  const lastMinute = run.timer.running && seconds > 0 && seconds * 1000 <= SIGNAL_AT_MS;
  const message = useAnnouncement(phase?.id ?? null, phase?.title ?? '', run.paused, lastMinute ? `${phase?.id}:${run.timer.endsAt}` : null, reason, role);

  // Each refused try flashes the reason again; a new reason starts counting afresh.
  const [since, setSince] = useState({ reason, tries });
  if (since.reason !== reason) setSince({ reason, tries });
  const refused = tries - since.tries;

  if (!phase && !run.paused) {
    return (
      <p className="sr-only phase-said" role="status">
        {message}
      </p>
    );
  }
  const index = phase ? agenda.indexOf(phase) : -1;
  const timeUp = phase !== null && run.timer.running && seconds === 0;
  const state = run.paused ? 'paused' : reason ? 'closed' : lastMinute ? 'last-minute' : 'open';
  const showDone = role === 'participant' && groupId !== undefined && phase !== null && phase.boardsOpen;

  return (
    <section className={`phase-banner ${state}${compact ? ' compact' : ''}`} aria-label={t('run.banner.label')}>
      <div className="phase-main">
        {index >= 0 && <p className="phase-step">{t('run.step', { n: index + 1, total: agenda.length })}</p>}
        {phase && <h2 className="phase-title">{phase.title}</h2>}
        {phase?.instruction && <p className="phase-instruction">{phase.instruction}</p>}
      </div>
      {phase && (
        <div className="phase-side">
          {/* A timer role: read when asked for, never announced each second. */}
          <p className="phase-clock" role="timer">
            <span className="clock-digits">{formatClock(seconds)}</span>{' '}
            <span className="clock-note">{timeUp ? (reason === 'time-up' ? '' : t('run.timer.up')) : run.timer.running ? t('run.banner.left') : t('run.timer.stopped')}</span>
          </p>
          {showDone && <TableDoneButton sessionId={sessionId} groupId={groupId} phaseId={phase.id} now={now} />}
        </div>
      )}
      {reason && (
        <p key={refused} role={refused > 0 ? 'alert' : undefined} className={`phase-reason${refused > 0 ? ' flash' : ''}`}>
          {t(reasonKey(reason, role))}
        </p>
      )}
      <p className="sr-only phase-said" role="status">
        {message}
      </p>
    </section>
  );
}

/**
 * What a screen reader is told, once, when it happens: a new phase (and whether the board is
 * closed in it), pause and resume, one minute left (`minuteKey` names the countdown, so adding
 * time and crossing the minute again says it again). Nothing on arrival: the page itself says it.
 */
function useAnnouncement(phaseId: string | null, title: string, paused: boolean, minuteKey: string | null, reason: ClosedReason | null, role: RunRole): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const seen = useRef({ phaseId, paused, minuteKey: null as string | null });
  useEffect(() => {
    const before = seen.current;
    seen.current = { phaseId, paused, minuteKey: minuteKey ?? before.minuteKey };
    const closed = reason ? ` ${t(reasonKey(reason, role))}.` : '';
    let next: string | null = null;
    if (phaseId !== before.phaseId && phaseId !== null) next = t('run.banner.newPhase', { title }) + closed;
    else if (paused !== before.paused) next = paused ? `${t(reasonKey('paused', role))}.` : reason ? `${t(reasonKey(reason, role))}.` : t(role === 'facilitator' ? 'run.banner.resumedFacilitator' : 'run.banner.resumed');
    else if (minuteKey !== null && minuteKey !== before.minuteKey) next = t('run.banner.oneMinute');
    // Said from an effect: the words must follow what the page already shows.
    if (next !== null) setMessage(next);
  }, [phaseId, title, paused, minuteKey, reason, role, t]);
  return message;
}
