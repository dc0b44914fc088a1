import type { Page } from 'playwright-core';

/**
 * What a person has seen on their screen, as the fault drills count it, kept in the test's process
 * so that it outlives a browser killed a moment later:
 * - `shown`: every note text that appeared in the board's notes panel (the outline beside the
 *   house), reported by the page the moment the DOM shows it (a MutationObserver, before the next
 *   paint);
 * - `saved`: those the screen also said were kept: shown while the board's save state read
 *   "Alles bewaard" (this laptop's IndexedDB holds them).
 */
export interface ShownLog {
  readonly shown: Set<string>;
  readonly saved: Set<string>;
}

/**
 * Starts reporting into `log`. Call before the page goes to the board (the observer is an init
 * script), and again for every new page, e.g. after a browser was killed and started again. Only
 * texts that match `pattern` count (the drill's own labels, not "(leeg)"). `onShown` hears each
 * new text as it comes (a drill that kills the browser the moment a note is on screen).
 */
export async function watchShown(page: Page, log: ShownLog, pattern: RegExp, onShown?: (text: string) => void): Promise<void> {
  await page.exposeBinding('__bouwplaatsShown', (_source, report: unknown) => {
    const { shown, saved } = (report ?? {}) as { shown?: unknown; saved?: unknown };
    for (const text of Array.isArray(saved) ? saved : []) if (typeof text === 'string' && pattern.test(text)) log.saved.add(text);
    for (const text of Array.isArray(shown) ? shown : []) {
      if (typeof text !== 'string' || !pattern.test(text) || log.shown.has(text)) continue;
      log.shown.add(text);
      onShown?.(text);
    }
  });
  await page.addInitScript(OBSERVER);
}

/** Runs in the page: reports each text the first time the notes panel shows it, and again once it is shown saved. */
const OBSERVER = `(() => {
  const shown = new Set();
  const saved = new Set();
  const report = () => {
    const fresh = [];
    const kept = [];
    const isSaved = document.querySelector('.save-state.saved') !== null;
    for (const el of document.querySelectorAll('.notes-panel .panel-note .clamp')) {
      const text = el.textContent;
      if (!text) continue;
      if (!shown.has(text)) {
        shown.add(text);
        fresh.push(text);
      }
      if (isSaved && !saved.has(text)) {
        saved.add(text);
        kept.push(text);
      }
    }
    if (fresh.length > 0 || kept.length > 0) window.__bouwplaatsShown({ shown: fresh, saved: kept });
  };
  const start = () => new MutationObserver(report).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();`;
