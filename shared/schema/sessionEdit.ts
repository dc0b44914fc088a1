import type * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN } from '../ids';
import type { BoardTemplate } from '../template/template';
import { GroupSchema, MAX_GROUPS, addGroup, readGroups, removeGroup, renameGroup, reorderGroups } from './group';
import { QuestionSchema, SessionMetaSchema, readQuestions, readSessionMeta, writeQuestion, writeSessionMeta, type SessionMeta } from './session';

/** A subgroup in the "Sessie bewerken" form: an existing group has its id, a new one has none. */
export const SessionFormGroupSchema = z.object({
  id: z.string().regex(ID_PATTERN).optional(),
  name: GroupSchema.shape.name,
});
export type SessionFormGroup = z.infer<typeof SessionFormGroupSchema>;

/** Everything a facilitator may change after creating a session, as the edit form holds it. */
export const SessionFormSchema = z.object({
  title: SessionMetaSchema.shape.title,
  date: SessionMetaSchema.shape.date,
  place: SessionMetaSchema.shape.place,
  organiser: SessionMetaSchema.shape.organiser,
  intro: SessionMetaSchema.shape.intro,
  groups: z.array(SessionFormGroupSchema).min(1).max(MAX_GROUPS),
  /** Zone id → question. */
  questions: z.record(z.string(), QuestionSchema),
});
export type SessionForm = z.infer<typeof SessionFormSchema>;

const EDITABLE_META = ['title', 'date', 'place', 'organiser', 'intro'] as const satisfies readonly (keyof SessionMeta)[];

/** The session as the edit form starts from; null when its meta does not validate. */
export function readSessionForm(doc: Y.Doc, template: BoardTemplate): SessionForm | null {
  const meta = readSessionMeta(doc);
  if (!meta) return null;
  return {
    title: meta.title,
    date: meta.date,
    place: meta.place,
    organiser: meta.organiser,
    intro: meta.intro,
    groups: readGroups(doc).map((g) => ({ id: g.id, name: g.name })),
    questions: readQuestions(doc, template),
  };
}

/** What an edit did to the subgroups; the caller deletes the boards of removed groups. */
export interface SessionEditResult {
  readonly removedGroupIds: string[];
  readonly addedGroupIds: string[];
}

/**
 * Writes what the facilitator changed between `before` (what the form opened with) and `after`
 * (what they saved), through the schema's accessors, in one transaction. Only changed fields are
 * written, so what another window changed meanwhile survives. `after` is validated first: a
 * ZodError is thrown and nothing is written when it is not a valid session.
 */
export function applySessionEdit(
  doc: Y.Doc,
  template: BoardTemplate,
  before: SessionForm,
  after: SessionForm,
  origin?: unknown,
): SessionEditResult {
  const valid = SessionFormSchema.parse(after);
  const beforeNames = new Map(before.groups.flatMap((g) => (g.id ? [[g.id, g.name] as const] : [])));
  const keptIds = new Set(valid.groups.flatMap((g) => (g.id ? [g.id] : [])));
  const removedGroupIds = [...beforeNames.keys()].filter((id) => !keptIds.has(id));
  const addedGroupIds: string[] = [];

  doc.transact(() => {
    const patch: Partial<SessionMeta> = {};
    for (const key of EDITABLE_META) if (valid[key] !== before[key]) patch[key] = valid[key];
    writeSessionMeta(doc, patch, origin);

    for (const zone of template.zones) {
      const text = valid.questions[zone.id];
      if (text !== undefined && text !== before.questions[zone.id]) writeQuestion(doc, zone.id, text, origin);
    }

    // A session always keeps one group: when every old group goes, the last goes after the adds.
    const deferred: string[] = [];
    for (const id of removedGroupIds) {
      if (readGroups(doc).length > 1) removeGroup(doc, id, origin);
      else deferred.push(id);
    }
    const sequence = valid.groups.map((group) => {
      if (!group.id) {
        const id = addGroup(doc, group.name, origin);
        addedGroupIds.push(id);
        return id;
      }
      if (group.name !== beforeNames.get(group.id)) renameGroup(doc, group.id, group.name, origin);
      return group.id;
    });
    for (const id of deferred) removeGroup(doc, id, origin);
    reorderGroups(doc, sequence, origin);
  }, origin);

  return { removedGroupIds, addedGroupIds };
}
