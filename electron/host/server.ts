import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS, cacheControlFor } from './headers';
import { resolveStaticFile } from './static';

/**
 * The LAN host: one HTTP server that serves the built renderer to browser participants. The sync
 * WebSockets (signaling, Yjs relay) will share its port through the upgrade handler, so the join
 * address is a single URL.
 */

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface HostOptions {
  /** The built renderer (dist/renderer). */
  readonly rootDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 keeps the host on this machine; 0.0.0.0 exposes it on the LAN. */
  readonly host?: string;
  readonly onUpgrade?: UpgradeHandler;
}

export interface RunningHost {
  /** An address that reaches the host from this machine. */
  readonly url: string;
  readonly port: number;
  /** The interface it listens on, as given. */
  readonly host: string;
  readonly server: http.Server;
  /** Replaces (never stacks) the WebSocket upgrade handler; null refuses upgrades again. */
  setUpgradeHandler(handler: UpgradeHandler | null): void;
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
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
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
  const { rootDir, port = 0, host = '127.0.0.1' } = options;
  const server = http.createServer(createStaticHandler(rootDir));
  let upgradeHandler: UpgradeHandler | null = options.onUpgrade ?? null;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
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
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
