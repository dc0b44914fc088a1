import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPhase,
  addTime,
  agendaMap,
  boardClosedReason,
  clearRun,
  defaultAgenda,
  formatClock,
  goToPhase,
  nextPhase,
  pauseRoom,
  pauseTimer,
  readAgenda,
  readRun,
  removePhase,
  reorderPhases,
  resetTimer,
  resumeRoom,
  runMap,
  secondsLeft,
  startTimer,
  STOPPED_TIMER,
  timeLeft,
  updatePhase,
  writeAgenda,
  writeRunFields,
  writeTimer,
} from '../../shared/schema/agenda';
import { clockOffset } from '../../shared/clock';
import { isTableDone, setTableDone, tablesDone } from '../../shared/schema/tableDone';

const MIN = 60_000;
const T0 = Date.UTC(2023, 8, 14, 9, 0); // 14 September 2023, 9:00: seed 000's morning

function sessionWithAgenda() {
  const doc = new Y.Doc();
  const ids = writeAgenda(doc, defaultAgenda((key) => key));
  return { doc, ids };
}

describe('the timer', () => {
  it('counts down from one end time, pauses, resumes with what was left, and never goes below zero', () => {
    let timer = startTimer(resetTimer(STOPPED_TIMER, 45), T0);
    expect(timeLeft(timer, T0 + 10 * MIN)).toBe(35 * MIN);
    timer = pauseTimer(timer, T0 + 10 * MIN);
    // Paused: the clock on the wall moves on, the timer does not.
    expect(timeLeft(timer, T0 + 30 * MIN)).toBe(35 * MIN);
    timer = startTimer(timer, T0 + 30 * MIN);
    expect(timer.endsAt).toBe(T0 + 65 * MIN);
    expect(timeLeft(timer, T0 + 90 * MIN)).toBe(0);
  });

  it('adds minutes while running and while paused, takes time off down to zero, and restarts a run-out timer from now', () => {
    let timer = startTimer(resetTimer(STOPPED_TIMER, 10), T0);
    timer = addTime(timer, 5, T0 + MIN);
    expect(timeLeft(timer, T0 + MIN)).toBe(14 * MIN);
    timer = pauseTimer(timer, T0 + 2 * MIN);
    timer = addTime(timer, -20, T0 + 2 * MIN);
    expect(timeLeft(timer, T0 + 2 * MIN)).toBe(0);
    const ranOut = startTimer(resetTimer(STOPPED_TIMER, 1), T0);
    expect(timeLeft(addTime(ranOut, 2, T0 + 10 * MIN), T0 + 10 * MIN)).toBe(2 * MIN);
  });

  it('shows seconds rounded up, as a clock', () => {
    const timer = startTimer(resetTimer(STOPPED_TIMER, 1), T0);
    expect(secondsLeft(timer, T0 + 59_001)).toBe(1);
    expect(secondsLeft(timer, T0 + 60_000)).toBe(0);
    expect(formatClock(45 * 60)).toBe('45:00');
    expect(formatClock(61)).toBe('1:01');
    expect(formatClock(3 * 3600 + 5)).toBe('3:00:05');
    expect(formatClock(-3)).toBe('0:00');
  });

  it('shows the same time on a laptop whose clock is off, once it knows the offset', () => {
    // The facilitator's clock says T0; this laptop's clock is 97 s behind, and the Wi-Fi takes 40 ms each way.
    const skew = -97_000;
    const samples = [
      { sentAt: T0 + skew, hostTime: T0 + 300, receivedAt: T0 + skew + 900 }, // a slow answer
      { sentAt: T0 + skew + 1000, hostTime: T0 + 1040, receivedAt: T0 + skew + 1080 },
    ];
    const offset = clockOffset(samples);
    expect(offset).toBe(97_000);
    const timer = startTimer(resetTimer(STOPPED_TIMER, 45), T0);
    const laptopNow = T0 + skew + 10 * MIN;
    expect(timeLeft(timer, laptopNow + (offset ?? 0))).toBe(35 * MIN);
    expect(clockOffset([])).toBeNull();
    expect(clockOffset([{ sentAt: 10, hostTime: 5, receivedAt: 5 }])).toBeNull();
    expect(clockOffset([{ sentAt: 0, hostTime: Number.NaN, receivedAt: 5 }])).toBeNull();
  });
});

describe('the agenda', () => {
  it("holds seed 000's morning by default, in order, with boards open only while building", () => {
    const { doc } = sessionWithAgenda();
    const agenda = readAgenda(doc);
    expect(agenda.map((p) => p.kind)).toEqual(['welcome', 'case', 'build', 'reflection', 'closing']);
    expect(agenda.map((p) => p.boardsOpen)).toEqual([false, false, true, false, false]);
    expect(agenda.map((p) => p.minutes)).toEqual([10, 30, 45, 30, 10]);
  });

  it('is edited, reordered and shortened; invalid phases are refused and change nothing', () => {
    const { doc, ids } = sessionWithAgenda();
    expect(updatePhase(doc, ids[2]!, { title: 'Huis bouwen', minutes: 50 })).toBe(true);
    expect(() => updatePhase(doc, ids[2]!, { minutes: 0 })).toThrow();
    expect(() => addPhase(doc, { kind: 'build', title: ' ', minutes: 5, instruction: '', boardsOpen: true })).toThrow();
    expect(readAgenda(doc)[2]).toMatchObject({ title: 'Huis bouwen', minutes: 50 });
    reorderPhases(doc, [ids[1]!, ids[0]!]);
    expect(readAgenda(doc).map((p) => p.id)).toEqual([ids[1], ids[0], ids[2], ids[3], ids[4]]);
    expect(removePhase(doc, ids[4]!)).toBe(true);
    expect(readAgenda(doc)).toHaveLength(4);
  });

  it('leaves out a phase a broken peer wrote', () => {
    const { doc } = sessionWithAgenda();
    const bad = new Y.Map<unknown>();
    bad.set('kind', 'party');
    bad.set('title', 'x'.repeat(10_000));
    agendaMap(doc).set('abcdef123456', bad);
    expect(readAgenda(doc)).toHaveLength(5);
  });
});

