import { IPC_CHANNELS } from '../shared/ipc';
import { IPC_PAYLOADS } from '../shared/ipcPayloads';
import type { PlatformMethod } from '../shared/platform';
import type { PlatformHandlers } from './platformHandlers';
import { isAppUrl } from './security';

/** The parts of Electron's IpcMainInvokeEvent the router reads. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null;
}

/** The parts of Electron's ipcMain the router uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export class IpcRefusedError extends Error {
  override readonly name = 'IpcRefusedError';
}

const METHODS = Object.keys(IPC_CHANNELS) as PlatformMethod[];

/**
 * The one place every IPC call enters main: it drops calls from frames that are not our renderer,
 * validates the payload with the channel's schema and only then runs the handler. Registering again
 * replaces the old handlers instead of stacking them.
 */
export function routePlatformIpc(ipcMain: IpcMainLike, handlers: PlatformHandlers): void {
  for (const method of METHODS) {
    const channel = IPC_CHANNELS[method];
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, (event: InvokeEventLike, ...args: unknown[]) => invoke(method, handlers, event, args));
  }
}

async function invoke(method: PlatformMethod, handlers: PlatformHandlers, event: InvokeEventLike, args: unknown[]): Promise<unknown> {
  const channel = IPC_CHANNELS[method];
  if (!isAppUrl(event.senderFrame?.url)) throw new IpcRefusedError(`${channel}: afzender is niet de Bouwplaats-app`);
  if (args.length > 1) throw new IpcRefusedError(`${channel}: te veel argumenten`);
  const parsed = IPC_PAYLOADS[method].safeParse(args[0]);
  if (!parsed.success) throw new IpcRefusedError(`${channel}: ongeldige gegevens`);
  // The union of handler signatures cannot be narrowed per method by TypeScript; the schema above
  // is the one listed for this very method, so the payload has the handler's type.
  const handler = handlers[method] as (payload: unknown) => unknown;
  return handler(parsed.data);
}
