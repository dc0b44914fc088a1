import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { StaticFile } from './static';

/** Sent with every response of the LAN host and of Electron's app:// protocol. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * index.html is revalidated on every load so a new build reaches the room at once; Vite's hashed
 * files under /assets/ never change under their name, so participants on a weak venue Wi-Fi fetch
 * them only once.
 */
export function cacheControlFor(pathname: string, file: StaticFile): string {
  if (file.fallback || file.mimeType.startsWith('text/html')) return 'no-cache';
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
