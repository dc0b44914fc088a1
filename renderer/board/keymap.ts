import type { BoardCommand } from './commands';

/**
 * The board's keys, as commands (commands.ts). One table, so the help text, the handlers and the
 * tests agree, and so a key is never taken from a button or a text field: `boardCommand` is only
 * asked when the board itself has the keyboard; `screenCommand` (undo, redo) anywhere on the board
 * screen except in a text field, which has its own undo.
 */
export type { BoardCommand };

/** What the keymap reads of a key press (a KeyboardEvent has all of it). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export const NUDGE = 10;
export const NUDGE_FAST = 60;

/** Undo and redo: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl/⌘+Y. */
export function screenCommand(e: KeyPress): BoardCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return { type: e.shiftKey ? 'redo' : 'undo' };
  if (key === 'y') return { type: 'redo' };
  return null;
}

/** The command for a key pressed while the board has the keyboard, or null (the key is not ours). */
export function boardCommand(e: KeyPress): BoardCommand | null {
  const screen = screenCommand(e);
  if (screen) return screen;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const step = e.shiftKey ? NUDGE_FAST : NUDGE;
  switch (e.key) {
    case '1':
    case '2':
    case '3':
      return { type: 'add', part: Number(e.key) };
    case 'n':
    case 'N':
    case 'Insert':
      return { type: 'add-at-centre' };
    case 'Enter':
    case 'F2':
      return { type: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { type: 'delete' };
    case 'ArrowLeft':
      return { type: 'nudge', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { type: 'nudge', dx: step, dy: 0 };
    case 'ArrowUp':
      return { type: 'nudge', dx: 0, dy: -step };
    case 'ArrowDown':
      return { type: 'nudge', dx: 0, dy: step };
    case 'Tab':
      return { type: 'walk', back: e.shiftKey };
    case 'p':
    case 'P':
      return { type: 'present' };
    case 'Escape':
      return { type: 'escape' };
    case '+':
    case '=':
      return { type: 'zoom', factor: 1.25 };
    case '-':
      return { type: 'zoom', factor: 0.8 };
    case '0':
      return { type: 'fit' };
    default:
      return null;
  }
}

/** Whether a key press comes from a place that types text (its own keys, its own undo). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'color', 'submit', 'reset'].includes(target.type));
}
