import type { Page } from 'playwright-core';

/**
 * What a person has seen on their screen, as the fault drills count it: every note text that
 * appeared in the board's notes panel (the outline beside the house, `.notes-panel`), reported by
 * the page the moment the DOM shows it (a MutationObserver, before the next paint) and kept here in
 * the test's process, so it outlives a browser that is killed a moment later.
 *
 * Call before the page goes to the board (the observer is an init script); call again for every
 * new page, e.g. after a browser was killed and started again. Only texts that match `pattern`
 * count (the drill's own labels, not "(leeg)").
 */
export async function watchShown(page: Page, seen: Set<string>, pattern: RegExp): Promise<void> {
  await page.exposeBinding('__bouwplaatsShown', (_source, texts: unknown) => {
    if (!Array.isArray(texts)) return;
    for (const text of texts) if (typeof text === 'string' && pattern.test(text)) seen.add(text);
  });
  await page.addInitScript(OBSERVER);
}

/** Runs in the page: reports each text the first time the notes panel shows it. */
const OBSERVER = `(() => {
  const reported = new Set();
  const report = () => {
    const fresh = [];
    for (const el of document.querySelectorAll('.notes-panel .panel-note .clamp')) {
      const text = el.textContent;
      if (text && !reported.has(text)) {
        reported.add(text);
        fresh.push(text);
      }
    }
    if (fresh.length > 0) window.__bouwplaatsShown(fresh);
  };
  const start = () => new MutationObserver(report).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();`;
