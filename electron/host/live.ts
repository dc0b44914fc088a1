import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  LIVE_CONTROL_PATH,
  LIVE_INFO_PATH,
  LIVE_PROTOCOL_VERSION,
  LiveControlRequestSchema,
  LiveInfoSchema,
  SIGNALING_PATH,
  SYNC_PATH_PREFIX,
  normaliseJoinCode,
  type LiveInfo,
  type LiveStarted,
} from '../../shared/live';
import { CodeGuard, codeMatches, parseTarget, presentedCode, refuseUpgrade, remoteAddress } from './admission';
import { DEFAULT_TUNING, type HostTuning } from './limits';
import { createRelay, type RelayStats } from './relay';
import { BodyTooLarge, readBody, sendJson } from './respond';
import { lanUrls, listensOnAllInterfaces } from './serveConfig';
import type { RunningHost, UpgradeHandler } from './server';
import { createSignalingServer, type SignalingStats } from './signaling';

export { listStoredDocs, readStoredDoc } from './docStore';

/**
 * A live session on the LAN host. Endpoints, all on the host's one port:
 *
 *   WS   /signal?code=C                 y-webrtc signaling (signaling.ts)
 *   WS   /sync/<doc name>?code=C        Yjs relay, y-websocket protocol, docs kept on disk (relay.ts)
 *   GET  /api/live?code=C               200 LiveInfo | 403 wrong code | 429 too many wrong codes |
 *                                       404 no session live
 *   POST /api/live/control              (installLiveControl; loopback only, see there)
 *        {action:'start', sessionId, title} → 200 {code, addresses, info} | 409 another session
 *        {action:'stop'}                    → 204
 *   everything else under /api/         404; other paths are the renderer's static files.
 *
 * A socket without the right code never opens (HTTP 403 on the upgrade); neither does one for a
 * doc outside the session (404), nor one beyond the client or doc caps (503).
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
}

export interface LiveSession {
  readonly info: LiveInfo;
  /** Normalised: "ABCDEF" (show it with formatJoinCode). */
  readonly code: string;
  /** Join addresses (http URLs) for the room. */
  readonly addresses: string[];
  stats(): { signaling: SignalingStats; relay: RelayStats };
  /** Docs the relay holds (loaded from disk or opened by a client). */
  docNames(): string[];
  /** Closes every socket, writes every doc and removes the session's endpoints. Safe to call twice. */
  stop(): Promise<void>;
}

/** A fresh join code: JOIN_CODE_LENGTH characters of JOIN_CODE_ALPHABET from the system CSPRNG. */
export function generateJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

const MAX_ADDRESSES = 16;

/** Every LAN address when the host listens on all interfaces (else, or when there is none, its own URL). */
export function liveAddresses(host: RunningHost): string[] {
  if (!listensOnAllInterfaces(host.host)) return [host.url];
  const lan = lanUrls(host.port).slice(0, MAX_ADDRESSES);
  return lan.length > 0 ? lan : [host.url];
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
  const guard = new CodeGuard(tuning.maxCodeFailuresPerMinute);

  const relay = await createRelay({ sessionId: info.sessionId, dataDir: options.dataDir, tuning, ...(options.warn ? { warn: options.warn } : {}) });
  const signaling = createSignalingServer(info.sessionId, tuning, relay.roomChanged);

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
    const address = remoteAddress(request);
    if (!guard.allowed(address)) {
      refuseUpgrade(socket, 429, 'Te vaak een verkeerde code; probeer het over een minuut opnieuw.');
      return;
    }
    if (!codeMatches(presentedCode(target), code)) {
      guard.fail(address);
      refuseUpgrade(socket, 403, 'Verkeerde code');
      return;
    }
    if (isSignaling) signaling.handleUpgrade(request, socket, head);
    else relay.handleUpgrade(request, socket, head, target.path.slice(SYNC_PATH_PREFIX.length));
  };

  // The desktop app (app://bouwplaats) asks from another origin; the answer is public info behind
  // the code, so any origin may read it.
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const infoRoute = (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (pathname !== LIVE_INFO_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'Methode niet toegestaan' }, { Allow: 'GET, HEAD', ...cors });
      return true;
    }
    const address = remoteAddress(req);
    if (!guard.allowed(address)) {
      sendJson(res, 429, { error: 'Te vaak een verkeerde code; probeer het over een minuut opnieuw.' }, cors);
      return true;
    }
    const target = parseTarget(req.url);
    if (!target || !codeMatches(presentedCode(target), code)) {
      guard.fail(address);
      sendJson(res, 403, { error: 'Verkeerde code' }, cors);
      return true;
    }
    sendJson(res, 200, info, cors);
    return true;
  };

  host.setUpgradeHandler(onUpgrade);
  const removeRoute = host.addRoute(infoRoute);

  let stopping: Promise<void> | null = null;
  const session: LiveSession = {
    info,
    code,
    addresses: liveAddresses(host),
    stats: () => ({ signaling: signaling.stats(), relay: relay.stats() }),
    docNames: () => relay.docNames(),
    stop() {
      stopping ??= (async () => {
        removeRoute();
        host.setUpgradeHandler(null);
        await Promise.all([signaling.stop(), relay.stop()]);
        liveOn.delete(host);
      })();
      return stopping;
    },
  };
  return session;
}

export class LiveConflict extends Error {}

/**
 * One live session at a time on a host, started and stopped by the facilitator (Electron's main
 * process over IPC, or a browser on the host's machine through installLiveControl).
 */
export class LiveController {
  private session: LiveSession | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: RunningHost,
    private readonly options: { readonly dataDir: string; readonly tuning?: Partial<HostTuning>; readonly warn?: (message: string) => void },
  ) {}

  current(): LiveSession | null {
    return this.session;
  }

  /** Starts hosting `sessionId`; the same session again returns the running one (a reloaded page). */
  start(request: { sessionId: string; title: string; code?: string }): Promise<LiveSession> {
    return this.serialised(async () => {
      if (this.session) {
        if (this.session.info.sessionId === request.sessionId) return this.session;
        throw new LiveConflict('Er is al een andere sessie live; stop die eerst.');
      }
      this.session = await startLiveSession(this.host, {
        sessionId: request.sessionId,
        title: request.title,
        dataDir: this.options.dataDir,
        ...(request.code ? { code: request.code } : {}),
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

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}

export function startedAnswer(session: LiveSession): LiveStarted {
  return { code: session.code, addresses: session.addresses, info: session.info };
}

const MAX_CONTROL_BODY = 16 * 1024;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports them). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

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
    const { sessionId, title, code } = request.data;
    const session = await controller.start({ sessionId, title, ...(code && normaliseJoinCode(code) ? { code } : {}) });
    sendJson(res, 200, startedAnswer(session));
  } catch (error) {
    if (res.headersSent) return;
    if (error instanceof LiveConflict) sendJson(res, 409, { error: error.message });
    else sendJson(res, 500, { error: 'Hosten lukte niet.' });
  }
}
