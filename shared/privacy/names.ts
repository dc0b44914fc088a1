import { AMBIGUOUS_NAMES, FIRST_NAMES, SURNAMES } from './dutchNames';
import { finding, type Finding } from './finding';

/**
 * Finds people's names in Dutch text, with the name lists of dutchNames.ts and what Dutch spelling
 * tells: Dutch capitalises names but not nouns, so a listed name with a capital in the middle of a
 * sentence is a name ("werken bij Bakker"), while at the start of a sentence a name that is also a
 * word ("Roos", "Wil", "Bakker") needs more: a second name beside it ("Roos Bakker", "Roos en
 * Mark"). A capitalised word also counts after a first name ("Peter Dijkshoorn"), after a title or
 * relation ("mevrouw Oud", "juf Anneke", "moeder Fatma") and after initials ("J.H. van der Veen").
 * Words in capitals ("SAVE", "ZOU") and words with a capital inside ("KNOOPpunt") are no names.
 */

interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower-cased, NFC: what the lists hold. */
  readonly key: string;
  /** Starts with a capital and goes on in small letters (parts joined by - or ' alike). */
  readonly cap: boolean;
  /** Is the first word of a sentence, a line or a list item. */
  readonly sentenceStart: boolean;
  /** Is a single capital letter followed by a full stop: an initial. */
  readonly initial: boolean;
}

const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;
/** What may stand between a sentence's end and its first word: spaces, quotes, brackets, bullets. */
const LEAD_IN = /[\s"“”‘’'«»([*•·▪–—-]/u;
/**
 * A list label ("A.", "1.") ends in a stop too, so what follows it starts a sentence. After a
 * semicolon a Dutch sentence goes on in small letters: a capital there marks a name.
 */
const SENTENCE_END = /[.!?:…]/u;

/** Particles of Dutch (and a few other) surnames: "van der", "de", "ter", "el" … */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', 'te', 'het', 'op', 'in', 'uit', 'la', 'le', 'du', 'da', 'di', 'dos', 'el', 'al', 'von']);
/** Before these a capitalised word is a thing or a place ("de Maas", "een Oscar", "in Den Bosch"). */
const ARTICLES = new Set(['de', 'den', 'der', 'het', 'een', 'deze', 'die', 'dat']);
/**
 * After these comes a name, listed or not: forms of address, titles, family and care relations
 * (a case describes a child through its family), "heet" and "genaamd".
 */
const TITLES = new Set(
  `meneer mevrouw mevr mw dhr heer juf juffrouw meester moeder vader mama papa oma opa tante oom broer
broertje zus zusje zoon zoontje dochter dochtertje neef neefje nicht nichtje stiefvader stiefmoeder
pleegvader pleegmoeder pleegzoon pleegdochter pleegouder dokter dr drs mr ir prof heet genaamd`.split(/\s+/),
);
/** Titles written short with a stop ("dhr. Oud"): the stop does not end a sentence there. */
const ABBREVIATED_TITLES = new Set(['mevr', 'mw', 'dhr', 'dr', 'drs', 'mr', 'ir', 'prof']);
/**
 * A name followed by one of these names an organisation after a person ("Jeroen Bosch Ziekenhuis",
 * "William Schrikker Pleegzorg"), and a "surname" ending in one is a place ("Jan Ligthartschool").
 */
const ORGANISATION_ENDINGS = ['ziekenhuis', 'huis', 'pleegzorg', 'zorg', 'jeugdhulp', 'school', 'college', 'lyceum', 'instituut', 'kliniek', 'centrum', 'stichting', 'fonds', 'groep', 'academie', 'prijs', 'stadion'];

/**
 * Organisations that carry a person's name and turn up in Dutch case texts (an employer, a
 * hospital, a youth-care foundation): no person to protect.
 */
const NAMED_ORGANISATIONS = new Set(['albert heijn', 'jan linders', 'dirk van den broek', 'jeroen bosch', 'albert schweitzer', 'william schrikker', 'ronald mcdonald']);

/** Written small after a name, only these still make it an organisation ("Albert Schweitzer ziekenhuis"; not "Jan thuis"). */
const ORGANISATION_WORDS = new Set(['ziekenhuis', 'pleegzorg', 'jeugdhulp', 'school', 'college', 'lyceum', 'instituut', 'kliniek', 'centrum', 'stichting', 'fonds', 'academie']);

/** Whether `word` (capitalised: ending in an organisation word; small: being one) names an organisation. */
function isOrganisationWord(word: Word): boolean {
  return word.cap ? ORGANISATION_ENDINGS.some((ending) => word.key.endsWith(ending)) : ORGANISATION_WORDS.has(word.key);
}

function tokenise(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    words.push({
      start,
      end,
      key: m[0].normalize('NFC').toLowerCase(),
      cap: CAPITALISED.test(m[0]),
      sentenceStart: startsSentence(text, start),
      initial: /^\p{Lu}$/u.test(m[0]) && text[end] === '.',
    });
  }
  return words;
}

function startsSentence(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text[k]!;
    if (c === '\n' || c === '\r') return true;
    if (!LEAD_IN.test(c)) return SENTENCE_END.test(c);
  }
  return true;
}

/** The gap between two words is one or more spaces (no comma, stop or line break). */
function adjacent(text: string, a: Word | undefined, b: Word | undefined): boolean {
  return !!a && !!b && /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));
}

