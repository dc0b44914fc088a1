import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { AGENDA_MAX, addPhase, removePhase, reorderPhases, updatePhase, type Phase, type PhaseInit } from '../../shared/schema/agenda';
import { PhaseForm } from './PhaseForm';

interface Props {
  doc: Y.Doc;
  agenda: readonly Phase[];
  /** The phase the room is in (it cannot be removed). */
  currentId: string | null;
}

/** The form of a phase being added (not yet in the agenda). */
const NEW = 'new';
const BLANK: PhaseInit = { kind: 'build', title: '', minutes: 15, instruction: '', boardsOpen: true };

/** The DOM id of a phase's button (`edit`, `up`, `down`, `remove`): focus goes back to it. */
const buttonId = (phaseId: string, what: string) => `phase-${phaseId}-${what}`;

/**
 * The agenda, edited before and during the session: each phase's title, minutes, kind, instruction
 * and whether houses are open; add, remove (asked first; not the current one, not the last one),
 * move up and down. Changes go straight into the session doc: every laptop sees them at once.
 */
export function AgendaEditor({ doc, agenda, currentId }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Stable, so React calls it once when the button appears (an inline ref would refocus on every render).
  const focusOnMount = useCallback((el: HTMLButtonElement | null) => el?.focus(), []);
  // After a move, a closed form or a removal, focus goes where the person was (React re-inserts
  // moved rows and drops forms, and focus would fall back to the page).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    const el = document.getElementById(id);
    if (el instanceof HTMLButtonElement && el.disabled) {
      // Moved to the top or bottom: its other arrow still works.
      document.getElementById(id.replace(/-(up|down)$/, (_m, d: string) => (d === 'up' ? '-down' : '-up')))?.focus();
    } else el?.focus();
  });

  const move = (index: number, by: -1 | 1) => {
    const ids = agenda.map((p) => p.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    reorderPhases(doc, ids);
    focusNext.current = buttonId(id, by < 0 ? 'up' : 'down');
  };
  const close = (focusId: string) => {
    setEditing(null);
    focusNext.current = focusId;
  };
  const remove = (index: number, id: string) => {
    removePhase(doc, id);
    setConfirming(null);
    const neighbour = agenda[index + 1] ?? agenda[index - 1];
    focusNext.current = neighbour ? buttonId(neighbour.id, 'edit') : 'agenda-add';
  };

  return (
    <div className="agenda">
      <h3 id="agenda-heading">{t('run.agenda.heading')}</h3>
      <ol className="agenda-list" aria-labelledby="agenda-heading">
        {agenda.map((phase, i) => {
          const current = phase.id === currentId;
          return (
            <li key={phase.id} className={current ? 'current' : ''} aria-current={current ? 'step' : undefined}>
              <span className="agenda-num" aria-hidden="true">
                {i + 1}
              </span>
              {editing === phase.id ? (
                <PhaseForm
                  initial={phase}
                  heading={t('run.agenda.editing')}
                  onSave={(init) => {
                    updatePhase(doc, phase.id, init);
                    close(buttonId(phase.id, 'edit'));
                  }}
                  onCancel={() => close(buttonId(phase.id, 'edit'))}
                />
              ) : (
                <>
                  <div className="agenda-text">
                    <p className="agenda-title">
                      <strong>{phase.title}</strong> <span className="agenda-minutes">· {t('run.agenda.minutes', { count: phase.minutes })}</span>
                      {current && <span className="tag now">{t('run.agenda.current')}</span>}
                    </p>
                    <p className="agenda-meta">
                      <span className={phase.boardsOpen ? 'rights open' : 'rights closed'}>{t(phase.boardsOpen ? 'run.rights.open' : 'run.rights.closed')}</span>
                      {' · '}
                      {t(`run.kinds.${phase.kind}`)}
                    </p>
                    {phase.instruction && <p className="agenda-instruction">{phase.instruction}</p>}
                  </div>
                  {confirming === phase.id ? (
                    <div
                      className="agenda-actions confirm"
                      role="group"
                      aria-label={t('run.agenda.removeLabel', { title: phase.title })}
                      onKeyDown={(e) => {
                        if (e.key !== 'Escape') return;
                        e.preventDefault();
                        setConfirming(null);
                        focusNext.current = buttonId(phase.id, 'remove');
                      }}
                    >
                      <span>{t('run.agenda.removeAsk', { title: phase.title })}</span>
                      {/* Focused when it appears: the button that opened it is gone (autoFocus lost it to the page). */}
                      <button type="button" className="danger-solid" ref={focusOnMount} onClick={() => remove(i, phase.id)}>
                        {t('run.agenda.removeYes')}
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setConfirming(null);
                          focusNext.current = buttonId(phase.id, 'remove');
                        }}
                      >
                        {t('run.form.cancel')}
                      </button>
                    </div>
                  ) : (
                    <div className="agenda-actions">
                      <button type="button" id={buttonId(phase.id, 'edit')} aria-label={t('run.agenda.editLabel', { title: phase.title })} onClick={() => setEditing(phase.id)}>
                        {t('run.agenda.edit')}
                      </button>
                      <button
                        type="button"
                        className="icon"
                        id={buttonId(phase.id, 'up')}
                        disabled={i === 0}
                        aria-label={t('run.agenda.up', { title: phase.title })}
                        title={t('run.agenda.up', { title: phase.title })}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="icon"
                        id={buttonId(phase.id, 'down')}
                        disabled={i === agenda.length - 1}
                        aria-label={t('run.agenda.down', { title: phase.title })}
                        title={t('run.agenda.down', { title: phase.title })}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="danger"
                        id={buttonId(phase.id, 'remove')}
                        // The current phase and the only one stay: the room is in it, or there would be no agenda.
                        disabled={current || agenda.length <= 1}
                        aria-label={t('run.agenda.removeLabel', { title: phase.title })}
                        onClick={() => setConfirming(phase.id)}
                      >
                        {t('run.agenda.remove')}
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {editing === NEW ? (
        <div className="agenda-new">
          <PhaseForm
            initial={BLANK}
            heading={t('run.agenda.adding')}
            fresh
            onSave={(init) => {
              const id = addPhase(doc, init);
              close(buttonId(id, 'edit'));
            }}
            onCancel={() => close('agenda-add')}
          />
        </div>
      ) : (
        <button type="button" id="agenda-add" onClick={() => setEditing(NEW)} disabled={agenda.length >= AGENDA_MAX}>
          + {t('run.agenda.add')}
        </button>
      )}
    </div>
  );
}
