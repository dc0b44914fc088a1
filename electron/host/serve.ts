import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatJoinCode, onlyThisMachine } from '../../shared/live';
import { LiveController, installLiveControl, liveAddresses } from './live';
import { parseDataDir, parseLiveConfig, parseServeConfig } from './serveConfig';
import { startHost } from './server';
import { INDEX_FILE } from './static';

/**
 * `npm run serve`: the LAN host without Electron (built to dist/host/serve.js).
 *   PORT                      default 4173 (0 picks a free port)
 *   HOST                      default 127.0.0.1 (this machine only); 0.0.0.0 exposes it on the LAN
 *   BOUWPLAATS_RENDERER_DIR   default dist/renderer next to this built file
 *   BOUWPLAATS_DATA_DIR       where live sessions keep their docs; default ./bouwplaats-data
 *   BOUWPLAATS_LIVE_SESSION   a session id: host that session at once (prints code and addresses)
 *   BOUWPLAATS_LIVE_TITLE     its title (default "Bouwplaats")
 *   BOUWPLAATS_LIVE_CODE      a fixed join code instead of a random one
 *
 * Endpoints (see live.ts): the renderer's files; with a session live, WS /signal and
 * WS /sync/<doc name> (both ?code=…) and GET /api/live?code=…; always POST /api/live/control, from
 * this machine only, so a facilitator in a browser here can start and stop hosting.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const config = parseServeConfig(process.env, path.join(here, '..', 'renderer'));
  const live = parseLiveConfig(process.env);
  if (!existsSync(path.join(config.rootDir, INDEX_FILE))) {
    throw new Error(`Geen gebouwde renderer in ${config.rootDir}: draai eerst "npm run build".`);
  }
  const host = await startHost(config);
  console.log(`Bouwplaats draait op ${host.url}`);
  const addresses = liveAddresses(host);
  if (onlyThisMachine(addresses)) {
    console.log('LET OP: alleen deze computer kan meedoen. Start met HOST=0.0.0.0 npm run serve om laptops in de zaal toe te laten.');
  } else {
    for (const a of addresses) console.log(`Bereikbaar in de zaal op ${a.url} (${a.interfaceName}, ${a.kind})`);
  }

  const controller = new LiveController(host, { dataDir: live?.dataDir ?? parseDataDir(process.env) });
  installLiveControl(host, controller);
  if (live) {
    const session = await controller.start(live);
    console.log(`Live sessie "${session.info.title}" (${session.info.sessionId}), documenten in ${live.dataDir}`);
    console.log(`Code: ${formatJoinCode(session.code)}`);
    for (const address of session.addresses()) console.log(`Meedoen via ${address.url}`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Bouwplaats stopt (${signal}).`);
    controller
      .stop()
      .then(() => host.close())
      .then(
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
