import { singleClick } from './singleClick';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  currentPhase,
  defaultAgenda,
  goToPhase,
  nextPhase,
  pauseRoom,
  previousPhase,
  readAgenda,
  resumeRoom,
  writeAgenda,
} from '../../shared/schema/agenda';
import { AgendaEditor } from './AgendaEditor';
import { DoneTables } from './DoneTables';
import { TimerControls } from './TimerControls';
import { useAgenda, useRoomClock, useRunState } from './useRun';
import './run.css';

/**
 * A session without an agenda gets seed 000's morning (defaultAgenda) when its facilitator first
 * opens it: new sessions, copies "from this one" of a session without an agenda, and sessions made
 * before phases alike. An agenda never becomes empty again (its last phase cannot be removed), so
 * this writes once per session.
 */
function useDefaultAgenda(doc: Y.Doc): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (readAgenda(doc).length === 0) writeAgenda(doc, defaultAgenda(t));
  }, [doc, t]);
}

/**
 * The facilitator's run controls on the session page: where the room is (phase, instruction,
 * rights), "Start" / "Volgende fase: …" / "Vorige fase: …", "Pauze" / "Verder", the timer, how many
 * groups are done, and the agenda to edit before and during the session. Every laptop follows
 * what is written here through the session doc.
 */
export function RunControls({ sessionId, doc }: { sessionId: string; doc: Y.Doc }) {
  const { t } = useTranslation();
  useDefaultAgenda(doc);
  const agenda = useAgenda(doc);
  const run = useRunState(doc);
  const now = useRoomClock(sessionId);
  const phase = currentPhase(agenda, run);
  const next = nextPhase(agenda, run);
  const previous = phase ? previousPhase(agenda, run) : null;
  const go = (id: string | null) => goToPhase(doc, id, Math.round(now()));
  // One button for the way forward (start, next, finish): it stays the same element, so the
  // keyboard stays on it from phase to phase.
  const forward = next
    ? { label: phase ? t('run.next', { title: next.title }) : t('run.start', { title: next.title }), go: () => go(next.id) }
    : phase
      ? { label: t('run.finish'), go: () => go(null) }
      : null;

  return (
    <section className="run-controls" aria-labelledby="run-heading">
      <h2 id="run-heading">{t('run.heading')}</h2>
      <div className={`run-now${run.paused ? ' paused' : ''}`}>
        <div className="run-phase">
          {phase ? (
            <>
              <p className="phase-step">
                {t('run.step', { n: agenda.indexOf(phase) + 1, total: agenda.length })} ·{' '}
                <span className={phase.boardsOpen ? 'rights open' : 'rights closed'}>{t(phase.boardsOpen ? 'run.rights.open' : 'run.rights.closed')}</span>
              </p>
              <h3 className="run-title">{phase.title}</h3>
              {phase.instruction && <p className="run-instruction">{phase.instruction}</p>}
            </>
          ) : (
            <p className="run-title-none">{t('run.notStarted')}</p>
          )}
          {run.paused && (
            <p className="banner warning run-paused" role="status">
              {t('run.pausedNote')}
            </p>
          )}
        </div>
        {phase && <TimerControls doc={doc} timer={run.timer} minutes={phase.minutes} now={now} />}
        <div className="run-nav">
          {previous && (
            <button type="button" onClick={singleClick(() => go(previous.id))}>
              ← {t('run.previous', { title: previous.title })}
            </button>
          )}
          {(phase || run.paused) && (
            <button
              type="button"
              className={run.paused ? 'pause-toggle paused' : 'pause-toggle'}
              onClick={singleClick(() => (run.paused ? resumeRoom(doc, Math.round(now())) : pauseRoom(doc, Math.round(now()))))}
            >
              {run.paused ? t('run.resume') : t('run.pause')}
            </button>
          )}
          {forward && (
            <button type="button" className="primary run-forward" onClick={singleClick(forward.go)}>
              {forward.label} →
            </button>
          )}
        </div>
        {phase?.boardsOpen && <DoneTables sessionId={sessionId} doc={doc} phaseId={phase.id} />}
      </div>
      <AgendaEditor doc={doc} agenda={agenda} currentId={phase?.id ?? null} />
    </section>
  );
}
