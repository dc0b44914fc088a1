import { normaliseJoinCode } from '../shared/live';
import { HostingAnswerSchema, type ForgetAnswer, type ForgetRequest, type HostingAnswer, type HostingRequest } from '../shared/platform';
import { LiveConflict, LiveController, forgetSessionCopy, startedAnswer } from './host/live';
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
  warn?: (message: string) => void;
}

/**
 * Runs the LAN host inside the app while a session is live: one HTTP server (renderer, signaling,
 * relay) started on the first "Sessie live zetten" and closed when the app quits.
 */
export function createLiveHosting(options: LiveHostingOptions): HostingControl & { close(): Promise<void> } {
  let running: { host: RunningHost; controller: LiveController } | null = null;

  const ensureHost = async () => {
    if (running) return running;
    const bind = options.host ?? '0.0.0.0';
    const host = await startHost({ rootDir: options.rendererDir, port: options.port ?? 4173, host: bind }).catch(() =>
      startHost({ rootDir: options.rendererDir, port: 0, host: bind }),
    );
    const controller = new LiveController(host, { dataDir: options.dataDir, ...(options.warn ? { warn: options.warn } : {}) });
    running = { host, controller };
    return running;
  };

  return {
    async start(request: HostingRequest): Promise<HostingAnswer> {
      const { host, controller } = await ensureHost();
      const { sessionId, title, code, newCode, replace } = request;
      try {
        // One session at a time: another one is ended only when the facilitator said so.
        const live = await controller.start({
          sessionId,
          title,
          ...(code && normaliseJoinCode(code) ? { code } : {}),
          ...(newCode ? { newCode } : {}),
          ...(replace ? { replace } : {}),
        });
        return HostingAnswerSchema.parse({ status: 'live', ...startedAnswer(live), localUrl: `http://127.0.0.1:${host.port}` });
      } catch (error) {
        if (error instanceof LiveConflict) return { status: 'busy', live: error.live };
        throw error;
      }
    },
    async stop() {
      await running?.controller.stop();
    },
    async forget(request: ForgetRequest): Promise<ForgetAnswer> {
      // Without a running host nothing is open: delete the files without starting a server.
      const status = running ? await running.controller.forget(request) : await forgetSessionCopy(options.dataDir, request);
      return { status };
    },
    async close() {
      const current = running;
      running = null;
      await current?.controller.stop();
      await current?.host.close();
    },
  };
}
