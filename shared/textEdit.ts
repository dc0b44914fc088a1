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
