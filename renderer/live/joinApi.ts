import {
  CODE_PARAM,
  JOIN_PATH,
  JoinAnswerSchema,
  LIVE_INFO_PATH,
  LIVE_PROTOCOL_VERSION,
  LiveInfoSchema,
  LiveRefusalSchema,
  TOKEN_PARAM,
  VERSION_PARAM,
  type LiveInfo,
  type LiveRefusal,
} from '../../shared/live';

/**
 * What went wrong when asking a host for its live session; each has a message in join.errors.*.
 * `version`: the host runs a Bouwplaats that speaks another protocol version (older or newer).
 * `badToken`: the code is right but this laptop's seat is not (the host lost its keys, or the
 * group was removed); `groupGone`: the group chosen is no longer in the session.
 */
export type JoinError = 'address' | 'unreachable' | 'code' | 'notLive' | 'codeReplaced' | 'tooMany' | 'version' | 'protocol' | 'badToken' | 'groupGone';

const BY_REFUSAL: Record<LiveRefusal, JoinError> = {
  'wrong-code': 'code',
  'not-live': 'notLive',
  'code-replaced': 'codeReplaced',
  'too-many-attempts': 'tooMany',
  'other-version': 'version',
  'bad-token': 'badToken',
  'no-such-group': 'groupGone',
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
export async function fetchLiveInfo(hostUrl: string, code: string, token?: string): Promise<LiveInfo> {
  const response = await ask(hostUrl, LIVE_INFO_PATH, code, token);
  const body: unknown = await response.json().catch(() => null);
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== LIVE_PROTOCOL_VERSION) throw new JoinFailure('version');
  const parsed = LiveInfoSchema.safeParse(body);
  if (!parsed.success) throw new JoinFailure('protocol');
  return parsed.data;
}

/**
 * Takes a seat at `groupId`'s table (POST JOIN_PATH): the token with which this laptop may write
 * that group's board (electron/host/roles.ts). Throws JoinFailure as fetchLiveInfo does, and
 * `groupGone` when the session no longer has the group.
 */
export async function joinGroup(hostUrl: string, code: string, groupId: string): Promise<string> {
  const response = await ask(hostUrl, JOIN_PATH, code, undefined, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ groupId }) });
  const answer = JoinAnswerSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success || answer.data.groupId !== groupId) throw new JoinFailure('protocol');
  return answer.data.token;
}

/** One request to the host with the code, version and token; a refusal throws JoinFailure. */
async function ask(hostUrl: string, path: string, code: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(path, hostUrl);
  url.searchParams.set(CODE_PARAM, code);
  url.searchParams.set(VERSION_PARAM, String(LIVE_PROTOCOL_VERSION));
  if (token) url.searchParams.set(TOKEN_PARAM, token);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(8000), ...init });
  } catch {
    throw new JoinFailure('unreachable');
  }
  if (!response.ok) {
    const refusal = LiveRefusalSchema.safeParse(await response.json().catch(() => null));
    throw new JoinFailure(refusal.success ? BY_REFUSAL[refusal.data.reason] : (BY_STATUS[response.status] ?? 'unreachable'));
  }
  return response;
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
