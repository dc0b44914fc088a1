import {
  CODE_PARAM,
  LIVE_INFO_PATH,
  LIVE_PROTOCOL_VERSION,
  LiveInfoSchema,
  LiveRefusalSchema,
  VERSION_PARAM,
  type LiveInfo,
  type LiveRefusal,
} from '../../shared/live';

/**
 * What went wrong when asking a host for its live session; each has a message in join.errors.*.
 * `version`: the host runs a Bouwplaats that speaks another protocol version (older or newer).
 */
export type JoinError = 'address' | 'unreachable' | 'code' | 'notLive' | 'codeReplaced' | 'tooMany' | 'version' | 'protocol';

const BY_REFUSAL: Record<LiveRefusal, JoinError> = {
  'wrong-code': 'code',
  'not-live': 'notLive',
  'code-replaced': 'codeReplaced',
  'too-many-attempts': 'tooMany',
  'other-version': 'version',
};
const BY_STATUS: Record<number, JoinError> = { 403: 'code', 404: 'notLive', 410: 'codeReplaced', 426: 'version', 429: 'tooMany' };

export class JoinFailure extends Error {
  constructor(readonly reason: JoinError) {
    super(reason);
  }
}

/** "192.168.1.20:4173" → "http://192.168.1.20:4173"; null when it cannot be a host address. */
export function normaliseHostUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Asks the host which session runs there; the code and this app's protocol version are checked by
 * the host. Throws JoinFailure with the host's reason (LiveRefusalSchema) when it refuses,
 * `version` when it answers with another protocol version (a host from before the version check),
 * `unreachable` when nothing answers in 8 s.
 */
export async function fetchLiveInfo(hostUrl: string, code: string): Promise<LiveInfo> {
  const url = new URL(LIVE_INFO_PATH, hostUrl);
  url.searchParams.set(CODE_PARAM, code);
  url.searchParams.set(VERSION_PARAM, String(LIVE_PROTOCOL_VERSION));
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(8000) });
  } catch {
    throw new JoinFailure('unreachable');
  }
  if (!response.ok) {
    const refusal = LiveRefusalSchema.safeParse(await response.json().catch(() => null));
    throw new JoinFailure(refusal.success ? BY_REFUSAL[refusal.data.reason] : (BY_STATUS[response.status] ?? 'unreachable'));
  }
  const body: unknown = await response.json().catch(() => null);
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== LIVE_PROTOCOL_VERSION) throw new JoinFailure('version');
  const parsed = LiveInfoSchema.safeParse(body);
  if (!parsed.success) throw new JoinFailure('protocol');
  return parsed.data;
}

let lastAddress: string | null = null;

/** The host a participant was in before they were sent back to the join screen (prefills it). */
export function rememberJoinAddress(hostUrl: string): void {
  lastAddress = hostUrl;
}

/** The address the join screen starts with: the host that served this page, or the last one used. */
export function defaultJoinAddress(): string {
  const { protocol, origin } = window.location;
  if (protocol === 'http:' || protocol === 'https:') return origin;
  return lastAddress ?? '';
}
