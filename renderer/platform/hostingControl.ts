import { LIVE_CONTROL_PATH as CONTROL_PATH, LiveBusySchema } from '../../shared/live';
import { HostingAnswerSchema, type ForgetAnswer, type ForgetRequest, type HostingAnswer, type HostingRequest } from '../../shared/platform';

/** A host that does not answer a control request in this time is treated as gone. */
const CONTROL_TIMEOUT_MS = 10_000;

export class HostingUnavailable extends Error {}

/**
 * In a plain browser the page can host only when it was served by Bouwplaats' own host on this very
 * computer (`npm run serve`); the host refuses the request from anywhere else.
 */
export async function startHostingViaHost(request: HostingRequest): Promise<HostingAnswer> {
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') throw new HostingUnavailable();
  const response = await fetch(CONTROL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'start', ...request }),
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as Record<string, unknown> | null;
  if (response?.status === 409) {
    const busy = LiveBusySchema.safeParse(body);
    if (busy.success) return { status: 'busy', live: busy.data.live };
  }
  if (!response?.ok) throw new HostingUnavailable();
  return HostingAnswerSchema.parse({ status: 'live', ...body, localUrl: window.location.origin });
}

export async function stopHostingViaHost(): Promise<void> {
  await fetch(CONTROL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'stop' }),
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  }).catch(() => null);
}

/**
 * Asks the host on this computer to delete its copy of a session (or of some boards). A page that
 * no host of ours served, a host without live sessions (404) and a host on another computer (403:
 * this browser is a participant's, it cannot have hosted anything there) keep nothing of ours:
 * `forgotten`. A host that does not answer rejects with HostingUnavailable: nothing may be
 * deleted here while the host's copy stays behind.
 */
export async function forgetSessionViaHost(request: ForgetRequest): Promise<ForgetAnswer> {
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return { status: 'forgotten' };
  const response = await fetch(CONTROL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'forget', ...request }),
    signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
  }).catch(() => null);
  if (response?.status === 409) return { status: 'live' };
  if (response?.status === 404 || response?.status === 403) return { status: 'forgotten' };
  if (!response?.ok) throw new HostingUnavailable();
  return { status: 'forgotten' };
}
