import { useTranslation } from 'react-i18next';
import { navigate } from '../hooks';
import { rememberJoinAddress } from './joinApi';
import { leaveRoom, type LiveRoom, type LiveStatus } from './liveRoom';
import type { Membership } from './membership';
import { useLiveSnapshot } from './useLive';

/** What each person needs to hear, per status; statuses not listed need no words beyond the badge. */
function noticeKey(role: Membership['role'], status: LiveStatus | undefined): string | null {
  // Versions: only updating an app helps, whoever's laptop this is. A full doc: everyone must hear it.
  if (status === 'other-version' || status === 'host-too-old' || status === 'doc-full') return status;
  if (role === 'facilitator') return status === 'host-down' || status === 'peers-only' ? 'facilitatorDown' : null;
  return status === 'stopped' || status === 'code-invalid' || status === 'locked' || status === 'host-down' ? status : null;
}

/**
 * Tells people, in words, when their laptop no longer reaches the session and what to do: the
 * session is not live (it resumes by itself), it got a new code (rejoin), the host refuses this
 * laptop for a minute, or the host does not answer. Work stays on the laptop in every case. On the
 * facilitator's own boards it says when their host does not answer (the host panel says more).
 */
export function LiveNotice({ room }: { room: LiveRoom | null }) {
  const { t } = useTranslation();
  const status = useLiveSnapshot(room)?.status;
  const key = room ? noticeKey(room.membership.role, status) : null;
  if (!room || !key) return null;
  const rejoin = () => {
    rememberJoinAddress(room.membership.hostUrl);
    leaveRoom(room.membership.sessionId);
    navigate({ name: 'join' });
  };
  return (
    <div role="alert" className={`banner live-notice ${key === 'code-invalid' || key === 'facilitatorDown' || key === 'other-version' ? 'error' : 'warning'}`}>
      <p>
        <strong>{t(`live.notice.${key}.title`)}</strong> {t(`live.notice.${key}.text`)}
      </p>
      {key === 'code-invalid' && (
        <button type="button" className="primary" onClick={rejoin}>
          {t('live.notice.rejoin')}
        </button>
      )}
    </div>
  );
}
