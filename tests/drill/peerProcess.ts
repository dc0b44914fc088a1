import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as LaptopModule from './laptop';
import { installNodeLaptop } from './nodeLaptop';
import type { Answer, Envelope, PeerRequest } from './protocol';

/**
 * A Node process holding laptops of the drill (dist/host/drill-peer.js, forked by the runner),
 * at most one per group: laptops of one process would sync over BroadcastChannel rather than
 * WebRTC if they shared a board. Each laptop is its own instance of dist/host/drill-laptop.cjs
 * (laptop.ts), loaded afresh, so each has its own y-webrtc with its own signaling socket.
 */

installNodeLaptop();
// y-websocket adds a process 'exit' listener per provider (to say goodbye to the others): two per
// laptop, a dozen laptops in a process. Expected here, not a leak.
process.setMaxListeners(64);

const here = path.dirname(fileURLToPath(import.meta.url));
const LAPTOP_MODULE = path.join(here, 'drill-laptop.cjs');
const requireHere = createRequire(import.meta.url);

/**
 * A fresh instance of the laptop module. Yjs says on stderr when it is loaded a second time in a
 * process, because Yjs objects of two copies must not meet; here they never do (laptops exchange
 * bytes over the network only), so that one line is held back while the copy loads.
 */
function freshLaptopModule(): typeof LaptopModule {
  delete requireHere.cache[LAPTOP_MODULE];
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Yjs was already imported')) error(...args);
  };
  try {
    return requireHere(LAPTOP_MODULE) as typeof LaptopModule;
  } finally {
    console.error = error;
  }
}

const laptops: LaptopModule.Laptop[] = [];
/** Event-loop delay from `watch-loop` (the start of editing) on: a busy or starved process shows here. */
const loop = monitorEventLoopDelay({ resolution: 10 });
const ms = (ns: number) => ns / 1e6;

async function handle(request: PeerRequest): Promise<unknown> {
  switch (request.type) {
    case 'join':
      for (const spec of request.peers) laptops.push(await freshLaptopModule().openParticipant(request.hostUrl, request.code, request.sessionId, spec));
      return null;
    case 'bench-join':
      laptops.push(await freshLaptopModule().openBenchLaptop(request.hostUrl, request.code, request.token, request.docName, request.seat));
      return null;
    case 'bench-send': {
      if (!laptops[0]) throw new Error('bench-send before bench-join');
      return laptops[0].send(request);
    }
    case 'status':
      return laptops.map((l) => l.status());
    case 'watch-loop':
      loop.reset();
      loop.enable();
      return null;
    case 'edit':
      await Promise.all(laptops.map((l) => l.edit(request.until, request.pace)));
      return null;
    case 'fingerprints':
      return laptops.map((l) => ({ key: l.status().key, fingerprint: l.fingerprint() }));
    case 'report':
      loop.disable();
      return { peers: laptops.map((l) => l.report()), memory: process.memoryUsage(), loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } };
    case 'now':
      return performance.timeOrigin + performance.now();
    case 'leave':
      for (const l of laptops) l.destroy();
      // Node peers keep the process alive after destroy() (NOTES-machine.md): end it.
      setTimeout(() => process.exit(0), 200);
      return null;
  }
}

process.on('message', (message: Envelope) => {
  handle(message.request).then(
    (value) => process.send?.({ id: message.id, ok: true, value } satisfies Answer),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
  );
});
// The runner gone (killed, crashed): go too, never linger as an orphan peer.
process.on('disconnect', () => process.exit(0));
