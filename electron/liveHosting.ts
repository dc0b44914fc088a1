import { HostingSchema, type Hosting, type HostingRequest } from '../shared/platform';
import { startLiveSession } from './host/live';
import { startHost, type RunningHost } from './host/server';
import type { HostingControl } from './platformHandlers';

export interface LiveHostingOptions {
  /** The built renderer, served to browser participants. */
  rendererDir: string;
  /** Where the host keeps every doc of the live session. */
  dataDir: string;
  /** Preferred port; when it is taken, any free port. */
  port?: number;
  /** 0.0.0.0 so laptops in the room can reach it. */
  host?: string;
}

/**
 * Runs the LAN host inside the app while a session is live: one HTTP server (renderer, signaling,
 * relay) started on the first "Sessie live zetten" and closed on "Stoppen" or quit.
 */
export function createLiveHosting(options: LiveHostingOptions): HostingControl & { close(): Promise<void> } {
  let host: RunningHost | null = null;
  let live: Awaited<ReturnType<typeof startLiveSession>> | null = null;

  const ensureHost = async (): Promise<RunningHost> => {
    if (host) return host;
    const bind = options.host ?? '0.0.0.0';
    try {
      host = await startHost({ rootDir: options.rendererDir, port: options.port ?? 4173, host: bind });
    } catch {
      host = await startHost({ rootDir: options.rendererDir, port: 0, host: bind });
    }
    return host;
  };

  const stop = async () => {
    const current = live;
    live = null;
    await current?.stop();
  };

  return {
    async start(request: HostingRequest): Promise<Hosting> {
      await stop();
      const running = await ensureHost();
      live = await startLiveSession(running, { sessionId: request.sessionId, title: request.title, dataDir: options.dataDir });
      return HostingSchema.parse({
        code: live.code,
        addresses: live.addresses,
        localUrl: `http://127.0.0.1:${running.port}`,
        info: live.info,
      });
    },
    stop,
    async close() {
      await stop();
      await host?.close();
      host = null;
    },
  };
}
