import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import nl from '../../renderer/i18n/nl.json';
import en from '../../renderer/i18n/en.json';

type Tree = { [key: string]: string | Tree };

/** Every key of a translation file as a dotted path, with its text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const files = { nl: flatten(nl), en: flatten(en) };

/**
 * Texts that take a count but are no phrase about that many things: "120/500 tekens" reads the
 * same for every number.
 */
const NOT_PLURAL = new Set(['board.counter']);

async function translator(lng: 'nl' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { nl: { translation: nl }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('the translation files', () => {
  it('have the same keys in Dutch and English', () => {
    expect([...files.en.keys()].sort()).toEqual([...files.nl.keys()].sort());
  });

  it.each(['nl', 'en'] as const)('give every text with a {{count}} a singular and a plural form (%s)', (lng) => {
    const missing: string[] = [];
    for (const [key, text] of files[lng]) {
      if (!text.includes('{{count}}')) continue;
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      if (NOT_PLURAL.has(base)) continue;
      if (!files[lng].has(`${base}_one`) || !files[lng].has(`${base}_other`)) missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  it('say "1 ander persoon" and "2 anderen" on a board, and the English alike', async () => {
    const tNl = await translator('nl');
    expect(tNl('live.people', { count: 1 })).toBe('1 ander persoon op dit bord');
    expect(tNl('live.people', { count: 2 })).toBe('2 anderen op dit bord');
    const tEn = await translator('en');
    expect(tEn('live.people', { count: 1 })).toBe('1 other person on this board');
    expect(tEn('live.people', { count: 2 })).toBe('2 others on this board');
  });

  it('read right in English where Dutch words were carried over', async () => {
    const t = await translator('en');
    expect(t('session.openBoard')).toBe('Open board');
    expect(t('join.join')).toBe('Go to our house');
    expect(t('board.parking')).toBe('Parking area');
  });

  it('show what an address looks like, not what the typed one looks like', async () => {
    expect((await translator('nl'))('join.errors.address')).toBe('Dit adres klopt niet. Een adres ziet er zo uit: 192.168.1.20:4173.');
    expect((await translator('en'))('join.errors.address')).toBe('This address is not right. An address looks like this: 192.168.1.20:4173.');
  });
});
