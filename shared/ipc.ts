import type { PlatformMethod } from './platform';

/**
 * Every IPC channel between preload and main. A Record over PlatformMethod makes a method without a
 * channel a compile error; main validates each payload with IPC_PAYLOADS (shared/ipcPayloads.ts,
 * kept apart so that the preload bundle carries no zod).
 */
export const IPC_CHANNELS = {
  loadSettings: 'bouwplaats:settings:load',
  saveSettings: 'bouwplaats:settings:save',
  loadSessionIndex: 'bouwplaats:sessions:load',
  saveSessionIndex: 'bouwplaats:sessions:save',
  startHosting: 'bouwplaats:hosting:start',
  stopHosting: 'bouwplaats:hosting:stop',
  forgetSession: 'bouwplaats:hosting:forget',
  openProjector: 'bouwplaats:projector:open',
} as const satisfies Record<PlatformMethod, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[PlatformMethod];

/** The custom scheme the Electron window loads the renderer from (see NOTES: not file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bouwplaats`;
