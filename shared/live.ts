import { z } from 'zod';
import { ID_PATTERN } from './ids';
export { isDocOfSession } from './schema/docNames';

/**
 * The wire vocabulary of a live session on the venue's LAN. The facilitator's app runs the host
 * (electron/host): one port serves the renderer, the y-webrtc signaling socket and the Yjs relay
 * socket. Everything that is not the static renderer requires the session's join code.
 */
export const LIVE_PROTOCOL_VERSION = 2;
/**
 * Query parameter with the client's LIVE_PROTOCOL_VERSION, on every socket and on `/api/live`. A
 * host admits only its own version and refuses others with `other-version`, so that a laptop with
 * an older or newer app hears why instead of syncing docs it cannot read (or writing into them).
 * Apps before this parameter sent none; they spoke version 1 (UNVERSIONED_PROTOCOL).
 * Bump LIVE_PROTOCOL_VERSION whenever a doc kind's version goes up (docVersion.ts): an app that
 * does not know a doc's version must not be in the same live session as one that writes it.
 * Version 2: roles (a token per laptop, TOKEN_PARAM; JOIN_PATH).
 */
export const VERSION_PARAM = 'v';
export const UNVERSIONED_PROTOCOL = 1;

/** The protocol version a request presents in VERSION_PARAM; null when it is not a version at all. */
export function presentedProtocol(value: string | null): number | null {
  if (value === null) return UNVERSIONED_PROTOCOL;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/**
 * Close codes with which the relay ends a socket for a reason the laptop must show (4400–4499:
 * y-websocket does not reconnect after those, and emits `closed` with the code and reason).
 * - `docTooNew` (reason `doc-too-new`): the doc has a version this host's app does not know (it was
 *   written by a newer Bouwplaats); the host keeps it but neither relays it nor writes into it.
 * - `resync` (1012, "service restart"): the host held updates back while its disk refused them and
 *   has stored them now; the laptop reconnects by itself and the fresh sync carries them.
 * - `docFull` (4413, reason in Dutch): the doc, or the whole session, holds as many bytes as the host
 *   keeps for it (issue 10, item 2: HostTuning.maxDocBytes / maxSessionBytes) and this laptop sent
 *   something that would add to it. What the doc holds stays; the laptop keeps what it wrote, and
 *   WebRTC still carries it to the others. Only someone filling a doc on purpose gets here.
 * - `notAllowed` (reason `not-allowed`): the laptop's token no longer lets it read the doc (another
 *   group's board once following the projector ended); the laptop lets the doc go.
 */
export const RELAY_CLOSE = { docTooNew: 4426, resync: 1012, docFull: 4413, notAllowed: 4403 } as const;
export const RELAY_CLOSE_REASON = {
  docTooNew: 'doc-too-new',
  resync: 'resync',
  docFull: 'Dit document is vol: de host bewaart er niets nieuws meer in.',
  sessionFull: 'Deze sessie is vol: de host bewaart er niets nieuws meer in.',
  notAllowed: 'not-allowed',
} as const;

/** y-webrtc signaling (its own JSON protocol: subscribe / unsubscribe / publish / ping). */
export const SIGNALING_PATH = '/signal';
/** Yjs relay, y-websocket protocol: `/sync/<doc name>`; the host keeps every doc on disk. */
export const SYNC_PATH_PREFIX = '/sync/';
/** GET `?code=…`: the live session's public info, or 403 for a wrong code. */
export const LIVE_INFO_PATH = '/api/live';
/**
 * GET `?code=…&v=…`: the host's clock, `{ now }` in ms since 1970 (TimeAnswerSchema), admitted as
 * `/api/live` is. A laptop takes a few samples at join and reconnect (shared/clock.ts): the timer's
 * end time in the session doc is on the facilitator's clock, which is the host's.
 */
export const TIME_PATH = '/api/time';
export const TimeAnswerSchema = z.object({ now: z.number().finite().nonnegative() });
export type TimeAnswer = z.infer<typeof TimeAnswerSchema>;
/**
 * POST, JSON (LiveControlRequest): starts or stops hosting. The host answers only requests from its
 * own machine (loopback address, and the host's own origin when the browser sends one).
 */
export const LIVE_CONTROL_PATH = '/api/live/control';
/** Query parameter that carries the join code on every socket and API call. */
export const CODE_PARAM = 'code';
/**
 * Query parameter with this laptop's token (what it may read and write, electron/host/roles.ts),
 * next to the code on every socket and on `/api/live`. Without one a laptop is a guest: it may
 * read the session doc and the room doc, and nothing else.
 */
export const TOKEN_PARAM = 'token';
/**
 * POST `?code=…&v=…`, JSON JoinRequest: a participant takes a seat at a group's table and gets the
 * token for it (JoinAnswer); 404 `no-such-group` when the session has no such group.
 */
export const JOIN_PATH = '/api/join';
export const TokenSchema = z.string().min(1).max(120);
export const JoinRequestSchema = z.object({ groupId: z.string().regex(ID_PATTERN) });
export type JoinRequest = z.infer<typeof JoinRequestSchema>;
export const JoinAnswerSchema = z.object({ token: TokenSchema, role: z.literal('participant'), groupId: z.string().regex(ID_PATTERN) });
export type JoinAnswer = z.infer<typeof JoinAnswerSchema>;

/** No 0/O, 1/I/L: a code read aloud or copied from a projector must not be ambiguous. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** "abc-def", " ABC DEF " → "ABCDEF"; null when it cannot be a join code. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** "ABCDEF" → "ABC-DEF", as shown on the projector. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What the host allows each socket: a flood or a giant frame must not take the room down. */
export const LIVE_LIMITS = {
  /** Largest signaling frame (an SDP offer is a few KB). */
  maxSignalingMessageBytes: 64 * 1024,
  /** Largest relay frame (a whole board's first sync fits easily). */
  maxSyncMessageBytes: 4 * 1024 * 1024,
  maxTopicsPerClient: 64,
  /** Messages per second per socket, averaged over a short window; beyond it the socket is closed. */
  maxMessagesPerSecond: 300,
  maxClients: 500,
  /** Boards (groups) per session; the session doc and the room doc come on top. */
  maxDocsPerSession: 64,
} as const;

export const LiveInfoSchema = z.object({
  version: z.literal(LIVE_PROTOCOL_VERSION),
  sessionId: z.string().regex(ID_PATTERN),
  title: z.string().max(200),
});
export type LiveInfo = z.infer<typeof LiveInfoSchema>;

/**
 * Why the host refused a code or a socket, in the JSON body of a 403/404/410/429 (`{ error, reason }`).
 * A participant's laptop reads it to tell its user what is wrong instead of retrying forever:
 * - `wrong-code`: this code never belonged to a session on this host (a typo or a guess; counted).
 * - `not-live`: the code belongs to a session that is not live right now (the facilitator stopped
 *   hosting, or hosts another session); it works again once that session is live again.
 * - `code-replaced`: the facilitator gave the session a new code; the old one will not work again.
 * - `too-many-attempts`: this address typed wrong codes too often; wait a minute.
 * - `other-version`: the laptop's app speaks another LIVE_PROTOCOL_VERSION than the host's (an
 *   older or newer Bouwplaats); one of the two must be updated (HTTP 426). Checked before the code.
 * - `bad-token`: the code is right but the laptop's token is not one of this session's (the host
 *   lost its keys): the laptop takes a new seat (POST JOIN_PATH).
 * - `no-such-group`: (JOIN_PATH) the session has no such group (it was removed).
 */
export const LIVE_REFUSALS = ['wrong-code', 'not-live', 'code-replaced', 'too-many-attempts', 'other-version', 'bad-token', 'no-such-group'] as const;
export type LiveRefusal = (typeof LIVE_REFUSALS)[number];
export const LiveRefusalSchema = z.object({ error: z.string().max(500), reason: z.enum(LIVE_REFUSALS) });

export const LiveControlRequestSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('start'),
    sessionId: z.string().regex(ID_PATTERN),
    title: z.string().max(200),
    /** Resume with the code the room already has (after a restart of the facilitator's app). */
    code: z.string().max(16).optional(),
    /**
     * Give the session a fresh code (the old one is refused from then on with `code-replaced`).
     * Without it a session keeps the code it had the last time it was live on this host.
     */
    newCode: z.boolean().optional(),
    /** End another session that is live on this host first (its laptops can no longer sync). */
    replace: z.boolean().optional(),
  }),
  z.object({ action: z.literal('stop') }),
  z.object({
    /**
     * Delete the host's copy of a session (it was deleted on the facilitator's computer): its docs
     * on disk and its code. With `groupIds`, only those groups' boards (the groups were removed),
     * also while the session is live. The whole session while it is live is refused (409).
     */
    action: z.literal('forget'),
    sessionId: z.string().regex(ID_PATTERN),
    groupIds: z.array(z.string().regex(ID_PATTERN)).max(LIVE_LIMITS.maxDocsPerSession).optional(),
  }),
]);
export type LiveControlRequest = z.infer<typeof LiveControlRequestSchema>;

