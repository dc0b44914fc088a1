import * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN, newId } from '../ids';
import { diffText } from '../textEdit';
import { clampText } from './note';

/**
 * The case (casus) and what the plenary makes of it, in the session doc (written by the
 * facilitator only; every laptop and the projector read it):
 *   caseText          Y.Text  the case as the facilitator prepares or types it (≤ CASE_TEXT_MAX)
 *   case              Y.Map   approvedText: string, the exact text the facilitator checked for
 *                             personal data and approved for showing; approvedAt: ms since 1970
 *   discussionPoints  Y.Map   point id → Y.Map { text: string (1–500), order: number, createdAt: ms }
 *   observations      Y.Text  what the facilitator noticed (seed 000: "men voelt zich alleen staan
 *                             in een casus"), ≤ NOTES_TEXT_MAX
 *   closingWords      Y.Text  the closing words, e.g. the ervaringsdeskundige's call, ≤ NOTES_TEXT_MAX
 * The long texts are root Y.Texts: a second window of the facilitator typing at the same time
 * merges instead of overwriting, a keystroke syncs as a few bytes rather than the whole text, and a
 * root type is never created twice by two laptops (a nested one could be, and one would be lost).
 * The approval is a copy of the text, not a flag: any change after approving (a name typed in while
 * the case is on the projector) takes the case off the screen until it is checked again.
 * Additive to session doc layout version 1: a doc without these keys has no case yet.
 */

export const CASE_TEXT_MAX = 10_000;
export const NOTES_TEXT_MAX = 5_000;
export const DISCUSSION_POINT_MAX = 500;
/** More than any plenary needs; a peer that writes more is not shown more. */
export const DISCUSSION_POINTS_MAX = 100;

/** The long texts of the case, each a root Y.Text of the session doc, with its cap in UTF-16 units. */
export const CASE_TEXT_FIELDS = { caseText: CASE_TEXT_MAX, observations: NOTES_TEXT_MAX, closingWords: NOTES_TEXT_MAX } as const;
export type CaseTextField = keyof typeof CASE_TEXT_FIELDS;

function textOf(doc: Y.Doc, field: CaseTextField): Y.Text {
  return doc.getText(field);
}

/** The field's text; a peer's text over the cap is shown cut (at a grapheme boundary). */
export function readCaseField(doc: Y.Doc, field: CaseTextField): string {
  return clampText(textOf(doc, field).toString(), CASE_TEXT_FIELDS[field]);
}

/**
 * Turns the field's text into `next` with the smallest edit (common prefix and suffix kept).
 * Throws a TypeError for a non-string and a RangeError for a text over the field's cap; nothing is
 * written then.
 */
export function writeCaseField(doc: Y.Doc, field: CaseTextField, next: string, origin?: unknown): void {
  if (typeof next !== 'string') throw new TypeError(`${field} must be a string`);
  const max = CASE_TEXT_FIELDS[field];
  if (next.length > max) throw new RangeError(`${field} is at most ${max} characters`);
  const ytext = textOf(doc, field);
  const current = ytext.toString();
  if (current === next) return;
  const { start, endBefore, endAfter } = diffText(current, next);
  doc.transact(() => {
    if (endBefore > start) ytext.delete(start, endBefore - start);
    if (endAfter > start) ytext.insert(start, next.slice(start, endAfter));
  }, origin);
}

/** Calls `listener` with the field's text whenever it changes, synchronously (for an open text field). */
export function observeCaseField(doc: Y.Doc, field: CaseTextField, listener: (text: string) => void): () => void {
  const ytext = textOf(doc, field);
  const onChange = () => listener(readCaseField(doc, field));
  ytext.observe(onChange);
  return () => ytext.unobserve(onChange);
}

// ---------------------------------------------------------------------------------------------
// Approval: which text may be shown.

export function caseMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('case');
}

export interface CaseApproval {
  /** The text approved for showing, or null when none is. */
  readonly approvedText: string | null;
  /** When it was approved (ms since 1970), or null. */
  readonly approvedAt: number | null;
}

/** The approval as the doc holds it; a value of the wrong type or over the cap reads as none. */
export function readCaseApproval(doc: Y.Doc): CaseApproval {
  const map = caseMap(doc);
  const text = map.get('approvedText');
  const at = map.get('approvedAt');
  const valid = typeof text === 'string' && text.trim() !== '' && text.length <= CASE_TEXT_MAX;
  return {
    approvedText: valid ? text : null,
    approvedAt: valid && typeof at === 'number' && Number.isFinite(at) && at >= 0 ? at : null,
  };
}

/**
 * Where the case stands: 'empty' (no text), 'draft' (text, never approved), 'shown' (this very text
 * is approved: the projector and the participants show it), 'changed' (a text was approved, but
 * the text changed since: it is not shown until approved again).
 */
export type CaseStatus = 'empty' | 'draft' | 'shown' | 'changed';

export function caseStatus(doc: Y.Doc): CaseStatus {
  // Compared uncut: a text over the cap is never the approved one, whatever its first part says.
  const text = textOf(doc, 'caseText').toString();
  const { approvedText } = readCaseApproval(doc);
  if (approvedText !== null && approvedText === text) return 'shown';
  if (!text.trim()) return 'empty';
  return approvedText === null ? 'draft' : 'changed';
}

