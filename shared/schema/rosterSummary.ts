import { DOMAINS, type Domain } from '../live';
import type { Participant } from './participant';

/**
 * Who is at the table, in figures: per group the domains present, in the room the count per
 * domain, and the domains nobody brings — per group and in the whole room. Read from the roster
 * (participant.ts), so it counts everyone who took part, also who has gone home since: the report
 * says who was at the table, and a facilitator who reads "Onderwijs ontbreekt" mid-morning wants
 * to know whether school was ever there, not whether the teacher is on a coffee break.
 */

/**
 * The domains a table is missing when nobody brings them: DESIGN.md's list of who should be at the
 * table — the worlds a young person lives in (gezin, school, vrije tijd: seed 000's point B, "een
 * team rondom een jeugdige … gezin, school, vrije tijd") and those who help (lokaal team,
 * zorgaanbieder, ouder/ervaringsdeskundige). `beleid` is counted but never flagged: policy advisers
 * were invited to seed 000's morning, but a subgroup without one still has the family's whole world
 * at the table. `anders` is a catch-all: there is nobody in particular to miss.
 */
export const EXPECTED_DOMAINS: readonly Domain[] = ['gezin', 'school', 'vrije-tijd', 'lokaal-team', 'zorgaanbieder', 'ouder-ervaringsdeskundige'];

/** How many people of one domain. */
export interface DomainCount {
  readonly domain: Domain;
  readonly count: number;
}

/** One group's table. */
export interface GroupRoster {
  readonly groupId: string;
  /** Everyone on the roster in this group, with or without a domain. */
  readonly people: number;
  /** Of them, those who chose no domain (the domain is optional at join). */
  readonly unknown: number;
  /** The domains present, in DOMAINS order, each with its count (> 0). */
  readonly domains: readonly DomainCount[];
  /**
   * The expected domains nobody in this group brings, in DOMAINS order. Empty while the group has
   * nobody on the roster: a table nobody has joined yet is not missing anyone in particular.
   */
  readonly missing: readonly Domain[];
}

export interface RosterSummary {
  /** Everyone on the roster in one of the groups given. */
  readonly people: number;
  /** Of them, those who chose no domain. */
  readonly unknown: number;
  /** The domains present in the room, in DOMAINS order, each with its count (> 0). */
  readonly room: readonly DomainCount[];
  /** The expected domains nobody in the room brings; empty while nobody is on the roster. */
  readonly missing: readonly Domain[];
  /** Per group, in the order of the groups given (a group without anyone is listed too). */
  readonly groups: readonly GroupRoster[];
}

function tally(people: readonly Participant[], expected: readonly Domain[]): Omit<GroupRoster, 'groupId'> {
  const counts = new Map<Domain, number>();
  let unknown = 0;
  for (const person of people) {
    if (person.domain) counts.set(person.domain, (counts.get(person.domain) ?? 0) + 1);
    else unknown++;
  }
  return {
    people: people.length,
    unknown,
    domains: DOMAINS.flatMap((domain) => (counts.has(domain) ? [{ domain, count: counts.get(domain)! }] : [])),
    missing: people.length === 0 ? [] : DOMAINS.filter((d) => expected.includes(d) && !counts.has(d)),
  };
}

/**
 * Sums up `roster` (readRoster's records) over `groups` (the session's groups, in their order).
 * A record whose group is not among `groups` is left out. `expected`: the domains whose absence is
 * flagged, EXPECTED_DOMAINS unless told. Pure: no doc, no clock.
 */
export function summariseRoster(
  roster: readonly Participant[],
  groups: readonly { readonly id: string }[],
  expected: readonly Domain[] = EXPECTED_DOMAINS,
): RosterSummary {
  const byGroup = new Map<string, Participant[]>(groups.map((g) => [g.id, []]));
  for (const person of roster) byGroup.get(person.groupId)?.push(person);
  const seated = [...byGroup.values()].flat();
  const { people, unknown, domains, missing } = tally(seated, expected);
  return {
    people,
    unknown,
    room: domains,
    missing,
    groups: groups.map((g) => ({ groupId: g.id, ...tally(byGroup.get(g.id) ?? [], expected) })),
  };
}
