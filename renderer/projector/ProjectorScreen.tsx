import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { useDocAccess, useStoredDoc } from '../hooks';
import { useLiveSnapshot } from '../live/useLive';
import type { StoredDoc } from '../docs/openDoc';
import { writeProjectorChoice, type ProjectorChoice } from './choose';
import { ProjectorStage } from './ProjectorStage';
import { useProjectorLink, type ProjectorLink } from './useProjectorLink';
import type { LiveStatus } from '../live/liveRoom';

/** How long the keys hint stays after the pointer last moved (ms). */
const HINT_MS = 4000;

/**
 * The projector window (#/projector/<session>[/<code>/<token>]): the whole screen, no app chrome. On the
 * facilitator's computer its keys choose what it shows — 0 the wall, 1–9 one house, Esc back to
 * what the phase shows, F full screen — and so do clicks on a house; on another computer it
 * only shows.
 */
export function ProjectorScreen({ sessionId, code, token }: { sessionId: string; code?: string; token?: string }) {
  const { t } = useTranslation();
  const session = useStoredDoc(sessionDocName(sessionId));
  const room = useStoredDoc(roomDocName(sessionId));
  const link = useProjectorLink(sessionId, code, token);
  const status = useLiveSnapshot(link.room)?.status ?? null;
  // A stale link shows nothing of the session: an old code on the screen would be typed by the room.
  if (linkIsStale(link.error, status)) return <ProjectorStale />;
  if (link.error) {
    const key = link.error === 'otherSession' ? 'projector.otherSession' : `join.errors.${link.error}`;
    return (
      <div className="projector" data-view="problem">
        <p className="projector-problem" role="alert">
          {t(key)}
        </p>
      </div>
    );
  }
  if (session.state === 'error' || room.state === 'error') {
    return (
      <div className="projector" data-view="problem">
        <p className="projector-problem" role="alert">
          {t('session.openFailed')}
        </p>
      </div>
    );
  }
  if (session.state !== 'ready' || room.state !== 'ready') return <div className="projector" aria-busy="true" />;
  return <Projector sessionId={sessionId} session={session.stored} room={room.stored.doc} link={link} status={status} />;
}

function Projector({ sessionId, session, room, link, status }: { sessionId: string; session: StoredDoc; room: Y.Doc; link: ProjectorLink; status: LiveStatus | null }) {
  const { t } = useTranslation();
  const access = useDocAccess(session);
  const control = link.control && !access.readOnly;
  const doc = session.doc;
  const choose = useCallback((choice: ProjectorChoice) => writeProjectorChoice(doc, choice), [doc]);
  const hint = useHint();

  useEffect(() => {
    document.title = t('projector.windowTitle');
  }, [t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'f' || event.key === 'F') {
        void toggleFullScreen();
        return;
      }
      if (!control) return;
      if (event.key === 'Escape') choose({ view: 'auto' });
      else if (event.key === '0') choose({ view: 'wall' });
      else if (/^[1-9]$/.test(event.key)) {
        const group = readGroups(doc)[Number(event.key) - 1];
        if (group) choose({ view: 'house', groupId: group.id });
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [control, choose, doc]);

  return (
    <ProjectorStage
      sessionId={sessionId}
      session={doc}
      room={room}
      join={link.join}
      choose={control ? choose : null}
      status={
        <>
          {status && status !== 'live' && <p className="projector-status">{t(`projector.status.${status}`)}</p>}
          {hint && <p className="projector-hint">{t(control ? 'projector.hint' : 'projector.hintShowOnly')}</p>}
        </>
      }
    />
  );
}

/**
 * Whether this projector's link is stale: the session got a new code (so the host no longer takes
 * the link's code) while it showed, or before it was opened. Only a projector on another computer
 * has a link; the facilitator's own window follows the code by itself.
 */
export function linkIsStale(error: ProjectorLink['error'], status: LiveStatus | null): boolean {
  return status === 'code-invalid' || error === 'code' || error === 'codeReplaced';
}

/** A stale projector: what happened and what to do, in type read from the back of the room. */
function ProjectorStale() {
  const { t } = useTranslation();
  return (
    <div className="projector" data-view="stale">
      <section className="projector-stale" role="alert">
        <h1>{t('projector.stale.title')}</h1>
        <p>{t('projector.stale.text')}</p>
        <p>{t('projector.stale.what')}</p>
      </section>
    </div>
  );
}

function toggleFullScreen(): Promise<void> {
  if (document.fullscreenElement) return document.exitFullscreen().catch(() => {});
  return document.documentElement.requestFullscreen().catch(() => {});
}

/** Whether the keys hint shows: at first, and for a while after the pointer moves (then the cursor hides too). */
function useHint(): boolean {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    let timer = setTimeout(() => setShown(false), HINT_MS);
    const onMove = () => {
      setShown(true);
      clearTimeout(timer);
      timer = setTimeout(() => setShown(false), HINT_MS);
    };
    window.addEventListener('pointermove', onMove);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointermove', onMove);
    };
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle('projector-idle', !shown);
    return () => document.documentElement.classList.remove('projector-idle');
  }, [shown]);
  return shown;
}
