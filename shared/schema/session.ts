import * as Y from 'yjs';
import { z } from 'zod';
import type { BoardTemplate } from '../template/template';
import type { DocKindVersions } from './docVersion';

/**
 * The session doc's layout versions (docVersion.ts). Version 1: `meta`, `questions`, `groups` as
 * in the README. Add a step here, with `current`, when the layout changes.
 */
export const SESSION_DOC_VERSIONS: DocKindVersions = { current: 1, migrations: [] };

/**
 * `meta.schemaVersion`: always 1, never read for the doc's version (that is the `docVersion` map).
 * Still written because apps before document versions list a session only when it is there.
 */
export const SCHEMA_VERSION = 1;

/** Longest session title, in UTF-16 units (what zod's max and an input's maxLength count). */
export const TITLE_MAX = 200;

/** What the library shows and the report opens with. */
export const SessionMetaSchema = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
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

const SessionMetaPatchSchema = SessionMetaSchema.partial();

/**
 * Writes the given meta fields (only those that change), after validating them: a title over
 * {@link TITLE_MAX} or a date that is not yyyy-mm-dd throws a ZodError and nothing is written, so no
 * screen can leave a session that the library would no longer list. Strings are stored trimmed
 * where the schema trims (the title).
 */
export function writeSessionMeta(doc: Y.Doc, patch: Partial<SessionMeta>, origin?: unknown): void {
  const valid = SessionMetaPatchSchema.parse(patch);
  const meta = metaMap(doc);
  doc.transact(() => {
    for (const key of META_KEYS) {
      const value = valid[key];
      if (value !== undefined && meta.get(key) !== value) meta.set(key, value);
    }
  }, origin);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A title made by `wrap` (e.g. "Kopie van {{title}}") that fits {@link TITLE_MAX}: when the wrapped
 * title is too long, the inner title is cut between graphemes (never inside an emoji or a
 * surrogate pair) and ends in "…". The result always passes SessionMetaSchema's title rule.
 * Throws when `wrap` alone, with an empty title, is already too long.
 */
export function fitTitle(title: string, wrap: (title: string) => string = (t) => t, max = TITLE_MAX): string {
  const whole = wrap(title.trim()).trim();
  if (whole.length <= max) return whole;
  const room = max - wrap('…').trim().length;
  if (room < 0) throw new RangeError(`No room for a title within ${max} characters`);
  let cut = '';
  for (const { segment } of graphemes.segment(title.trim())) {
    if (cut.length + segment.length > room) break;
    cut += segment;
  }
  return wrap(`${cut.trimEnd()}…`).trim();
}

export const QuestionSchema = z.string().trim().min(1).max(2000);

/** The template's question for each zone (zone id → text) in a UI language. */
export function defaultQuestions(template: BoardTemplate, lang: keyof BoardTemplate['name'] = 'nl'): Record<string, string> {
  return Object.fromEntries(template.zones.map((zone) => [zone.id, zone.defaultQuestion[lang]]));
}

/**
 * The question of each zone: the session's own text, or the template's default (in `lang`, Dutch
 * unless told) when a peer left it blank.
 */
export function readQuestions(doc: Y.Doc, template: BoardTemplate, lang: keyof BoardTemplate['name'] = 'nl'): Record<string, string> {
  const questions = questionsMap(doc);
  return Object.fromEntries(
    template.zones.map((zone) => {
      const own = questions.get(zone.id);
      return [zone.id, typeof own === 'string' && own.trim() ? own : zone.defaultQuestion[lang]];
    }),
  );
}

/** Writes one zone's question; an empty or over-long question throws a ZodError. */
export function writeQuestion(doc: Y.Doc, zoneId: string, text: string, origin?: unknown): void {
  const parsed = QuestionSchema.parse(text);
  doc.transact(() => questionsMap(doc).set(zoneId, parsed), origin);
}
