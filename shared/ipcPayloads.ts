import { z } from 'zod';
import { SessionIndexSchema, SettingsSchema, type PlatformMethod } from './platform';

/** The argument each channel takes (undefined: none). */
export const IPC_PAYLOADS = {
  loadSettings: z.undefined(),
  saveSettings: SettingsSchema,
  loadSessionIndex: z.undefined(),
  saveSessionIndex: SessionIndexSchema,
} as const satisfies Record<PlatformMethod, z.ZodType>;

