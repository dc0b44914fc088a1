import { describe, expect, it } from 'vitest';
import { diffText, mapThroughDelta, shiftThroughEdit } from '../../shared/textEdit';

describe('a caret while someone else types in the same note', () => {
  const before = 'Werk systemisch';

  it('moves with text added before it', () => {
    const after = 'Samen: Werk systemisch';
    expect(shiftThroughEdit(before, after, 4)).toBe(4 + 'Samen: '.length);
    expect(shiftThroughEdit(before, after, before.length)).toBe(after.length);
  });

  it('stays put for text added after it', () => {
    expect(shiftThroughEdit(before, 'Werk systemisch met ouders', 4)).toBe(4);
    expect(shiftThroughEdit(before, 'Werk systemisch met ouders', 0)).toBe(0);
  });

  it('moves back with text removed before it, and lands at the end of a change it sat in', () => {
    expect(shiftThroughEdit(before, 'systemisch', before.length)).toBe('systemisch'.length);
    expect(shiftThroughEdit('Werk heel systemisch', 'Werk systemisch', 7)).toBe(5);
  });
});

describe('the smallest change between two texts', () => {
  it('keeps the common prefix and suffix', () => {
    expect(diffText('Werk systemisch', 'Werk heel systemisch')).toEqual({ start: 5, endBefore: 5, endAfter: 10 });
  });

  it('never splits an emoji', () => {
    // 😀 and 😃 share their high surrogate; the change must cover the whole pair.
    const change = diffText('a😀b', 'a😃b');
    expect(change.start).toBe(1);
    expect(change.endBefore).toBe(3);
  });
});

describe('a position through a change someone else made (Yjs delta)', () => {
  // "Werk systemisch": 'Samen: ' put in front, ' systemisch' replaced by ' samen'.
  const delta = [{ insert: 'Samen: ' }, { retain: 4 }, { delete: 11 }, { insert: ' samen' }] as const;

  it('moves with text put in before it, and stays before text put in exactly there with bias "before"', () => {
    expect(mapThroughDelta(2, delta, 'after')).toBe(2 + 7);
    expect(mapThroughDelta(0, delta, 'before')).toBe(0);
    expect(mapThroughDelta(0, delta, 'after')).toBe(7);
  });

  it('lands where deleted text was, and after the text put in there with bias "after"', () => {
    expect(mapThroughDelta(8, delta, 'before')).toBe(11);
    expect(mapThroughDelta(15, delta, 'before')).toBe(11);
    expect(mapThroughDelta(15, delta, 'after')).toBe(17);
  });

  it('leaves a position alone when nothing changed before it', () => {
    expect(mapThroughDelta(3, [{ retain: 5 }, { insert: 'x' }], 'after')).toBe(3);
    expect(mapThroughDelta(3, [], 'after')).toBe(3);
  });
});
