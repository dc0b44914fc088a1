import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';

/**
 * CPU time used by Chromium's processes, by kind, read from /proc (Linux): which part of a browser
 * (page renderers, the GPU process that composites in software under --disable-gpu, the network
 * service, the browser process) the machine's cores went to during a run.
 */

export type ProcessKind = 'renderer' | 'gpu' | 'network' | 'browser' | 'other';
export type CpuByKind = Record<ProcessKind, number>;

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function kindOf(cmdline: string): ProcessKind {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'renderer') return 'renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility' && cmdline.includes('NetworkService')) return 'network';
  return 'other';
}

/** CPU seconds (user + system) so far of every live process in the given process groups, by kind. */
export async function cpuOfGroups(pgids: readonly number[]): Promise<CpuByKind> {
  const total: CpuByKind = { renderer: 0, gpu: 0, network: 0, browser: 0, other: 0 };
  for (const { kind, fields } of await processesOfGroups(pgids)) {
    total[kind] += (Number(fields[11]) + Number(fields[12])) / clockTicks();
  }
  return total;
}

/** Every live process in the given process groups: its pid, kind and /proc/<pid>/stat fields after "(comm)". */
async function processesOfGroups(pgids: readonly number[]): Promise<{ pid: string; kind: ProcessKind; fields: string[] }[]> {
  const groups = new Set(pgids);
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found = await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (pid) => {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
        // "pid (comm) state ppid pgrp … utime stime …"; comm may contain spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (!groups.has(Number(fields[2]))) return null;
        const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' ');
        return { pid, kind: kindOf(cmdline), fields };
      }),
  );
  return found.filter((p) => p !== null);
}

export function cpuSince(before: CpuByKind, after: CpuByKind): CpuByKind {
  const kinds = Object.keys(before) as ProcessKind[];
  return Object.fromEntries(kinds.map((k) => [k, Math.max(0, after[k] - before[k])])) as CpuByKind;
}

/** CPU seconds the whole machine has spent busy so far (every core; /proc/stat, Linux). */
export async function machineBusy(): Promise<number> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const fields = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const busy = fields.reduce((sum, v, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + (v || 0)), 0);
  return busy / clockTicks();
}

/** CPU seconds so far by process kind and thread name ("renderer/CrRendererMain"), over the given process groups. */
export async function cpuByThread(pgids: readonly number[]): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const { pid, kind } of await processesOfGroups(pgids)) {
    const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const tid of tasks) {
      const t = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
      const name = t.slice(t.indexOf('(') + 1, t.lastIndexOf(')')).replace(/\d+$/, '');
      const fields = t.slice(t.lastIndexOf(')') + 2).split(' ');
      const key = `${kind}/${name}`;
      total.set(key, (total.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / clockTicks());
    }
  }
  return total;
}

/** The threads that used the most CPU between two readings of cpuByThread, as "name seconds". */
export function topThreads(before: Map<string, number>, after: Map<string, number>, count = 8): [string, number][] {
  return [...after.entries()]
    .map(([key, s]): [string, number] => [key, s - (before.get(key) ?? 0)])
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}
