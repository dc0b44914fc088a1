import { CODE_PARAM, LIVE_INFO_PATH, LiveInfoSchema, type LiveInfo } from '../../shared/live';

export type JoinError = 'address' | 'unreachable' | 'code' | 'notLive' | 'protocol';

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

/** Asks the host which session runs there; the code is checked by the host. */
export async function fetchLiveInfo(hostUrl: string, code: string): Promise<LiveInfo> {
  const url = new URL(LIVE_INFO_PATH, hostUrl);
  url.searchParams.set(CODE_PARAM, code);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(8000) });
  } catch {
    throw new JoinFailure('unreachable');
  }
  if (response.status === 403) throw new JoinFailure('code');
  if (response.status === 404) throw new JoinFailure('notLive');
  if (!response.ok) throw new JoinFailure('unreachable');
  const parsed = LiveInfoSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new JoinFailure('protocol');
  return parsed.data;
}
