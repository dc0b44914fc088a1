import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './host';

/**
 * The real host in its own process, as `npm run serve` runs it (dist/host/serve.js, built by
 * `npm run build`): so that a test can kill it for real (SIGKILL, no chance to write or close
 * anything) and start it again on the same port and data dir, as a crashed facilitator's app or
 * `npm run serve` is restarted.
 */
export interface HostProcessOptions {
  /** Where the host keeps its docs (BOUWPLAATS_DATA_DIR). */
  readonly dataDir: string;
  /** Host this session at once (BOUWPLAATS_LIVE_SESSION …); without it the host waits for the facilitator's app. */
  readonly live?: { readonly sessionId: string; readonly code: string; readonly title?: string };
  /**
   * A file-size limit in 1024-byte blocks (bash's `ulimit -S -f`): once a log would grow past it
   * every write fails with EFBIG, as a full disk fails with ENOSPC (Node ignores SIGXFSZ). Only
   * the soft limit, so that setFileLimit can take it away again from outside.
   */
  readonly fileLimitBlocks?: number;
}

export interface HostProcess {
  /** http://127.0.0.1:<port>; the port stays the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** Process id of the running host (it changes with every restart). */
  pid(): number;
  /** What the host printed, both streams, since the first start. */
  output(): string;
  /** A crash: SIGKILL, then waits until the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data dir, with the same options unless `options` says otherwise. */
  restart(options?: Partial<HostProcessOptions>): Promise<void>;
  /**
   * Sets the running host's file-size limit (soft) to `blocks` of 1024 bytes, or takes it away
   * ('unlimited': the disk has room again). Needs util-linux's prlimit.
   */
  setFileLimit(blocks: number | 'unlimited'): Promise<void>;
  /** SIGKILL if still running. */
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  let log = '';
  let current = options;
  let child = await spawnHost(current, 0, (text) => (log += text));
  const port = Number(new URL(child.url).port);
  const kill = async () => {
    const running = child.process;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  };
  return {
    url: child.url,
    port,
    pid: () => child.process.pid!,
    output: () => log,
    kill,
    async restart(next) {
      await kill();
      current = { ...current, ...next };
      child = await spawnHost(current, port, (text) => (log += text));
    },
    async setFileLimit(blocks) {
      await run('prlimit', [`--pid=${child.process.pid}`, `--fsize=${blocks === 'unlimited' ? 'unlimited' : blocks * 1024}:`]);
    },
    close: kill,
  };
}

/** Starts serve.js and resolves with its address once it prints it (and, with `live`, the session's code). */
function spawnHost(options: HostProcessOptions, port: number, onOutput: (text: string) => void): Promise<{ process: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', BOUWPLAATS_DATA_DIR: options.dataDir };
  if (options.live) {
    env.BOUWPLAATS_LIVE_SESSION = options.live.sessionId;
    env.BOUWPLAATS_LIVE_CODE = options.live.code;
    env.BOUWPLAATS_LIVE_TITLE = options.live.title ?? 'Bouwplaats';
  }
  const command = options.fileLimitBlocks === undefined ? 'exec node dist/host/serve.js' : `ulimit -S -f ${options.fileLimitBlocks}; exec node dist/host/serve.js`;
  const child = spawn('bash', ['-c', command], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const ready = options.live ? /Code: / : /Bouwplaats draait op/;
    const timer = setTimeout(() => fail(new Error(`the host did not start within ${START_TIMEOUT_MS} ms: ${out}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      onOutput(text);
      const url = /Bouwplaats draait op (http:\/\/\S+)/.exec(out)?.[1];
      if (url && ready.test(out)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ process: child, url });
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the host exited (${code}): ${out}`));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${err}`))));
  });
}