function isFirstName(word: Word): boolean {
  return word.cap && word.key.split(/[-'’]/).every((part) => FIRST_NAMES.has(part));
}

interface Surname {
  /** Index of its last word. */
  readonly last: number;
  readonly particles: number;
  readonly listed: boolean;
}

/** A surname starting at word i: particles ("van der", "De") then a capitalised word, each one space apart. */
function surnameAt(text: string, words: readonly Word[], i: number): Surname | null {
  let j = i;
  while (j < words.length && PARTICLES.has(words[j]!.key) && j - i < 3 && adjacent(text, words[j], words[j + 1])) j++;
  const last = words[j];
  if (!last || !last.cap || PARTICLES.has(last.key)) return null;
  // A particle written with a capital after another word is part of a name only at its start ("Van der Berg").
  for (let k = i + 1; k < j; k++) if (words[k]!.cap) return null;
  const key = words
    .slice(i, j + 1)
    .map((w) => w.key)
    .join(' ');
  const listed = SURNAMES.has(key) || SURNAMES.has(key.split('-')[0]!);
  return { last: j, particles: j - i, listed };
}

/** "Roos en Mark", "Roos, Mark": a name right after this word makes an ambiguous word a name too. */
function nameFollows(text: string, words: readonly Word[], i: number): boolean {
  const next = words[i + 1];
  if (!next) return false;
  const gap = text.slice(words[i]!.end, next.start);
  let target: Word | undefined;
  if (/^\s*,\s*$/.test(gap)) target = next;
  else if (next.key === 'en' && adjacent(text, words[i], next) && adjacent(text, next, words[i + 2])) target = words[i + 2];
  if (!target || !target.cap) return false;
  return isFirstName(target) || SURNAMES.has(target.key);
}

/** Every name found in `text`, in order. */
export function findNames(text: string): Finding[] {
  const words = tokenise(text);
  const found: Finding[] = [];
  const span = (from: number, to: number, reason: Finding['reason']) => found.push(finding(text, 'name', words[from]!.start, words[to]!.end, reason));
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const prev = words[i - 1];
    const afterArticle = !!prev && adjacent(text, prev, w) && ARTICLES.has(prev.key);

    // Initials: "J.H. van der Veen", "A. Bakker"; a single initial before an unknown word is a list label ("A. Werk").
    if (w.initial) {
      let j = i;
      while (words[j + 1]?.initial && /^\.\s?$/.test(text.slice(words[j]!.end, words[j + 1]!.start))) j++;
      const next = words[j + 1];
      const surname = next && /^\.\s?$/.test(text.slice(words[j]!.end, next.start)) ? surnameAt(text, words, j + 1) : null;
      if (surname && (surname.listed || surname.particles > 0 || j > i)) {
        span(i, surname.last, 'initials');
        i = surname.last + 1;
        continue;
      }
      // A later start in the same run has the same word after it: no need to try again ("A.A.A.…").
      i = j + 1;
      continue;
    }

    // After a title or relation: "mevrouw De Vries", "juf Anneke", "dhr. Oud".
    const titleGap = prev ? text.slice(prev.end, w.start) : '';
    if (prev && TITLES.has(prev.key) && (/^[ \t\u00a0]+$/.test(titleGap) || (ABBREVIATED_TITLES.has(prev.key) && /^\.[ \t\u00a0]*$/.test(titleGap)))) {
      const surname = surnameAt(text, words, i);
      if (surname) {
        let last = surname.last;
        if (surname.particles === 0) {
          const more = surnameAt(text, words, last + 1);
          if (more && adjacent(text, words[last], words[last + 1])) last = more.last;
        }
        span(i, last, 'title');
        i = last + 1;
        continue;
      }
    }

    if (isFirstName(w) && !afterArticle) {
      // First names, then a surname: "Peter Dijkshoorn", "Martijn van Dam", "Jan Peter Balkenende".
      let j = i;
      while (adjacent(text, words[j], words[j + 1]) && isFirstName(words[j + 1]!) && !SURNAMES.has(words[j + 1]!.key)) j++;
      const surname = adjacent(text, words[j], words[j + 1]) ? surnameAt(text, words, j + 1) : null;
      if (surname) {
        const after = words[surname.last + 1];
        const whole = text.slice(w.start, words[surname.last]!.end).toLowerCase().replace(/\s+/g, ' ');
        const organisation =
          NAMED_ORGANISATIONS.has(whole) || (words[surname.last]!.cap && isOrganisationWord(words[surname.last]!)) || (!!after && adjacent(text, words[surname.last], after) && isOrganisationWord(after));
        if (!organisation) {
          span(i, surname.last, 'full-name');
          i = surname.last + 1;
          continue;
        }
        i = surname.last + 1;
        continue;
      }
      if (!(w.sentenceStart && AMBIGUOUS_NAMES.has(w.key)) || nameFollows(text, words, i)) {
        const organisation = !!words[j + 1] && adjacent(text, words[j], words[j + 1]) && words[j + 1]!.cap && isOrganisationWord(words[j + 1]!);
        if (!organisation) span(i, j, 'first-name');
      }
      i = j + 1;
      continue;
    }

    // A surname from the list, with its particles ("de Vries", "Van Dijk") or without ("Bakker").
    if (PARTICLES.has(w.key) || (w.cap && !afterArticle)) {
      const surname = surnameAt(text, words, i);
      if (surname?.listed) {
        const bare = surname.particles === 0;
        const ambiguousStart = bare && w.sentenceStart && AMBIGUOUS_NAMES.has(w.key) && !nameFollows(text, words, i);
        const after = words[surname.last + 1];
        const organisation = !!after && adjacent(text, words[surname.last], after) && isOrganisationWord(after);
        if (!ambiguousStart && !organisation) {
          span(i, surname.last, 'surname');
          i = surname.last + 1;
          continue;
        }
      }
    }
    i++;
  }
  return found;
}
