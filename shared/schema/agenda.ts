import * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN, newId } from '../ids';

/**
 * The agenda and how the room runs through it, in the session doc (written by the facilitator only;
 * every laptop and the projector read it):
 *   agenda   Y.Map phase id → Y.Map { kind, title, minutes, instruction, boardsOpen, order }
 *   run      Y.Map of plain values: the current phase, pause, the timer, follow-me and what the
 *            projector shows (RunState below)
 * A map keyed by id rather than an array, like the groups: two windows of the facilitator that
 * rename and reorder at once never clash. Times are ms since 1970 on the facilitator's clock (the
 * host runs there); a laptop converts with its clock offset (shared/clock.ts).
 * Additive to session doc layout version 1: a doc without these keys is a session that was never
 * run with phases, and every board stays open in it, as before.
 */

/**
 * What a phase is for: the projector picks its view by it (welcome: title, code and QR; case: the
 * case; build: the wall of houses; reflection; closing: the closing words).
 */
export const PHASE_KINDS = ['welcome', 'case', 'build', 'reflection', 'closing'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const PHASE_TITLE_MAX = 80;
export const PHASE_INSTRUCTION_MAX = 1000;
/** A morning is 4 hours; no phase is longer. */
export const PHASE_MINUTES_MAX = 240;
/** More than any agenda needs; a peer that writes more is not shown more. */
export const AGENDA_MAX = 30;

export const PhaseSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  kind: z.enum(PHASE_KINDS),
  title: z.string().trim().min(1).max(PHASE_TITLE_MAX),
  /** Planned length in whole minutes, 1–240; the timer starts from it. */
  minutes: z.number().int().min(1).max(PHASE_MINUTES_MAX),
  instruction: z.string().max(PHASE_INSTRUCTION_MAX),
  /** Whether participants may write on their board in this phase. */
  boardsOpen: z.boolean(),
  order: z.number().finite(),
});
export type Phase = z.infer<typeof PhaseSchema>;
/** A phase as a form gives it: the id and order are the agenda's to choose. */
export type PhaseInit = Omit<Phase, 'id' | 'order'>;

/**
 * Seed 000's morning ("Zo thuis mogelijk!", 14 September 2023): welcome by the region, a case
 * discussed in plenary, building the house in subgroups, the closing reflection, the closing words.
 * Boards are open only while building (issue 9). Texts in the UI language: `text(key)` returns the
 * translated title or instruction for `agenda.default.<kind>.title|instruction`.
 */
export function defaultAgenda(text: (key: string) => string): PhaseInit[] {
  const minutes: Record<PhaseKind, number> = { welcome: 10, case: 30, build: 45, reflection: 30, closing: 10 };
  return PHASE_KINDS.map((kind) => ({
    kind,
    title: text(`agenda.default.${kind}.title`),
    minutes: minutes[kind],
    instruction: text(`agenda.default.${kind}.instruction`),
    boardsOpen: kind === 'build',
  }));
}

export function agendaMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('agenda');
}

export function runMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('run');
}

const PHASE_KEYS = ['kind', 'title', 'minutes', 'instruction', 'boardsOpen', 'order'] as const;

/** The agenda in order: every record that validates (a hostile or broken one is left out), ≤ AGENDA_MAX. */
export function readAgenda(doc: Y.Doc): Phase[] {
  const phases: Phase[] = [];
  agendaMap(doc).forEach((yphase, id) => {
    if (!(yphase instanceof Y.Map)) return;
    const parsed = PhaseSchema.safeParse({ id, ...Object.fromEntries(PHASE_KEYS.map((k) => [k, yphase.get(k)])) });
    if (parsed.success) phases.push(parsed.data);
  });
  return phases.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1)).slice(0, AGENDA_MAX);
}

const PhaseInitSchema = PhaseSchema.omit({ id: true, order: true });

/**
 * Adds a phase after the last one and returns its id. Throws a ZodError for an invalid phase
 * (empty title, minutes outside 1–240, …) and a RangeError when the agenda holds AGENDA_MAX.
 */
