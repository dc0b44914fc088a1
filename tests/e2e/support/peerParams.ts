import { CODE_PARAM, LIVE_INFO_PATH, LIVE_PROTOCOL_VERSION, LiveInfoSchema, TOKEN_PARAM, VERSION_PARAM } from '../../../shared/live';
import { facilitatorToken, participantToken } from './relayPeer';
import { parseDocName } from '../../../shared/schema/docNames';

/**
 * Who a Node peer is to the host: the facilitator (every doc), or a participant of one group (its
 * board, the room doc; the session doc read-only); each gets a token bound to this (peerParams).
 */
export type PeerRole = { readonly role: 'facilitator' } | { readonly role: 'participant'; readonly groupId: string };

/** The role a peer on `docName` takes when its test does not say: a board's group, else the facilitator. */
export function roleForDoc(docName: string): PeerRole {
  const ref = parseDocName(docName);
  return ref?.kind === 'board' ? { role: 'participant', groupId: ref.groupId } : { role: 'facilitator' };
}

/**
 * The query parameters a Node peer presents on every socket of the live host at `hostUrl`
 * (`/sync/<doc>`, `/signal`) and on `GET /api/live`, as the app does: the code, the protocol
 * version and a token for `as` (roles, electron/host/roles.ts) — a participant takes a seat at its
 * group (`POST /api/join`), the facilitator's is asked from the host's control route (this machine
 * only), as the facilitator's app gets it. The one place that knows the wire contract of admission.
 */
export async function peerParams(hostUrl: string, code: string, as: PeerRole): Promise<Record<string, string>> {
  const token = as.role === 'participant' ? await participantToken(hostUrl, code, as.groupId) : await facilitatorOf(hostUrl, code);
  return { [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: token };
}

/** The facilitator's token of the session live at `hostUrl` with `code` (its id and title from /api/live). */
async function facilitatorOf(hostUrl: string, code: string): Promise<string> {
  const address = new URL(LIVE_INFO_PATH, hostUrl);
  address.search = new URLSearchParams({ [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION) }).toString();
  const response = await fetch(address);
  if (!response.ok) throw new Error(`live info: ${response.status}`);
  const info = LiveInfoSchema.parse(await response.json());
  return facilitatorToken(hostUrl, info.sessionId, info.title);
}
