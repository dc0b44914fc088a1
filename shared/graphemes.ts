/**
 * What a reader sees as one character (a letter with its accents, a flag, a family emoji joined
 * with zero-width joiners) is one grapheme cluster, often several UTF-16 units. Text is broken,
 * cut and counted by these, so no emoji is ever drawn in pieces ("👨‍👩‍👧" is 8 units, 1 grapheme).
 */

let segmenter: Intl.Segmenter | null = null;

function segments(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** The grapheme clusters of `text`, in order (Unicode UAX #29, through Intl.Segmenter). */
export function graphemes(text: string): string[] {
  return Array.from(segments(text), (s) => s.segment);
}

/**
 * The longest start of `text` that is at most `maxUnits` UTF-16 units long and ends on a grapheme
 * boundary (so a cut never leaves half an emoji or a letter without its accent).
 */
export function cutAtGrapheme(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  // Whether `maxUnits` is a boundary depends on what follows it (a combining mark, a joiner): look
  // a little past it, but never segment a pasted megabyte.
  const head = text.slice(0, maxUnits + 64);
  let end = 0;
  for (const { segment } of segments(head)) {
    if (end + segment.length > maxUnits) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
