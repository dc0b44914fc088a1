import { LiveController, installLiveControl } from '../../../electron/host/live';
import type { HostTuning } from '../../../electron/host/limits';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { RENDERER_DIST } from './host';

/**
 * The facilitator's LAN host as `npm run serve` runs it: the built renderer, the live-session
 * endpoints and the loopback-only control a browser facilitator uses. Loopback only.
 */
export interface TestLiveHost {
  readonly host: RunningHost;
  readonly controller: LiveController;
  readonly url: string;
  readonly port: number;
  /** A crash and restart of the host on the same port and data dir, resuming the same session and code. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `tuning`: the host's own knobs (limits.ts), e.g. a small byte cap per doc. */
export async function startLiveHost(dataDir: string, port = 0, tuning?: Partial<HostTuning>): Promise<TestLiveHost> {
  const options = { dataDir, ...(tuning ? { tuning } : {}) };
  let host = await startHost({ rootDir: RENDERER_DIST, port, host: '127.0.0.1' });
  let controller = new LiveController(host, options);
  installLiveControl(host, controller);
  const fixedPort = host.port;
  const self: TestLiveHost = {
    get host() {
      return host;
    },
    get controller() {
      return controller;
    },
    url: host.url,
    port: fixedPort,
    async restart() {
      const running = controller.current();
      await controller.stop();
      await host.close();
      host = await startHost({ rootDir: RENDERER_DIST, port: fixedPort, host: '127.0.0.1' });
      controller = new LiveController(host, options);
      installLiveControl(host, controller);
      if (running) await controller.start({ sessionId: running.info.sessionId, title: running.info.title, code: running.code });
    },
    async close() {
      await controller.stop();
      await host.close();
    },
  };
  return self;
}
