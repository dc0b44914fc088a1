import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS, cacheControlFor } from './host/headers';
import { resolveStaticFile } from './host/static';
import { APP_HOST } from './security';

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The handler for Electron's `protocol.handle(APP_SCHEME, …)`: serves the built renderer with the
 * same resolver and headers as the LAN host. Plain web Request/Response, so it runs in Node tests.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Methode niet toegestaan');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Ongeldig verzoek');
    }
    if (url.host.toLowerCase() !== APP_HOST) return textResponse(404, 'Niet gevonden');
    const file = await resolveStaticFile(rootDir, url.pathname);
    if (!file) return textResponse(404, 'Niet gevonden');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file.path));
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.mimeType, 'Cache-Control': cacheControlFor(url.pathname, file) },
    });
  };
}
