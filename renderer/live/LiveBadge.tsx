import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from './liveRoom';
import type { RemotePresence } from './usePresence';

/** Whether this board is live, and who else is on it. */
export function LiveBadge({ live, others }: { live: LiveSnapshot; others: readonly RemotePresence[] }) {
  const { t } = useTranslation();
  const shown = others.slice(0, 8);
  return (
    <div className="live-badge">
      <span
        className={`live-status ${live.status}`}
        role="status"
        aria-live="polite"
        title={t('live.peers', { count: live.peers })}
        data-peers={live.peers}
      >
        {t(`live.status.${live.status}`)}
      </span>
      {others.length > 0 && (
        <ul className="people" aria-label={t('live.people', { count: others.length })}>
          {shown.map((p) => (
            <li
              key={p.clientId}
              className="person"
              style={{ background: p.user.colour }}
              title={p.user.name || t('live.anonymous')}
            >
              {(p.user.name || '?').slice(0, 1).toUpperCase()}
            </li>
          ))}
          {others.length > shown.length && <li className="person more">+{others.length - shown.length}</li>}
        </ul>
      )}
    </div>
  );
}
