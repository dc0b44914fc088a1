import * as Y from 'yjs';
import { z } from 'zod';
import { cutAtGrapheme } from '../graphemes';
import { ID_PATTERN } from '../ids';
import { DOMAINS } from '../live';

/**
 * The roster: who took part in a live session, one record per participant, in the room doc
 * (`bouwplaats/<sessionId>/room`, key `participants`). Each participant writes only their own
 * record, when they join and when they change group, name or domain. Who is at a table *right now*
 * is presence (awareness), not this: a record stays after its participant has gone home, so the
 * report can say who was at the table (seed 000: which domains were there, and which were missing).
 */

/** A name as the join screen takes it (the same cap as a note's author). */
export const PARTICIPANT_NAME_MAX = 80;
/** More records than any room holds; a peer that writes more is not given more room on screen. */
export const ROSTER_MAX = 1000;

export const ParticipantSchema = z.object({
  /** Stable per device and session (kept with the device's membership), never the Yjs client id. */
  id: z.string().regex(ID_PATTERN),
  /** Optional: joining without a name is allowed (DESIGN: a code and an optional name). */
  name: z.string().trim().min(1).max(PARTICIPANT_NAME_MAX).optional(),
  domain: z.enum(DOMAINS).optional(),
  /** The subgroup they sit in: one of the session's groups. */
  groupId: z.string().regex(ID_PATTERN),
  /** ms since 1970: the first time this participant joined. */
  joinedAt: z.number().int().nonnegative(),
  /** ms since 1970: the last time they (re)joined or changed group, name or domain. */
  lastSeen: z.number().int().nonnegative(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/** What a participant tells about themselves when they join. */
export interface ParticipantInit {
  readonly id: string;
  readonly groupId: string;
  readonly name?: string | undefined;
  readonly domain?: string | undefined;
}

/** Room doc layout: `participants` is a Y.Map of participant id → Y.Map of the fields above. */
export function participantsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('participants');
}

/**
 * Reads one record; null when it does not validate (a hostile or broken peer: wrong types, a name
 * over the cap, a domain we do not know) or when its group is not one of `groupIds` (a group that
 * never existed, or one the facilitator removed: its people leave the roster with it).
 */
export function readParticipant(id: string, yrecord: unknown, groupIds: ReadonlySet<string>): Participant | null {
  if (!(yrecord instanceof Y.Map)) return null;
  const parsed = ParticipantSchema.safeParse({
    id,
    name: yrecord.get('name') ?? undefined,
    domain: yrecord.get('domain') ?? undefined,
    groupId: yrecord.get('groupId'),
    joinedAt: yrecord.get('joinedAt'),
    lastSeen: yrecord.get('lastSeen'),
  });
  if (!parsed.success || !groupIds.has(parsed.data.groupId)) return null;
  return parsed.data;
}

/**
 * Everyone who took part, in the order they joined: the records that validate and sit in one of
 * `groupIds` (the session's groups), at most ROSTER_MAX of them.
 */
export function readRoster(doc: Y.Doc, groupIds: Iterable<string>): Participant[] {
  const known = new Set(groupIds);
  const roster: Participant[] = [];
  participantsMap(doc).forEach((yrecord, id) => {
    const record = readParticipant(id, yrecord, known);
    if (record) roster.push(record);
  });
  roster.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : 1));
  return roster.slice(0, ROSTER_MAX);
}

/**
 * Writes this participant's record: a new one with `joinedAt = now`, or the fields of an existing
 * one that changed, and `lastSeen = now` either way. The name is trimmed and cut to the cap (at a
 * grapheme), an empty name or domain removes the field. Validated before anything is written:
 * a group that is not one of `groupIds`, a bad id or an unknown domain throws a ZodError and the
 * doc is untouched. Returns the record as written.
 */
export function recordParticipant(
  doc: Y.Doc,
  init: ParticipantInit,
  groupIds: Iterable<string>,
  now = Date.now(),
  origin?: unknown,
): Participant {
  const existing = participantsMap(doc).get(init.id);
  const prior: unknown = existing instanceof Y.Map ? existing.get('joinedAt') : undefined;
  // A first join is kept; a broken or future one (a hostile peer wrote it) starts again now.
  const joinedAt = typeof prior === 'number' && Number.isSafeInteger(prior) && prior >= 0 && prior <= now ? prior : now;
  const name = init.name ? cutAtGrapheme(init.name.trim(), PARTICIPANT_NAME_MAX).trim() : '';
  const known = new Set(groupIds);
  const record = ParticipantSchema.refine((r) => known.has(r.groupId), { path: ['groupId'], message: 'not a group of this session' }).parse({
    id: init.id,
    ...(name ? { name } : {}),
    ...(init.domain ? { domain: init.domain } : {}),
    groupId: init.groupId,
    joinedAt,
    lastSeen: now,
  });
  doc.transact(() => {
    const participants = participantsMap(doc);
    let yrecord = participants.get(record.id);
    if (!(yrecord instanceof Y.Map)) {
      yrecord = new Y.Map<unknown>();
      participants.set(record.id, yrecord);
    }
    const target = yrecord;
    // Only what changed: a key written with its old value would still be a change of its own.
    const put = (key: keyof Participant, value: unknown) => {
      if (value === undefined) {
        if (target.has(key)) target.delete(key);
      } else if (target.get(key) !== value) {
        target.set(key, value);
      }
    };
    put('name', record.name);
    put('domain', record.domain);
    put('groupId', record.groupId);
    put('joinedAt', record.joinedAt);
    put('lastSeen', record.lastSeen);
  }, origin);
  return record;
}
