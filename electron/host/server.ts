import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline, type Duplex } from 'node:stream';
import { SECURITY_HEADERS, cacheControlFor } from './headers';
import { sendJson } from './respond';
import { resolveStaticFile } from './static';

/**
 * The LAN host: one HTTP server that serves the built renderer to browser participants. The sync
 * WebSockets (signaling, Yjs relay) share its port through the upgrade handler, and the live
 * session's small JSON API through routes, so the join address is a single URL.
 */

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Answers a request and returns true, or returns false (synchronously) to let the next route or the
 * static files have it. `pathname` is the path of the request target, still percent-encoded.
 */
export type Route = (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;

/** Paths under this prefix are never static files: without a route that takes them, 404. */
export const API_PREFIX = '/api/';

export interface HostOptions {
  /** The built renderer (dist/renderer). */
  readonly rootDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 keeps the host on this machine; 0.0.0.0 exposes it on the LAN. */
  readonly host?: string;
  readonly onUpgrade?: UpgradeHandler;
  /**
   * A connection on which nothing moves this long (no byte read or written: a client that stopped
   * reading a download, or never finished its request) is closed, and with it the file it held.
   * WebSockets are not affected (ws turns the timeout off on upgrade; they have their heartbeat).
   * Default DEFAULT_IDLE_TIMEOUT_MS.
   */
  readonly idleTimeoutMs?: number;
}

/** Long enough for a laptop on poor Wi-Fi that stalls for a while, short enough that stuck ones go. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export interface RunningHost {
  /** An address that reaches the host from this machine. */
  readonly url: string;
  readonly port: number;
  /** The interface it listens on, as given. */
  readonly host: string;
  readonly server: http.Server;
  /** Replaces (never stacks) the WebSocket upgrade handler; null refuses upgrades again. */
  setUpgradeHandler(handler: UpgradeHandler | null): void;
  /** Adds a route in front of the static files; the returned function removes it. */
  addRoute(route: Route): () => void;
  /** Stops listening and drops open connections. Safe to call twice. */
  close(): Promise<void>;
}

const ALLOWED_METHODS = 'GET, HEAD';

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** The path part of an origin-form request target, still percent-encoded (no URL normalisation). */
function requestPath(target: string): string | null {
  if (!target.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The request handler on its own, for servers that are set up elsewhere. */
export function createStaticHandler(rootDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serveStatic(rootDir, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Interne fout');
      else res.destroy();
    });
  };
}

async function serveStatic(rootDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Methode niet toegestaan', { Allow: ALLOWED_METHODS });
    return;
  }
  const pathname = requestPath(req.url ?? '');
  if (pathname === null) {
    sendText(res, 400, 'Ongeldig verzoek');
    return;
  }
  const file = await resolveStaticFile(rootDir, pathname);
  if (!file) {
    sendText(res, 404, 'Niet gevonden');
    return;
  }
  const info = await stat(file.path);
  const etag = `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': file.mimeType,
    'Cache-Control': cacheControlFor(pathname, file),
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(info.size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // pipeline, not pipe: when the client goes away mid-download (a reload on bad Wi-Fi, a closed
  // tab) pipe() only unpipes and leaves the file open for good; pipeline destroys the file stream
  // with the response, and the response when the file fails.
  pipeline(createReadStream(file.path), res, () => {});
}

function refuseUpgrade(_request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => {});
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { rootDir, port = 0, host = '127.0.0.1', idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS } = options;
  const staticHandler = createStaticHandler(rootDir);
  const routes: Route[] = [];
  const server = http.createServer((req, res) => {
    const pathname = requestPath(req.url ?? '');
    if (pathname !== null) {
      try {
        for (const route of [...routes]) if (route(req, res, pathname)) return;
      } catch {
        if (!res.headersSent) sendJson(res, 500, { error: 'Interne fout' });
        else res.destroy();
        return;
      }
      if (pathname.startsWith(API_PREFIX)) {
        sendJson(res, 404, { error: 'Niet gevonden' });
        return;
      }
    }
    staticHandler(req, res);
  });
  // Without a 'timeout' listener Node destroys the idle socket, which ends its pipeline too.
  server.timeout = idleTimeoutMs;
  let upgradeHandler: UpgradeHandler | null = options.onUpgrade ?? null;
  // Upgraded sockets leave the HTTP server's bookkeeping (closeAllConnections misses them), so the
  // host keeps them itself: close() must not wait for a WebSocket nobody closes.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    if (upgradeHandler) upgradeHandler(request, socket, head);
    else refuseUpgrade(request, socket);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${displayHost(host)}:${actualPort}`,
    port: actualPort,
    host,
    server,
    setUpgradeHandler(handler) {
      upgradeHandler = handler;
    },
    addRoute(route) {
      routes.push(route);
      return () => {
        const index = routes.indexOf(route);
        if (index !== -1) routes.splice(index, 1);
      };
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      });
      return closing;
    },
  };
}
