import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
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
    // A flood of spoofed-looking addresses cannot grow this without bound.
    if (this.failures.size >= 10_000) this.failures.clear();
    this.failures.set(address, { count: 1, since: now });
  }
}

export function remoteAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
