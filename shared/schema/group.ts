import * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN, newId } from '../ids';

export const MAX_GROUPS = 30;

/** A subgroup of the room; each has its own board doc. */
export const GroupSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  name: z.string().trim().min(1).max(80),
  /** Position in the list; groups are a map (not an array) so concurrent renames never clash. */
  order: z.number().finite(),
});
export type Group = z.infer<typeof GroupSchema>;

export function groupsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('groups');
}

export function readGroups(doc: Y.Doc): Group[] {
  const groups: Group[] = [];
  groupsMap(doc).forEach((ygroup, id) => {
    if (!(ygroup instanceof Y.Map)) return;
    const parsed = GroupSchema.safeParse({ id, name: ygroup.get('name'), order: ygroup.get('order') });
    if (parsed.success) groups.push(parsed.data);
  });
  return groups.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/**
 * Adds a group at the end of the list and returns its id. Throws a ZodError for a name that is
 * empty or longer than 80, and a RangeError when the session already has {@link MAX_GROUPS}.
 */
export function addGroup(doc: Y.Doc, name: string, origin?: unknown): string {
  const id = newId();
  const parsedName = GroupSchema.shape.name.parse(name);
  if (readGroups(doc).length >= MAX_GROUPS) throw new RangeError(`A session has at most ${MAX_GROUPS} groups`);
  doc.transact(() => {
    const groups = groupsMap(doc);
    let order = 0;
    groups.forEach((g) => {
      const o = g.get('order');
      if (typeof o === 'number' && o >= order) order = o + 1;
    });
    const ygroup = new Y.Map<unknown>();
    ygroup.set('name', parsedName);
    ygroup.set('order', order);
    groups.set(id, ygroup);
  }, origin);
  return id;
}

/** Renames a group; false when it does not exist, a ZodError for a bad name. */
export function renameGroup(doc: Y.Doc, id: string, name: string, origin?: unknown): boolean {
  const ygroup = groupsMap(doc).get(id);
  if (!(ygroup instanceof Y.Map)) return false;
  const parsedName = GroupSchema.shape.name.parse(name);
  doc.transact(() => ygroup.set('name', parsedName), origin);
  return true;
}

/**
 * Removes a group from the session (its board doc is the caller's to delete). False when it does
 * not exist; a RangeError for the last group, since a session always has at least one.
 */
export function removeGroup(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const groups = groupsMap(doc);
  if (!(groups.get(id) instanceof Y.Map)) return false;
  if (readGroups(doc).length <= 1) throw new RangeError('A session keeps at least one group');
  doc.transact(() => groups.delete(id), origin);
  return true;
}

/**
 * Puts the groups in the order of `ids`; groups not listed (added meanwhile by someone else) follow,
 * in their own order. Writes only the orders that change, so a peer's concurrent rename is kept.
 */
export function reorderGroups(doc: Y.Doc, ids: readonly string[], origin?: unknown): void {
  const listed = new Set(ids);
  const current = readGroups(doc);
  const sequence = [...ids.filter((id) => current.some((g) => g.id === id)), ...current.filter((g) => !listed.has(g.id)).map((g) => g.id)];
  const groups = groupsMap(doc);
  doc.transact(() => {
    sequence.forEach((id, order) => {
      const ygroup = groups.get(id);
      if (ygroup instanceof Y.Map && ygroup.get('order') !== order) ygroup.set('order', order);
    });
  }, origin);
}

/** Default names for n new groups: "Groep 1" … in the UI language. */
export function defaultGroupNames(count: number, word: string): string[] {
  return Array.from({ length: count }, (_, i) => `${word} ${i + 1}`);
}
