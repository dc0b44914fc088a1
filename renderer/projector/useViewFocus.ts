import { useEffect, useRef, type RefObject } from 'react';
import type { ProjectorShows } from './choose';

/** How many frames the new view may take to put its button on the page (its board opens first). */
const WAIT_FRAMES = 60;

/**
 * Keeps the keyboard on the projector's buttons when the view changes under it: a house picked
 * with Enter on the wall puts it on that house's "Alle huizen · toets 0", and that button (or the
 * key 0, Esc) back on the wall puts it on the house that was large. Only when a button of the
 * stage had the keyboard and lost it to the change: the projector is seldom used with Tab, and a
 * ring should not appear on the room's screen when nobody asked for one.
 */
export function useViewFocus(stage: RefObject<HTMLElement | null>, shows: ProjectorShows): void {
  const key = shows.view === 'house' ? `house:${shows.groupId}` : shows.view;
  const last = useRef(key);
  useEffect(() => {
    const from = last.current;
    last.current = key;
    const root = stage.current;
    if (!root || from === key || !root.dataset.hadKeyboard) return;
    const selector = key.startsWith('house:')
      ? '.projector-back'
      : from.startsWith('house:')
        ? `.wall-house[data-group="${CSS.escape(from.slice('house:'.length))}"] .wall-house-name`
        : null;
    if (!selector) return;
    let frames = 0;
    let raf = 0;
    const place = () => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const target = root.querySelector<HTMLElement>(selector);
      if (target) target.focus();
      else if (frames++ < WAIT_FRAMES) raf = requestAnimationFrame(place);
    };
    place();
    return () => cancelAnimationFrame(raf);
  }, [key, stage]);
}

/** Marks the stage as used with the keyboard once one of its buttons took the focus. */
export function markKeyboard(event: React.FocusEvent<HTMLElement>): void {
  if (event.target !== event.currentTarget) event.currentTarget.dataset.hadKeyboard = 'yes';
}
