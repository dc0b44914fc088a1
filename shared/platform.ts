import { z } from 'zod';
import { ID_PATTERN } from './ids';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SettingsSchema = z.object({
  language: z.enum(LANGUAGES).catch('nl'),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { language: 'nl' };

/** One row of the session library: a cache of the session doc's meta, kept by the renderer. */
export const SessionIndexEntrySchema = z.object({
  id: z.string().regex(ID_PATTERN),
  title: z.string().max(200),
  date: z.string().max(10),
  place: z.string().max(200),
  noteCount: z.number().int().nonnegative(),
  /** Notes per board (group id → count); noteCount is their sum. */
  boardNotes: z.record(z.string(), z.number().int().nonnegative()).default({}),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type SessionIndexEntry = z.infer<typeof SessionIndexEntrySchema>;
export const SessionIndexSchema = z.array(SessionIndexEntrySchema).max(10_000);

/**
 * The whole bridge between the UI and the operating system. Electron's preload implements it over
 * IPC (electron-store in main); a plain browser implements it over localStorage.
 * Docs themselves live in IndexedDB in both, so they are not part of this interface.
 */
export interface Platform {
  readonly kind: 'electron' | 'browser';
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  loadSessionIndex(): Promise<SessionIndexEntry[]>;
  saveSessionIndex(entries: SessionIndexEntry[]): Promise<void>;
}

export type PlatformMethod = Exclude<keyof Platform, 'kind'>;
