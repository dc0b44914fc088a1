/**
 * The room doc, `bouwplaats/<sessionId>/room`: what participants contribute besides their notes,
 * written by participants and the facilitator (the session doc is the facilitator's alone, so a
 * host can let a participant's token read it without writing it). Its keys:
 *   participants   the roster, one record per participant (participant.ts)
 * Votes (keyed by participant id) and each table's "wij zijn klaar" come next, as keys of their own.
 */

/**
 * The room doc's layout version, as the README documents it. The generic document versioning
 * (a `migrate` step per kind of doc) registers the room kind with this version.
 */
export const ROOM_DOC_VERSION = 1;
