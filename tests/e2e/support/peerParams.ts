import { CODE_PARAM, LIVE_PROTOCOL_VERSION, VERSION_PARAM } from '../../../shared/live';
import { parseDocName } from '../../../shared/schema/docNames';

/**
 * Who a Node peer is to the host: the facilitator (every doc), or a participant of one group (its
 * board, the room doc; the session doc read-only). Today the host admits everyone by the session's
 * code alone; with the roles on the LAN host (ROLES-SPEC.md) each gets a token bound to this.
 */
export type PeerRole = { readonly role: 'facilitator' } | { readonly role: 'participant'; readonly groupId: string };

/** The role a peer on `docName` takes when its test does not say: a board's group, else the facilitator. */
export function roleForDoc(docName: string): PeerRole {
  const ref = parseDocName(docName);
  return ref?.kind === 'board' ? { role: 'participant', groupId: ref.groupId } : { role: 'facilitator' };
}

/**
 * The query parameters a Node peer presents on every socket of the live host at `hostUrl`
 * (`/sync/<doc>`, `/signal`) and on `GET /api/live`, as the app does. The one place that knows the
 * wire contract of admission: when the host binds tokens to roles, this function asks for one
 * (`POST /api/join` for a participant) and adds it here, and every drill and test follows.
 */
export async function peerParams(hostUrl: string, code: string, as: PeerRole): Promise<Record<string, string>> {
  void hostUrl;
  void as;
  return { [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION) };
}
