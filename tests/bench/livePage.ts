import type { Page } from 'playwright-core';
import type { LiveBenchApi } from './page/liveApi';

/** The live benchmark page (dist/bench/live.html, `window.live`) seen from the runner: its calls and its clock. */

const CALL_TIMEOUT_MS = 120_000;
const clock = () => performance.timeOrigin + performance.now();

/** Calls `window.live[name](...args)` in the page; rejects after two minutes. */
export async function call<K extends keyof LiveBenchApi>(
  page: Page,
  name: K,
  ...args: Parameters<LiveBenchApi[K]>
): Promise<Awaited<ReturnType<LiveBenchApi[K]>>> {
  const run = page.evaluate(
    ({ name, args }) => (window.live[name] as (...a: unknown[]) => unknown)(...args),
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<LiveBenchApi[K]>>>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`live.${name} took over ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The page's clock minus this process's, from the round trip that took least. */
export async function clockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: NaN, rtt: Infinity };
  for (let i = 0; i < 7; i++) {
    const before = clock();
    const theirs = await call(page, 'now');
    const after = clock();
    if (after - before < best.rtt) best = { offset: theirs - (before + after) / 2, rtt: after - before };
  }
  return best;
}
