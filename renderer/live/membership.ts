import { z } from 'zod';
import { DOMAINS, JoinAddressSchema, TokenSchema } from '../../shared/live';
import { ID_PATTERN, newId } from '../../shared/ids';
import { kvGet, kvSet } from '../platform/kvStore';

/** How this device takes part in a live session; kept so a reload or restart rejoins by itself. */
export const MembershipSchema = z.object({
  sessionId: z.string().regex(ID_PATTERN),
  /**
   * `projector`: a computer that only shows the session on the projector (the route
   * #/projector/<session>/<code>); it follows every doc over the host's relay, shows no presence,
   * writes nothing, and is never saved (the address carries the code).
   */
  role: z.enum(['facilitator', 'participant', 'projector']),
  hostUrl: z.string().url(),
  code: z.string().min(1).max(16),
  /**
   * What the host lets this device read and write (electron/host/roles.ts): the facilitator's from
   * starting to host, a participant's from taking a seat at a group (POST /api/join), a projector's
   * from the facilitator's link. Absent (an app from before roles, or a participant still choosing
   * a group): a guest, who may only read the session doc and the room doc.
   */
  token: TokenSchema.optional(),
  /** The facilitator's: the token a projector on another computer gets in its link. */
  projectorToken: TokenSchema.optional(),
  /**
   * The addresses the facilitator shows the room (facilitator only), the likeliest first. Older
   * apps kept bare URLs: they read as addresses of unknown kind.
   */
  joinAddresses: z
    .array(z.union([JoinAddressSchema, z.string().url().transform((url) => ({ url, interfaceName: '', kind: 'other' as const }))]))
    .max(16)
    .default([]),
  groupId: z.string().regex(ID_PATTERN).optional(),
  /**
   * A participant's id in the room doc's roster: made when this device first joins the session and
   * kept with it, so a reload, a rejoin or a change of table updates the same record.
   */
  participantId: z.string().regex(ID_PATTERN).optional(),
  name: z.string().trim().max(80).optional(),
  domain: z.enum(DOMAINS).optional(),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
});
export type Membership = z.infer<typeof MembershipSchema>;

const key = (sessionId: string) => `live:${sessionId}`;

/**
 * How this device takes part in `sessionId`, or null. A participant's membership saved by an older
 * app gets its roster id here, once, and keeps it.
 */
export async function loadMembership(sessionId: string): Promise<Membership | null> {
  const parsed = MembershipSchema.safeParse(await kvGet(key(sessionId)).catch(() => undefined));
  if (!parsed.success) return null;
  const membership = parsed.data;
  if (membership.role !== 'participant' || membership.participantId) return membership;
  const withId = { ...membership, participantId: newId() };
  await saveMembership(withId).catch(() => {});
  return withId;
}

export async function saveMembership(membership: Membership): Promise<void> {
  await kvSet(key(membership.sessionId), MembershipSchema.parse(membership));
  tellOtherWindows(membership.sessionId);
}

export async function clearMembership(sessionId: string): Promise<void> {
  await kvSet(key(sessionId), null);
  tellOtherWindows(sessionId);
}

/**
 * The app's other windows and tabs on this device (same origin) hear of every saved or cleared
 * membership, by session id: a tab left open on a table's board must not go on writing there with
 * a seat the person has given up in another tab (issue 10, tester). A BroadcastChannel does not
 * deliver to itself, so this window hears only the others.
 */
const MEMBERSHIP_CHANNEL = 'bouwplaats:membership';
let channel: BroadcastChannel | null | undefined;

function membershipChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(MEMBERSHIP_CHANNEL) : null;
  return channel;
}

function tellOtherWindows(sessionId: string): void {
  membershipChannel()?.postMessage({ sessionId });
}

/** Calls `listener(sessionId)` whenever another window of this app saved or cleared that session's membership. */
export function onMembershipElsewhere(listener: (sessionId: string) => void): () => void {
  const ch = membershipChannel();
  if (!ch) return () => {};
  const onMessage = (event: MessageEvent) => {
    const sessionId = (event.data as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId === 'string' && ID_PATTERN.test(sessionId)) listener(sessionId);
  };
  ch.addEventListener('message', onMessage);
  return () => ch.removeEventListener('message', onMessage);
}

/** Presence colours: distinct, readable on the house's pastel zones. */
export const PRESENCE_COLOURS = ['#d81b60', '#1e88e5', '#43a047', '#f4511e', '#8e24aa', '#00897b', '#6d4c41', '#3949ab'];

export function randomPresenceColour(): string {
  return PRESENCE_COLOURS[Math.floor(Math.random() * PRESENCE_COLOURS.length)]!;
}
