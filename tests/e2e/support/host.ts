import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type LaunchedChromium } from './chromium';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost, type RunningHost } from '../../../electron/host/server';

/** The repository root, from this file's place in tests/e2e/support/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `npm run build:renderer` (vite build) puts the renderer. */
export const RENDERER_DIST = path.join(REPO_ROOT, 'dist', 'renderer');

export interface RendererHostOptions {
  /** Folder to serve; the built renderer unless a test serves a fixture of its own. */
  readonly rootDir?: string;
  readonly port?: number;
  readonly host?: string;
}

/**
 * Starts the project's real LAN host (electron/host/server.ts) on a free loopback port, serving the
 * built renderer exactly as browser participants get it.
 */
export async function startRendererHost(options: RendererHostOptions = {}): Promise<RunningHost> {
  const rootDir = options.rootDir ?? RENDERER_DIST;
  try {
    await access(path.join(rootDir, 'index.html'));
  } catch {
    throw new Error(
      rootDir === RENDERER_DIST
        ? `No built renderer in ${rootDir}: run \`npm run build:renderer\` first (npm run test:e2e does).`
        : `No index.html in ${rootDir}`,
    );
  }
  return startHost({ rootDir, port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
}

/**
 * The usual start of a describe block: the real host serving the built renderer and one Chromium
 * process, started before its tests and closed after them. Read `host` and `chromium` inside the
 * tests (they are set once `beforeAll` has run).
 */
export function rendererAndBrowser(): { readonly host: RunningHost; readonly chromium: LaunchedChromium } {
  const env: { host?: RunningHost; chromium?: LaunchedChromium } = {};
  beforeAll(async () => {
    env.host = await startRendererHost();
    env.chromium = await launchChromium();
  });
  afterAll(async () => {
    await env.chromium?.close();
    await env.host?.close();
  });
  return {
    get host() {
      if (!env.host) throw new Error('The host starts in beforeAll: read it inside a test');
      return env.host;
    },
    get chromium() {
      if (!env.chromium) throw new Error('Chromium starts in beforeAll: read it inside a test');
      return env.chromium;
    },
  };
}
