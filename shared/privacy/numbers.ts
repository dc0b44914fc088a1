import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { finding, type Finding } from './finding';

/**
 * Numbers that point at a person: BSNs, phone numbers and dates of birth.
 */

/**
 * The BSN 11-test (elfproef) as the Dutch government defines it for the burgerservicenummer
 * (Rijksoverheid, "Logisch ontwerp BSN"): for the nine digits d1…d9,
 * 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 is a multiple of 11 (and not 0).
 * `digits` must be exactly nine digits; anything else is false.
 */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum !== 0 && sum % 11 === 0;
}

/** Nine digits, maybe in groups ("123 456 782", "1234.56.782"), not part of a longer number. */
const NINE_DIGITS = /(?<![\d.,/-]|[\d][ .-])\d(?:[ .-]?\d){8}(?![\d]|[ .,/-]\d)/g;

/** Every nine-digit number that passes the elfproef; nine digits that fail it are not flagged. */
export function findBsns(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(NINE_DIGITS)) {
    if (passesElfproef(m[0].replace(/\D/g, ''))) found.push(finding(text, 'bsn', m.index, m.index + m[0].length, 'elfproef'));
  }
  return found;
}

/** Numbers of businesses, not people: free, paid and shared-cost lines (0800, 0900, 0850 …). */
const NOT_PERSONAL = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN']);

/**
 * Phone numbers, Dutch ones written as Dutch people do (06-12345678, 010 123 45 67, +31 6 …,
 * 0031 …) and foreign ones with their country code (+32 …), found and validated by
 * libphonenumber-js with its full metadata: a number is flagged only when it is valid for its
 * country and kind, so nine digits or a year are not taken for one.
 */
export function findPhones(text: string): Finding[] {
  const found: Finding[] = [];
  // No phone number holds a comma or a semicolon; left whole, the library reads "06-12345678, 010"
  // as one number with a dialling pause.
  for (const part of text.matchAll(/[^,;\n]+/g)) {
    for (const m of findPhoneNumbersInText(part[0], { defaultCountry: 'NL' })) {
      // Nine bare digits with no 0 or + before them: no Dutch person writes a phone number so, and a
      // BSN looks exactly like that ("BSN 111222333" was read as a phone number).
      const raw = part[0].slice(m.startsAt, m.endsAt);
      if (/^[1-9][\d .-]*$/.test(raw) && raw.replace(/\D/g, '').length === 9) continue;
      if (!NOT_PERSONAL.has(m.number.getType() ?? '')) found.push(finding(text, 'phone', part.index + m.startsAt, part.index + m.endsAt, 'phone'));
    }
  }
  return found;
}

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october';
/** "3 maart 2012", "3 mrt. 2012", "3e maart", "maart 2012", "8 March, 2023". */
const WRITTEN_DATE = new RegExp(`(?<![\\p{L}\\d])(?:(?:[1-9]|[12]\\d|3[01])(?:e|ste|de)?\\s+(?:${MONTHS})\\.?(?:,?\\s+(?:\\d{4}|'\\d{2}))?|(?:${MONTHS})\\.?\\s+\\d{4})(?![\\p{L}\\d])`, 'giu');
/** Day, month and year in figures: "12-03-2012", "3/3/12", "03.03.2012". */
const NUMERIC_DATE = /(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/-]\d)/g;
/** Words that make the date after them a date of birth (within BIRTH_REACH characters). */
const BIRTH_WORD = /(?:geboren|geb\.|geboortedatum|geboortedag|geb\.datum|born|birth|dob|jarig|verjaardag)/iu;
const BIRTH_REACH = 40;

/**
 * Dates of birth: any date after a word such as "geboren" or "geboortedatum" (reason birth-word),
 * and any date written with day, month and year in figures (reason full-date; in a case about a
 * child that is most often a date of birth, and it identifies as much). A date written in words
 * without such a word ("Op 14 september 2023 …") is the date of a meeting and not flagged.
 */
export function findBirthDates(text: string): Finding[] {
  const found: Finding[] = [];
  const birthContext = (at: number) => BIRTH_WORD.test(text.slice(Math.max(0, at - BIRTH_REACH), at));
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    found.push(finding(text, 'birthDate', m.index, m.index + m[0].length, birthContext(m.index) ? 'birth-word' : 'full-date'));
  }
  for (const m of text.matchAll(WRITTEN_DATE)) {
    if (birthContext(m.index)) found.push(finding(text, 'birthDate', m.index, m.index + m[0].length, 'birth-word'));
  }
  return found;
}
