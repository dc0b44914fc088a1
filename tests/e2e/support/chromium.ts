import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SYNC_PATH_PREFIX } from '../../../shared/live';

/**
 * Debian's Chromium, started by us rather than by Playwright, so that a test can crash it for real
 * (SIGKILL of the whole process group) and start it again on the same profile: that is how the
 * tests prove that a closed lid or a crashed window loses nothing that IndexedDB holds.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const VIEWPORT = { width: 1440, height: 900 } as const;

/** Flags measured on this machine (NOTES-machine.md); the last two let WebRTC use 127.0.0.1. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
  `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
  // Screenshots that compare across runs: no HiDPI scaling, no overlay scrollbars.
  '--force-device-scale-factor=1',
  '--hide-scrollbars',
];

/** Files by which Chromium marks a profile as in use; a killed Chromium leaves them behind. */
const SINGLETON_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'] as const;

const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 15_000;

export interface LaunchOptions {
  /** Profile folder; reuse it across launches to keep IndexedDB. A fresh temp folder when absent. */
  readonly userDataDir?: string;
  readonly headless?: boolean;
  readonly extraArgs?: readonly string[];
  /**
   * Make WebRTC impossible, as behind a corporate firewall: no loopback candidates and no
   * non-proxied UDP, so this browser can reach others only through the host.
   */
  readonly withoutWebRTC?: boolean;
  /**
   * The opposite, once `dropRelay(page)` is called: the host's relay WebSockets (/sync/…) close and
   * cannot open again, as when a proxy or firewall starts to let WebRTC and the signaling socket
   * through but not them; this browser then reaches the host's copy of its board only through the
   * laptops it has WebRTC with. (A laptop needs the relay to join: the session doc comes only from
   * the host, electron/host/roles.ts.)
   */
  readonly withoutRelay?: boolean;
  /**
   * The relay can be dropped while the page runs: `dropRelay(page)` closes this browser's relay
   * sockets and every new one fails (as withoutRelay), while its WebRTC and signaling stay up.
   */
  readonly relayDroppable?: boolean;
}

/** Flags that leave a browser without any usable ICE candidate on this machine. */
const NO_WEBRTC_FLAGS = ['--force-webrtc-ip-handling-policy=disable_non_proxied_udp'] as const;

/**
 * And, as a firewall that lets no peer-to-peer traffic through would: every peer connection may
 * only use relay (TURN) candidates, and there is no TURN server, so ICE never connects. The flag
 * alone is not enough: Chromium still pairs with the other laptops' loopback candidates.
 */
