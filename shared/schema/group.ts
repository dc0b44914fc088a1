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

export function addGroup(doc: Y.Doc, name: string, origin?: unknown): string {
  const id = newId();
  const parsedName = GroupSchema.shape.name.parse(name);
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

export function renameGroup(doc: Y.Doc, id: string, name: string, origin?: unknown): boolean {
  const ygroup = groupsMap(doc).get(id);
  if (!(ygroup instanceof Y.Map)) return false;
  const parsedName = GroupSchema.shape.name.parse(name);
  doc.transact(() => ygroup.set('name', parsedName), origin);
  return true;
}

/** Default names for n new groups: "Groep 1" … in the UI language. */
export function defaultGroupNames(count: number, word: string): string[] {
  return Array.from({ length: count }, (_, i) => `${word} ${i + 1}`);
}
