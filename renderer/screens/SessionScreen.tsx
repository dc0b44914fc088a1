import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { readQuestions, readSessionMeta } from '../../shared/schema/session';
import { templateById } from '../../shared/template/house';
import { sessionDocs } from '../docs/sessions';
import { formatDate } from '../format';
import { useLibraryRow } from '../docs/useLibraryRow';
import { routeHref, useDocAccess, useDocValue, useStoredDoc } from '../hooks';
import { ReadOnlyNotice } from '../components/ReadOnlyNotice';
import type { StoredDoc } from '../docs/openDoc';
import { LiveControls } from '../live/LiveControls';
import { LiveNotice } from '../live/LiveNotice';
import type { LiveRoom } from '../live/liveRoom';
import { chooseTableHref } from '../live/SeatNotice';
import { tableRemoved } from '../live/seat';
import { useLiveRoom } from '../live/useLive';
import { isParticipantBrowser } from '../platform/device';
import { ProjectorControls } from '../projector/ProjectorControls';
import { RosterSection } from '../roster/RosterSection';
import { RunSection } from '../run/RunSection';
import { openSessionEditor } from './EditSessionScreen';
import { CaseSection } from '../case/CaseSection';

export function SessionScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const status = useStoredDoc(sessionDocName(sessionId));
  if (status.state === 'loading') return <main className="page" aria-busy="true" />;
  if (status.state === 'error') {
    return (
      <main className="page">
        <p role="alert" className="banner error">
          {t('session.openFailed')}
        </p>
      </main>
    );
  }
  return <SessionOverview sessionId={sessionId} stored={status.stored} />;
}

function SessionOverview({ sessionId, stored }: { sessionId: string; stored: StoredDoc }) {
  const { t, i18n } = useTranslation();
  const doc: Y.Doc = stored.doc;
  const access = useDocAccess(stored);
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const meta = useDocValue(doc, readSessionMeta);
  const groups = useDocValue(doc, readGroups);
  const entry = useLibraryRow(sessionId);
  const room = useLiveRoom(sessionId);
  // A participant syncs only their own group's board: other boards would look empty to them.
  const ownGroup = room?.membership.role === 'participant' ? room.membership.groupId : undefined;
  const shownGroups = ownGroup ? groups.filter((g) => g.id === ownGroup) : groups;
  const groupKey = groups.map((g) => g.id).join(',');
  useEffect(() => {
    // Counts can be stale after a crash; they are cheap to take again.
    if (groupKey) void sessionDocs(sessionId).recount(groupKey.split(',')).catch(() => {});
  }, [sessionId, groupKey]);
  if (!meta) {
    return (
      <main className="page">
        <p role="alert" className="banner error">
          {t('session.notFound')}
        </p>
        <a href={routeHref({ name: 'library' })}>{t('common.backToLibrary')}</a>
      </main>
    );
  }
  const template = templateById(meta.templateId);
  const questions = readQuestions(doc, template);
  return (
    <main className="page session">
      <a className="back" href={routeHref({ name: 'library' })}>
        ← {t('common.backToLibrary')}
      </a>
      <div className="page-title">
        <h1>{meta.title}</h1>
        {/* The session doc is the facilitator's: participants cannot change it. */}
        {room?.membership.role !== 'participant' && !entry?.joined && !isParticipantBrowser() && access.readOnly && (
          // Why it cannot be edited is said right below the title (ReadOnlyNotice).
          <button type="button" disabled aria-describedby="session-read-only">
            {t('editSession.open')}
          </button>
        )}
        {room?.membership.role !== 'participant' && !entry?.joined && !isParticipantBrowser() && !access.readOnly && (
          <a
            className="button-link"
            href={routeHref({ name: 'edit', sessionId })}
            onClick={(e) => {
              if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab or window
              e.preventDefault();
              openSessionEditor(sessionId);
            }}
          >
            {t('editSession.open')}
          </a>
        )}
      </div>
      <p className="session-details">
        {[meta.date && formatDate(meta.date), meta.place, meta.organiser && t('session.by', { organiser: meta.organiser })]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ReadOnlyNotice access={access} id="session-read-only" />
      {meta.intro && <p className="intro">{meta.intro}</p>}

      <LiveControls sessionId={sessionId} title={meta.title} />
      {room?.membership.role !== 'participant' && !entry?.joined && !isParticipantBrowser() && !access.readOnly && <ProjectorControls sessionId={sessionId} doc={doc} room={room} />}
      {room?.membership.role === 'participant' && <LiveNotice room={room} />}
      <RunSection sessionId={sessionId} doc={doc} access={access} />

      <div className="section-title">
        <h2>{t('session.groupsHeading')}</h2>
        {/* A participant syncs only their own group's board: other houses would look empty. */}
        {!ownGroup && shownGroups.length > 0 && (
          <a className="button-link" href={routeHref({ name: 'houses', sessionId })}>
            {t('houses.open')}
          </a>
        )}
      </div>
      {shownGroups.length === 0 && <NoGroups removed={tableRemoved(room?.membership ?? null, groups.map((g) => g.id)) !== null} room={room} />}
      <ul className="group-grid">
        {shownGroups.map((group) => (
          <li key={group.id}>
            <a className="group-card" href={routeHref({ name: 'board', sessionId, groupId: group.id })}>
              <span className="group-name">{group.name}</span>
              <span className="group-count">{t('library.noteCount', { count: entry?.boardNotes[group.id] ?? 0 })}</span>
              <span className="group-open">{t('session.openBoard')} →</span>
            </a>
          </li>
        ))}
      </ul>
      {!ownGroup && !entry?.joined && !isParticipantBrowser() && <RosterSection sessionId={sessionId} sessionDoc={doc} />}

      <CaseSection doc={doc} facilitator={!!entry && !entry.joined && room?.membership.role !== 'participant' && !isParticipantBrowser()} readOnly={access.readOnly} />

      <h2>{t('session.questionsHeading')}</h2>
      <dl className="questions">
        {[...template.zones].reverse().map((zone) => (
          <div key={zone.id}>
            <dt>
              {zone.label[lang]} — {zone.subtitle[lang]}
            </dt>
            <dd>{questions[zone.id]}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}

/**
 * Under the groups' heading when it has no house to show: for a participant whose table the
 * facilitator removed, that and the way to choose another; else that the session has no groups yet.
 */
function NoGroups({ removed, room }: { removed: boolean; room: LiveRoom | null }) {
  const { t } = useTranslation();
  if (!removed) return <p className="muted">{t('session.noGroups')}</p>;
  return (
    <p className="banner warning seat-removed">
      {t('session.seatRemoved')} <a href={chooseTableHref(room)}>{t('seat.choose')}</a>
    </p>
  );
}
