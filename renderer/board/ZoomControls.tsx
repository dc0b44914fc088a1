import { useTranslation } from 'react-i18next';

interface Props {
  zoom: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  /** Presentation mode (the house on the whole screen): on, and the switch. */
  presenting: boolean;
  onPresent: (on: boolean) => void;
}

/**
 * Map-style zoom controls floating over the board's corner, with the switch to presentation mode.
 * While presenting only a quiet way out is left.
 */
export function ZoomControls({ zoom, onZoomIn, onZoomOut, onFit, presenting, onPresent }: Props) {
  const { t } = useTranslation();
  if (presenting) {
    return (
      <button type="button" className="present-exit" onClick={() => onPresent(false)}>
        {t('board.presentExit')}
      </button>
    );
  }
  return (
    <div className="zoom-controls" role="group" aria-label={t('board.zoomGroup')}>
      <button type="button" className="icon" onClick={onZoomOut} aria-label={t('board.zoomOut')}>
        −
      </button>
      <span className="zoom">{Math.round(zoom * 100)}%</span>
      <button type="button" className="icon" onClick={onZoomIn} aria-label={t('board.zoomIn')}>
        +
      </button>
      <button type="button" onClick={onFit}>
        {t('board.fit')}
      </button>
      <button type="button" onClick={() => onPresent(true)} title={t('board.presentTitle')}>
        {t('board.present')} <kbd>P</kbd>
      </button>
    </div>
  );
}