/**
 * The case text to show (projector, participants' laptops) only when the current text is the one
 * the facilitator approved; null otherwise.
 */
export function readShownCase(doc: Y.Doc): string | null {
  return caseStatus(doc) === 'shown' ? readCaseField(doc, 'caseText') : null;
}

/**
 * Approves `text` for showing at `now`. `text` must be the current case text (what was checked is
 * what is shown: a change typed meanwhile, here or in another window, makes this throw an Error
 * with message 'case-changed') and not blank (a RangeError); nothing is written then.
 */
export function approveCase(doc: Y.Doc, text: string, now: number, origin?: unknown): void {
  if (typeof text !== 'string' || !text.trim()) throw new RangeError('An empty case cannot be shown');
  if (textOf(doc, 'caseText').toString() !== text) throw new Error('case-changed');
  if (!Number.isFinite(now) || now < 0) throw new RangeError('now must be a time in ms');
  const map = caseMap(doc);
  doc.transact(() => {
    if (map.get('approvedText') !== text) map.set('approvedText', text);
    map.set('approvedAt', now);
  }, origin);
}

/** Takes the case off the screen: no text is approved any more. */
export function withdrawCase(doc: Y.Doc, origin?: unknown): void {
  const map = caseMap(doc);
  if (!map.has('approvedText') && !map.has('approvedAt')) return;
  doc.transact(() => {
    map.delete('approvedText');
    map.delete('approvedAt');
  }, origin);
}

// ---------------------------------------------------------------------------------------------
// Discussion points, captured during the plenary.

export const DiscussionPointSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  text: z.string().trim().min(1).max(DISCUSSION_POINT_MAX),
  order: z.number().finite(),
  createdAt: z.number().int().nonnegative(),
});
export type DiscussionPoint = z.infer<typeof DiscussionPointSchema>;

const PointTextSchema = DiscussionPointSchema.shape.text;

export function discussionPointsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('discussionPoints');
}

/** The points in order: every record that validates (a broken or hostile one is left out), ≤ DISCUSSION_POINTS_MAX. */
export function readDiscussionPoints(doc: Y.Doc): DiscussionPoint[] {
  const points: DiscussionPoint[] = [];
  discussionPointsMap(doc).forEach((ypoint, id) => {
    if (!(ypoint instanceof Y.Map)) return;
    const parsed = DiscussionPointSchema.safeParse({ id, text: ypoint.get('text'), order: ypoint.get('order'), createdAt: ypoint.get('createdAt') });
    if (parsed.success) points.push(parsed.data);
  });
  return points.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).slice(0, DISCUSSION_POINTS_MAX);
}

/**
 * Adds a point after the last and returns its id. Throws a ZodError for a blank text or one over
 * DISCUSSION_POINT_MAX, a RangeError when the list holds DISCUSSION_POINTS_MAX; nothing is written then.
 * The text is stored trimmed.
 */
export function addDiscussionPoint(doc: Y.Doc, text: string, now: number, origin?: unknown): string {
  const valid = PointTextSchema.parse(text);
  const points = readDiscussionPoints(doc);
  if (points.length >= DISCUSSION_POINTS_MAX) throw new RangeError(`At most ${DISCUSSION_POINTS_MAX} discussion points`);
  const id = newId();
  const order = points.reduce((max, p) => Math.max(max, p.order + 1), 0);
  doc.transact(() => {
    const ypoint = new Y.Map<unknown>();
    ypoint.set('text', valid);
    ypoint.set('order', order);
    ypoint.set('createdAt', Math.max(0, Math.floor(now)));
    discussionPointsMap(doc).set(id, ypoint);
  }, origin);
  return id;
}

/** Changes a point's text; false when it does not exist. Same errors as addDiscussionPoint. */
export function updateDiscussionPoint(doc: Y.Doc, id: string, text: string, origin?: unknown): boolean {
  const valid = PointTextSchema.parse(text);
  const ypoint = discussionPointsMap(doc).get(id);
  if (!(ypoint instanceof Y.Map)) return false;
  if (ypoint.get('text') !== valid) doc.transact(() => ypoint.set('text', valid), origin);
  return true;
}

/** Removes a point; false when it does not exist. */
export function removeDiscussionPoint(doc: Y.Doc, id: string, origin?: unknown): boolean {
  if (!discussionPointsMap(doc).has(id)) return false;
  doc.transact(() => discussionPointsMap(doc).delete(id), origin);
  return true;
}

/**
 * Moves a point to position `to` (0-based, clamped to the list) and renumbers the list; writes only
 * the orders that change. False when the point is not in the list.
 */
export function moveDiscussionPoint(doc: Y.Doc, id: string, to: number, origin?: unknown): boolean {
  const points = readDiscussionPoints(doc);
  const from = points.findIndex((p) => p.id === id);
  if (from < 0 || !Number.isFinite(to)) return false;
  const [moving] = points.splice(from, 1);
  points.splice(Math.max(0, Math.min(points.length, Math.trunc(to))), 0, moving!);
  doc.transact(() => {
    points.forEach((p, order) => {
      const ypoint = discussionPointsMap(doc).get(p.id);
      if (ypoint instanceof Y.Map && ypoint.get('order') !== order) ypoint.set('order', order);
    });
  }, origin);
  return true;
}
