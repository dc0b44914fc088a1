import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinUrls, parseServeConfig } from './serveConfig';
import { startHost } from './server';
import { INDEX_FILE } from './static';

/**
 * `npm run serve`: the LAN host without Electron (built to dist/host/serve.js).
 *   PORT                      default 4173 (0 picks a free port)
 *   HOST                      default 127.0.0.1 (this machine only); 0.0.0.0 exposes it on the LAN
 *   BOUWPLAATS_RENDERER_DIR   default dist/renderer next to this built file
 */

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const config = parseServeConfig(process.env, path.join(here, '..', 'renderer'));
  if (!existsSync(path.join(config.rootDir, INDEX_FILE))) {
    throw new Error(`Geen gebouwde renderer in ${config.rootDir}: draai eerst "npm run build".`);
  }
  const host = await startHost(config);
  for (const url of joinUrls(config.host, host.port, host.url)) console.log(`Bouwplaats draait op ${url}`);
  if (['127.0.0.1', 'localhost', '::1'].includes(config.host)) {
    console.log('Alleen bereikbaar op deze computer; start met HOST=0.0.0.0 om deelnemers op het netwerk toe te laten.');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Bouwplaats stopt (${signal}).`);
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
