import { CODE_PARAM, LIVE_PROTOCOL_VERSION, VERSION_PARAM } from '../../shared/live';
import type { Transport } from '../../renderer/live/transport';

/**
 * How a drill peer reaches the host: the ONE place that knows the connection parameters (join code,
 * protocol version, and — once roles land (ROLES-SPEC.md) — the participant's token from
 * POST /api/join). Every Node peer, the bench's Node senders and the harness's own read-only relay
 * peers get their parameters here, so a change of the wire contract is a change of this file.
 */

/** Who a peer is to the host: a participant of one group, or a guest that only reads the session doc. */
export type DrillRole = { readonly kind: 'participant'; readonly groupId: string } | { readonly kind: 'guest' };

/** What a peer needs to connect its docs: the transports as the app builds them, and the URL params. */
export interface DrillAccess {
  /** Its own group's board: WebRTC with the group's other laptops plus the host's relay. */
  readonly board: Transport;
  /** The session doc (read-only for participants): the host's relay only, as ROLES-SPEC.md has it. */
  readonly session: Transport;
  /** Query parameters of a raw relay socket or API call (relayPeer, /api/live). */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The transports and parameters of a peer with `role` on the host at `hostUrl` with join `code`.
 * Today: `?code=C&v=1` on every socket (connectDoc adds the version itself). Async because the
 * participant token will come from `POST /api/join` (ROLES-SPEC.md).
 */
export async function drillAccess(hostUrl: string, code: string, _role: DrillRole): Promise<DrillAccess> {
  const lan: Transport = { kind: 'lan', hostUrl, code };
  return {
    board: lan,
    session: { ...lan, direct: false },
    params: { [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION) },
  };
}

/** A laptop's name in its host address (laptopHostUrl): `laptop-<group>-<seat>`. */
export const LAPTOP_NAME = /^laptop-(\d{1,3})-(\d{1,3})$/;

/**
 * The host's address as laptop `seat` of group `group` (both 1-based, ≤ 254) uses it: with its name
 * as user info, so that its sockets' URLs are its own (see nodeLaptop.ts, which takes the name off
 * again and connects from 127.0.<group>.<seat>).
 */
export function laptopHostUrl(hostUrl: string, group: number, seat: number): string {
  const url = new URL(hostUrl);
  url.username = `laptop-${group}-${seat}`;
  return url.toString().replace(/\/$/, '');
}
