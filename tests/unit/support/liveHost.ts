import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket, type ClientOptions } from 'ws';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, TOKEN_PARAM, VERSION_PARAM } from '../../../shared/live';
import { startLiveSession, type LiveSession, type LiveSessionOptions } from '../../../electron/host/live';
import { startHost, type RunningHost } from '../../../electron/host/server';

/** A real host on a free loopback port with a live session, and its temporary folders. */
export interface LiveHarness {
  readonly base: string;
  readonly dataDir: string;
  readonly rootDir: string;
  host: RunningHost;
  session: LiveSession;
  readonly warnings: string[];
  /**
   * ws://127.0.0.1:<port><path>?code=<code>&v=<version>&token=<token>: by default the session's
   * code and the facilitator's token (may do everything); null leaves that part out.
   */
  wsUrl(pathname: string, code?: string | null, token?: string | null): string;
  /** Stops the session and the host (a restart starts them again on the same folders). */
  stop(): Promise<void>;
  restart(options?: { samePort?: boolean }): Promise<void>;
  /** stop() and remove the folders. */
  dispose(): Promise<void>;
}

export async function startLiveHarness(options: Partial<LiveSessionOptions> = {}): Promise<LiveHarness> {
  const base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-live-'));
  const rootDir = path.join(base, 'renderer');
  const dataDir = options.dataDir ?? path.join(base, 'data');
  await mkdir(rootDir, { recursive: true });
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>Bouwplaats</title>');
  const warnings: string[] = [];
  const sessionOptions: LiveSessionOptions = {
    sessionId: 'sessie0001',
    title: 'Leeratelier',
    code: 'ABCDEF',
    ...options,
    dataDir,
    warn: (message) => warnings.push(message),
  };
  let stopped = false;
  const harness: LiveHarness = {
    base,
    dataDir,
    rootDir,
    warnings,
    host: await startHost({ rootDir, port: 0, host: '127.0.0.1' }),
    session: null as unknown as LiveSession,
    wsUrl(pathname, code = harness.session.code, token = harness.session.token) {
      const params = new URLSearchParams({
        ...(code === null ? {} : { [CODE_PARAM]: code }),
        [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION),
        ...(token === null ? {} : { [TOKEN_PARAM]: token }),
      });
      return `ws://127.0.0.1:${harness.host.port}${pathname}?${params.toString()}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await harness.session.stop();
      await harness.host.close();
    },
    async restart({ samePort = false } = {}) {
      await harness.stop();
      harness.host = await startHost({ rootDir, port: samePort ? harness.host.port : 0, host: '127.0.0.1' });
      harness.session = await startLiveSession(harness.host, sessionOptions);
      stopped = false;
    },
    async dispose() {
      await harness.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
  harness.session = await startLiveSession(harness.host, sessionOptions);
  return harness;
}

/** A ws client that keeps what it receives, with helpers to await messages and its close. */
export class TestSocket {
  readonly messages: unknown[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { test: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? data : JSON.parse(String(data));
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  /** Opens a socket, or rejects with the HTTP status the host refused the upgrade with. */
  static open(url: string, options: ClientOptions = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => reject(new RefusedUpgrade(res.statusCode ?? 0, body)));
      });
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** The first message from `fromIndex` on (already received or still to come) that passes `test`. */
  next<T = Record<string, unknown>>(test: (message: T) => boolean = () => true, fromIndex = 0): Promise<T> {
    const seen = this.messages.slice(fromIndex).find((m) => test(m as T));
    if (seen !== undefined) return Promise.resolve(seen as T);
    return new Promise((resolve) => this.waiters.push({ test: (m) => test(m as T), resolve: (m) => resolve(m as T) }));
  }

  /** Sends a signaling ping and waits for the pong: everything the host sent before it has arrived. */
  async roundTrip(): Promise<void> {
    const from = this.messages.length;
    this.send({ type: 'ping' });
    await this.next((m) => (m as { type?: string }).type === 'pong', from);
  }

  close(): Promise<unknown> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.ws.close();
    return this.closed;
  }

  /** Ends the socket without a closing handshake (for sockets the test paused). */
  terminate(): Promise<unknown> {
    this.ws.terminate();
    return this.closed;
  }
}

export class RefusedUpgrade extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with ${status}`);
  }
}

/** The status a refused upgrade got (throws if the socket opened). */
export async function refusal(url: string, options: ClientOptions = {}): Promise<RefusedUpgrade> {
  try {
    const socket = await TestSocket.open(url, options);
    await socket.close();
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function httpRequest(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The status of a WebSocket upgrade sent with the path exactly as written (ws and URL would
 * resolve "..", even percent-encoded); 101 means a socket opened (it is destroyed at once).
 */
export function upgradeStatus(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: rawPath,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves once `condition()` holds (checked every few ms), for host state no event announces. */
export async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
