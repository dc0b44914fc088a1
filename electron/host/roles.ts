import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ID_PATTERN } from '../../shared/ids';
import type { DocRef } from '../../shared/schema/docNames';

/**
 * Who a socket speaks for, and what it may do with each doc (DESIGN.md, "Data: … roles"; issue 10,
 * item 1: with only the join code, a participant could read and overwrite other groups' boards and
 * write the session doc). The host enforces this, not only the UI:
 *
 * | doc              | facilitator | projector | participant of group g             | guest (code only) |
 * |------------------|-------------|-----------|------------------------------------|-------------------|
 * | session          | read, write | read      | read                               | read              |
 * | room             | read, write | read      | read, write                        | read              |
 * | board/g          | read, write | read      | read, write                        | —                 |
 * | board/other      | read, write | read      | read while everyone follows the    | —                 |
 * |                  |             |           | projector (session doc run.follow) |                   |
 *
 * Boards only of groups that exist in the session doc (the facilitator may open any: it creates
 * them). WebRTC rooms (signaling topics): a participant only its own group's board; no projector
 * or guest (a peer on WebRTC cannot be stopped from writing, so a doc someone may only read never
 * goes there). The facilitator's app joins no mesh either: it runs on the host's machine and
 * follows every doc through the local relay, so its connections stay flat as the room grows.
 *
 * Tokens: `<role>.<groupId>.<nonce>.<mac>`, the MAC an HMAC-SHA256 (first 16 bytes, base64url)
 * over the rest and the session's join code, keyed with the session's secret (CodeBook keeps it in
 * the data dir, so a restarted host still reads the tokens it gave out). A new code ends every
 * token of the old one. The nonce tells one laptop's sockets from another's (per-client shares).
 */

export type Role = 'facilitator' | 'projector' | 'participant' | 'guest';

/** What a socket may do: its role, its group (participants), and which laptop it is. */
export interface Access {
  readonly role: Role;
  /** A participant's group (ID_PATTERN). */
  readonly groupId?: string;
  /** The token's nonce (one per join); '' for a guest. */
  readonly client: string;
}

/** What the host knows of the session doc when it decides (the groups, and whether all follow). */
export interface SessionView {
  hasGroup(groupId: string): boolean;
  readonly follow: boolean;
}

export const GUEST: Access = { role: 'guest', client: '' };

const ROLE_LETTER: Record<Exclude<Role, 'guest'>, string> = { facilitator: 'f', projector: 'p', participant: 'g' };
const LETTER_ROLE = new Map(Object.entries(ROLE_LETTER).map(([role, letter]) => [letter, role as Exclude<Role, 'guest'>]));
const NONCE = /^[A-Za-z0-9_-]{16}$/;
const MAC_BYTES = 16;

/** Gives out and reads the tokens of one session with one join code. */
export class TokenMint {
  constructor(
    private readonly secret: Buffer,
    private readonly code: string,
  ) {
    if (secret.length < 16) throw new RangeError('token secret too short');
  }

  /** A fresh token. Throws a RangeError for a participant without a valid group id. */
  issue(role: Exclude<Role, 'guest'>, groupId?: string): string {
    if (role === 'participant' ? !groupId || !ID_PATTERN.test(groupId) : groupId !== undefined) throw new RangeError('a participant token needs its group, others none');
    const body = `${ROLE_LETTER[role]}.${groupId ?? ''}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** What a presented token allows; null when it is not one of ours (forged, another code, garbage). */
  read(token: string | null): Access | null {
    if (token === null || token.length > 120) return null;
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [letter = '', groupId = '', nonce = '', mac = ''] = parts;
    const role = LETTER_ROLE.get(letter);
    if (!role || !NONCE.test(nonce)) return null;
    if (role === 'participant' ? !ID_PATTERN.test(groupId) : groupId !== '') return null;
    const expected = Buffer.from(this.mac(`${letter}.${groupId}.${nonce}`));
    const presented = Buffer.from(mac);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    return role === 'participant' ? { role, groupId, client: nonce } : { role, client: nonce };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`${this.code}\n${body}`).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}

/** A new random secret for a session's tokens (32 bytes, base64url as CodeBook keeps it). */
export function newTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** May `access` sync (read) this doc? */
export function mayRead(access: Access, doc: DocRef, session: SessionView): boolean {
  if (access.role === 'facilitator' || access.role === 'projector') return true;
  if (doc.kind !== 'board') return true;
  if (access.role !== 'participant' || !session.hasGroup(doc.groupId)) return false;
  return doc.groupId === access.groupId || session.follow;
}

/** May `access` change this doc? (Reading is checked first, with mayRead.) */
export function mayWrite(access: Access, doc: DocRef): boolean {
  if (access.role === 'facilitator') return true;
  if (access.role !== 'participant') return false;
  return doc.kind === 'room' || (doc.kind === 'board' && doc.groupId === access.groupId);
}

/**
 * May `access` be in this doc's WebRTC room (signaling topic)? A participant only on its own board;
 * the facilitator anywhere (trusted; its app uses none: it runs on the host's machine).
 */
export function mayMeet(access: Access, doc: DocRef, session: SessionView): boolean {
  if (access.role === 'facilitator') return true;
  return access.role === 'participant' && doc.kind === 'board' && doc.groupId === access.groupId && session.hasGroup(doc.groupId);
}

/**
 * May a socket with `access` give a presence state saying `user` (the `user` of a y-protocols
 * awareness state, as renderer/live/liveRoom.ts PresenceUser sets it)? Nobody may claim to be the
 * facilitator but the facilitator, nor a group that is not theirs; a projector shows no presence.
 */
export function mayClaim(access: Access, user: unknown): boolean {
  if (access.role === 'facilitator') return true;
  if (access.role === 'projector') return false;
  if (user === undefined || user === null) return true;
  if (typeof user !== 'object') return false;
  const { role, groupId } = user as { role?: unknown; groupId?: unknown };
  if (role !== undefined && role !== 'participant') return false;
  if (groupId === undefined) return true;
  return access.role === 'participant' && groupId === access.groupId;
}
