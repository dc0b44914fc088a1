import { finding, type Finding } from './finding';

/**
 * Where a person lives or goes to school, and how to reach them: addresses, postcodes, school
 * names, e-mail addresses.
 */

/**
 * Dutch postcodes: four digits (the first not 0), then two capitals, with or without a space
 * ("1234 AB", "1234AB"), or in small letters when written together ("1234ab"). PostNL never gives
 * out SA, SD or SS; two capitals that are a unit after a number ("1000 KM", "16 GB") are no postcode.
 */
const POSTCODE = /(?<![\p{L}\d])[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\p{L}\d])/gu;
const NOT_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS', 'KB', 'MB', 'GB', 'TB', 'KM', 'KG', 'CM', 'MM', 'ML', 'PK', 'KW', 'MW', 'GW', 'HZ']);

export function findPostcodes(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    if (NOT_POSTCODE_LETTERS.has(m[0].slice(-2).toUpperCase())) continue;
    found.push(finding(text, 'postcode', m.index, m.index + m[0].length, 'postcode'));
  }
  return found;
}

/**
 * The usual endings of Dutch street names. "dam" and "hoven" are left out: too many towns end in
 * them ("Amsterdam 2024", "Eindhoven 3").
 */
const STREET_ENDINGS =
  'straat|straatje|laan|weg|plein|pleintje|gracht|kade|singel|dijk|pad|steeg|hof|dreef|park|plantsoen|markt|baan|veld|wal|haven|erf|ring|boulevard|allee|oord|kamp|brink|hoek|kwartier|zijde|poort|werf|tuin|tuinen|akker|weide|gaarde|donk';
/**
 * A street name (capitalised, up to three words before it such as "Burgemeester", "Van", "Lange")
 * and a house number of one to four figures with an addition ("12", "12a", "12 A", "12-14", "3bis").
 * A four-figure number from 1900 to 2099 is taken for a year.
 */
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\d])(?:\\p{Lu}[\\p{L}\\p{M}'’.-]* (?:(?:van|de|der|den|ter|ten) ){0,2}){0,2}\\p{Lu}[\\p{L}\\p{M}'’-]*(?:${STREET_ENDINGS}) (\\d{1,4})(?:(?:-\\d{1,4})|(?: ?(?:bis|hs|[a-zA-Z]))(?![\\p{L}\\d]))?(?![\\p{L}\\d])`,
  'gu',
);

export function findAddresses(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    if (/^(19|20)\d\d$/.test(m[1]!)) continue;
    found.push(finding(text, 'address', m.index, m.index + m[0].length, 'street'));
  }
  return found;
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;

export function findEmails(text: string): Finding[] {
  return [...text.matchAll(EMAIL)].map((m) => finding(text, 'email', m.index, m.index + m[0].length, 'email'));
}

/** Kinds of school and childcare that come before the name ("basisschool De Regenboog", "OBS Het Kompas"). */
const SCHOOL_KINDS =
  'basisschool|school|obs|cbs|pcbs|rkbs|kbs|ikc|kindcentrum|montessorischool|daltonschool|jenaplanschool|vrijeschool|scholengemeenschap|praktijkschool|kinderdagverblijf|kinderopvang|peuterspeelzaal|buitenschoolse opvang|kdv|bso|sbo|roc';
/** A capitalised name of one to three words, after "De", "Het" or "'t" or not. */
const SCHOOL_NAME = `(?:(?:De|Het|'t|de|het) )?\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:(?<!\\.) (?:van|de|der|den|\\p{Lu}[\\p{L}\\p{M}'’.-]*)){0,2}`;
/** Each kind as it is written: in small letters, with a capital, or in capitals ("obs", "Obs", "OBS"). */
const SCHOOL_KIND_FORMS = SCHOOL_KINDS.split('|')
  .flatMap((k) => [k, k[0]!.toUpperCase() + k.slice(1), k.toUpperCase()])
  .concat(['SO', 'VSO'])
  .join('|');
const SCHOOL_AFTER_KIND = new RegExp(`(?<![\\p{L}\\d])(?:${SCHOOL_KIND_FORMS}) ${SCHOOL_NAME}`, 'gu');
/** "het Da Vinci College", "Stedelijk Gymnasium", "Christelijk Lyceum Delft". */
const SCHOOL_ENDING_IN_KIND = /(?<![\p{L}\d])(?:\p{Lu}[\p{L}\p{M}'’-]* ){1,3}(?:College|Lyceum|Gymnasium|Scholengemeenschap)(?: \p{Lu}[\p{L}\p{M}'’-]*)?(?![\p{L}\d])/gu;
/** "de Regenboogschool", "Jan Ligthartschool": one word ending in -school, not a kind on its own. */
const SCHOOL_COMPOUND = /(?<![\p{L}\d])(?:\p{Lu}[\p{L}\p{M}'’-]* ){0,2}\p{Lu}[\p{L}\p{M}'’-]*school(?![\p{L}\d])/gu;
const KIND_WORDS = new Set(['basisschool', 'school', 'montessorischool', 'daltonschool', 'jenaplanschool', 'vrijeschool', 'praktijkschool', 'hogeschool', 'middelbare', 'de', 'het', 'een', 'op', 'naar', 'in']);

export function findSchools(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(SCHOOL_AFTER_KIND)) {
    // A stop at the end closes the sentence; inside a name it abbreviates ("St. Jozef").
    const end = m.index + m[0].replace(/\.+$/, '').length;
    found.push(finding(text, 'school', m.index, end, 'school'));
  }
  for (const m of text.matchAll(SCHOOL_ENDING_IN_KIND)) {
    // "Het College van Bestuur" at a sentence's start is no school: an article alone is no name.
    const words = m[0].split(' ');
    const article = ['de', 'het', 'een'].includes(words[0]!.toLowerCase()) ? words[0]!.length + 1 : 0;
    if (words.length - (article ? 1 : 0) < 2) continue;
    found.push(finding(text, 'school', m.index + article, m.index + m[0].length, 'school'));
  }
  for (const m of text.matchAll(SCHOOL_COMPOUND)) {
    const words = m[0].split(' ');
    while (words.length > 1 && KIND_WORDS.has(words[0]!.toLowerCase())) words.shift();
    const last = words[words.length - 1]!.toLowerCase();
    if (words.length === 1 && KIND_WORDS.has(last)) continue;
    const start = m.index + m[0].length - words.join(' ').length;
    found.push(finding(text, 'school', start, m.index + m[0].length, 'school'));
  }
  return found;
}
