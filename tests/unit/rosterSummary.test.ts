import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOMAINS, type Domain } from '../../shared/live';
import { readRoster, recordParticipant, type Participant } from '../../shared/schema/participant';
import { EXPECTED_DOMAINS, summariseRoster } from '../../shared/schema/rosterSummary';

const GROUPS = [{ id: 'groep1abcd' }, { id: 'groep2abcd' }, { id: 'groep3abcd' }];
const AT = Date.UTC(2023, 8, 14, 9, 30);

let n = 0;
function person(groupId: string, domain?: Domain): Participant {
  n++;
  return { id: `deelnemer${String(n).padStart(3, '0')}`, groupId, joinedAt: AT + n, lastSeen: AT + n, ...(domain ? { domain } : {}) };
}

describe('who is at the table (summariseRoster)', () => {
  it('counts the domains per group and in the room, and flags what is missing in each (seed 000: no school)', () => {
    const roster = [
      person('groep1abcd', 'gezin'),
      person('groep1abcd', 'lokaal-team'),
      person('groep1abcd', 'zorgaanbieder'),
      person('groep1abcd', 'zorgaanbieder'),
      person('groep1abcd', 'ouder-ervaringsdeskundige'),
      person('groep1abcd', 'vrije-tijd'),
      person('groep2abcd', 'lokaal-team'),
      person('groep2abcd', 'beleid'),
      person('groep2abcd'),
    ];
    const summary = summariseRoster(roster, GROUPS);
    expect(summary.people).toBe(9);
    expect(summary.unknown).toBe(1);
    expect(summary.room).toEqual([
      { domain: 'gezin', count: 1 },
      { domain: 'vrije-tijd', count: 1 },
      { domain: 'lokaal-team', count: 2 },
      { domain: 'zorgaanbieder', count: 2 },
      { domain: 'ouder-ervaringsdeskundige', count: 1 },
      { domain: 'beleid', count: 1 },
    ]);
    expect(summary.missing).toEqual(['school']);

    const [g1, g2, g3] = summary.groups;
    expect(g1).toMatchObject({ groupId: 'groep1abcd', people: 6, unknown: 0, missing: ['school'] });
    expect(g1!.domains.find((d) => d.domain === 'zorgaanbieder')).toEqual({ domain: 'zorgaanbieder', count: 2 });
    expect(g2).toMatchObject({ groupId: 'groep2abcd', people: 3, unknown: 1 });
    expect(g2!.domains).toEqual([
      { domain: 'lokaal-team', count: 1 },
      { domain: 'beleid', count: 1 },
    ]);
    expect(g2!.missing).toEqual(['gezin', 'school', 'vrije-tijd', 'zorgaanbieder', 'ouder-ervaringsdeskundige']);
    // A table nobody has joined is listed, and is not said to miss anyone.
    expect(g3).toEqual({ groupId: 'groep3abcd', people: 0, unknown: 0, domains: [], missing: [] });
  });

  it('drops the flag as soon as someone of that domain joins', () => {
    const roster = [person('groep1abcd', 'gezin'), person('groep2abcd', 'zorgaanbieder')];
    expect(summariseRoster(roster, GROUPS).missing).toContain('school');
    const after = summariseRoster([...roster, person('groep2abcd', 'school')], GROUPS);
    expect(after.missing).not.toContain('school');
    expect(after.groups[0]!.missing).toContain('school');
    expect(after.groups[1]!.missing).not.toContain('school');
  });

  it('never flags beleid or anders, and flags every other domain (DESIGN: family, school, leisure, local team, care provider, parent)', () => {
    expect(EXPECTED_DOMAINS).toEqual(DOMAINS.filter((d) => d !== 'beleid' && d !== 'anders'));
    const summary = summariseRoster([person('groep1abcd', 'anders')], GROUPS);
    expect(summary.missing).toEqual(EXPECTED_DOMAINS);
    expect(summary.missing).not.toContain('beleid');
    expect(summary.missing).not.toContain('anders');
  });

  it('flags nothing while nobody is on the roster, and honours another list of expected domains', () => {
    const empty = summariseRoster([], GROUPS);
    expect(empty).toMatchObject({ people: 0, unknown: 0, room: [], missing: [] });
    expect(empty.groups.map((g) => g.missing)).toEqual([[], [], []]);
    const onlySchool = summariseRoster([person('groep1abcd', 'gezin')], GROUPS, ['school', 'beleid']);
    expect(onlySchool.missing).toEqual(['school', 'beleid']);
  });

  it('counts people without a domain as people, not as a domain, and leaves out records of groups not given', () => {
    const summary = summariseRoster([person('groep1abcd'), person('groep1abcd'), person('weggehaald1', 'school')], GROUPS);
    expect(summary.people).toBe(2);
    expect(summary.unknown).toBe(2);
    expect(summary.room).toEqual([]);
    // Nobody known to bring a domain: every expected one is missing (the unknown are shown as such).
    expect(summary.missing).toEqual(EXPECTED_DOMAINS);
    expect(summary.groups[0]).toMatchObject({ people: 2, unknown: 2 });
  });

  it('sums up the roster as the room doc holds it', () => {
    const room = new Y.Doc();
    const groupIds = GROUPS.map((g) => g.id);
    recordParticipant(room, { id: 'amiraabcdef1', groupId: 'groep1abcd', name: 'Amira', domain: 'lokaal-team' }, groupIds, AT);
    recordParticipant(room, { id: 'bramabcdefg1', groupId: 'groep2abcd', name: 'Bram', domain: 'school' }, groupIds, AT + 1);
    // Bram moves to group 1: he is counted there only.
    recordParticipant(room, { id: 'bramabcdefg1', groupId: 'groep1abcd', name: 'Bram', domain: 'school' }, groupIds, AT + 2);
    const summary = summariseRoster(readRoster(room, groupIds), GROUPS);
    expect(summary.groups[0]!.domains.map((d) => d.domain)).toEqual(['school', 'lokaal-team']);
    expect(summary.groups[1]!.people).toBe(0);
    expect(summary.missing).not.toContain('school');
  });
});
