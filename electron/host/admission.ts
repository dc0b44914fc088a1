import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { APP_ORIGIN } from '../../shared/ipc';
import { CODE_PARAM, normaliseJoinCode } from '../../shared/live';

/**
 * Who may talk to a live session: whoever presents its join code. The code travels in the query
 * (`?code=`) because a browser's WebSocket cannot set headers; it is short, so wrong guesses are
 * counted per address and answered with 429 beyond a few per minute.
 */

export interface ParsedTarget {
  /** Path part of the request target, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/** Splits an origin-form request target without normalising it (no "..", no URL resolution). */
export function parseTarget(target: string | undefined): ParsedTarget | null {
  if (!target?.startsWith('/')) return null;
  const hash = target.indexOf('#');
  const bare = hash === -1 ? target : target.slice(0, hash);
  const question = bare.indexOf('?');
  return question === -1
    ? { path: bare, query: new URLSearchParams() }
    : { path: bare.slice(0, question), query: new URLSearchParams(bare.slice(question + 1)) };
}

/** Compares a presented code with the session's, after normalising ("abc-def" is "ABCDEF"). */
export function codeMatches(presented: string | null, expected: string): boolean {
  const code = presented === null ? null : normaliseJoinCode(presented);
  if (code === null || code.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(code), Buffer.from(expected));
}

export function presentedCode(target: ParsedTarget): string | null {
  return target.query.get(CODE_PARAM);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * Answers an upgrade request with a plain HTTP error (`{ error, reason? }` as JSON): no WebSocket is
 * ever opened. Browsers do not show a refused upgrade's status to the page; LiveRefusal reasons
 * reach a laptop through `GET /api/live` (the same admission) instead.
 */
export function refuseUpgrade(socket: Duplex, status: number, error: string, reason?: string): void {
  const body = JSON.stringify(reason ? { error, reason } : { error });
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Counts wrong codes per remote address in one-minute windows. */
export class CodeGuard {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly capacity = CODE_GUARD_CAPACITY,
  ) {}

  /** False while this address has guessed wrong too often. */
  allowed(address: string): boolean {
    const entry = this.failures.get(address);
    if (!entry) return true;
    if (this.now() - entry.since >= 60_000) {
      this.failures.delete(address);
      return true;
    }
    return entry.count < this.maxPerMinute;
  }

  fail(address: string): void {
    const now = this.now();
    const entry = this.failures.get(address);
    if (entry && now - entry.since < 60_000) {
      entry.count++;
      return;
    }
    this.failures.delete(address);
    if (this.failures.size >= this.capacity) this.makeRoom(now);
    this.failures.set(address, { count: 1, since: now });
  }

  /**
   * A flood of addresses cannot grow this without bound, nor wipe the locks it holds: windows
   * that ended go first, then the oldest (a Map iterates in insertion order), one at a time.
   */
  private makeRoom(now: number): void {
    for (const [address, entry] of this.failures) if (now - entry.since >= 60_000) this.failures.delete(address);
    while (this.failures.size >= this.capacity) {
      const oldest = this.failures.keys().next();
      if (oldest.done) break;
      this.failures.delete(oldest.value);
    }
  }
}

/** How many addresses a CodeGuard keeps count of (a few MB at most). */
export const CODE_GUARD_CAPACITY = 10_000;

/** An IPv4 or bracketed IPv6 literal, `localhost` or an mDNS `.local` name, with an optional port. */
const NETWORK_ADDRESS_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\]|localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.local)(?::\d{1,5})?$/i;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports them). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * True when a browser page that is not ours sent the request, so that its guesses never count
 * against an address (issue 10, item 4: any web page open in the facilitator's browser could
 * otherwise try codes against 127.0.0.1 and lock the facilitator's own app out):
 * - an `Origin` header that is neither the desktop app (APP_ORIGIN) nor this host's own page
 *   (`http://` + the request's Host). Browsers send Origin on every WebSocket upgrade and on
 *   every cross-origin request;
 * - on this machine, a Host that is not an address (an IP, localhost or an mDNS `.local` name):
 *   a page on an attacker's DNS name rebound to 127.0.0.1 sends its same-origin requests with
 *   that name as Host (and, for a GET, no Origin at all). A laptop in the room may still use a
 *   name the venue gave the host.
 * Clients that are not browsers send no Origin and are counted as before.
 */
export function fromForeignPage(request: IncomingMessage): boolean {
  const host = (request.headers.host ?? '').toLowerCase();
  if (isLoopback(request.socket.remoteAddress) && !NETWORK_ADDRESS_HOST.test(host)) return true;
  const origin = request.headers.origin;
  if (origin === undefined || origin === APP_ORIGIN) return false;
  return !host || origin.toLowerCase() !== `http://${host}`;
}

export function remoteAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
