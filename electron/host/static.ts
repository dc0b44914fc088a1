import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves URL paths to files of the built renderer (dist/renderer). One resolver for the LAN host
 * and Electron's app:// protocol, so both refuse the same things: the renderer is served to any
 * browser on the venue's network, and a path that escapes the folder would hand out the
 * facilitator's files.
 */

export interface StaticFile {
  /** Absolute path of the file to send. */
  readonly path: string;
  readonly mimeType: string;
  /** True when the request was for an app route and index.html stands in for it. */
  readonly fallback: boolean;
}

export const INDEX_FILE = 'index.html';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const DEFAULT_MIME_TYPE = 'application/octet-stream';

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? DEFAULT_MIME_TYPE;
}

/**
 * What a URL path asks for, decided without touching the disk:
 * - `reject`: never served (traversal, NUL, backslash, drive letters, dot files, bad encoding);
 * - `file`: a path with an extension, served if it exists, else 404;
 * - `route`: an app route (no extension, or a folder), answered with index.html.
 */
export type StaticRequest =
  | { readonly kind: 'reject' }
  | { readonly kind: 'file'; readonly segments: readonly string[] }
  | { readonly kind: 'route'; readonly segments: readonly string[] };

export function classifyPath(pathname: string): StaticRequest {
  const reject = { kind: 'reject' } as const;
  // Only origin-form paths; "C:/…", "\\server\…" and "http://…" are not URL paths of this host.
  if (!pathname.startsWith('/') || pathname.includes('\0')) return reject;
  let decoded: string;
  try {
    // Decode once, then judge: "%2e%2e", "%2f" and "%5c" must not slip past the checks below.
    decoded = decodeURIComponent(pathname);
  } catch {
    return reject;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return reject;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  for (const segment of segments) {
    // ".." is traversal; other dot names (.env, .git) are never part of a build; ":" would be a
    // drive letter or an NTFS stream name on Windows.
    if (segment.startsWith('.') || segment.includes(':')) return reject;
  }
  const last = segments.at(-1);
  if (decoded.endsWith('/') || last === undefined || path.extname(last) === '') return { kind: 'route', segments };
  return { kind: 'file', segments };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The real path of a regular file inside root, or null (missing, a folder, or a link out of it). */
async function fileInside(realRoot: string, candidate: string): Promise<string | null> {
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * The file that answers `pathname` (the path part of a request URL, still percent-encoded), or null
 * when nothing may or can be served. App routes fall back to index.html.
 */
export async function resolveStaticFile(rootDir: string, pathname: string): Promise<StaticFile | null> {
  const request = classifyPath(pathname);
  if (request.kind === 'reject') return null;
  let realRoot: string;
  try {
    realRoot = await realpath(path.resolve(rootDir));
  } catch {
    return null;
  }
  const candidate = path.join(realRoot, ...request.segments);
  if (request.segments.length > 0 && !isInside(realRoot, candidate)) return null;
  const file = await fileInside(realRoot, request.kind === 'route' ? path.join(realRoot, INDEX_FILE) : candidate);
  if (!file) return null;
  return { path: file, mimeType: mimeTypeFor(file), fallback: request.kind === 'route' && request.segments.length > 0 };
}
