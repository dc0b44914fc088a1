import { hyphenateSync as hyphenateEn } from 'hyphen/en-us';
import { hyphenateSync as hyphenateNl } from 'hyphen/nl';
import type { Language } from '../../shared/platform';

/**
 * Where a word may be broken across lines, from the TeX hyphenation patterns of the `hyphen`
 * package (Liang's algorithm; Dutch patterns from the TeX hyphenation project, US English for the
 * English UI). Bundled, so it works offline, in the browser and in Electron alike.
 */

const MARK = '\u00ad';
const HYPHENATE: Readonly<Record<Language, (word: string) => string>> = {
  nl: (word) => hyphenateNl(word, { hyphenChar: MARK, minWordLength: 4 }),
  en: (word) => hyphenateEn(word, { hyphenChar: MARK, minWordLength: 4 }),
};

const cache: Record<Language, Map<string, readonly string[]>> = { nl: new Map(), en: new Map() };

/**
 * The syllables of `word` between which a hyphen may go ("Ervaringsdeskundigheid" →
 * Er·va·rings·des·kun·dig·heid), in `lang`'s patterns; one piece when it has no such point.
 * Cached per word: boards repeat their words a lot.
 */
export function syllables(word: string, lang: Language): readonly string[] {
  const known = cache[lang];
  let pieces = known.get(word);
  if (!pieces) {
    pieces = HYPHENATE[lang](word).split(MARK).filter(Boolean);
    if (known.size > 50_000) known.clear();
    known.set(word, pieces);
  }
  return pieces;
}
