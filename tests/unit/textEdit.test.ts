import { describe, expect, it } from 'vitest';
import { diffText, shiftThroughEdit } from '../../shared/textEdit';

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
