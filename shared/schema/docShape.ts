import { z } from 'zod';
import { ID_PATTERN } from '../ids';
import type { DocKind } from './docNames';
import { DOC_VERSION_MAP } from './docVersion';
import { NOTE_TEXT_MAX, NoteSchema } from './note';
import { ParticipantSchema } from './participant';

/**
 * What each kind of doc may hold, as a tree of shared types a host can check one Yjs change at a
 * time (electron/host/content.ts: issue 10, item 2, "content validated against the schema"): the
 * root names, the keys of each map, the type under each key, plain values by the record's own zod
 * field, and a cap on each text. Written beside the record files, from their schemas: a new root,
 * key or field must be added here too, or the host refuses it.
 *
 * Texts get TEXT_SLACK × their cap: two people typing into one note at once can together pass the
 * cap before either laptop cuts it (readNote shows it cut), and an honest laptop must never be
 * refused. What a shape cannot say (a note's zone matching its position, a roster record's group
 * existing, how many records a map holds) the readers check (readNote, readParticipant) and the
 * byte caps bound.
 */

export type Shape =
  /** A Y.Map; `entry(key)` is the shape under `key`, or null for a key the map may not have. */
  | { readonly kind: 'map'; readonly entry: (key: string) => Shape | null }
  /** A Y.Text of plain characters (no formatting, no embeds), at most `maxLength` UTF-16 units. */
  | { readonly kind: 'text'; readonly maxLength: number }
  /** A plain value (what Y.Map.set stores for anything that is not a shared type). */
  | { readonly kind: 'value'; readonly valid: (value: unknown) => boolean };

/** How far a text may run past its cap while several people type into it at once. */
export const TEXT_SLACK = 4;

const value = (schema: z.ZodType): Shape => ({ kind: 'value', valid: (v) => schema.safeParse(v).success });
const map = (entry: (key: string) => Shape | null): Shape => ({ kind: 'map', entry });
const fields = (shapes: Readonly<Record<string, Shape>>): Shape => map((key) => (Object.hasOwn(shapes, key) ? shapes[key]! : null));
const byId = (shape: Shape): Shape => map((key) => (ID_PATTERN.test(key) ? shape : null));

/** `docVersion`: `kind` and one `"<n>": true` per version (docVersion.ts). */
const VERSION_MAP = map((key) => {
  if (key === 'kind') return value(z.string().max(32));
  return /^[1-9]\d{0,5}$/.test(key) ? value(z.literal(true)) : null;
});

const NOTE = fields({
  text: { kind: 'text', maxLength: NOTE_TEXT_MAX * TEXT_SLACK },
  ...Object.fromEntries((['x', 'y', 'zone', 'colour', 'author', 'domain', 'createdAt', 'updatedAt'] as const).map((key) => [key, value(NoteSchema.shape[key])])),
});

const PARTICIPANT = fields(
  Object.fromEntries((['name', 'domain', 'groupId', 'joinedAt', 'lastSeen'] as const).map((key) => [key, value(ParticipantSchema.shape[key])])),
);

/** tableDone.ts: group id → { phaseId, at }. */
const TABLE_DONE = fields({ phaseId: value(z.string().regex(ID_PATTERN)), at: value(z.number().int().nonnegative()) });

/**
 * The root shared types of each doc kind the host checks. The session doc is not here: it is the
 * facilitator's alone (issue 10, item 1: read-only for every other token), and its many records
 * (agenda, run, case) are checked where they are read.
 */
export const DOC_SHAPES: Readonly<Partial<Record<DocKind, Readonly<Record<string, Shape>>>>> = {
  board: { notes: byId(NOTE), [DOC_VERSION_MAP]: VERSION_MAP },
  room: { participants: byId(PARTICIPANT), done: byId(TABLE_DONE), [DOC_VERSION_MAP]: VERSION_MAP },
};
