import { ID_PATTERN } from '../ids';

/**
 * Every doc has a stable name: its IndexedDB database, its sync room (y-webrtc topic, relay path)
 * and, on the host, its log file. This file is the only place that builds a name or reads one
 * back; nothing else splits names on "/" or puts prefixes together.
 *
 *   bouwplaats/<sessionId>/session            the facilitator's doc: meta, questions, groups, …
 *   bouwplaats/<sessionId>/room               what participants contribute besides notes
 *   bouwplaats/<sessionId>/board/<groupId>    one group's notes
 *
 * Ids match ID_PATTERN ([0-9a-z], 6–32), so a name never holds "..", "%" or another "/".
 */

const ROOT = 'bouwplaats';

/** The kinds of doc a session has; each has its own layout and version (docVersion.ts). */
export const DOC_KINDS = ['session', 'room', 'board'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** What a doc name says: which session, which kind and, for a board, which group. */
export type DocRef =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'room'; readonly sessionId: string }
  | { readonly kind: 'board'; readonly sessionId: string; readonly groupId: string };

function checkId(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new RangeError(`Not a ${what} id: ${JSON.stringify(id)}`);
  return id;
}

/** The name of the doc `ref` points to. Throws a RangeError for an id that is not an id. */
export function docName(ref: DocRef): string {
  const session = `${ROOT}/${checkId(ref.sessionId, 'session')}`;
  return ref.kind === 'board' ? `${session}/board/${checkId(ref.groupId, 'group')}` : `${session}/${ref.kind}`;
}

export function sessionDocName(sessionId: string): string {
  return docName({ kind: 'session', sessionId });
}

export function roomDocName(sessionId: string): string {
  return docName({ kind: 'room', sessionId });
}

export function boardDocName(sessionId: string, groupId: string): string {
  return docName({ kind: 'board', sessionId, groupId });
}

/**
 * Reads a doc name back; null for anything this app would not have built (another prefix, a
 * malformed id, "..", a segment too many or too few).
 */
export function parseDocName(name: string): DocRef | null {
  const parts = name.split('/');
  if (parts[0] !== ROOT || parts.length < 3 || parts.length > 4) return null;
  const [, sessionId = '', kind, groupId] = parts;
  if (!ID_PATTERN.test(sessionId)) return null;
  if (parts.length === 4) return kind === 'board' && groupId !== undefined && ID_PATTERN.test(groupId) ? { kind: 'board', sessionId, groupId } : null;
  if (kind === 'session' || kind === 'room') return { kind, sessionId };
  return null;
}

/** True when `name` is a doc of session `sessionId` (what a live session may sync, and nothing else). */
export function isDocOfSession(name: string, sessionId: string): boolean {
  return parseDocName(name)?.sessionId === sessionId;
}

/** Every doc name of a session starts with this (an IndexedDB listing is filtered by it). */
export function sessionDocPrefix(sessionId: string): string {
  return `${ROOT}/${checkId(sessionId, 'session')}/`;
}
