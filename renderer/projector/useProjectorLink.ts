import { useEffect, useState } from 'react';
import { normaliseJoinCode, type JoinAddress } from '../../shared/live';
import { fetchLiveInfo, JoinFailure, type JoinError } from '../live/joinApi';
import { enterRoom, leaveRoom, liveRoomFor, type LiveRoom } from '../live/liveRoom';
import { loadMembership, type Membership } from '../live/membership';
import { isParticipantBrowser } from '../platform/device';

/** How the room joins: the addresses to show (the likeliest first) and the code. */
export interface JoinInfo {
  readonly code: string;
  readonly addresses: readonly JoinAddress[];
}

/**
 * How this projector window follows the session:
 * - `control`: keys and clicks here choose what the projector shows (written into the session
 *   doc, so the facilitator's window shows the same choice). Only on the facilitator's computer.
 * - `join`: what the welcome view shows; null when the session is not live.
 * - `room`: the live room this window joined itself (a projector on another computer); null on
 *   the facilitator's computer, whose windows share every doc (renderer/docs/windowLink.ts).
 * - `error`: why joining failed (join.errors.<reason>).
 */
export interface ProjectorLink {
  readonly control: boolean;
  readonly join: JoinInfo | null;
  readonly room: LiveRoom | null;
  readonly error: JoinError | 'otherSession' | null;
}

/** How often the facilitator's computer looks again at its saved membership (a new code, a stop). */
const MEMBERSHIP_EVERY_MS = 3000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host's address as a join address: its kind is known only for loopback. */
function hostAddress(url: string): JoinAddress {
  const loopback = LOOPBACK_HOSTS.has(new URL(url).hostname);
  return { url, interfaceName: '', kind: loopback ? 'loopback' : 'other' };
}

/** What a saved membership says the room should be shown to join. */
export function joinInfoOf(membership: Membership | null): JoinInfo | null {
  if (!membership) return null;
  const addresses = membership.role === 'facilitator' && membership.joinAddresses.length > 0 ? membership.joinAddresses : [hostAddress(membership.hostUrl)];
  return { code: membership.code, addresses };
}

/**
 * The projector of `sessionId`. `token`: the projector's (from the facilitator's link). Without `code` it is a window of the facilitator's own app (opened
 * with "Projector openen"): it reads the docs this computer keeps, kept live by the facilitator's
 * window. With `code` it is another computer (the room's own PC at the projector, say), which
 * joins the live session at the host that served this page, as a projector: it follows every doc
 * over the host's relay and writes nothing.
 */
export function useProjectorLink(sessionId: string, code: string | undefined, token?: string): ProjectorLink {
  const [link, setLink] = useState<ProjectorLink>({ control: false, join: null, room: null, error: null });
  const joinCode = code ? normaliseJoinCode(code) : null;

  useEffect(() => {
    if (code === undefined) return;
    let alive = true;
    const hostUrl = window.location.origin;
    const join = async () => {
      if (!joinCode) throw new JoinFailure('code');
      const info = await fetchLiveInfo(hostUrl, joinCode);
      if (info.sessionId !== sessionId) return setLink((l) => ({ ...l, error: 'otherSession' }));
      const membership: Membership = { sessionId, role: 'projector', hostUrl, code: joinCode, ...(token ? { token } : {}), joinAddresses: [], colour: '#000000' };
      const room = liveRoomFor(sessionId)?.membership.role === 'projector' ? liveRoomFor(sessionId)! : await enterRoom(membership);
      if (alive) setLink({ control: false, join: { code: joinCode, addresses: [hostAddress(hostUrl)] }, room, error: null });
    };
    join().catch((error: unknown) => alive && setLink((l) => ({ ...l, error: error instanceof JoinFailure ? error.reason : 'unreachable' })));
    return () => {
      alive = false;
      if (liveRoomFor(sessionId)?.membership.role === 'projector') leaveRoom(sessionId);
    };
  }, [sessionId, code, joinCode, token]);

  useEffect(() => {
    if (code !== undefined) return;
    let alive = true;
    const look = () =>
      void loadMembership(sessionId).then(
        (membership) => {
          if (!alive) return;
          const control = membership?.role !== 'participant' && !isParticipantBrowser();
          const join = joinInfoOf(membership);
          setLink((l) => (l.control === control && JSON.stringify(l.join) === JSON.stringify(join) ? l : { control, join, room: null, error: null }));
        },
        () => {},
      );
    look();
    const timer = setInterval(look, MEMBERSHIP_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [sessionId, code]);

  return link;
}