export function addPhase(doc: Y.Doc, init: PhaseInit, origin?: unknown): string {
  const valid = PhaseInitSchema.parse(init);
  const agenda = readAgenda(doc);
  if (agenda.length >= AGENDA_MAX) throw new RangeError(`An agenda has at most ${AGENDA_MAX} phases`);
  const id = newId();
  const order = agenda.reduce((max, p) => Math.max(max, p.order + 1), 0);
  doc.transact(() => {
    const yphase = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ ...valid, order })) yphase.set(key, value);
    agendaMap(doc).set(id, yphase);
  }, origin);
  return id;
}

/** Writes the agenda of a new session (or one that has none): `phases` in order. Same errors as addPhase. */
export function writeAgenda(doc: Y.Doc, phases: readonly PhaseInit[], origin?: unknown): string[] {
  return doc.transact(() => phases.map((phase) => addPhase(doc, phase, origin)), origin);
}

/**
 * Changes fields of one phase (only those that differ). False when it does not exist; a ZodError
 * when the result would not be a valid phase (nothing is written then).
 */
export function updatePhase(doc: Y.Doc, id: string, patch: Partial<PhaseInit>, origin?: unknown): boolean {
  const yphase = agendaMap(doc).get(id);
  if (!(yphase instanceof Y.Map)) return false;
  const current = readAgenda(doc).find((p) => p.id === id);
  const next = PhaseSchema.parse({ ...(current ?? {}), ...patch, id, order: current?.order ?? yphase.get('order') });
  doc.transact(() => {
    for (const key of PHASE_KEYS) if (yphase.get(key) !== next[key]) yphase.set(key, next[key]);
  }, origin);
  return true;
}

/** Removes a phase; false when it does not exist. The current phase cannot go: a RangeError. */
export function removePhase(doc: Y.Doc, id: string, origin?: unknown): boolean {
  if (!(agendaMap(doc).get(id) instanceof Y.Map)) return false;
  if (readRun(doc).phaseId === id) throw new RangeError('The current phase cannot be removed');
  doc.transact(() => agendaMap(doc).delete(id), origin);
  return true;
}

/** Puts the phases in the order of `ids` (phases not listed follow); writes only orders that change. */
export function reorderPhases(doc: Y.Doc, ids: readonly string[], origin?: unknown): void {
  const current = readAgenda(doc);
  const listed = new Set(ids);
  const sequence = [...ids.filter((id) => current.some((p) => p.id === id)), ...current.filter((p) => !listed.has(p.id)).map((p) => p.id)];
  doc.transact(() => {
    sequence.forEach((id, order) => {
      const yphase = agendaMap(doc).get(id);
      if (yphase instanceof Y.Map && yphase.get('order') !== order) yphase.set('order', order);
    });
  }, origin);
}

// ---------------------------------------------------------------------------------------------
// The timer: one shared end time, so laptops do not drift.

/**
 * The timer of the current phase. Running: it ends at `endsAt` (facilitator's clock, ms). Paused
 * or not started: `remainingMs` are left. `lockOnEnd`: boards close for participants when it runs out.
 */
export interface TimerState {
  readonly running: boolean;
  readonly endsAt: number;
  readonly remainingMs: number;
  readonly lockOnEnd: boolean;
}

export const STOPPED_TIMER: TimerState = { running: false, endsAt: 0, remainingMs: 0, lockOnEnd: false };

/** Milliseconds left at `now` (facilitator's clock), never below 0. */
export function timeLeft(timer: TimerState, now: number): number {
  return timer.running ? Math.max(0, timer.endsAt - now) : Math.max(0, timer.remainingMs);
}

/** Starts (or resumes) counting down from what is left. */
export function startTimer(timer: TimerState, now: number): TimerState {
  return { ...timer, running: true, endsAt: now + timeLeft(timer, now), remainingMs: 0 };
}

/** Stops counting and keeps what is left. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
  return { ...timer, running: false, endsAt: 0, remainingMs: timeLeft(timer, now) };
}

/**
 * Adds `minutes` (may be negative to take time off; never below 0 left). A timer that had run out
 * and still runs starts again from now plus the minutes.
 */
