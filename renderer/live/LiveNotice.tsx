import { useTranslation } from 'react-i18next';
import { navigate } from '../hooks';
import { rememberJoinAddress } from './joinApi';
import { leaveRoom, type LiveRoom } from './liveRoom';
import { useLiveSnapshot } from './useLive';

/**
 * Tells a participant, in words, when their laptop no longer reaches the session and what to do:
 * the facilitator stopped hosting (it resumes by itself), the session got a new code (rejoin), the
 * host refuses this laptop for a minute, or the host does not answer. Their work stays on the laptop
 * in every case. The facilitator hears the same in the host panel.
 */
export function LiveNotice({ room }: { room: LiveRoom | null }) {
  const { t } = useTranslation();
  const status = useLiveSnapshot(room)?.status;
  if (!room || room.membership.role !== 'participant') return null;
  if (status !== 'stopped' && status !== 'code-invalid' && status !== 'locked' && status !== 'host-down') return null;
  const rejoin = () => {
    rememberJoinAddress(room.membership.hostUrl);
    leaveRoom(room.membership.sessionId);
    navigate({ name: 'join' });
  };
  return (
    <div role="alert" className={`banner live-notice ${status === 'code-invalid' ? 'error' : 'warning'}`}>
      <p>
        <strong>{t(`live.notice.${status}.title`)}</strong> {t(`live.notice.${status}.text`)}
      </p>
      {status === 'code-invalid' && (
        <button type="button" className="primary" onClick={rejoin}>
          {t('live.notice.rejoin')}
        </button>
      )}
    </div>
  );
}
