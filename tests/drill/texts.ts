import { ZO_THUIS_MOGELIJK, type SampleZone } from '../../shared/sample/zoThuisMogelijk';
import type { Domain } from '../../shared/live';
import { prng, type Random } from '../bench/page/generate';

/**
 * What the drill's people write: the sample session's notes (seed 000, "Zo thuis mogelijk!", in
 * its own words, shared/sample/zoThuisMogelijk.ts) with the part of the house they belong to, and
 * short additions as someone types on in a note. Deterministic per seed (mulberry32).
 */

export interface DrillText {
  readonly zone: SampleZone;
  readonly text: string;
}

/** Every note of the sample session, once. */
export const NOTE_TEXTS: readonly DrillText[] = ZO_THUIS_MOGELIJK.groups.flatMap((g) => g.notes.map((n) => ({ zone: n.zone, text: n.text })));

/** What someone adds to a note they wrote before (typed on after a comma or a dash). */
export const ADDITIONS: readonly string[] = [
  ', ook met school',
  ' en de vrije tijd',
  ' — samen met ouders',
  ', dat vraagt tijd',
  ' en steun van leidinggevenden',
  ': één plan',
  ', niet pas als het vastloopt',
  ' en elkaar aanspreken',
];

export const DOMAINS_AROUND: readonly Domain[] = ['gezin', 'school', 'vrije-tijd', 'lokaal-team', 'zorgaanbieder', 'ouder-ervaringsdeskundige', 'beleid', 'anders'];

/** Dutch first names for the drill's people; a number is added past the list's end. */
const FIRST_NAMES = ['Anouk', 'Bas', 'Carla', 'Dirk', 'Esra', 'Floor', 'Gijs', 'Hanna', 'Ilse', 'Jeroen', 'Karim', 'Lotte', 'Mehmet', 'Noor', 'Oscar', 'Priya'];

/** The name of seat `seat` of group `group` (0-based): unique in the drill, e.g. "Esra 3.2". */
export function personName(group: number, seat: number): string {
  return `${FIRST_NAMES[(group * 3 + seat) % FIRST_NAMES.length]} ${group + 1}.${seat + 1}`;
}

// The bench's generator: the same sequence for the same seed in every process and browser.
export { prng, type Random };

/** The sample's texts in an order of this person's own: each is written once by them (then with " (2)" …). */
export function textsFor(random: Random): () => DrillText {
  const order = [...NOTE_TEXTS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  return () => {
    const base = order[next % order.length]!;
    const round = Math.floor(next / order.length);
    next++;
    return round === 0 ? base : { zone: base.zone, text: `${base.text} (${round + 1})` };
  };
}
