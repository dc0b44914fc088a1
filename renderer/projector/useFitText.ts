import { useLayoutEffect, type RefObject } from 'react';

/**
 * Makes the text in `ref` as large as fits its box: from `largest` down to `smallest` (CSS px) in
 * steps of a tenth, whenever `content` changes or the box changes size. Text that does not fit
 * even at `smallest` stays at that size and is cut at the box's edge (overflow hidden): a
 * projector shows no scroll bar.
 */
export function useFitText(ref: RefObject<HTMLElement | null>, content: unknown, largest: () => number, smallest: number): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const fit = () => {
      let size = Math.max(smallest, largest());
      box.style.fontSize = `${size}px`;
      while (size > smallest && box.scrollHeight > box.clientHeight + 1) {
        size = Math.max(smallest, size * 0.9);
        box.style.fontSize = `${size}px`;
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [ref, content, largest, smallest]);
}
