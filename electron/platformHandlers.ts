import type { z } from 'zod';
import type { IPC_PAYLOADS } from '../shared/ipcPayloads';
import {
  DEFAULT_SETTINGS,
  SessionIndexEntrySchema,
  SessionIndexSchema,
  SettingsSchema,
  type Platform,
  type PlatformMethod,
  type SessionIndexEntry,
  type Settings,
  type HostingAnswer,
  type HostingRequest,
  type ForgetAnswer,
  type ForgetRequest,
  type OpenProjectorRequest,
  type ProjectorAnswer,
} from '../shared/platform';

/** The part of electron-store the handlers use; a Map-backed object stands in for it in tests. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const STORE_KEYS = {
  settings: 'settings',
  sessionIndex: 'sessionIndex',
} as const;

/** Starting and stopping the LAN host; main passes the real one (electron/liveHosting.ts). */
export interface HostingControl {
  start(request: HostingRequest): Promise<HostingAnswer>;
  stop(): Promise<void>;
  /** Deletes the host's copy of a session (or some boards); `live` while that session is live. */
  forget(request: ForgetRequest): Promise<ForgetAnswer>;
}

/** The app's windows besides the main one; main passes the real one (electron/projectorWindow.ts). */
export interface WindowsControl {
  openProjector(request: OpenProjectorRequest): ProjectorAnswer;
}

/** One handler per Platform method, taking the (already validated) payload of its channel. */
export type PlatformHandlers = {
  [M in PlatformMethod]: (payload: z.output<(typeof IPC_PAYLOADS)[M]>) => Awaited<ReturnType<Platform[M]>> | ReturnType<Platform[M]>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stored settings over the defaults; a broken or old file never stops the app from starting. */
export function readSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(isRecord(raw) ? raw : {}) });
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

/** The valid rows of a stored session index; a broken row is skipped, not the whole library. */
export function readSessionIndex(raw: unknown): SessionIndexEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: SessionIndexEntry[] = [];
  for (const row of raw) {
    const parsed = SessionIndexEntrySchema.safeParse(row);
    if (parsed.success) entries.push(parsed.data);
  }
  const capped = SessionIndexSchema.safeParse(entries);
  return capped.success ? capped.data : entries.slice(0, 10_000);
}

export function createPlatformHandlers(store: KeyValueStore, hosting: HostingControl, windows: WindowsControl): PlatformHandlers {
  return {
    loadSettings: () => readSettings(store.get(STORE_KEYS.settings)),
    saveSettings: (settings) => {
      store.set(STORE_KEYS.settings, SettingsSchema.parse(settings));
    },
    loadSessionIndex: () => readSessionIndex(store.get(STORE_KEYS.sessionIndex)),
    saveSessionIndex: (entries) => {
      store.set(STORE_KEYS.sessionIndex, SessionIndexSchema.parse(entries));
    },
    startHosting: (request) => hosting.start(request),
    stopHosting: () => hosting.stop(),
    forgetSession: (request) => hosting.forget(request),
    openProjector: (request) => windows.openProjector(request),
  };
}