/**
 * What kind of network an address is on, as far as the interface's name and address tell:
 * `wifi` and `wired` are what a room's laptops can usually reach; `virtual` (Docker, VirtualBox,
 * Hyper-V, WSL) and `vpn` (WireGuard, Tailscale, tun/tap) almost never; `link-local` (169.254.x.x)
 * only when there is no DHCP; `loopback` only this machine.
 */
export const ADDRESS_KINDS = ['wifi', 'wired', 'other', 'vpn', 'virtual', 'link-local', 'loopback'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

/** One address at which participants may reach the host, with the interface it belongs to. */
export const JoinAddressSchema = z.object({
  url: z.string().url(),
  /** The interface's name as the operating system gives it ("wlp2s0", "Wi-Fi", "en0"); '' unknown. */
  interfaceName: z.string().max(100),
  kind: z.enum(ADDRESS_KINDS),
});
export type JoinAddress = z.infer<typeof JoinAddressSchema>;

/** True when no other laptop can use any of these addresses (the host listens on loopback only). */
export function onlyThisMachine(addresses: readonly JoinAddress[]): boolean {
  return addresses.every((a) => a.kind === 'loopback');
}

/** The answer to `start` (`stop` answers 204): what the facilitator shows the room. */
export const LiveStartedSchema = z.object({
  /** Normalised ("ABCDEF"); show it with formatJoinCode. */
  code: z.string().length(JOIN_CODE_LENGTH),
  /**
   * Join addresses, the likeliest first (the room's Wi-Fi before wired, VPN and virtual adapters):
   * every LAN interface of the host, or its own loopback address when it listens on loopback only.
   */
  addresses: z.array(JoinAddressSchema).min(1).max(16),
  info: LiveInfoSchema,
  /** Devices connected to the session right now (RelayStats.devices: one per laptop, this app included). */
  connected: z.number().int().nonnegative(),
  /** The host's disk refuses writes (full?): it holds back what the room writes until it takes them. */
  storageFailing: z.boolean().optional(),
  /**
   * A doc, or the whole session, holds all the host keeps for it (HostTuning.maxDocBytes,
   * maxSessionBytes): the host takes nothing more there; what it holds is kept.
   */
  storageFull: z.boolean().optional(),
  /** The facilitator's token (TOKEN_PARAM): everything, for the app that hosts. */
  token: TokenSchema,
  /** A projector's token: reads every doc, writes nothing (for a projector on another computer). */
  projectorToken: TokenSchema,
});

/** The 409 answer to `start` while another session is live on the host: which one. */
export const LiveBusySchema = z.object({ error: z.string().max(500), live: LiveInfoSchema.pick({ sessionId: true, title: true }) });
export type LiveStarted = z.infer<typeof LiveStartedSchema>;

/** y-webrtc's signaling messages, as our host accepts them. */
export const SignalingMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(z.string().min(1).max(200)).max(LIVE_LIMITS.maxTopicsPerClient) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.string().min(1).max(200)).max(LIVE_LIMITS.maxTopicsPerClient) }),
  z.object({ type: z.literal('publish'), topic: z.string().min(1).max(200) }).passthrough(),
  z.object({ type: z.literal('ping') }),
]);
export type SignalingMessage = z.infer<typeof SignalingMessageSchema>;

/** Who is at the table (seed 000: education is often missing — so domains matter). */
export const DOMAINS = [
  'gezin',
  'school',
  'vrije-tijd',
  'lokaal-team',
  'zorgaanbieder',
  'ouder-ervaringsdeskundige',
  'beleid',
  'anders',
] as const;
export type Domain = (typeof DOMAINS)[number];
