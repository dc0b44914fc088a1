import { randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  JOIN_PATH,
  JoinRequestSchema,
  LIVE_CONTROL_PATH,
  LIVE_INFO_PATH,
  LIVE_PROTOCOL_VERSION,
  LiveControlRequestSchema,
  LiveInfoSchema,
  SIGNALING_PATH,
  SYNC_PATH_PREFIX,
  TIME_PATH,
  TOKEN_PARAM,
  VERSION_PARAM,
  normaliseJoinCode,
  presentedProtocol,
  type JoinAddress,
  type LiveInfo,
  type LiveRefusal,
  type LiveStarted,
} from '../../shared/live';
import { boardDocName, parseDocName } from '../../shared/schema/docNames';
import { CodeGuard, codeMatches, fromForeignPage, isLoopback, parseTarget, presentedCode, refuseUpgrade, remoteAddress, type ParsedTarget } from './admission';
import { CodeBook } from './codeBook';
import { forgetStoredDocs } from './docStore';
import { classifyAddress, lanJoinAddresses } from './joinAddresses';
import { DEFAULT_TUNING, type HostTuning } from './limits';
import type { ClientKeyOf } from './quota';
import { createRelay, type RelayStats } from './relay';
import { BodyTooLarge, readBody, sendJson } from './respond';
import { listensOnAllInterfaces } from './serveConfig';
import type { RunningHost, UpgradeHandler } from './server';
import { GUEST, TokenMint, mayMeet, type Access } from './roles';
import { createSignalingServer, type SignalingStats } from './signaling';

export { listStoredDocs, readStoredDoc } from './docStore';

/**
 * A live session on the LAN host. Endpoints, all on the host's one port:
 *
 *   WS   /signal?code=C&v=P&token=T     y-webrtc signaling (signaling.ts)
 *   WS   /sync/<doc name>?code=C&v=P&token=T
 *                                       Yjs relay, y-websocket protocol, docs kept on disk (relay.ts)
 *   GET  /api/live?code=C&v=P&token=T   200 LiveInfo | 403 wrong code or bad token | 404 not live |
 *                                       410 code replaced | 426 other protocol version |
 *                                       429 too many wrong codes
 *                                       (refusals carry `{ error, reason }`, LiveRefusalSchema)
 *   POST /api/join?code=C&v=P           {groupId} → 200 JoinAnswer (a participant's token for
 *                                       that group's seat) | 404 no-such-group | refused as above
 * The token (TOKEN_PARAM, optional) says what the socket may read and write (roles.ts): without
 * one it is a guest; a token that is not one of this session's is refused with `bad-token`.
 *   GET  /api/time?code=C&v=P           200 `{ now }`: the host's clock in ms (TimeAnswer), for the
 *                                       laptops' clock offset; refused as /api/live is
 * P is the client's LIVE_PROTOCOL_VERSION (absent: 1, apps before the parameter).
 *   POST /api/live/control              (installLiveControl; loopback only, see there)
 *        {action:'start', sessionId, title, code?, newCode?, replace?}
 *                                    → 200 LiveStarted | 409 LiveBusy (another session is live)
 *        {action:'stop'}                    → 204
 *        {action:'forget', sessionId, groupIds?}
 *                                    → 200 {status:'forgotten'} | 409 (the session is live)
 *   everything else under /api/         404; other paths are the renderer's static files.
 *
 * A socket without the right code never opens (HTTP 403 on the upgrade); neither does one for a
 * doc outside the session (404), nor one beyond the client or doc caps, or beyond its laptop's share
 * of sockets (503, quota.ts).
 */

export interface LiveSessionOptions {
  readonly sessionId: string;
  readonly title: string;
  /** Docs are kept in <dataDir>/<sessionId>/. */
  readonly dataDir: string;
  /** A fixed join code ("ABC-DEF" or "abcdef" are fine); a random one when absent. */
  readonly code?: string;
  readonly tuning?: Partial<HostTuning>;
  readonly warn?: (message: string) => void;
  /** Counts wrong codes per address; shared across restarts of hosting by LiveController. */
  readonly guard?: CodeGuard;
  /**
   * Why a code that is not this session's is refused, when the host once gave it out (see
   * CodeBook.refusalFor); such codes are never counted as guesses. Null: a wrong code.
   */
  readonly knownRefusal?: (presented: string | null) => 'not-live' | 'code-replaced' | null;
  /**
   * Who a socket belongs to, for the shares of sockets, unfinished messages and growth per laptop
   * (quota.ts). Default: its remote address, loopback being this machine.
   */
  readonly clientKey?: ClientKeyOf;
  /** The key of the session's tokens (CodeBook.secretFor); a random one, good for this run only, when absent. */
  readonly secret?: Buffer;
}

