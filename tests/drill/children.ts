import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, Envelope, PeerRequest } from './protocol';

/**
 * The runner's side of a Node peer process (peerProcess.ts, built to dist/host/drill-peer.js by
 * `npm run build`): fork, ask, and end it — always, also when the drill fails.
 */

/** The repository root, from tests/drill/ (sources) or dist/host/ (the built runner). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PEER_SCRIPT = path.join(ROOT, 'dist', 'host', 'drill-peer.js');

const CALL_TIMEOUT_MS = 120_000;

export interface PeerProcess {
  readonly pid: number;
  call<T>(request: PeerRequest, timeoutMs?: number): Promise<T>;
  /** Asks it to leave (every connection closed), then SIGKILL if it has not exited within 3 s. */
  end(): Promise<void>;
}

export function startPeerProcess(): PeerProcess {
  if (!existsSync(PEER_SCRIPT)) throw new Error(`${PEER_SCRIPT} is missing: run \`npm run build\` first.`);
  // execArgv []: not the test runner's loader flags; the peer is plain built JavaScript.
  // DRILL_CPU_PROF=<dir>: each peer process writes a V8 CPU profile there when it leaves.
  const profileDir = process.env.DRILL_CPU_PROF;
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = fork(PEER_SCRIPT, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the peer process did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on('message', (answer: Answer) => {
    const waiter = waiting.get(answer.id);
    if (!waiter) return;
    waiting.delete(answer.id);
    if (answer.ok) waiter.resolve(answer.value);
    else waiter.reject(new Error(`peer process ${pid}: ${answer.error}`));
  });
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`peer process ${pid} exited`));
    waiting.clear();
  });
  let ended: Promise<void> | null = null;
  return {
    pid,
    call<T>(request: PeerRequest, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`peer process ${pid}: ${request.type} took over ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        if (!child.connected) {
          waiting.get(id)?.reject(new Error(`peer process ${pid} is gone`));
          return;
        }
        child.send({ id, request } satisfies Envelope);
      });
    },
    end() {
      ended ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          if (child.connected) child.send({ id: 0, request: { type: 'leave' } } satisfies Envelope);
          const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
          if (!gone) child.kill('SIGKILL');
        }
        await exited;
      })();
      return ended;
    },
  };
}
