/** The one changed range between two texts: `before[start, endBefore)` became `after[start, endAfter)`. */
export interface TextChange {
  start: number;
  endBefore: number;
  endAfter: number;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The smallest single change (common prefix and suffix kept) that turns `before` into `after`.
 * Never splits a surrogate pair: lib0 would encode a lone half as U+FFFD.
 */
export function diffText(before: string, after: string): TextChange {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { start, endBefore, endAfter };
}

/** Where a caret at `pos` in `before` lands in `after`: a change before it shifts it, one after it does not. */
export function shiftThroughEdit(before: string, after: string, pos: number): number {
  const { start, endBefore, endAfter } = diffText(before, after);
  if (pos <= start) return pos;
  if (pos >= endBefore) return pos + (endAfter - endBefore);
  return endAfter;
}

/**
 * One change to a text in the shape Yjs reports it (Y.YTextEvent.delta): keep `retain` units,
 * put `insert` in, take `delete` units out, from the start. An embed (not a string) counts as one.
 */
export type TextDelta = readonly ({ retain: number } | { insert: string | object } | { delete: number })[];

/**
 * Where position `pos` (0…length, in UTF-16 units) of a text lies after `delta` was applied to it.
 * Text inserted exactly at `pos` ends up after the position with bias 'before', and before it
 * with bias 'after'; a position inside deleted text lands where the deletion was.
 */
export function mapThroughDelta(pos: number, delta: TextDelta, bias: 'before' | 'after'): number {
  let oldAt = 0;
  let newAt = 0;
  for (const op of delta) {
    if ('retain' in op) {
      if (pos < oldAt + op.retain) return newAt + (pos - oldAt);
      oldAt += op.retain;
      newAt += op.retain;
    } else if ('insert' in op) {
      if (pos === oldAt && bias === 'before') return newAt;
      newAt += typeof op.insert === 'string' ? op.insert.length : 1;
    } else {
      if (pos < oldAt + op.delete) return newAt;
      oldAt += op.delete;
    }
  }
  return newAt + (pos - oldAt);
}
