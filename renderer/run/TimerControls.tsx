import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { singleClick } from './singleClick';
import { addTime, formatClock, pauseTimer, resetTimer, startTimer, writeTimer, type TimerState } from '../../shared/schema/agenda';
import { useSecondsLeft } from './useRun';

interface Props {
  doc: Y.Doc;
  timer: TimerState;
  /** The current phase's planned minutes: "Opnieuw" goes back to them. */
  minutes: number;
  /** The room's clock (ms). */
  now: () => number;
}

/**
 * The facilitator's timer: start or pause, +1 / +5 minutes, back to the phase's minutes, and
 * whether participants' editing stops when it runs out. Every laptop counts from the one end time
 * written here.
 */
export function TimerControls({ doc, timer, minutes, now }: Props) {
  const { t } = useTranslation();
  const seconds = useSecondsLeft(timer, now);
  const at = () => Math.round(now());
  const write = (next: TimerState) => writeTimer(doc, next);
  const up = timer.running && seconds === 0;
  return (
    <div className="run-timer" role="group" aria-labelledby="run-timer-label">
      <p className="run-clock">
        <span id="run-timer-label" className="run-clock-label">
          {t('run.timer.label')}
        </span>
        <span className={`clock-digits${up ? ' up' : ''}`} role="timer">
          {formatClock(seconds)}
        </span>
        <span className="clock-note">{up ? t('run.timer.up') : timer.running ? '' : t('run.timer.stopped')}</span>
      </p>
      <div className="run-timer-buttons">
        {/* Run out: nothing left to pause or start; +1, +5 or back to the phase's minutes go on. */}
        {!up && (
          <button type="button" onClick={singleClick(() => write(timer.running ? pauseTimer(timer, at()) : startTimer(timer, at())))}>
            {timer.running ? t('run.timer.pause') : t('run.timer.start')}
          </button>
        )}
        <button type="button" onClick={() => write(addTime(timer, 1, at()))}>
          {t('run.timer.plus1')}
        </button>
        <button type="button" onClick={() => write(addTime(timer, 5, at()))}>
          {t('run.timer.plus5')}
        </button>
        <button type="button" onClick={() => write(resetTimer(timer, minutes))}>
          {t('run.timer.reset', { minutes })}
        </button>
      </div>
      <label className="check run-lock">
        <input type="checkbox" checked={timer.lockOnEnd} onChange={(e) => write({ ...timer, lockOnEnd: e.target.checked })} />
        {t('run.timer.lockOnEnd')}
      </label>
    </div>
  );
}
