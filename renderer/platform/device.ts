/** Where this page comes from, as far as deciding what this device may do is concerned. */
export interface PageLocation {
  readonly protocol: string;
  readonly hostname: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * True when this page is a participant's browser: it was served over http(s) by a Bouwplaats host
 * on another machine (the facilitator's laptop at e.g. 192.168.1.20:4173). Such a device only
 * joins sessions; creating or editing one belongs to the facilitator.
 *
 * Why the address decides: the desktop app loads the renderer from app://, and a facilitator
 * without the app opens `npm run serve` on their own computer at localhost/127.0.0.1. Everything
 * else reached the page over the venue's network, and the host already refuses such browsers the
 * facilitator's own powers (it starts hosting only for loopback requests), so the UI follows the
 * same line rather than offering buttons that cannot work.
 */
export function isParticipantBrowser(location: PageLocation = window.location): boolean {
  const web = location.protocol === 'http:' || location.protocol === 'https:';
  return web && !LOOPBACK.has(location.hostname);
}
