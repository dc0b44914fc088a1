import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { boardDocName } from '../../shared/schema/docNames';
import type { Byline } from '../board/commands';
import type { BoardPresence } from '../board/PresenceLayer';
import type { LiveRoom } from '../live/liveRoom';
import { presenceUser } from '../live/liveRoom';
import { useAwareness, useLiveSnapshot } from '../live/useLive';
import { useLocalPresence, usePresence, type RemotePresence } from '../live/usePresence';

/** Who writes a note added here: a participant's name and domain, if they gave them. */
export function useByline(room: LiveRoom | null): Byline {
  const author = room?.membership.role === 'participant' ? room.membership : null;
  return useMemo(
    () => ({ ...(author?.name ? { author: author.name } : {}), ...(author?.domain ? { domain: author.domain } : {}) }),
    [author],
  );
}

/**
 * A board in a live session: who else is on it (their pointers, the notes they type in), and this
 * person shown to them while they are here. All of it null or empty when the session is not live.
 * The board itself (renderer/board) knows nothing of the live room: it is given what to show.
 */
export function useBoardLive(room: LiveRoom | null, sessionId: string, groupId: string, editingId: string | null) {
  const { t } = useTranslation();
  const live = useLiveSnapshot(room);
  const awareness = useAwareness(room, boardDocName(sessionId, groupId));
  const others: RemotePresence[] = usePresence(awareness);
  const me = useMemo(() => (room ? presenceUser(room.membership) : null), [room]);
  const shareCursor = useLocalPresence(awareness, editingId, me);
  const presence = useMemo<BoardPresence>(
    () => ({
      cursors: others.flatMap((o) =>
        o.cursor ? [{ id: o.clientId, x: o.cursor.x, y: o.cursor.y, colour: o.user.colour, name: o.user.name }] : [],
      ),
      editing: others.flatMap((o) => (o.editing ? [{ noteId: o.editing, colour: o.user.colour, name: o.user.name || t('live.anonymous') }] : [])),
    }),
    [others, t],
  );
  /** Notes others are typing in right now: note id → their name. */
  const editingBy = useMemo(() => new Map(presence.editing.map((e) => [e.noteId, e.name])), [presence]);
  return { live, others, presence, editingBy, shareCursor };
}
