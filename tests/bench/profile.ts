import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { OUT_DIR, PAGE_DIR } from './paths';
import { SourceMap } from './sourcemap';

/**
 * BENCH_PROFILE=1: a CPU profile of a page while it does one thing, written to bench-results/ and
 * summarised as the functions with the most self time, named from the bench pages' source maps.
 */

export const PROFILE = process.env.BENCH_PROFILE === '1';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** What profiled() found, in the order it ran; printed by the runner at the end. */
export const profileSummaries: string[] = [];

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession, name: string): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await writeFile(path.join(OUT_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  profileSummaries.push(await summariseProfile(name, profile));
}

/** Runs `fn` under the profiler when BENCH_PROFILE=1, else just runs it. */
export async function profiled<T>(cdp: CDPSession, name: string, fn: () => Promise<T>): Promise<T> {
  if (!PROFILE) return fn();
  await startProfile(cdp);
  const result = await fn();
  await stopProfile(cdp, name);
  return result;
}

const sourceMaps = new Map<string, Promise<SourceMap | null>>();

/** The page's own functions by their source name and place (the bundle is minified). */
async function frameName(frame: ProfileNode['callFrame']): Promise<string> {
  const name = frame.functionName || '(anonymous)';
  const file = frame.url ? path.basename(frame.url.split('?')[0]!) : '';
  if (!file) return name;
  if (!sourceMaps.has(file)) sourceMaps.set(file, SourceMap.load(path.join(PAGE_DIR, 'assets', `${file}.map`)).catch(() => null));
  const original = (await sourceMaps.get(file))?.lookup(frame.lineNumber, frame.columnNumber);
  if (!original) return `${name} ${file}:${frame.lineNumber + 1}`;
  return `${original.name ?? name} ${original.source}:${original.line}`;
}

/** Self time per function, the top 15: where an interaction's main-thread time goes. */
async function summariseProfile(name: string, profile: CpuProfile): Promise<string> {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    total += dt;
    selfById.set(id, (selfById.get(id) ?? 0) + dt);
  });
  const self = new Map<string, number>();
  for (const [id, ms] of selfById) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) continue;
    const key = await frameName(frame);
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  const lines = top.map(([key, ms]) => `  ${ms.toFixed(0).padStart(6)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
  return `${name} (${total.toFixed(0)} ms sampled):\n${lines.join('\n')}`;
}
