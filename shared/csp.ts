/**
 * One Content-Security-Policy for every way the renderer is served (Electron's app:// protocol and
 * the LAN host). connect-src allows ws: for the LAN host's sync sockets, and http: so that the
 * desktop app (app://) can ask a host in the room which session it runs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss: http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
