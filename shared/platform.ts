import { z } from 'zod';
import { ID_PATTERN } from './ids';
import { JoinAddressSchema, LiveInfoSchema, TokenSchema } from './live';

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
  /**
   * This device joined the session as a participant: the row is its own copy of someone else's
   * session (not renamed or duplicated from here; deleting it removes only this copy).
   */
  joined: z.boolean().optional(),
  /**
   * The sample session ("Voorbeeldsessie openen", seed 000) made on this device: opening the
   * sample again opens this row's session rather than making another. A copy of it is no sample.
   */
  sample: z.boolean().optional(),
});
export type SessionIndexEntry = z.infer<typeof SessionIndexEntrySchema>;
export const SessionIndexSchema = z.array(SessionIndexEntrySchema).max(10_000);

export const HostingRequestSchema = z.object({
  sessionId: z.string().regex(ID_PATTERN),
  title: z.string().max(200),
  /** The code the room already uses, when hosting resumes after a restart. */
  code: z.string().max(16).optional(),
  /** A fresh code; the old one stops working (see LiveControlRequestSchema). */
  newCode: z.boolean().optional(),
  /** End another session live on this computer first. */
  replace: z.boolean().optional(),
});
export type HostingRequest = z.infer<typeof HostingRequestSchema>;

/** A live session this device hosts: what the facilitator shows the room. */
export const HostingSchema = z.object({
  code: z.string().min(1).max(16),
  /** Join addresses for the room, the likeliest first (see LiveStartedSchema). */
  addresses: z.array(JoinAddressSchema).max(16),
  /** Where this device itself reaches the host. */
  localUrl: z.string().url(),
  info: LiveInfoSchema,
  /** Devices connected right now (one per open page, this one included). */
  connected: z.number().int().nonnegative(),
  /** The host's disk refuses writes (LiveStartedSchema). */
  storageFailing: z.boolean().optional(),
  /** A doc or the session holds all the host keeps for it (LiveStartedSchema). */
  storageFull: z.boolean().optional(),
  /** The facilitator's token, and a projector's (LiveStartedSchema). */
  token: TokenSchema,
  projectorToken: TokenSchema,
});
export type Hosting = z.infer<typeof HostingSchema>;

/**
 * What `startHosting` answers: the session is live (again, or still: asking again is how the host
 * panel refreshes its addresses and count), or another session is live on this computer and the
 * request did not say `replace`.
 */
export const HostingAnswerSchema = z.discriminatedUnion('status', [
  HostingSchema.extend({ status: z.literal('live') }),
  z.object({ status: z.literal('busy'), live: LiveInfoSchema.pick({ sessionId: true, title: true }) }),
]);
export type HostingAnswer = z.infer<typeof HostingAnswerSchema>;

/** What to delete from the host's copy on this computer: a whole session, or some of its boards. */
export const ForgetRequestSchema = z.object({
  sessionId: z.string().regex(ID_PATTERN),
  /** Only the boards of these groups (removed in "Sessie bewerken"); absent: everything. */
  groupIds: z.array(z.string().regex(ID_PATTERN)).max(64).optional(),
});
export type ForgetRequest = z.infer<typeof ForgetRequestSchema>;

/**
 * `forgotten`: the host keeps nothing of it any more (or never did). `live`: the session is live
 * on this computer right now and nothing was deleted; stop it first.
 */
export const ForgetAnswerSchema = z.object({ status: z.enum(['forgotten', 'live']) });
export type ForgetAnswer = z.infer<typeof ForgetAnswerSchema>;

/** Which session the projector window shows (it opens at #/projector/<sessionId>). */
export const OpenProjectorRequestSchema = z.object({
  sessionId: z.string().regex(ID_PATTERN),
});
export type OpenProjectorRequest = z.infer<typeof OpenProjectorRequestSchema>;

/**
 * Where the projector window went: full screen on a second display (Electron, when there is one);
 * a window the facilitator drags to the projector; or nowhere, because the browser blocked it
 * (pop-ups not allowed for this page).
 */
export const PROJECTOR_PLACEMENTS = ['second-display', 'window', 'blocked'] as const;
export const ProjectorAnswerSchema = z.object({ placement: z.enum(PROJECTOR_PLACEMENTS) });
export type ProjectorAnswer = z.infer<typeof ProjectorAnswerSchema>;

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
  /** Starts the LAN host for a session (signaling, relay, the renderer for browsers). */
  startHosting(request: HostingRequest): Promise<HostingAnswer>;
  stopHosting(): Promise<void>;
  /**
   * Deletes what the LAN host on this computer keeps of a session (DESIGN: notes about children
   * must not outlive "delete"): its docs on disk and its join code, or only some boards. A session
   * this computer never hosted answers `forgotten` too. Rejects when the host cannot be reached.
   */
  forgetSession(request: ForgetRequest): Promise<ForgetAnswer>;
  /**
   * Opens the projector window for a session (or brings the open one to it): Electron puts it full
   * screen on a second display when there is one; a browser opens a window.
   */
  openProjector(request: OpenProjectorRequest): Promise<ProjectorAnswer>;
}

export type PlatformMethod = Exclude<keyof Platform, 'kind'>;