export interface LiveSession {
  readonly info: LiveInfo;
  /** Normalised: "ABCDEF" (show it with formatJoinCode). */
  readonly code: string;
  /** The facilitator's token (roles.ts), for the app that hosts. */
  readonly token: string;
  /** A projector's token: reads everything, writes nothing. */
  readonly projectorToken: string;
  /**
   * A fresh token (a new client) for `role`; a participant's for `groupId` (what POST /api/join
   * gives). Throws a RangeError for a participant without a valid group id.
   */
  issue(role: 'facilitator' | 'projector' | 'participant', groupId?: string): string;
  /** Join addresses for the room, the likeliest first, as they are now (interfaces come and go). */
  addresses(): JoinAddress[];
  stats(): { signaling: SignalingStats; relay: RelayStats };
  /** Docs the relay holds (loaded from disk or opened by a client). */
  docNames(): string[];
  /** Deletes these docs of the session for good, also while it is live (see Relay.forgetDocs). */
  forgetDocs(names: readonly string[]): Promise<void>;
  /** Closes every socket, writes every doc and removes the session's endpoints. Safe to call twice. */
  stop(): Promise<void>;
}

/** A fresh join code: JOIN_CODE_LENGTH characters of JOIN_CODE_ALPHABET from the system CSPRNG. */
export function generateJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * Where participants reach `host`: every LAN address, the likeliest first, when it listens on all
 * interfaces; else its own address (loopback when it listens on 127.0.0.1: only this machine).
 */
export function liveAddresses(host: RunningHost): JoinAddress[] {
  if (listensOnAllInterfaces(host.host)) {
    const lan = lanJoinAddresses(host.port);
    if (lan.length > 0) return lan;
    return [{ url: host.url, interfaceName: '', kind: 'loopback' }];
  }
  const ip = new URL(host.url).hostname;
  const own = lanJoinAddresses(host.port).find((a) => new URL(a.url).hostname === ip);
  return [own ?? { url: host.url, interfaceName: '', kind: classifyAddress('', ip.replace(/^\[|\]$/g, ''), ip === 'localhost' || ip === '[::1]') }];
}

/** Hosts with a live session (or one starting): one at a time, since the upgrade handler is one. */
const liveOn = new WeakSet<RunningHost>();

export async function startLiveSession(host: RunningHost, options: LiveSessionOptions): Promise<LiveSession> {
  if (liveOn.has(host)) throw new Error('Er is al een sessie live op deze host.');
  liveOn.add(host);
  try {
    return await openLiveSession(host, options);
  } catch (error) {
    liveOn.delete(host);
    throw error;
  }
}

const REFUSAL_TEXT: Record<LiveRefusal, { status: number; error: string }> = {
  'wrong-code': { status: 403, error: 'Verkeerde code' },
  'not-live': { status: 404, error: 'Deze sessie is nu niet live.' },
  'code-replaced': { status: 410, error: 'Deze sessie heeft een nieuwe code gekregen.' },
  'too-many-attempts': { status: 429, error: 'Te vaak een verkeerde code; probeer het over een minuut opnieuw.' },
  'other-version': { status: 426, error: 'Deze laptop heeft een andere versie van Bouwplaats dan de begeleider.' },
  'bad-token': { status: 403, error: 'Deze laptop moet opnieuw een groep kiezen.' },
  'no-such-group': { status: 404, error: 'Deze groep bestaat niet (meer) in deze sessie.' },
};

/** The JSON body and status the host answers a refused code with (`{ error, reason }`). */
export function refusal(reason: LiveRefusal): { status: number; body: { error: string; reason: LiveRefusal } } {
  const { status, error } = REFUSAL_TEXT[reason];
  return { status, body: { error, reason } };
}

