import * as Y from 'yjs';
import { z } from 'zod';
import { stampDocVersion } from './docVersion';
import { MAX_GROUPS, GroupSchema, addGroup, readGroups } from './group';
import {
  QuestionSchema,
  SCHEMA_VERSION,
  SessionMetaSchema,
  questionsMap,
  readQuestions,
  readSessionMeta,
  writeSessionMeta,
} from './session';
import type { BoardTemplate } from '../template/template';

/** What the "Nieuwe sessie" form produces; validated before any doc is written. */
export const SessionDraftSchema = z.object({
  title: SessionMetaSchema.shape.title,
  date: SessionMetaSchema.shape.date,
  place: SessionMetaSchema.shape.place,
  organiser: SessionMetaSchema.shape.organiser,
  intro: SessionMetaSchema.shape.intro,
  groups: z.array(GroupSchema.shape.name).min(1).max(MAX_GROUPS),
  questions: z.record(z.string(), QuestionSchema),
});
export type SessionDraft = z.infer<typeof SessionDraftSchema>;

/** Fills an empty session doc from a validated draft, stamped with this app's version of the layout. */
export function initSessionDoc(doc: Y.Doc, template: BoardTemplate, draft: SessionDraft, now = Date.now()): void {
  const valid = SessionDraftSchema.parse(draft);
  doc.transact(() => {
    writeSessionMeta(doc, {
      title: valid.title,
      date: valid.date,
      place: valid.place,
      organiser: valid.organiser,
      intro: valid.intro,
      templateId: template.id,
      createdAt: now,
      schemaVersion: SCHEMA_VERSION,
    });
    for (const zone of template.zones) {
      questionsMap(doc).set(zone.id, valid.questions[zone.id] ?? zone.defaultQuestion.nl);
    }
    for (const name of valid.groups) addGroup(doc, name);
    stampDocVersion(doc, 'session');
  });
}

/**
 * A draft for a new session "from this one": the same details, subgroups (by name, in order) and
 * questions; the caller gives it a new title and date. Null when the session's meta does not
 * validate.
 */
export function draftFromSession(doc: Y.Doc, template: BoardTemplate): SessionDraft | null {
  const meta = readSessionMeta(doc);
  if (!meta) return null;
  return {
    title: meta.title,
    date: meta.date,
    place: meta.place,
    organiser: meta.organiser,
    intro: meta.intro,
    groups: readGroups(doc).map((g) => g.name),
    questions: readQuestions(doc, template),
  };
}
