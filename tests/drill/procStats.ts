import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import { cpuOfGroups } from '../bench/cpu';

/**
 * CPU time and memory of the drill's processes, read from /proc (Linux), so each figure is the
 * process's own and not what a process says about itself: the host, each Node peer process, and
 * each Chromium (every process of its process group: browser, GPU, network, renderers).
 */

const TICKS = 100;

/** CPU seconds (user + system) a process has used so far; NaN once it is gone. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return NaN;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU seconds of every live process of a Chromium (its process group). */
export async function cpuSecondsOfGroup(pgid: number): Promise<number> {
  const byKind = await cpuOfGroups([pgid]);
  return Object.values(byKind).reduce((a, b) => a + b, 0);
}

/** Resident memory of a process in bytes (VmRSS); NaN once it is gone. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
}

/**
 * Proportional memory (PSS) of every process of a process group in bytes: shared pages counted once
 * in all, so a Chromium's processes add up to what it really takes.
 */
export async function pssOfGroup(pgid: number): Promise<number> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  let total = 0;
  for (const pid of entries.filter((e) => /^\d+$/.test(e))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
    if (kb !== undefined) total += Number(kb) * 1024;
  }
  return total;
}

/** The 1-minute load average and the number of cores, as "load 1.52 (2 cores)". */
export function loadLine(): string {
  return `${os.loadavg()[0]!.toFixed(2)} (${os.cpus().length} cores)`;
}

/**
 * Samples `read` every `everyMs` until stop() is called; keeps every value (for a peak and an
 * average). Errors in a sample are dropped, never thrown.
 */
export function sampler<T>(read: () => Promise<T>, everyMs: number): { stop(): Promise<T[]> } {
  const values: T[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        values.push(await read());
      } catch {
        /* a process that just ended */
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return values;
    },
  };
}