async function openLiveSession(host: RunningHost, options: LiveSessionOptions): Promise<LiveSession> {
  const info = LiveInfoSchema.parse({ version: LIVE_PROTOCOL_VERSION, sessionId: options.sessionId, title: options.title });
  let code: string;
  if (options.code === undefined) {
    code = generateJoinCode();
  } else {
    const normalised = normaliseJoinCode(options.code);
    if (!normalised) throw new Error(`Ongeldige code: ${options.code}`);
    code = normalised;
  }
  const tuning: HostTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const guard = options.guard ?? new CodeGuard(tuning.maxCodeFailuresPerMinute);

  /**
   * Admits the live code from an app of this protocol version; answers another version with
   * `other-version` before looking at the code (its laptop must hear that first, and it is no
   * guess); answers a code the host once gave out with what is wrong, uncounted (laptops retry on
   * their own); counts every other code as a guess, and refuses an address that guessed too often.
   */
  const admit = (address: string, target: ParsedTarget | null): LiveRefusal | null => {
    if (presentedProtocol(target?.query.get(VERSION_PARAM) ?? null) !== LIVE_PROTOCOL_VERSION) return 'other-version';
    const presented = target ? presentedCode(target) : null;
    if (!codeMatches(presented, code)) {
      const known = options.knownRefusal?.(presented) ?? null;
      if (known) return known;
      if (!guard.allowed(address)) return 'too-many-attempts';
      guard.fail(address);
      return 'wrong-code';
    }
    return guard.allowed(address) ? null : 'too-many-attempts';
  };

  const mint = new TokenMint(options.secret ?? randomBytes(32), code);
  const relay = await createRelay({
    sessionId: info.sessionId,
    dataDir: options.dataDir,
    tuning,
    ...(options.warn ? { warn: options.warn } : {}),
    ...(options.clientKey ? { clientKey: options.clientKey } : {}),
  });
  const signaling = createSignalingServer(
    info.sessionId,
    tuning,
    relay.roomChanged,
    (access, topic) => {
      const ref = parseDocName(topic);
      return ref !== null && mayMeet(access, ref, relay.sessionViewNow());
    },
    options.clientKey,
  );

  /**
   * What an admitted request's token allows: a guest without one; null (refuse with `bad-token`)
   * for a token that is not this session's. A participant whose group was removed is a guest from
   * then on: its laptop still reads the session doc, sees that the group is gone, and lets the
   * board go, as it did before roles.
   */
  const accessOf = (target: ParsedTarget | null): Access | null => {
    const token = target?.query.get(TOKEN_PARAM) ?? null;
    if (token === null) return GUEST;
    const access = mint.read(token);
    if (access?.role === 'participant' && !relay.sessionViewNow().hasGroup(access.groupId!)) return { ...GUEST, client: access.client };
    return access;
  };

  const onUpgrade: UpgradeHandler = (request, socket, head) => {
    const target = parseTarget(request.url);
    if (!target) {
      refuseUpgrade(socket, 400, 'Ongeldig verzoek');
      return;
    }
    const isSignaling = target.path === SIGNALING_PATH;
    const isSync = target.path.startsWith(SYNC_PATH_PREFIX);
    if (!isSignaling && !isSync) {
      refuseUpgrade(socket, 404, 'Niet gevonden');
      return;
    }
    if (fromForeignPage(request)) {
      refuseUpgrade(socket, 403, FOREIGN_PAGE);
      return;
    }
    const refused = admit(remoteAddress(request), target);
    const access = refused ? null : accessOf(target);
    if (refused || !access) {
      const { status, body } = refusal(refused ?? 'bad-token');
      refuseUpgrade(socket, status, body.error, body.reason);
      return;
    }
    if (isSignaling) signaling.handleUpgrade(request, socket, head, access);
    else relay.handleUpgrade(request, socket, head, target.path.slice(SYNC_PATH_PREFIX.length), access);
  };

  // The desktop app (app://bouwplaats) asks from another origin; the answers are public info behind
  // the code, so the origins we admit may read them (fromForeignPage turns every other page away).
  // The time is read as late as possible: a laptop assumes it was read half-way through its round
  // trip (shared/clock.ts).
  const infoRoute = (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (pathname !== LIVE_INFO_PATH && pathname !== TIME_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'Methode niet toegestaan' }, { Allow: 'GET, HEAD', ...CORS });
      return true;
    }
    if (fromForeignPage(req)) {
      // Uncounted, and unreadable to that page (no CORS header): it learns nothing.
      sendJson(res, 403, { error: FOREIGN_PAGE });
      return true;
    }
    const target = parseTarget(req.url);
    const refused = admit(remoteAddress(req), target) ?? (accessOf(target) ? null : 'bad-token');
    if (refused) {
      const { status, body } = refusal(refused);
      sendJson(res, status, body, CORS);
      return true;
    }
    sendJson(res, 200, pathname === TIME_PATH ? { now: Date.now() } : info, CORS);
    return true;
  };

  /** POST /api/join: a seat at a group's table, as a participant's token (admitted as /api/live). */
  const joinRoute = (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (pathname !== JOIN_PATH) return false;
    if (req.method === 'OPTIONS') {
      // The desktop app asks from app://bouwplaats: a JSON POST from there is preflighted.
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' });
      res.end();
      return true;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'Methode niet toegestaan' }, { Allow: 'POST', ...CORS });
      return true;
    }
    if (fromForeignPage(req)) {
      sendJson(res, 403, { error: FOREIGN_PAGE });
      return true;
    }
    const refused = admit(remoteAddress(req), parseTarget(req.url));
    if (refused) {
      const { status, body } = refusal(refused);
      sendJson(res, status, body, CORS);
      return true;
    }
    void (async () => {
      let groupId: string;
      try {
        const parsed = JoinRequestSchema.safeParse(JSON.parse(await readBody(req, MAX_JOIN_BODY)));
        if (!parsed.success) {
          sendJson(res, 400, { error: 'Ongeldig verzoek' }, CORS);
          return;
        }
        groupId = parsed.data.groupId;
      } catch (error) {
        if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'Te groot' }, { Connection: 'close', ...CORS });
        else sendJson(res, 400, { error: 'Ongeldige JSON' }, CORS);
        return;
      }
      if (!(await relay.sessionView()).hasGroup(groupId)) {
        const { status, body } = refusal('no-such-group');
        sendJson(res, status, body, CORS);
        return;
      }
      sendJson(res, 200, { token: mint.issue('participant', groupId), role: 'participant', groupId }, CORS);
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 503, { error: 'De sessie kon niet worden gelezen.' }, CORS);
    });
    return true;
  };

  host.setUpgradeHandler(onUpgrade);
  const removeRoute = host.addRoute(infoRoute);
  const removeJoinRoute = host.addRoute(joinRoute);

  let stopping: Promise<void> | null = null;
  const session: LiveSession = {
    info,
    code,
    token: mint.issue('facilitator'),
    projectorToken: mint.issue('projector'),
    issue: (role, groupId) => mint.issue(role, groupId),
    addresses: () => liveAddresses(host),
    stats: () => ({ signaling: signaling.stats(), relay: relay.stats() }),
    docNames: () => relay.docNames(),
    forgetDocs: (names) => relay.forgetDocs(names),
    stop() {
      stopping ??= (async () => {
        removeRoute();
        removeJoinRoute();
        host.setUpgradeHandler(null);
        await Promise.all([signaling.stop(), relay.stop()]);
        liveOn.delete(host);
      })();
      return stopping;
    },
  };
  return session;
}

