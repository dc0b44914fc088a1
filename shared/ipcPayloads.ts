import { z } from 'zod';
import { ForgetRequestSchema, HostingRequestSchema, OpenProjectorRequestSchema, SessionIndexSchema, SettingsSchema, type PlatformMethod } from './platform';

/** The argument each channel takes (undefined: none). */
export const IPC_PAYLOADS = {
  loadSettings: z.undefined(),
  saveSettings: SettingsSchema,
  loadSessionIndex: z.undefined(),
  saveSessionIndex: SessionIndexSchema,
  startHosting: HostingRequestSchema,
  stopHosting: z.undefined(),
  forgetSession: ForgetRequestSchema,
  openProjector: OpenProjectorRequestSchema,
} as const satisfies Record<PlatformMethod, z.ZodType>;

