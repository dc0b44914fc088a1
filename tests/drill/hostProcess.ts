import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The facilitator's LAN host in a Node process of its own, started exactly as `npm run serve`
 * starts it (dist/host/serve.js: startHost + LiveController + the loopback control a facilitator's
 * browser uses), so that its CPU and memory are its own in /proc.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVE_SCRIPT = path.join(ROOT, 'dist', 'host', 'serve.js');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

export interface HostProcess {
  readonly pid: number;
  readonly url: string;
  /** Warnings and errors it printed (stderr), for the report. */
  readonly stderr: string[];
  /** SIGTERM (it closes every socket and writes every doc), SIGKILL after 15 s. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startHostProcess(dataDir: string): Promise<HostProcess> {
  for (const file of [SERVE_SCRIPT, path.join(RENDERER_DIR, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  }
  const child = spawn(process.execPath, [SERVE_SCRIPT], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOUWPLAATS_DATA_DIR: dataDir, BOUWPLAATS_RENDERER_DIR: RENDERER_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the host did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  child.stdout.setEncoding('utf8');
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS))]);
        if (!gone) child.kill('SIGKILL');
      }
      await exited;
    })();
    return stopping;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`the host printed no address within ${START_TIMEOUT_MS} ms:\n${seen}${stderr.join('\n')}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: string) => {
        seen += chunk;
        const match = /draait op (http:\/\/\S+)/.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(() => reject(new Error(`the host exited: ${stderr.join('\n')}`)));
    });
    // Keep reading, so a full pipe never blocks it.
    child.stdout.resume();
    return { pid, url, stderr, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
