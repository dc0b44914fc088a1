import { LIVE_CONTROL_PATH as CONTROL_PATH } from '../../shared/live';
import { HostingSchema, type Hosting, type HostingRequest } from '../../shared/platform';

export class HostingUnavailable extends Error {}

/**
 * In a plain browser the page can host only when it was served by Bouwplaats' own host on this very
 * computer (`npm run serve`); the host refuses the request from anywhere else.
 */
export async function startHostingViaHost(request: HostingRequest): Promise<Hosting> {
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') throw new HostingUnavailable();
  const response = await fetch(CONTROL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'start', ...request }),
  }).catch(() => null);
  if (!response?.ok) throw new HostingUnavailable();
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  return HostingSchema.parse({ ...body, localUrl: window.location.origin });
}

export async function stopHostingViaHost(): Promise<void> {
  await fetch(CONTROL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'stop' }),
  }).catch(() => null);
}
