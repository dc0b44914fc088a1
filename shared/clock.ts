/**
 * A laptop's clock against the facilitator's (the host runs on the facilitator's machine, so the
 * host's clock is the room's clock). Times in the session doc (the timer's end, a phase's start)
 * are on that clock; a laptop shows them with `offset` added to its own `Date.now()`.
 * Method: Cristian's algorithm (F. Cristian, "Probabilistic clock synchronization", 1989): ask the
 * host its time, assume the answer was read half-way through the round trip, and trust the sample
 * with the shortest round trip most.
 */

/** One question to the host: local times (ms) when asked and answered, and the host's time (ms). */
export interface ClockSample {
  readonly sentAt: number;
  readonly hostTime: number;
  readonly receivedAt: number;
}

/** Round trips longer than this (ms) say more about the Wi-Fi than about the clocks: ignored. */
export const CLOCK_SAMPLE_MAX_RTT = 5_000;

/**
 * Host clock minus local clock, in ms, from the sample with the shortest round trip; null when no
 * sample is usable (none, negative or over-long round trips, non-finite numbers).
 */
export function clockOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    const rtt = s.receivedAt - s.sentAt;
    if (![s.sentAt, s.hostTime, s.receivedAt].every(Number.isFinite) || rtt < 0 || rtt > CLOCK_SAMPLE_MAX_RTT) continue;
    if (!best || rtt < best.receivedAt - best.sentAt) best = s;
  }
  return best ? Math.round(best.hostTime - (best.sentAt + best.receivedAt) / 2) : null;
}
