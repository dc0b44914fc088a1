import { useTranslation } from 'react-i18next';
import { SIGNAL_AT_MS, formatClock, type TimerState } from '../../shared/schema/agenda';
import { useSecondsLeft } from '../run/useRun';

interface Props {
  timer: TimerState;
  /** The room's clock (the host's, ms): the timer's end is on it. */
  now: () => number;
}

/**
 * The phase's timer in large figures, from the one shared end time: it turns over with every
 * laptop's banner (useSecondsLeft). Amber in the last minute (the soft signal), "Tijd is om" at the
 * end, "stil" beside it while the facilitator has stopped it.
 */
export function ProjectorTimer({ timer, now }: Props) {
  const { t } = useTranslation();
  const seconds = useSecondsLeft(timer, now);
  const clock = formatClock(seconds);
  const state = seconds === 0 ? 'up' : seconds * 1000 <= SIGNAL_AT_MS ? 'soon' : 'plenty';
  return (
    <div className={`projector-timer ${state}${timer.running ? '' : ' stopped'}`} role="timer" aria-label={t('projector.timer.label', { time: clock })}>
      {seconds === 0 ? (
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
