import { describe, expect, it } from 'vitest';
import { graphemes } from '../../shared/graphemes';
import { syllables } from '../../renderer/board/hyphenation';
import {
  MIN_TEXT_PX,
  NOTE_FONT_SIZES,
  NOTE_TEXT_BOX,
  layoutText,
  minFontSize,
  type TextMetrics,
} from '../../renderer/board/textLayout';

/**
 * The note text layout with fixed measures: every grapheme is half a font size wide (a space too),
 * an emoji a whole one. Hyphenation points come from the real Dutch patterns.
 */
const EMOJI = /\p{Extended_Pictographic}/u;
const metrics: TextMetrics = {
  width: (piece) => graphemes(piece).reduce((w, g) => w + (EMOJI.test(g) ? 1 : 0.5), 0),
  syllables: (word) => syllables(word, 'nl'),
};

/** The sizes a note may use when its text may not get smaller than `min` (as layoutNoteText). */
const sizesFrom = (min: number) => [...NOTE_FONT_SIZES.filter((s) => s > min), min];
const layout = (text: string, min = NOTE_FONT_SIZES[NOTE_FONT_SIZES.length - 1]!) =>
  layoutText(text, NOTE_TEXT_BOX, sizesFrom(min), metrics);

/** The floor at the fitted house on a 1280×720 projector (scale ≈ 0.317). */
const PROJECTOR_FLOOR = minFontSize(0.317);

function expectFits(result: ReturnType<typeof layout>): void {
  const maxLines = Math.floor(NOTE_TEXT_BOX.height / result.lineHeight);
  expect(result.lines.length).toBeLessThanOrEqual(maxLines);
  for (const line of result.lines) {
    expect(metrics.width(line) * result.fontSize, `"${line}" at ${result.fontSize}`).toBeLessThanOrEqual(NOTE_TEXT_BOX.width + 1e-9);
  }
}

describe('layoutText: the largest size at which no word is broken', () => {
  it('draws a Dutch compound whole at a smaller size instead of breaking it at a large one', () => {
    // "Ervaringsdesk / undigheid" at 26 was the old result: 11 font sizes wide, it fits whole at 18.
    const result = layout('Ervaringsdeskundigheid');
    expect(result.lines).toEqual(['Ervaringsdeskundigheid']);
    expect(result.fontSize).toBe(18);
    expect(result.cut).toBe(false);
    expectFits(result);
  });

  it('takes the largest size that holds every word whole', () => {
    const result = layout('Werk systemisch');
    // 56 and 48 would have to break "systemisch" (5 sizes wide, lines of 3.9 and 4.5); 43 holds it.
    expect(result.fontSize).toBe(43);
    expect(result.lines).toEqual(['Werk', 'systemisch']);
    expectFits(result);
  });

  it('keeps short notes big', () => {
    expect(layout('Lef').fontSize).toBe(NOTE_FONT_SIZES[0]);
  });
});

