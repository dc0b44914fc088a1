import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNAL_AT_MS, formatClock, secondsLeft, timeLeft, type TimerState } from '../../shared/schema/agenda';

/** How often a running timer is read again: often enough that a second never shows late by much. */
const TICK_MS = 250;

/** `now()`, read again every TICK_MS while `running`. */
function useNow(now: () => number, running: boolean): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    // The time when the timer starts or stops counting, then every tick while it counts.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTime(now());
    if (!running) return;
    const timer = setInterval(() => setTime(now()), TICK_MS);
    return () => clearInterval(timer);
  }, [now, running]);
  return time;
}

interface Props {
  timer: TimerState;
  /** The facilitator's clock (ms): the host runs on their computer, so the timer's end is on it. */
  now: () => number;
}

/**
 * The phase's timer in large figures, from the one shared end time: every screen counts down to
 * the same moment. Amber in the last minute (the soft signal), and "Tijd is om" at the end.
 */
export function ProjectorTimer({ timer, now }: Props) {
  const { t } = useTranslation();
  const time = useNow(now, timer.running);
  const left = timeLeft(timer, time);
  const clock = formatClock(secondsLeft(timer, time));
  const state = left === 0 ? 'up' : left <= SIGNAL_AT_MS ? 'soon' : 'plenty';
  return (
    <div className={`projector-timer ${state}${timer.running ? '' : ' stopped'}`} role="timer" aria-label={t('projector.timer.label', { time: clock })}>
      {left === 0 ? (
        <span className="projector-timer-up">{t('projector.timer.up')}</span>
      ) : (
        <>
          {!timer.running && <span className="projector-timer-paused">{t('projector.timer.paused')}</span>}
          <span className="projector-clock">{clock}</span>
        </>
      )}
    </div>
  );
}
