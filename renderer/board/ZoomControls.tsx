import { useTranslation } from 'react-i18next';

interface Props {
  zoom: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}

/** Map-style zoom controls floating over the board's corner. */
export function ZoomControls({ zoom, onZoomIn, onZoomOut, onFit }: Props) {
  const { t } = useTranslation();
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
    </div>
  );
}
