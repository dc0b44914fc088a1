import { z } from 'zod';
import { SessionIndexSchema, SettingsSchema, type PlatformMethod } from './platform';

/**
 * Every IPC channel between preload and main. A Record over PlatformMethod makes a method without a
 * channel a compile error; main validates each payload with the schema listed here.
 */
export const IPC_CHANNELS = {
  loadSettings: 'bouwplaats:settings:load',
  saveSettings: 'bouwplaats:settings:save',
  loadSessionIndex: 'bouwplaats:sessions:load',
  saveSessionIndex: 'bouwplaats:sessions:save',
} as const satisfies Record<PlatformMethod, string>;

export type IpcChannel = (typeof IPC_CHANNELS)[PlatformMethod];

/** The argument each channel takes (undefined: none). */
export const IPC_PAYLOADS = {
  loadSettings: z.undefined(),
  saveSettings: SettingsSchema,
  loadSessionIndex: z.undefined(),
  saveSessionIndex: SessionIndexSchema,
} as const satisfies Record<PlatformMethod, z.ZodType>;

/** The custom scheme the Electron window loads the renderer from (see NOTES: not file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bouwplaats`;
