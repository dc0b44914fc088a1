import { useCallback } from 'react';
import type { BoardCommand } from './commands';
import { boardCommand, isTextField, screenCommand } from './keymap';

interface Options {
  run: (command: BoardCommand) => boolean;
  /** While a note is typed in, its editor has the keys. */
  editingId: string | null;
  focusBoard: () => void;
}

/** The key handlers of a board screen, and the way toolbar buttons run commands. */
export interface BoardKeys {
  /** On the board's own element: board keys, only while it has the keyboard (not a button on it). */
  onBoardKey(e: React.KeyboardEvent<HTMLElement>): void;
  /** On the whole screen: undo and redo anywhere, except in a text field (which has its own undo). */
  onScreenKey(e: React.KeyboardEvent<HTMLElement>): void;
  /**
   * Runs a command from a button; when the button is disabled by it (nothing left to undo, the
   * deleted note was the selection), the keyboard goes back to the board instead of to nowhere, so
   * the next Ctrl+Z or arrow key still works.
   */
  fromButton(command: BoardCommand): void;
}

export function useBoardKeys({ run, editingId, focusBoard }: Options): BoardKeys {
  const onBoardKey = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      if (editingId || e.target !== e.currentTarget) return;
      const command = boardCommand(e);
      if (command && run(command)) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    [run, editingId],
  );
  const onScreenKey = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      if (editingId || isTextField(e.target)) return;
      const command = screenCommand(e);
      if (command && run(command)) e.preventDefault();
    },
    [run, editingId],
  );
  const fromButton = useCallback(
    (command: BoardCommand) => {
      run(command);
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (!active || active === document.body || (active instanceof HTMLButtonElement && active.disabled)) focusBoard();
      });
    },
    [run, focusBoard],
  );
  return { onBoardKey, onScreenKey, fromButton };
}
