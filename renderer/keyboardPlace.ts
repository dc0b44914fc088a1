/**
 * Keeps a keyboard user's place on the page, for every screen at once:
 *
 * - A button pressed with Enter or Space that stays focused while the page changes around it
 *   ("Start" → "Volgende fase", the timer growing above it) can end up below the fold: it is
 *   scrolled back into view, so the ring stays where the person can see it.
 * - A focused control that disappears (a button replaced by what it started, a row removed) would
 *   drop the keyboard on the page body, and the next Tab would start again at the top: the
 *   keyboard goes to the nearest part of the page that is still there (its heading, else its first
 *   control) instead. Screens that place the keyboard themselves (dialogs, the board, a new
 *   screen's heading) do so first; this only acts when nobody did, and only inside a screen's
 *   <main> that is still there (the projector, which has none, places its keyboard itself).
 *
 * Installed once (main.tsx); returns a function that removes it.
 */
export function keepKeyboardInPlace(doc: Document = document): () => void {
  const win = doc.defaultView ?? window;
  let watchUntil = 0;
  let frame = 0;

  const keepInView = () => {
    frame = 0;
    const active = doc.activeElement;
    // Something taller than the screen (the board, a long text) is left where the person put it.
    if (active instanceof HTMLElement && active !== doc.body && fitsScreen(active, win) && !inView(active, win)) {
      active.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    if (performance.now() < watchUntil) frame = win.requestAnimationFrame(keepInView);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Escape') return;
    // Long enough for the docs to change and the page to lay out again.
    watchUntil = performance.now() + KEEP_IN_VIEW_MS;
    if (!frame) frame = win.requestAnimationFrame(keepInView);
  };

  const onFocusOut = (event: FocusEvent) => {
    const left = event.target;
    if (!(left instanceof HTMLElement) || event.relatedTarget) return;
    // Where it was, from near to far, up to its screen's <main>: the first of these still on the
    // page takes the keyboard. A screen that went as a whole is the next screen's to place
    // (useFocusOnArrival), never the app's header's.
    const places: HTMLElement[] = [];
    for (let el = left.parentElement; el && el !== doc.body; el = el.parentElement) {
      places.push(el);
      if (el.tagName === 'MAIN') break;
    }
    if (places.at(-1)?.tagName !== 'MAIN') return;
    const screen = win.location.hash;
    // Two frames: after a dialog or a new screen has placed the keyboard, when they do.
    win.requestAnimationFrame(() =>
      win.requestAnimationFrame(() => {
        if (left.isConnected || win.location.hash !== screen) return;
        if (doc.activeElement && doc.activeElement !== doc.body) return;
        const place = places.find((el) => el.isConnected && !el.closest('[aria-busy="true"]'));
        const target = place && landingIn(place);
        if (!target) return;
        if (!target.hasAttribute('tabindex') && !isFocusable(target)) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
        if (!inView(target, win)) target.scrollIntoView({ block: 'nearest' });
      }),
    );
  };

  doc.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('focusout', onFocusOut, true);
  return () => {
    doc.removeEventListener('keydown', onKeyDown, true);
    doc.removeEventListener('focusout', onFocusOut, true);
    if (frame) win.cancelAnimationFrame(frame);
  };
}

/** How long after Enter, Space or Esc a focused control is kept in view (ms). */
const KEEP_IN_VIEW_MS = 800;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const HEADING = 'h1, h2, h3, h4, [role="heading"]';

/** The place to land in `container`: its first heading, else its first control. */
function landingIn(container: HTMLElement): HTMLElement | null {
  if (container.matches(HEADING)) return container;
  return container.querySelector<HTMLElement>(HEADING) ?? container.querySelector<HTMLElement>(FOCUSABLE);
}

function isFocusable(el: HTMLElement): boolean {
  return el.matches(FOCUSABLE);
}

function fitsScreen(el: HTMLElement, win: Window): boolean {
  const r = el.getBoundingClientRect();
  return r.height < win.innerHeight - 20 && r.width < win.innerWidth - 20;
}

/** Whether `el` is wholly on screen (a ring 5 px around it included). */
function inView(el: HTMLElement, win: Window): boolean {
  const r = el.getBoundingClientRect();
  const ring = 5;
  return r.top - ring >= 0 && r.left - ring >= 0 && r.bottom + ring <= win.innerHeight && r.right + ring <= win.innerWidth;
}