const CORS = { 'Access-Control-Allow-Origin': '*' };
/** Said to a web page that is not Bouwplaats's own (never counted as a guess). */
const FOREIGN_PAGE = 'Alleen Bouwplaats zelf, of een pagina van deze host, kan met deze sessie verbinden.';

/** Another session is live on the host: which one, so the facilitator can be told. */
export class LiveConflict extends Error {
  constructor(readonly live: { sessionId: string; title: string }) {
    super(`Sessie “${live.title}” staat nog live; stop die eerst.`);
  }
}

/** What the facilitator asks of LiveController.start. */
export interface StartRequest {
  readonly sessionId: string;
  readonly title: string;
  /** Resume with this code (after a restart of the facilitator's app). */
  readonly code?: string;
  /** A fresh code; the old one is refused with `code-replaced` from then on. */
  readonly newCode?: boolean;
  /** Stop another live session first instead of refusing with LiveConflict. */
  readonly replace?: boolean;
}

/**
 * One live session at a time on a host, started and stopped by the facilitator (Electron's main
 * process over IPC, or a browser on the host's machine through installLiveControl). A session
 * keeps its code across stops and restarts of hosting (CodeBook in the data dir) unless the
 * facilitator asks for a new one. While nothing is live, `GET /api/live` and `GET /api/time` answer
 * 404 `not-live`.
 */