export function addTime(timer: TimerState, minutes: number, now: number): TimerState {
  const left = Math.max(0, timeLeft(timer, now) + minutes * 60_000);
  return timer.running ? { ...timer, endsAt: now + left } : { ...timer, remainingMs: left };
}

/** Back to `minutes` (the phase's planned length), not running. */
export function resetTimer(timer: TimerState, minutes: number): TimerState {
  return { ...timer, running: false, endsAt: 0, remainingMs: minutes * 60_000 };
}

/** Whole seconds left, rounded up (what a display shows: 0:01 until the very end). */
export function secondsLeft(timer: TimerState, now: number): number {
  return Math.ceil(timeLeft(timer, now) / 1000);
}

/** "mm:ss" (or "h:mm:ss" from an hour) for `seconds` ≥ 0. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The soft signal: one minute left (issue 9). */
export const SIGNAL_AT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// The run: where the room is.

/** What the projector shows: by phase (auto), or what the facilitator chose. */
export const PROJECTOR_VIEWS = ['auto', 'welcome', 'case', 'wall', 'house', 'closing'] as const;
export type ProjectorView = (typeof PROJECTOR_VIEWS)[number];

export interface RunState {
  /** The current phase's id, or null before the session starts (every board open, as before phases). */
  readonly phaseId: string | null;
  /** When the current phase began (facilitator's clock, ms); 0 before. */
  readonly phaseSince: number;
  /** "Pauze": every participant's board is frozen. */
  readonly paused: boolean;
  /** The timer ran when the room was paused (and stopped with it): "Verder" starts it again. */
  readonly timerHeld: boolean;
  readonly timer: TimerState;
  /** Follow me: every laptop shows what the projector shows. */
  readonly follow: boolean;
  readonly projectorView: ProjectorView;
  /** The house shown large when projectorView is 'house'. */
  readonly projectorGroupId: string | null;
}

const finite = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
const flag = (v: unknown) => v === true;

/** The run as the doc holds it; anything missing or of the wrong type reads as its default. */
export function readRun(doc: Y.Doc): RunState {
  const run = runMap(doc);
  const phaseId = run.get('phaseId');
  const view = run.get('projectorView');
  const groupId = run.get('projectorGroupId');
  return {
    phaseId: typeof phaseId === 'string' && ID_PATTERN.test(phaseId) ? phaseId : null,
    phaseSince: finite(run.get('phaseSince'), 0),
    paused: flag(run.get('paused')),
    timerHeld: flag(run.get('timerHeld')),
    timer: {
      running: flag(run.get('timerRunning')),
      endsAt: finite(run.get('timerEndsAt'), 0),
      remainingMs: finite(run.get('timerRemainingMs'), 0),
      lockOnEnd: flag(run.get('timerLockOnEnd')),
    },
    follow: flag(run.get('follow')),
    projectorView: (PROJECTOR_VIEWS as readonly unknown[]).includes(view) ? (view as ProjectorView) : 'auto',
    projectorGroupId: typeof groupId === 'string' && ID_PATTERN.test(groupId) ? groupId : null,
  };
}

/** Writes the timer (only the fields that change). */
export function writeTimer(doc: Y.Doc, timer: TimerState, origin?: unknown): void {
  writeRunFields(doc, { timerRunning: timer.running, timerEndsAt: timer.endsAt, timerRemainingMs: timer.remainingMs, timerLockOnEnd: timer.lockOnEnd }, origin);
}

/** Writes plain run fields; only values that change are written (a same-value write is still a change). */
export function writeRunFields(doc: Y.Doc, fields: Readonly<Record<string, string | number | boolean | null>>, origin?: unknown): void {
  const run = runMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) {
        if (run.has(key)) run.delete(key);
      } else if (run.get(key) !== value) {
        run.set(key, value);
      }
    }
  }, origin);
}

/**
 * Makes `phaseId` the current phase at `now`: its timer is reset to the phase's minutes and starts
 * at once, a pause ends, the projector goes back to the phase's own view. Null ends the run (no
 * current phase: every board open again). Throws a RangeError for a phase not in the agenda.
 */
