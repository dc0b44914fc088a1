import type { MouseEvent } from 'react';

/**
 * A click handler for buttons whose second press would undo or overshoot the first ("Volgende
 * fase", "Pauze", "Wij zijn klaar"): the second click of a double-click (`detail` ≥ 2) is ignored,
 * since the room would otherwise skip a phase or un-say it is done. Keyboard presses (detail 0)
 * and separate clicks act as usual.
 */
export function singleClick(handler: () => void): (event: MouseEvent) => void {
  return (event) => {
    if (event.detail > 1) return;
    handler();
  };
}
