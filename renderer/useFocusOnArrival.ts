import { useEffect } from 'react';

/** How long a screen may take to show its heading (its docs open from IndexedDB first). */
const WAIT_FRAMES = 120;

/**
 * After moving to another screen, puts the keyboard on it instead of leaving it on the page body:
 * on the board, the board itself (its keys work at once, its label says whose house it is);
 * elsewhere, the screen's heading, so a screen reader says where the person now is. A field that
 * took focus itself (autoFocus) keeps it.
 *
 * `screen` identifies the screen (route name and ids), or a step within one (the join screen's
 * group choice, on the same address as its code); the effect runs when it changes.
 */
export function useFocusOnArrival(screen: string): void {
  useEffect(() => {
    // A new screen starts at its top (the form it came from may have been scrolled down).
    window.scrollTo(0, 0);
    let frames = 0;
    let raf = 0;
    const place = () => {
      const active = document.activeElement;
      if (active && active !== document.body && !active.closest('[aria-busy="true"]')) return;
      const target = document.querySelector<HTMLElement>('.board-surface') ?? document.querySelector<HTMLElement>('main h1');
      if (!target) {
        if (frames++ < WAIT_FRAMES) raf = requestAnimationFrame(place);
        return;
      }
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    };
    raf = requestAnimationFrame(place);
    return () => cancelAnimationFrame(raf);
  }, [screen]);
}