describe('layoutText at the smallest size allowed: hyphenation', () => {
  it('breaks a compound that is wider than the note only at hyphenation points, with a "-"', () => {
    const result = layout('Ervaringsdeskundigheid', PROJECTOR_FLOOR);
    expect(result.fontSize).toBe(PROJECTOR_FLOOR);
    expect(result.lines).toEqual(['Ervarings-', 'deskundig-', 'heid']);
    expect(result.cut).toBe(false);
    expectFits(result);
  });

  it('breaks "casusbespreking" between syllables, never before its last letter', () => {
    const result = layout('Intervisie en casusbespreking', PROJECTOR_FLOOR);
    const joined = result.lines.join('|');
    expect(joined).not.toMatch(/casusbesprekin\|g/);
    for (const line of result.lines.filter((l) => l.endsWith('-'))) {
      const head = line.slice(line.lastIndexOf(' ') + 1, -1);
      const points = syllables('casusbespreking', 'nl').map((_, i, all) => all.slice(0, i + 1).join(''));
      expect(points, `"${line}" breaks at a hyphenation point`).toContain(head);
    }
    expectFits(result);
  });

  it('breaks after a hyphen or slash that is already there, without adding another', () => {
    for (const text of ['teams/leidinggevenden', 'jeugd-en-gezinsbeschermer']) {
      const result = layout(text, PROJECTOR_FLOOR);
      expect(result.lines.length).toBeGreaterThan(1);
      for (const line of result.lines) expect(line, text).not.toMatch(/[-/]-$/);
      expectFits(result);
    }
    // Taking the drawn hyphens away gives the text back.
    const slash = layout('teams/leidinggevenden', PROJECTOR_FLOOR).lines;
    expect(slash[0]).toMatch(/^teams\//);
    expect(slash.map((l, i) => (i < slash.length - 1 && /[^-/]-$/.test(l) ? l.slice(0, -1) : l)).join('')).toBe('teams/leidinggevenden');
    expect(layout('jeugd-en-gezinsbeschermer', PROJECTOR_FLOOR).lines[0]).toBe('jeugd-en-');
  });

  it('breaks a name written as one word at its capitals and digits, without a hyphen', () => {
    const result = layout('1Gezin1Plan1Regisseur', PROJECTOR_FLOOR);
    expect(result.lines).toEqual(['1Gezin1Plan', '1Regisseur']);
    expectFits(result);
  });

  it('fills what is left of a line with the first syllables of a long word', () => {
    const result = layout('de Ervaringsdeskundigheid', PROJECTOR_FLOOR);
    expect(result.lines).toEqual(['de Erva-', 'ringsdes-', 'kundigheid']);
    expectFits(result);
  });

  it('never breaks a word that fits a line, even at the smallest size', () => {
    const text = 'Ruimte en vertrouwen van leidinggevenden om te innoveren';
    const result = layout(text, PROJECTOR_FLOOR);
    const words = new Set(text.split(' '));
    for (const line of result.lines) for (const word of line.replace(/…$/, '').split(' ')) {
      if (!line.endsWith('…') || word !== line.split(' ').at(-1)?.replace(/…$/, '')) expect(words.has(word), `"${word}" in "${line}"`).toBe(true);
    }
  });
});

describe('layoutText: text that does not fit', () => {
  const long =
    'Het is nodig om een team rondom een jeugdige samen te stellen, bestaande uit de verschillende domeinen waarin een jeugdige verkeert (gezin, school, vrije tijd).';

  it('shows fewer words at the projector floor and ends the last line in "…"', () => {
    const result = layout(long, PROJECTOR_FLOOR);
    expect(result.fontSize).toBe(PROJECTOR_FLOOR);
    expect(result.cut).toBe(true);
    expect(result.lines.at(-1)).toMatch(/…$/);
    expect(long.startsWith(result.lines.join(' ').replace(/…$/, '').replace(/- /g, '').trimEnd())).toBe(true);
    expectFits(result);
  });

  it('says it is not cut when everything is shown', () => {
    expect(layout('Werk systemisch', PROJECTOR_FLOOR).cut).toBe(false);
  });
});

describe('layoutText: graphemes (emoji) are never cut apart', () => {
  const family = '👨‍👩‍👧';

  it('breaks a row of family emoji between families, never inside one', () => {
    const text = family.repeat(12);
    const result = layout(text, PROJECTOR_FLOOR);
    expect(result.lines.length).toBeGreaterThan(1);
    for (const line of result.lines) {
      expect(graphemes(line.replace(/…$/, '')).every((g) => g === family), `line "${line}"`).toBe(true);
    }
    expectFits(result);
  });

  it('cuts with "…" after a whole family', () => {
    const text = Array.from({ length: 40 }, () => family.repeat(3)).join(' ');
    const result = layout(text, PROJECTOR_FLOOR);
    expect(result.cut).toBe(true);
    const last = result.lines.at(-1)!;
    expect(graphemes(last).at(-1)).toBe('…');
    expect(graphemes(last.slice(0, -1)).every((g) => g === family || g === ' ')).toBe(true);
    expectFits(result);
  });
});

describe('minFontSize', () => {
  it('keeps note text at least MIN_TEXT_PX on screen wherever the largest size allows it', () => {
    for (let scale = 0.22; scale <= 2; scale += 0.01) {
      const min = minFontSize(scale);
      expect(min * scale, `scale ${scale.toFixed(2)}`).toBeGreaterThanOrEqual(MIN_TEXT_PX - 1e-9);
      expect(Number.isInteger(min)).toBe(true);
    }
  });

  it('stays within the note sizes when zoomed far out or in', () => {
    expect(minFontSize(0.05)).toBe(NOTE_FONT_SIZES[0]);
    expect(minFontSize(4)).toBe(NOTE_FONT_SIZES[NOTE_FONT_SIZES.length - 1]);
  });
});
