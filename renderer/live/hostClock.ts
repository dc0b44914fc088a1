import { useSyncExternalStore } from 'react';
import { clockOffset, type ClockSample } from '../../shared/clock';
import { CODE_PARAM, LIVE_PROTOCOL_VERSION, TIME_PATH, TimeAnswerSchema, VERSION_PARAM } from '../../shared/live';

/**
 * This laptop's clock against the host's (the facilitator's machine): the timer's end time in the
 * session doc is on the host's clock, so a laptop whose clock is a minute off would otherwise show
 * a minute more or less than the projector. Samples are taken when a laptop joins and each time
 * its relay reconnects (LiveRoom), a few in a row, and the one with the shortest round trip counts
 * (shared/clock.ts).
 */

/** Questions per sync: enough for one short round trip on poor Wi-Fi, few enough to be cheap. */
export const CLOCK_SAMPLES = 5;
const SAMPLE_TIMEOUT_MS = 3000;

/**
 * Asks the host its time `count` times, one after the other (GET /api/time with the join code);
 * returns the samples that were answered (none when the host cannot be reached or refuses).
 * `localNow` is this laptop's clock (a test gives one that is off).
 */
export async function sampleHostClock(hostUrl: string, code: string, count = CLOCK_SAMPLES, localNow: () => number = Date.now): Promise<ClockSample[]> {
  const url = new URL(TIME_PATH, hostUrl);
  url.searchParams.set(CODE_PARAM, code);
  url.searchParams.set(VERSION_PARAM, String(LIVE_PROTOCOL_VERSION));
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const sentAt = localNow();
      const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(SAMPLE_TIMEOUT_MS) });
      const receivedAt = localNow();
      if (!response.ok) break;
      const answer = TimeAnswerSchema.safeParse(await response.json());
      if (answer.success) samples.push({ sentAt, hostTime: answer.data.now, receivedAt });
    } catch {
      break;
    }
  }
  return samples;
}

const offsets = new Map<string, number>();
const syncing = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

/**
 * Takes CLOCK_SAMPLES samples for `sessionId` and keeps the offset; one sync at a time per session.
 * When no sample is usable, the last offset stays (a laptop that lost the host keeps counting right).
 */
export function syncHostClock(sessionId: string, hostUrl: string, code: string, localNow: () => number = Date.now): Promise<void> {
  const running = syncing.get(sessionId);
  if (running) return running;
  const sync = sampleHostClock(hostUrl, code, CLOCK_SAMPLES, localNow)
    .then((samples) => {
      const offset = clockOffset(samples);
      if (offset === null || offsets.get(sessionId) === offset) return;
      offsets.set(sessionId, offset);
      listeners.forEach((l) => l());
    })
    .finally(() => syncing.delete(sessionId));
  syncing.set(sessionId, sync);
  return sync;
}

/** Host clock minus this laptop's, in ms; 0 before the first sync (and when not live). */
export function hostClockOffset(sessionId: string): number {
  return offsets.get(sessionId) ?? 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** hostClockOffset, following every sync. */
export function useHostClockOffset(sessionId: string): number {
  return useSyncExternalStore(subscribe, () => hostClockOffset(sessionId));
}
