import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AMBIGUOUS_NAMES, FIRST_NAMES, SURNAMES } from '../../shared/privacy/dutchNames';
import { findPersonalData, passesElfproef, type FindingKind } from '../../shared/privacy/personalData';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const seed = (prefix: string) => {
  const file = readdirSync(path.join(fixtures, 'seeds')).find((f) => f.startsWith(prefix))!;
  return readFileSync(path.join(fixtures, 'seeds', file), 'utf8');
};
/** [kind, matched text] of every finding, in order. */
const found = (text: string) => findPersonalData(text).map((f) => [f.kind, f.text] as [FindingKind, string]);

describe('the personal-data check: known answers', () => {
  it.each<[string, [FindingKind, string][]]>([
    ['Roos en Mark werken bij Bakker.', [['name', 'Roos'], ['name', 'Mark'], ['name', 'Bakker']]],
    ['Daan (geboren 3 maart 2012) woont met zijn moeder Fatma aan de Kerkstraat 12, 1234 AB Utrecht.', [['name', 'Daan'], ['birthDate', '3 maart 2012'], ['name', 'Fatma'], ['address', 'Kerkstraat 12'], ['postcode', '1234 AB']]],
    ['Geboortedatum: 12-03-2012; zijn zusje is van 3/3/12.', [['birthDate', '12-03-2012'], ['birthDate', '3/3/12']]],
    ['geb. 1 jan. 2010', [['birthDate', '1 jan. 2010']]],
    ['BSN 123456782, ook geschreven als 123.456.782 of 1234 56 782.', [['bsn', '123456782'], ['bsn', '123.456.782'], ['bsn', '1234 56 782']]],
    ['Bel 06-12345678, 010-1234567, +31 6 12 34 56 78 of 0031 20 123 4567.', [['phone', '06-12345678'], ['phone', '010-1234567'], ['phone', '+31 6 12 34 56 78'], ['phone', '0031 20 123 4567']]],
    ['Mail naar s.jansen@voorbeeld.nl of bel (010) 123 45 67.', [['email', 's.jansen@voorbeeld.nl'], ['phone', '(010) 123 45 67']]],
    ['Postcode 3511AB of 3511 ab? Of 3511ab.', [['postcode', '3511AB'], ['postcode', '3511ab']]],
    ['Hij zit op basisschool De Regenboog, zijn zus op het Da Vinci College, zijn broer op obs Het Kompas.', [['school', 'basisschool De Regenboog'], ['school', 'Da Vinci College'], ['school', 'obs Het Kompas']]],
    ['Ze gaat naar OBS De Klimop en daarna naar IKC \'t Kompas of de Jan Ligthartschool.', [['school', 'OBS De Klimop'], ['school', "IKC 't Kompas"], ['school', 'Jan Ligthartschool']]],
    ['De Vries heeft gebeld. Daarna belde mevrouw Van Dijk, en dhr. Oud kwam langs.', [['name', 'De Vries'], ['name', 'Van Dijk'], ['name', 'Oud']]],
    ['Contact: J.H. van der Veen. Punt A. Werk systemisch.', [['name', 'J.H. van der Veen']]],
    ['Met vriendelijke groet, Marieke Bakker', [['name', 'Marieke Bakker']]],
    ['Hij heet Thijs en zijn zusje heet Emma; zoon Yusuf (13) heeft ADHD.', [['name', 'Thijs'], ['name', 'Emma'], ['name', 'Yusuf']]],
    ['Kees en Anja hebben drie kinderen: Sem, Noor en Lotte.', [['name', 'Kees'], ['name', 'Anja'], ['name', 'Sem'], ['name', 'Noor'], ['name', 'Lotte']]],
    ['Zij woont aan de Burgemeester van Walsumweg 3a en later aan de Lange Nieuwstraat 7-9.', [['address', 'Burgemeester van Walsumweg 3a'], ['address', 'Lange Nieuwstraat 7-9']]],
    ['Peter Dijkshoorn en Martijn van Dam begeleidden de dag.', [['name', 'Peter Dijkshoorn'], ['name', 'Martijn van Dam']]],
    ['Roos Bakker (Willem de Zwijgerlaan 4) is de moeder.', [['name', 'Roos Bakker'], ['address', 'Willem de Zwijgerlaan 4']]],
    // After a semicolon a Dutch sentence goes on in small letters: the capital marks a name.
    ['Zij wil naar de Montessorischool; Max zit al op de Vrije School.', [['name', 'Max']]],
    // "thuis" ends in "huis" but names no organisation.
    ['Het is fijn bij Jan de Boer thuis.', [['name', 'Jan de Boer']]],
    // A BSN is nine bare digits, never a phone number (nobody writes one without its 0 or +31).
    ['Zijn BSN is 111222333, of 111 222 333, of 111.222.333.', [['bsn', '111222333'], ['bsn', '111 222 333'], ['bsn', '111.222.333']]],
    // A school's name ends with its sentence: the next sentence's name is a name of its own.
    ['Hij zat daarna op obs De Klimop. Mevrouw Bakker kwam langs.', [['school', 'obs De Klimop'], ['name', 'Bakker']]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives offsets into the text it was given', () => {
    const text = 'Eerst 😀 een emoji, dan Sem.';
    const [f] = findPersonalData(text);
    expect(f).toMatchObject({ kind: 'name', reason: 'first-name', text: 'Sem' });
    expect(text.slice(f!.start, f!.end)).toBe('Sem');
  });

  it('says why it flagged each', () => {
    const reasons = findPersonalData('Sem, geboren 1-2-2012, BSN 123456782, mevrouw Oud, Jan de Vries, Bakker.').map((f) => f.reason);
    expect(reasons).toEqual(['first-name', 'birth-word', 'elfproef', 'title', 'full-name', 'surname']);
  });

  it('keeps the most specific kind where two overlap (the e-mail, not the name in it; the school, not its namesake)', () => {
    expect(found('jan.jansen@school.nl en de Jan Ligthartschool')).toEqual([['email', 'jan.jansen@school.nl'], ['school', 'Jan Ligthartschool']]);
  });
});

describe('the BSN 11-test', () => {
  it('passes numbers whose weighted sum is a multiple of 11, fails the rest (the government rule)', () => {
    expect(passesElfproef('123456782')).toBe(true); // 9·1+8·2+…+2·8 − 2 = 154 = 14 · 11
    expect(passesElfproef('111222333')).toBe(true);
    expect(passesElfproef('123456789')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false); // sum 0: no number
    expect(passesElfproef('12345678')).toBe(false);
    expect(passesElfproef('1234567820')).toBe(false);
  });

  it('does not flag nine digits that fail it, nor ten or more', () => {
    expect(found('Factuur 123456789 en dossier 1234567820 en 12345678')).toEqual([]);
  });
});

describe('the personal-data check raises no false alarm', () => {
  it.each(['000', '001', '004'])('on seed %s, a whole report of a session', (prefix) => {
    expect(found(seed(prefix))).toEqual([]);
  });

  it('on seed 002 flags only its three project leaders and their e-mail addresses (real people)', () => {
    expect(found(seed('002'))).toEqual([
      ['name', 'Jaap van der Veen'],
      ['email', 'j.h.van.der.veen@umcg.nl'],
      ['name', 'van Eijk'], // "Lucienne" is not in the list; her surname is
      ['email', 'l.m.van.eijk@umcg.nl'],
      ['name', 'Suzanne Kuik'],
      ['email', 's.n.kuik@pl.hanze.nl'],
    ]);
  });

  it('on seed 003 flags only the three people it names', () => {
    expect(found(seed('003'))).toEqual([
      ['name', 'Peter Dijkshoorn'],
      ['name', 'Martijn van Dam'],
      ['name', 'René Oud'],
    ]);
  });

  const ordinary = readFileSync(path.join(fixtures, 'ordinary-dutch.txt'), 'utf8').split('\n').filter(Boolean);
  it.each(ordinary)('on "%s"', (sentence) => {
    expect(found(sentence)).toEqual([]);
  });

  it('on the whole ordinary fixture read as one text', () => {
    expect(found(ordinary.join(' '))).toEqual([]);
  });
});

describe('the name list', () => {
  it('is of a useful size, lower-cased and without stray characters', () => {
    expect(FIRST_NAMES.size).toBeGreaterThan(600);
    expect(SURNAMES.size).toBeGreaterThan(250);
    for (const name of [...FIRST_NAMES, ...SURNAMES, ...AMBIGUOUS_NAMES]) expect(name).toMatch(/^[\p{Ll}\p{M}' -]+$/u);
  });

  it('marks every ambiguous word as a listed name', () => {
    const bare = new Set([...SURNAMES].filter((s) => !s.includes(' ')));
    expect([...AMBIGUOUS_NAMES].filter((w) => !FIRST_NAMES.has(w) && !bare.has(w))).toEqual([]);
  });

  it('holds the names the brief names as tricky', () => {
    for (const name of ['roos', 'mark', 'wil', 'sterre']) expect(FIRST_NAMES.has(name)).toBe(true);
    expect(SURNAMES.has('bakker')).toBe(true);
    expect(SURNAMES.has('de vries')).toBe(true);
  });
});
