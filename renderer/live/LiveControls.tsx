import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJoinCode, type JoinAddress } from '../../shared/live';
import type { Hosting, HostingRequest } from '../../shared/platform';
import { Dialog } from '../components/Dialog';
import { routeHref } from '../hooks';
import { platform } from '../platform';
import { HostPanel } from './HostPanel';
import { enterRoom, leaveRoom } from './liveRoom';
import { clearMembership, loadMembership, randomPresenceColour, saveMembership, type Membership } from './membership';
import { useLiveRoom, useLiveSnapshot } from './useLive';

type Confirm = 'stop' | 'new-code' | null;

/** How often the host panel asks the host for its addresses and how many devices are connected. */
const REFRESH_MS = 10_000;

/** What the host said on the last refresh: addresses change when the Wi-Fi reconnects. */
interface HostView {
  addresses: JoinAddress[];
  connected: number;
  storageFailing: boolean;
  storageFull: boolean;
}

function viewOf(hosting: Hosting): HostView {
  return { addresses: hosting.addresses, connected: hosting.connected, storageFailing: hosting.storageFailing === true, storageFull: hosting.storageFull === true };
}

/**
 * The session page's live part: "Sessie live zetten" for the facilitator, the host panel while
 * live (with "Stoppen" and "Nieuwe code", both asked first), and a participant's own status.
 */
export function LiveControls({ sessionId, title }: { sessionId: string; title: string }) {
  const { t } = useTranslation();
  const room = useLiveRoom(sessionId);
  const status = useLiveSnapshot(room)?.status ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [other, setOther] = useState<{ sessionId: string; title: string } | null>(null);
  const [view, setView] = useState<HostView | null>(null);
  // "Sessie live zetten" had the keyboard: the panel that replaces it takes it (not the page body).
  const [panelTakesKeyboard, setPanelTakesKeyboard] = useState(false);
  const membership = room?.membership;
  const isHost = membership?.role === 'facilitator';

  // After a restart of the facilitator's app the room still holds our code: host again with it, so
  // every laptop reconnects by itself; then keep asking (a host that runs answers with the same
  // session), so the panel shows the addresses as they are now and who is connected.
  useEffect(() => {
    if (!isHost || !membership) return;
    let alive = true;
    const refresh = () =>
      void platform
        .startHosting({ sessionId, title, code: membership.code })
        .then((answer) => {
          if (alive && answer.status === 'live') setView(viewOf(answer));
        })
        .catch(() => {});
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [isHost, membership, sessionId, title]);

  /** Hosts this session (its old code unless `newCode`) and enters the room as its facilitator. */
  const host = async (request: Pick<HostingRequest, 'code' | 'newCode' | 'replace'>) => {
    setBusy(true);
    setError(null);
    setOther(null);
    try {
      const hosting = await platform.startHosting({ sessionId, title, ...request });
      if (hosting.status === 'busy') {
        setOther(hosting.live);
        return;
      }
      setView(viewOf(hosting));
      const previous = await loadMembership(sessionId);
      const next: Membership = {
        sessionId,
        role: 'facilitator',
        hostUrl: hosting.localUrl,
        code: hosting.code,
        token: hosting.token,
        projectorToken: hosting.projectorToken,
        joinAddresses: hosting.addresses,
        name: t('live.facilitator'),
        colour: previous?.colour ?? randomPresenceColour(),
      };
      await saveMembership(next);
      await enterRoom(next);
    } catch {
      setError(t('live.startFailed'));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setConfirm(null);
    setError(null);
    setView(null);
    leaveRoom(sessionId);
    await clearMembership(sessionId).catch(() => {});
    await platform.stopHosting().catch(() => {});
  };

  const errorBanner = error && (
    <p role="alert" className="banner error">
      {error}
    </p>
  );

  if (membership?.role === 'facilitator') {
    return (
      <>
        <HostPanel
          code={membership.code}
          addresses={view?.addresses ?? membership.joinAddresses}
          shownFirst={membership.joinAddresses[0]?.url ?? null}
          connected={view?.connected ?? null}
          storageFailing={view?.storageFailing ?? false}
          storageFull={view?.storageFull ?? false}
          status={status}
          inBrowser={platform.kind === 'browser'}
          busy={busy}
          onStop={() => setConfirm('stop')}
          onNewCode={() => setConfirm('new-code')}
          onRehost={() => void host({ code: membership.code })}
          takeKeyboard={panelTakesKeyboard}
        />
        {errorBanner}
        {confirm === 'stop' && (
          <ConfirmDialog
            title={t('live.stopTitle')}
            text={t('live.stopText', { code: formatJoinCode(membership.code) })}
            confirm={t('live.stopConfirm')}
            onCancel={() => setConfirm(null)}
            onConfirm={() => void stop()}
          />
        )}
        {confirm === 'new-code' && (
          <ConfirmDialog
            title={t('live.newCodeTitle')}
            text={t('live.newCodeText')}
            confirm={t('live.newCodeConfirm')}
            onCancel={() => setConfirm(null)}
            onConfirm={() => {
              setConfirm(null);
              void host({ newCode: true });
            }}
          />
        )}
      </>
    );
  }
  if (membership?.role === 'participant') {
    return (
      <p className="live-line">
        <span className={`live-status ${status ?? 'connecting'}`}>{t(`live.status.${status ?? 'connecting'}`)}</span>
      </p>
    );
  }
  return (
    <div className="live-start">
      <button
        type="button"
        className="primary"
        onClick={(e) => {
          setPanelTakesKeyboard(document.activeElement === e.currentTarget);
          void host({});
        }}
        disabled={busy}
      >
        {t('live.start')}
      </button>
      <span className="muted">{t('live.startHint')}</span>
      {errorBanner}
      {other && (
        <div role="alert" className="banner warning other-live">
          <p>{t('live.otherLive', { title: other.title })}</p>
          <p className="banner-actions">
            <a href={routeHref({ name: 'session', sessionId: other.sessionId })}>{t('live.toOther', { title: other.title })}</a>
            <button type="button" onClick={() => void host({ replace: true })} disabled={busy}>
              {t('live.replaceOther')}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}

function ConfirmDialog(props: { title: string; text: string; confirm: string; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={props.title}
      onClose={props.onCancel}
      onSubmit={props.onConfirm}
      actions={
        <>
          <button type="button" onClick={props.onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger-solid">
            {props.confirm}
          </button>
        </>
      }
    >
      <p>{props.text}</p>
    </Dialog>
  );
}
