import { useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readRun } from '../../shared/schema/agenda';
import { roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { useDocValue, useStoredDoc } from '../hooks';
import { liveRoomFor, onRoomsChange, type LiveRoom } from '../live/liveRoom';
import { ProjectorStage } from './ProjectorStage';
import { joinInfoOf } from './useProjectorLink';

const readFollow = (doc: Y.Doc) => readRun(doc).follow;

/**
 * "Volg het scherm": while the facilitator has it on (run.follow), a participant's laptop shows
 * what the projector shows, read-only, with a line that says why, instead of the screen it was on
 * (`children`); when it is turned off, that screen comes back. The live room watches the other
 * groups' boards meanwhile, so the wall is complete (see LiveRoom). The facilitator's own windows
 * are never taken over.
 */
export function FollowGate({ sessionId, children }: { sessionId: string; children: ReactNode }) {
  const room = useSyncExternalStore(onRoomsChange, () => liveRoomFor(sessionId));
  if (room?.membership.role !== 'participant') return children;
  return (
    <ParticipantFollow sessionId={sessionId} room={room}>
      {children}
    </ParticipantFollow>
  );
}

function ParticipantFollow({ sessionId, room, children }: { sessionId: string; room: LiveRoom; children: ReactNode }) {
  const session = useStoredDoc(sessionDocName(sessionId));
  if (session.state !== 'ready') return children;
  return (
    <FollowWhenAsked sessionId={sessionId} session={session.stored.doc} room={room}>
      {children}
    </FollowWhenAsked>
  );
}

function FollowWhenAsked({ sessionId, session, room, children }: { sessionId: string; session: Y.Doc; room: LiveRoom; children: ReactNode }) {
  const follow = useDocValue(session, readFollow);
  if (!follow) return children;
  return <FollowScreen sessionId={sessionId} session={session} room={room} />;
}

function FollowScreen({ sessionId, session, room }: { sessionId: string; session: Y.Doc; room: LiveRoom }) {
  const { t } = useTranslation();
  const roomDoc = useStoredDoc(roomDocName(sessionId));
  if (roomDoc.state !== 'ready') return <div className="projector" aria-busy="true" />;
  return (
    <ProjectorStage
      sessionId={sessionId}
      session={session}
      room={roomDoc.stored.doc}
      join={joinInfoOf(room.membership)}
      choose={null}
      lead={
        <p className="follow-line" role="status">
          {t('projector.followLine')}
        </p>
      }
    />
  );
}