const RELAY_ONLY_ICE = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  class RelayOnly extends Native {
    constructor(config, ...rest) { super({ ...(config || {}), iceTransportPolicy: 'relay' }, ...rest); }
    setConfiguration(config) { return super.setConfiguration({ ...(config || {}), iceTransportPolicy: 'relay' }); }
  }
  window.RTCPeerConnection = RelayOnly;
  window.webkitRTCPeerConnection = RelayOnly;
})();`;

/**
 * Sends every relay socket to a port where nothing listens: it fails as a blocked one does (error,
 * then close), and y-websocket keeps retrying, as it would behind that firewall.
 */
/** See LaunchOptions.withoutRelay: the host's relay sockets never open. */
const NO_RELAY = `(() => {
  const Native = window.WebSocket;
  class NoRelay extends Native {
    constructor(url, protocols) {
      super(String(url).includes('${SYNC_PATH_PREFIX}') ? 'ws://127.0.0.1:9/' : url, protocols);
    }
  }
  window.WebSocket = NoRelay;
})();`;

/** See LaunchOptions.relayDroppable: keeps the page's relay sockets, to close them on demand. */
const DROPPABLE_RELAY = `(() => {
  const Native = window.WebSocket;
  const open = new Set();
  let dropped = false;
  class DroppableRelay extends Native {
    constructor(url, protocols) {
      const relay = String(url).includes('${SYNC_PATH_PREFIX}');
      super(relay && dropped ? 'ws://127.0.0.1:9/' : url, protocols);
      if (relay) {
        open.add(this);
        this.addEventListener('close', () => open.delete(this));
      }
    }
  }
  window.WebSocket = DroppableRelay;
  window.__bouwplaatsDropRelay = () => {
    dropped = true;
    const count = open.size;
    for (const socket of open) socket.close();
    return count;
  };
})();`;

/** Drops the relay of a page launched with `relayDroppable`; returns how many relay sockets it closed. */
export function dropRelay(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __bouwplaatsDropRelay(): number }).__bouwplaatsDropRelay());
}

export interface LaunchedChromium {
  /** Playwright connected over CDP. */
  readonly browser: Browser;
  /** Process id of Chromium's browser process, which also leads its process group. */
  readonly pid: number;
  readonly userDataDir: string;
  /** The first page of the default context, or a new one; its viewport is 1440 × 900. */
  page(): Promise<Page>;
  /** A crash: SIGKILL to every process of this Chromium, then waits until they are all gone. */
  kill(): Promise<void>;
  /** A clean shutdown (Browser.close); removes the profile if launchChromium made it. */
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const { headless = true, extraArgs = [] } = options;
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'bouwplaats-chromium-')));
  await releaseStaleProfileLock(userDataDir);

  const flags = options.withoutWebRTC
    ? [...CHROMIUM_FLAGS.filter((f) => f !== '--allow-loopback-in-peer-connection'), ...NO_WEBRTC_FLAGS]
    : CHROMIUM_FLAGS;
  const args = [
    ...(headless ? ['--headless=new'] : []),
    ...flags,
    '--remote-debugging-port=0',
    `--user-data-dir=${userDataDir}`,
    ...extraArgs,
    'about:blank',
  ];
  // detached: Chromium leads its own process group, so kill() reaches its renderers and zygotes too.
  const child = spawn(CHROMIUM_PATH, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`Chromium did not start (${CHROMIUM_PATH})`);
  }

  let browser: Browser;
  try {
    const wsUrl = await devToolsUrl(child);
    browser = await chromium.connectOverCDP(wsUrl);
  } catch (error) {
    await killGroup(pid, exited);
    if (ownsProfile) await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  let ended = false;
  const end = async (how: 'kill' | 'close') => {
    if (ended) return;
    ended = true;
    if (how === 'close') {
      try {
        const session = await browser.newBrowserCDPSession();
        await session.send('Browser.close').catch(() => undefined);
      } catch {
        // Already gone: killGroup below only waits.
      }
      const gone = await Promise.race([exited.then(() => true), delay(EXIT_TIMEOUT_MS).then(() => false)]);
      if (!gone) await killGroup(pid, exited);
      else await waitForGroupExit(pid);
    } else {
      await killGroup(pid, exited);
    }
    await browser.close().catch(() => undefined);
    if (how === 'close' && ownsProfile) await rm(userDataDir, { recursive: true, force: true });
  };

  return {
    browser,
    pid,
    userDataDir,
    async page() {
      const context = browser.contexts()[0] ?? (await browser.newContext());
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize(VIEWPORT);
      if (options.withoutWebRTC) await page.addInitScript(RELAY_ONLY_ICE);
      if (options.withoutRelay) await page.addInitScript(NO_RELAY);
      if (options.relayDroppable) await page.addInitScript(DROPPABLE_RELAY);
      return page;
    },
    kill: () => end('kill'),
    close: () => end('close'),
  };
}

/** Reads stderr until Chromium prints its DevTools address; keeps draining it afterwards. */
function devToolsUrl(child: ChildProcess): Promise<string> {
  const stderr = child.stderr;
  if (!stderr) return Promise.reject(new Error('Chromium has no stderr pipe'));
  stderr.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let seen = '';
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`${why}\n--- Chromium stderr ---\n${seen.slice(-4000)}`));
    };
    const onData = (chunk: string) => {
      seen += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        cleanup();
        // A full pipe would block Chromium: keep reading, and drop what is read.
        stderr.resume();
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`Chromium exited before it listened for DevTools (code ${code}, signal ${signal})`);
    const timer = setTimeout(() => fail(`Chromium did not print its DevTools address within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      stderr.off('data', onData);
      child.off('exit', onExit);
    };
    stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

async function killGroup(pid: number, exited: Promise<void>): Promise<void> {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  await exited;
  await waitForGroupExit(pid);
}

/**
 * Waits until no live process of the group is left: the browser process may go before its
 * renderers, and a killed child that nobody reaps (PID 1 in a container) lingers as a zombie.
 */
async function waitForGroupExit(pgid: number): Promise<void> {
  const deadline = Date.now() + EXIT_TIMEOUT_MS;
  while (await groupHasLiveProcess(pgid)) {
    if (Date.now() > deadline) throw new Error(`Chromium process group ${pgid} is still alive`);
    await delay(25);
  }
}

async function groupHasLiveProcess(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  // Something answers; on Linux, look past zombies. Elsewhere, trust the signal.
  const entries = await readdir('/proc').catch(() => null);
  if (!entries) return true;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
  }
  return false;
}

/**
 * A killed Chromium leaves SingletonLock (a symlink "host-pid") in its profile, and the next one
 * would refuse the profile. Remove the marks only when the process they name is gone: deleting the
 * lock of a live Chromium would let two processes write one profile.
 */
async function releaseStaleProfileLock(userDataDir: string): Promise<void> {
  const lock = path.join(userDataDir, 'SingletonLock');
  const target = await readlink(lock).catch(() => null);
  if (target !== null) {
    const match = /^(.*)-(\d+)$/.exec(target);
    const owner = match ? Number(match[2]) : NaN;
    if (match?.[1] === hostname() && isAlive(owner)) {
      throw new Error(`Profile ${userDataDir} is in use by a running Chromium (pid ${owner})`);
    }
  }
  await Promise.all(SINGLETON_FILES.map((name) => rm(path.join(userDataDir, name), { force: true })));
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The people of one test file, each a Chromium process of its own (a laptop of their own):
 * `launch()` starts one (options as launchChromium) and returns its page, whose uncaught errors
 * are collected in `errors` (a test asserts it stays empty); `closeAll()` closes every one.
 */
export class People {
  readonly browsers: LaunchedChromium[] = [];
  readonly errors: string[] = [];

  /** Listens for a page's uncaught errors (a popup a person's page opened, say). */
  watch(page: Page): Page {
    page.on('pageerror', (e) => this.errors.push(String(e)));
    return page;
  }

  async launch(options: LaunchOptions = {}): Promise<Page> {
    const browser = await launchChromium(options);
    this.browsers.push(browser);
    return this.watch(await browser.page());
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.browsers.map((b) => b.close().catch(() => {})));
  }
}
