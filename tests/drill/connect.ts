import { joinGroup } from '../../renderer/live/joinApi';
import type { Transport } from '../../renderer/live/transport';

/**
 * How a drill laptop reaches the host: the ONE place that knows the connection parameters (join
 * code, protocol version, token). Every Node laptop of the drill and the bench's Node senders get
 * theirs here, so a change of the wire contract is a change of this file.
 */

/**
 * Who a laptop is to the host: a participant of one group (it takes a seat with POST /api/join, as
 * the join screen does), a laptop holding a token it was given (the bench's senders hold the
 * facilitator's), or a guest with the code alone (it may read the session and room docs).
 */
export type DrillRole = { readonly kind: 'participant'; readonly groupId: string } | { readonly kind: 'token'; readonly token: string } | { readonly kind: 'guest' };

/**
 * What a laptop needs to connect its docs: the transports as the app builds them (connectDoc puts
 * code, version and token on every socket).
 */
export interface DrillAccess {
  /** Its own group's board: WebRTC with the group's other laptops plus the host's relay. */
  readonly board: Transport;
  /** The session doc (read-only for participants): the host's relay only, as the app connects it. */
  readonly session: Transport;
}

/**
 * The transports of a laptop with `role` on the host at `hostUrl` (a laptop's own address,
 * laptopHostUrl) with join `code`: `?code=C&v=2&token=T` on every socket. A participant's token
 * comes from the app's own joinGroup (renderer/live/joinApi.ts). Throws the app's JoinFailure when
 * the host refuses.
 */
export async function drillAccess(hostUrl: string, code: string, role: DrillRole): Promise<DrillAccess> {
  const token = role.kind === 'participant' ? await joinGroup(withoutLaptopName(hostUrl), code, role.groupId) : role.kind === 'token' ? role.token : undefined;
  const lan: Transport = { kind: 'lan', hostUrl, code, ...(token ? { token } : {}) };
  return { board: { ...lan, direct: true }, session: lan };
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

/** fetch refuses a URL with user info: the plain host address for HTTP calls. */
function withoutLaptopName(hostUrl: string): string {
  const url = new URL(hostUrl);
  url.username = '';
  return url.origin;
}
