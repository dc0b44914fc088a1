import * as Y from 'yjs';
import { z } from 'zod';
import type { BoardTemplate } from '../template/template';

export const SCHEMA_VERSION = 1;

/** What the library shows and the report opens with. */
export const SessionMetaSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** ISO date, yyyy-mm-dd. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).or(z.literal('')),
  place: z.string().max(200),
  organiser: z.string().max(200),
  intro: z.string().max(5000),
  templateId: z.string().min(1).max(40),
  createdAt: z.number().int().nonnegative(),
  schemaVersion: z.number().int().positive(),
});
export type SessionMeta = z.infer<typeof SessionMetaSchema>;

const META_KEYS = ['title', 'date', 'place', 'organiser', 'intro', 'templateId', 'createdAt', 'schemaVersion'] as const;

/** Session doc layout: `meta` (Y.Map of plain values), `questions` (zone id → text), `groups`. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function questionsMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap('questions');
}

export function readSessionMeta(doc: Y.Doc): SessionMeta | null {
  const meta = metaMap(doc);
  const candidate = Object.fromEntries(META_KEYS.map((key) => [key, meta.get(key)]));
  const parsed = SessionMetaSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function writeSessionMeta(doc: Y.Doc, patch: Partial<SessionMeta>, origin?: unknown): void {
  const meta = metaMap(doc);
  doc.transact(() => {
    for (const key of META_KEYS) {
      const value = patch[key];
      if (value !== undefined && meta.get(key) !== value) meta.set(key, value);
    }
  }, origin);
}

export const QuestionSchema = z.string().trim().min(1).max(2000);

/** The question of each zone: the session's own text, or the template's default. */
export function readQuestions(doc: Y.Doc, template: BoardTemplate): Record<string, string> {
  const questions = questionsMap(doc);
  return Object.fromEntries(
    template.zones.map((zone) => {
      const own = questions.get(zone.id);
      return [zone.id, typeof own === 'string' && own.trim() ? own : zone.defaultQuestion];
    }),
  );
}

export function writeQuestion(doc: Y.Doc, zoneId: string, text: string, origin?: unknown): void {
  const parsed = QuestionSchema.parse(text);
  doc.transact(() => questionsMap(doc).set(zoneId, parsed), origin);
}
