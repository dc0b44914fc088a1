import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import {
  boardClosedReason,
  readAgenda,
  readRun,
  secondsLeft,
  timeLeft,
  type ClosedReason,
  type Phase,
  type RunState,
  type TimerState,
} from '../../shared/schema/agenda';
import { useDocValue } from '../hooks';
import { useHostClockOffset } from '../live/hostClock';

/** The agenda in order, following the session doc. */
export function useAgenda(doc: Y.Doc): Phase[] {
  return useDocValue(doc, readAgenda);
}

/** Where the room is (phase, pause, timer), following the session doc. */
export function useRunState(doc: Y.Doc): RunState {
  return useDocValue(doc, readRun);
}

/** The room's clock (the host's, the facilitator's machine) as a function: Date.now() + this laptop's offset. */
export function useRoomClock(sessionId: string): () => number {
  const offset = useHostClockOffset(sessionId);
  return useMemo(() => () => Date.now() + offset, [offset]);
}

/**
 * Whole seconds left on `timer` (rounded up, as a clock shows them), re-rendering exactly when the
 * shown second changes while it runs: every laptop counts from the one end time, so they turn over
 * together instead of each on its own one-second beat.
 */
export function useSecondsLeft(timer: TimerState, now: () => number): number {
  const [, setTick] = useState(0);
  const { running, endsAt } = timer;
  useEffect(() => {
    if (!running) return;
    let handle: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const left = endsAt - now();
      if (left <= 0) return;
      // The next moment the rounded-up second changes, and a hair after it.
      handle = setTimeout(() => {
        setTick((n) => n + 1);
        schedule();
      }, (left % 1000 || 1000) + 5);
    };
    schedule();
    return () => clearTimeout(handle);
  }, [running, endsAt, now]);
  return secondsLeft(timer, now());
}

/**
 * Why a participant may not write on their board now (boardClosedReason), or null. Follows the
 * session doc, and turns to 'time-up' by itself at the timer's end when the facilitator chose that
 * editing stops then. A primitive, so a board re-renders only when the answer changes.
 */
export function useClosedReason(doc: Y.Doc, now: () => number): ClosedReason | null {
  const store = useMemo(() => {
    let dirty = true;
    let value: ClosedReason | null = null;
    return {
      subscribe(onChange: () => void) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const arm = () => {
          clearTimeout(timer);
          const { timer: clock } = readRun(doc);
          const left = clock.running && clock.lockOnEnd ? timeLeft(clock, now()) : 0;
          // setTimeout takes at most 2^31-1 ms; a phase is never that long, a hostile doc may say so.
          if (left > 0) timer = setTimeout(changed, Math.min(left + 5, 2 ** 31 - 1));
        };
        const changed = () => {
          dirty = true;
          onChange();
          arm();
        };
        doc.on('update', changed);
        arm();
        return () => {
          doc.off('update', changed);
          clearTimeout(timer);
        };
      },
      get(): ClosedReason | null {
        if (dirty) {
          value = boardClosedReason(readAgenda(doc), readRun(doc), now());
          dirty = false;
        }
        return value;
      },
    };
  }, [doc, now]);
  return useSyncExternalStore(store.subscribe, store.get);
}
