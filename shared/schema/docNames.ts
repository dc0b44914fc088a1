import { ID_PATTERN } from '../ids';

/**
 * Every doc has a stable name: its IndexedDB database, its sync room and (encoded) its file on the
 * host. A session has three kinds of doc, each written by its own people (see the README's schema):
 *   bouwplaats/<sessionId>/session          the facilitator's (meta, questions, groups, …)
 *   bouwplaats/<sessionId>/room             participants' and the facilitator's (the roster, …)
 *   bouwplaats/<sessionId>/board/<groupId>  that group's and the facilitator's (notes)
 */
export function sessionDocName(sessionId: string): string {
  return `bouwplaats/${sessionId}/session`;
}

/** What participants contribute besides notes: who took part (the roster), later votes and "done". */
export function roomDocName(sessionId: string): string {
  return `bouwplaats/${sessionId}/room`;
}

export function boardDocName(sessionId: string, groupId: string): string {
  return `bouwplaats/${sessionId}/board/${groupId}`;
}

/** Every doc name of a session starts with this (an IndexedDB listing is filtered by it). */
export function sessionDocPrefix(sessionId: string): string {
  return `bouwplaats/${sessionId}/`;
}

/** A doc name taken apart; `groupId` only for a board. */
export type ParsedDocName =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'room'; readonly sessionId: string }
  | { readonly kind: 'board'; readonly sessionId: string; readonly groupId: string };

/** The inverse of the builders above; null for any other string (ids must match ID_PATTERN). */
export function parseDocName(name: string): ParsedDocName | null {
  const parts = name.split('/');
  if (parts[0] !== 'bouwplaats' || !parts[1] || !ID_PATTERN.test(parts[1])) return null;
  const sessionId = parts[1];
  if (parts.length === 3 && parts[2] === 'session') return { kind: 'session', sessionId };
  if (parts.length === 3 && parts[2] === 'room') return { kind: 'room', sessionId };
  if (parts.length === 4 && parts[2] === 'board' && parts[3] && ID_PATTERN.test(parts[3])) return { kind: 'board', sessionId, groupId: parts[3] };
  return null;
}