export class LiveController {
  private session: LiveSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private book: Promise<CodeBook> | null = null;
  private readonly guard: CodeGuard;

  constructor(
    private readonly host: RunningHost,
    private readonly options: { readonly dataDir: string; readonly tuning?: Partial<HostTuning>; readonly warn?: (message: string) => void },
  ) {
    this.guard = new CodeGuard(options.tuning?.maxCodeFailuresPerMinute ?? DEFAULT_TUNING.maxCodeFailuresPerMinute);
    host.addRoute((req, res, pathname) => {
      if ((pathname !== LIVE_INFO_PATH && pathname !== TIME_PATH && pathname !== JOIN_PATH) || this.session) return false;
      const { status, body } = refusal('not-live');
      sendJson(res, status, { ...body, error: 'Op dit adres is nu geen sessie live.' }, CORS);
      return true;
    });
  }

  current(): LiveSession | null {
    return this.session;
  }

  private codeBook(): Promise<CodeBook> {
    this.book ??= CodeBook.open(this.options.dataDir, this.options.warn).catch((error: unknown) => {
      this.book = null;
      throw error;
    });
    return this.book;
  }

  /**
   * Starts hosting `sessionId` with its code (the one it had here before, `request.code`, or a new
   * one). The same session again returns the running one (a reloaded page), unless `newCode`.
   * Throws LiveConflict while another session is live, unless `replace`.
   */
  start(request: StartRequest): Promise<LiveSession> {
    return this.serialised(async () => {
      if (this.session) {
        const { sessionId, title } = this.session.info;
        if (sessionId !== request.sessionId && !request.replace) throw new LiveConflict({ sessionId, title });
        if (sessionId === request.sessionId && !request.newCode) return this.session;
        const running = this.session;
        this.session = null;
        await running.stop();
      }
      const book = await this.codeBook();
      const requested = request.code ? normaliseJoinCode(request.code) : null;
      let code = request.newCode ? null : (requested ?? book.codeFor(request.sessionId) ?? null);
      while (code === null || (request.newCode && book.has(code))) code = generateJoinCode();
      await book.assign(request.sessionId, code);
      const secret = await book.secretFor(request.sessionId);
      this.session = await startLiveSession(this.host, {
        secret,
        sessionId: request.sessionId,
        title: request.title,
        dataDir: this.options.dataDir,
        code,
        guard: this.guard,
        knownRefusal: (presented) => book.refusalFor(presented, request.sessionId),
        ...(this.options.tuning ? { tuning: this.options.tuning } : {}),
        ...(this.options.warn ? { warn: this.options.warn } : {}),
      });
      return this.session;
    });
  }

  stop(): Promise<void> {
    return this.serialised(async () => {
      const session = this.session;
      this.session = null;
      await session?.stop();
    });
  }

