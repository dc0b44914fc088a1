import { FINDING_KINDS, type Finding } from './finding';
import { findNames } from './names';
import { findBirthDates, findBsns, findPhones } from './numbers';
import { findAddresses, findEmails, findPostcodes, findSchools } from './places';

export type { Finding, FindingKind, FindingReason } from './finding';
export { FINDING_KINDS } from './finding';
export { passesElfproef } from './numbers';

/**
 * The personal-data check a facilitator runs before a case is shown (issue 9): it flags what
 * likely identifies a person in a Dutch text — names (from the list in dutchNames.ts and their
 * context), dates of birth, BSNs (nine digits passing the elfproef), addresses, postcodes, phone
 * numbers, e-mail addresses and school names. It runs on this machine only (pure TypeScript, no
 * network), and finds likely data, not certain data: the facilitator confirms or edits.
 *
 * Returns the findings in text order, without overlaps: where two kinds claim the same letters
 * the more specific wins (an e-mail address over the name in it, an address over the name of its
 * street, a school over the person it is named after), in the order of FINDING_KINDS.
 */
export function findPersonalData(text: string): Finding[] {
  const all = [
    ...findEmails(text),
    ...findPhones(text),
    ...findBsns(text),
    ...findBirthDates(text),
    ...findPostcodes(text),
    ...findAddresses(text),
    ...findSchools(text),
    ...findNames(text),
  ];
  const rank = (f: Finding) => FINDING_KINDS.indexOf(f.kind);
  all.sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of all) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
