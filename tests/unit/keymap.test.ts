import { describe, expect, it } from 'vitest';
import { NUDGE, NUDGE_FAST, boardCommand, screenCommand, type KeyPress } from '../../renderer/board/keymap';
import { readingOrder } from '../../renderer/board/readingOrder';
import type { Note } from '../../shared/schema/note';
import { HOUSE_TEMPLATE as HOUSE } from '../../shared/template/house';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the board keymap', () => {
  it('maps the keys in the help text to commands', () => {
    expect(boardCommand(press('1'))).toEqual({ type: 'add', part: 1 });
    expect(boardCommand(press('3'))).toEqual({ type: 'add', part: 3 });
    expect(boardCommand(press('Enter'))).toEqual({ type: 'edit' });
    expect(boardCommand(press('Backspace'))).toEqual({ type: 'delete' });
    expect(boardCommand(press('ArrowLeft'))).toEqual({ type: 'nudge', dx: -NUDGE, dy: 0 });
    expect(boardCommand(press('ArrowDown', { shiftKey: true }))).toEqual({ type: 'nudge', dx: 0, dy: NUDGE_FAST });
    expect(boardCommand(press('Tab', { shiftKey: true }))).toEqual({ type: 'walk', back: true });
    expect(boardCommand(press('p'))).toEqual({ type: 'present' });
    expect(boardCommand(press('0'))).toEqual({ type: 'fit' });
  });

  it('leaves keys with Ctrl, ⌘ or Alt to the browser, except undo and redo', () => {
    expect(boardCommand(press('1', { ctrlKey: true }))).toBeNull();
    expect(boardCommand(press('p', { metaKey: true }))).toBeNull();
    expect(boardCommand(press('ArrowLeft', { altKey: true }))).toBeNull();
    expect(boardCommand(press('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(boardCommand(press('Z', { metaKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(boardCommand(press('q'))).toBeNull();
  });

  it('gives the whole screen only undo and redo', () => {
    expect(screenCommand(press('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(screenCommand(press('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(screenCommand(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
    for (const key of ['1', 'Enter', 'ArrowLeft', 'Backspace', 'Delete', 'Tab', 'p']) expect(screenCommand(press(key))).toBeNull();
  });
});

describe('reading order', () => {
  const note = (id: string, zone: string, x: number, y: number): Note => ({ id, zone, x, y, text: id, colour: 'yellow', createdAt: 0, updatedAt: 0 });

  it('goes roof, walls, foundation, parking; row by row, left to right', () => {
    const notes = [
      note('fundament', 'foundation', 100, 1500),
      note('geparkeerd', 'parked', 2100, 100),
      note('muur-rechts', 'walls', 900, 800),
      note('muur-links', 'walls', 200, 810),
      note('muur-onder', 'walls', 100, 1100),
      note('dak', 'roof', 900, 400),
    ];
    expect(readingOrder(notes, HOUSE).map((n) => n.id)).toEqual(['dak', 'muur-links', 'muur-rechts', 'muur-onder', 'fundament', 'geparkeerd']);
  });
});