  /**
   * Deletes the host's copy of a session that was deleted: its docs on disk and its codes (see
   * forgetSessionCopy), or, with `groupIds`, only the boards of those (removed) groups, also while
   * the session is live. Answers `live` and deletes nothing when the whole session is asked for
   * while it is live here: it must be stopped first.
   */
  forget(request: ForgetRequest): Promise<ForgetOutcome> {
    return this.serialised(async () => {
      const live = this.session?.info.sessionId === request.sessionId ? this.session : null;
      if (live && request.groupIds === undefined) return 'live';
      if (live) {
        await live.forgetDocs(request.groupIds!.map((groupId) => boardDocName(request.sessionId, groupId)));
        return 'forgotten';
      }
      return forgetSessionCopy(this.options.dataDir, request, await this.codeBook());
    });
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** What to delete from the host's copy: the whole session, or the boards of `groupIds`. */
export interface ForgetRequest {
  readonly sessionId: string;
  readonly groupIds?: readonly string[];
}
export type ForgetOutcome = 'forgotten' | 'live';

/**
 * Deletes the host's copy of a session that is not live: every doc on disk, and its codes from the
 * code book (they become unknown, like codes never given out); with `groupIds`, only those boards.
 * For a host that is not running (the desktop app before anything went live) a fresh `book` is
 * read from `dataDir`; a running LiveController passes its own, so its copy in memory stays true.
 */
export async function forgetSessionCopy(dataDir: string, request: ForgetRequest, book?: CodeBook): Promise<'forgotten'> {
  const { sessionId, groupIds } = request;
  if (groupIds !== undefined) {
    await forgetStoredDocs(dataDir, sessionId, groupIds.map((groupId) => boardDocName(sessionId, groupId)));
    return 'forgotten';
  }
  await forgetStoredDocs(dataDir, sessionId);
  await (book ?? (await CodeBook.open(dataDir))).forget(sessionId);
  return 'forgotten';
}

export function startedAnswer(session: LiveSession): LiveStarted {
  const { relay } = session.stats();
  return {
    code: session.code,
    addresses: session.addresses(),
    info: session.info,
    connected: relay.devices,
    storageFailing: relay.docsUnstored > 0,
    storageFull: relay.docsFull > 0 || relay.sessionFull,
    token: session.token,
    projectorToken: session.projectorToken,
  };
}

const MAX_CONTROL_BODY = 16 * 1024;
const MAX_JOIN_BODY = 1024;

export { isLoopback };

/** The origins (and Host headers) under which this machine reaches the host. */
function ownHosts(host: RunningHost): Set<string> {
  return new Set([`127.0.0.1:${host.port}`, `localhost:${host.port}`, `[::1]:${host.port}`]);
}

/**
 * `POST /api/live/control` for a facilitator using a plain browser on the host's machine. Allowed
 * only from a loopback address, with a Host header naming this machine and, when the browser sends
 * an Origin, the host's own origin (a web page elsewhere cannot drive it, even through DNS
 * rebinding), and with a JSON content type (a cross-site form cannot send one without a preflight
 * that the host never answers). Returns a function that removes the route.
 */
export function installLiveControl(host: RunningHost, controller: LiveController): () => void {
  const allowed = ownHosts(host);
  return host.addRoute((req, res, pathname) => {
    if (pathname !== LIVE_CONTROL_PATH) return false;
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'Methode niet toegestaan' }, { Allow: 'POST' });
      return true;
    }
    const origin = req.headers.origin;
    const originHost = origin?.startsWith('http://') ? origin.slice('http://'.length) : null;
    if (!isLoopback(req.socket.remoteAddress) || !allowed.has(req.headers.host ?? '') || (origin !== undefined && (originHost === null || !allowed.has(originHost)))) {
      sendJson(res, 403, { error: 'Alleen op de computer van de host zelf.' });
      return true;
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, { error: 'Verwacht JSON' });
      return true;
    }
    void handleControl(req, res, controller);
    return true;
  });
}

async function handleControl(req: IncomingMessage, res: ServerResponse, controller: LiveController): Promise<void> {
  try {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, MAX_CONTROL_BODY));
    } catch (error) {
      if (error instanceof BodyTooLarge) sendJson(res, 413, { error: 'Te groot' }, { Connection: 'close' });
      else sendJson(res, 400, { error: 'Ongeldige JSON' });
      return;
    }
    const request = LiveControlRequestSchema.safeParse(body);
    if (!request.success) {
      sendJson(res, 400, { error: 'Ongeldig verzoek' });
      return;
    }
    if (request.data.action === 'stop') {
      await controller.stop();
      sendJson(res, 204, undefined);
      return;
    }
    if (request.data.action === 'forget') {
      const { sessionId, groupIds } = request.data;
      const outcome = await controller.forget({ sessionId, ...(groupIds ? { groupIds } : {}) });
      if (outcome === 'live') {
        const title = controller.current()?.info.title ?? '';
        sendJson(res, 409, { error: 'Deze sessie staat live; stop haar eerst.', live: { sessionId, title } });
      } else {
        sendJson(res, 200, { status: 'forgotten' });
      }
      return;
    }
    const { sessionId, title, code, newCode, replace } = request.data;
    const session = await controller.start({
      sessionId,
      title,
      ...(code && normaliseJoinCode(code) ? { code } : {}),
      ...(newCode ? { newCode } : {}),
      ...(replace ? { replace } : {}),
    });
    sendJson(res, 200, startedAnswer(session));
  } catch (error) {
    if (res.headersSent) return;
    if (error instanceof LiveConflict) sendJson(res, 409, { error: error.message, live: error.live });
    else sendJson(res, 500, { error: 'Hosten lukte niet.' });
  }
}
