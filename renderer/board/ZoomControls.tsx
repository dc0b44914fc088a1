import { useTranslation } from 'react-i18next';
import type { BoardCommand } from './commands';

interface Props {
  zoom: number;
  /** Presentation mode (the house on the whole screen). */
  presenting: boolean;
  /** Runs the buttons' commands: zoom, fit, present. */
  run: (command: BoardCommand) => void;
}

/**
 * Map-style zoom controls floating over the board's corner, with the switch to presentation mode.
 * While presenting only a quiet way out is left.
 */
export function ZoomControls({ zoom, presenting, run }: Props) {
  const { t } = useTranslation();
  if (presenting) {
    return (
      <button type="button" className="present-exit" onClick={() => run({ type: 'present', on: false })}>
        {t('board.presentExit')}
      </button>
    );
  }
  return (
    <div className="zoom-controls" role="group" aria-label={t('board.zoomGroup')}>
      <button type="button" className="icon" onClick={() => run({ type: 'zoom', factor: 0.8 })} aria-label={t('board.zoomOut')}>
        −
      </button>
      <span className="zoom">{Math.round(zoom * 100)}%</span>
      <button type="button" className="icon" onClick={() => run({ type: 'zoom', factor: 1.25 })} aria-label={t('board.zoomIn')}>
        +
      </button>
      <button type="button" onClick={() => run({ type: 'fit' })}>
        {t('board.fit')}
      </button>
      <button type="button" onClick={() => run({ type: 'present', on: true })} title={t('board.presentTitle')}>
        {t('board.present')} <kbd>P</kbd>
      </button>
    </div>
  );
}
