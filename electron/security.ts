import { APP_ORIGIN, APP_SCHEME } from '../shared/ipc';

/** "bouwplaats": the host part of APP_ORIGIN. */
export const APP_HOST = new URL(`https://${APP_ORIGIN.slice(`${APP_SCHEME}://`.length)}`).host;

/**
 * True for URLs of our own renderer (app://bouwplaats/…). Compares scheme and host rather than a
 * string prefix, so "app://bouwplaats.evil/" is not ours. (Node's URL gives custom schemes an
 * opaque "null" origin and keeps their host's case, hence no `.origin` comparison.)
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Permissions the renderer may get, and only from our own origin: copying the join address to the
 * clipboard and showing the plenary board full screen on the projector. Everything else (camera,
 * microphone, location, notifications, …) is refused without asking the facilitator.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