describe('rights per phase', () => {
  it('opens every board before the first phase, opens them while building, closes them in case and reflection', () => {
    const { doc, ids } = sessionWithAgenda();
    const closed = (now = T0) => boardClosedReason(readAgenda(doc), readRun(doc), now);
    expect(closed()).toBeNull();
    goToPhase(doc, ids[1]!, T0);
    expect(closed()).toBe('phase');
    goToPhase(doc, nextPhase(readAgenda(doc), readRun(doc))!.id, T0);
    expect(readRun(doc).phaseId).toBe(ids[2]);
    expect(closed()).toBeNull();
    goToPhase(doc, ids[3]!, T0);
    expect(closed()).toBe('phase');
    goToPhase(doc, null, T0);
    expect(closed()).toBeNull();
  });

  it('freezes every board on pause, whatever the phase, and opens them again after', () => {
    const { doc, ids } = sessionWithAgenda();
    goToPhase(doc, ids[2]!, T0);
    writeRunFields(doc, { paused: true });
    expect(boardClosedReason(readAgenda(doc), readRun(doc), T0)).toBe('paused');
    writeRunFields(doc, { paused: false });
    expect(boardClosedReason(readAgenda(doc), readRun(doc), T0)).toBeNull();
  });

  it('stops a running timer with the pause and lets it run on from what was left after it; a stopped timer stays stopped', () => {
    const { doc, ids } = sessionWithAgenda();
    goToPhase(doc, ids[2]!, T0);
    pauseRoom(doc, T0 + 10 * MIN);
    expect(readRun(doc)).toMatchObject({ paused: true, timerHeld: true, timer: { running: false, remainingMs: 35 * MIN } });
    // A second "Pauze" (another window of the facilitator) changes nothing.
    pauseRoom(doc, T0 + 12 * MIN);
    expect(timeLeft(readRun(doc).timer, T0 + 20 * MIN)).toBe(35 * MIN);
    resumeRoom(doc, T0 + 20 * MIN);
    expect(readRun(doc)).toMatchObject({ paused: false, timerHeld: false, timer: { running: true, endsAt: T0 + 55 * MIN } });
    expect(boardClosedReason(readAgenda(doc), readRun(doc), T0 + 20 * MIN)).toBeNull();

    writeTimer(doc, pauseTimer(readRun(doc).timer, T0 + 25 * MIN));
    pauseRoom(doc, T0 + 26 * MIN);
    resumeRoom(doc, T0 + 40 * MIN);
    expect(readRun(doc).timer).toMatchObject({ running: false, remainingMs: 30 * MIN });
  });

  it('starts a copy of a session before its first phase, with its agenda', () => {
    const { doc, ids } = sessionWithAgenda();
    goToPhase(doc, ids[1]!, T0);
    pauseRoom(doc, T0);
    clearRun(doc);
    expect(readRun(doc)).toMatchObject({ phaseId: null, paused: false, timer: STOPPED_TIMER });
    expect(readAgenda(doc)).toHaveLength(5);
  });

  it('ends editing when the time is up only when the facilitator chose so', () => {
    const { doc, ids } = sessionWithAgenda();
    goToPhase(doc, ids[2]!, T0);
    const at = (now: number) => boardClosedReason(readAgenda(doc), readRun(doc), now);
    expect(at(T0 + 46 * MIN)).toBeNull();
    writeRunFields(doc, { timerLockOnEnd: true });
    expect(at(T0 + 44 * MIN)).toBeNull();
    expect(at(T0 + 46 * MIN)).toBe('time-up');
  });

  it('starts each phase with its own minutes on the clock, and reads garbage in the run as defaults', () => {
    const { doc, ids } = sessionWithAgenda();
    goToPhase(doc, ids[2]!, T0);
    expect(timeLeft(readRun(doc).timer, T0)).toBe(45 * MIN);
    expect(() => goToPhase(doc, 'zzzzzz999999', T0)).toThrow(RangeError);
    runMap(doc).set('paused', 'yes');
    runMap(doc).set('timerEndsAt', -5);
    runMap(doc).set('projectorView', '<script>');
    const run = readRun(doc);
    expect(run.paused).toBe(false);
    expect(run.timer.endsAt).toBe(0);
    expect(run.projectorView).toBe('auto');
    expect(() => removePhase(doc, ids[2]!)).toThrow(RangeError);
  });
});

describe('"wij zijn klaar"', () => {
  it('counts a table as done for the phase it said so in, and not in the next', () => {
    const room = new Y.Doc();
    const groups = ['groep1aaaaaa', 'groep2aaaaaa', 'groep3aaaaaa'];
    setTableDone(room, groups[0]!, 'phasebuild01', true, T0);
    setTableDone(room, groups[2]!, 'phasebuild01', true, T0);
    expect(tablesDone(room, groups, 'phasebuild01')).toEqual([groups[0], groups[2]]);
    expect(tablesDone(room, groups, 'phasereflect')).toEqual([]);
    setTableDone(room, groups[0]!, 'phasebuild01', false, T0);
    expect(isTableDone(room, groups[0]!, 'phasebuild01')).toBe(false);
    expect(() => setTableDone(room, '../x', 'phasebuild01', true)).toThrow(RangeError);
  });
});
