/**
 * What the personal-data check reports (personalData.ts). Offsets are UTF-16 code units into the
 * checked text, as String.prototype.slice counts them: `text.slice(start, end) === finding.text`.
 */

/** The kinds of personal data the check looks for, most specific first. */
export const FINDING_KINDS = ['email', 'phone', 'bsn', 'birthDate', 'postcode', 'address', 'school', 'name'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Why a stretch of text was flagged, in a word the UI translates (`case.reason.<reason>`):
 * - name: `first-name` (a first name from the list), `surname` (a surname from the list, with its
 *   particles), `full-name` (a listed first name followed by a surname, listed or not), `title`
 *   (after "mevrouw", "juf", "moeder", … ), `initials` ("J.H. van der Veen");
 * - birthDate: `birth-word` (a date after "geboren", "geb.", "geboortedatum", …), `full-date` (a
 *   date written in figures with day, month and year);
 * - bsn: `elfproef` (nine digits that pass the BSN 11-test);
 * - address: `street` (a street name with a house number); postcode: `postcode`;
 * - phone: `phone` (a number that is valid as a phone number); email: `email`;
 * - school: `school` (a school's name after "basisschool", "obs", …, or ending in "College").
 */
export type FindingReason =
  | 'first-name'
  | 'surname'
  | 'full-name'
  | 'title'
  | 'initials'
  | 'birth-word'
  | 'full-date'
  | 'elfproef'
  | 'street'
  | 'postcode'
  | 'phone'
  | 'email'
  | 'school';

export interface Finding {
  readonly kind: FindingKind;
  /** First code unit of the match. */
  readonly start: number;
  /** One past the last code unit. */
  readonly end: number;
  /** The matched text: `text.slice(start, end)`. */
  readonly text: string;
  readonly reason: FindingReason;
}

/** A finding over `text` from `start` to `end`. */
export function finding(text: string, kind: FindingKind, start: number, end: number, reason: FindingReason): Finding {
  return { kind, start, end, text: text.slice(start, end), reason };
}