export function goToPhase(doc: Y.Doc, phaseId: string | null, now: number, origin?: unknown): void {
  if (phaseId === null) {
    writeRunFields(doc, { phaseId: null, phaseSince: null, paused: false, timerHeld: null, timerRunning: false, timerEndsAt: 0, timerRemainingMs: 0, projectorView: 'auto' }, origin);
    return;
  }
  const phase = readAgenda(doc).find((p) => p.id === phaseId);
  if (!phase) throw new RangeError(`No phase ${phaseId} in the agenda`);
  const lockOnEnd = readRun(doc).timer.lockOnEnd;
  const timer = startTimer(resetTimer({ ...STOPPED_TIMER, lockOnEnd }, phase.minutes), now);
  doc.transact(() => {
    writeRunFields(doc, { phaseId, phaseSince: now, paused: false, timerHeld: null, projectorView: 'auto', projectorGroupId: null }, origin);
    writeTimer(doc, timer, origin);
  }, origin);
}

/**
 * "Pauze" at `now`: every participant's board freezes, and a running timer stops with the room (its
 * time is not used up while nobody may work); `timerHeld` remembers that it ran. Nothing when paused.
 */
export function pauseRoom(doc: Y.Doc, now: number, origin?: unknown): void {
  const run = readRun(doc);
  if (run.paused) return;
  doc.transact(() => {
    writeRunFields(doc, { paused: true, timerHeld: run.timer.running }, origin);
    if (run.timer.running) writeTimer(doc, pauseTimer(run.timer, now), origin);
  }, origin);
}

/** "Verder" at `now`: boards follow the phase again, and a timer the pause stopped runs on from what it had left. */
export function resumeRoom(doc: Y.Doc, now: number, origin?: unknown): void {
  const run = readRun(doc);
  if (!run.paused) return;
  doc.transact(() => {
    writeRunFields(doc, { paused: false, timerHeld: null }, origin);
    if (run.timerHeld && !run.timer.running) writeTimer(doc, startTimer(run.timer, now), origin);
  }, origin);
}

/**
 * Forgets how the session was run (a copy of a session starts before its first phase, with every
 * board open); the agenda stays.
 */
export function clearRun(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => runMap(doc).clear(), origin);
}

/** The phase after the current one (the first when none is current), or null at the end. */
export function nextPhase(agenda: readonly Phase[], run: RunState): Phase | null {
  if (run.phaseId === null) return agenda[0] ?? null;
  const at = agenda.findIndex((p) => p.id === run.phaseId);
  return at < 0 ? (agenda[0] ?? null) : (agenda[at + 1] ?? null);
}

/** The phase before the current one, or null. */
export function previousPhase(agenda: readonly Phase[], run: RunState): Phase | null {
  const at = agenda.findIndex((p) => p.id === run.phaseId);
  return at > 0 ? (agenda[at - 1] ?? null) : null;
}

/** The current phase, or null before the start (or when its record is gone or broken). */
export function currentPhase(agenda: readonly Phase[], run: RunState): Phase | null {
  return agenda.find((p) => p.id === run.phaseId) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Rights per phase.

/**
 * Why a participant may not write on their board now: 'paused' (the facilitator paused the room),
 * 'phase' (this phase keeps boards closed: case, reflection…), 'time-up' (the timer ran out and was
 * set to end editing). Null: they may write.
 */
export type ClosedReason = 'paused' | 'phase' | 'time-up';

/**
 * May a participant write on their board at `now` (facilitator's clock)? Before the first phase
 * (or in a session never run with phases) every board is open. The facilitator's own rights are
 * not limited by phases: this is the participants' rule (issue 9: "what participants may do follows
 * the phase"). Pause wins over everything, then the phase, then the timer.
 */
export function boardClosedReason(agenda: readonly Phase[], run: RunState, now: number): ClosedReason | null {
  if (run.paused) return 'paused';
  const phase = currentPhase(agenda, run);
  if (!phase) return null;
  if (!phase.boardsOpen) return 'phase';
  if (run.timer.lockOnEnd && timeLeft(run.timer, now) === 0) return 'time-up';
  return null;
}
