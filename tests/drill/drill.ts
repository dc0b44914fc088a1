import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { readStoredDoc } from '../../electron/host/docStore';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { readNotes } from '../../shared/schema/note';
import { ParticipantPage, startFacilitator, type FacilitatorPage, type PageConnections } from './browsers';
import { startPeerProcess, type PeerProcess } from './children';
import { startHostProcess, type HostProcess } from './hostProcess';
import { HUMAN_PACE, type Pace } from './human';
import { machineBusy } from '../bench/cpu';
import { cpuSecondsOf, cpuSecondsOfGroup, pssOfGroup, rssOf, sampler } from './procStats';
import { clock, fingerprint, type Arrival, type PeerSpec, type PeerStatus, type ProcessReport } from './protocol';
import { DOMAINS_AROUND, personName } from './texts';
import { checkWritten, latencies } from './check';

/**
 * The load drill (issue 10): one live session of `groups` groups × `perGroup` laptops plus the
 * facilitator, on this machine, everyone editing for `seconds`; then every board must be the same
 * on every laptop, on the facilitator's and on the host's disk, with nothing anyone wrote missing.
 *
 * - The host: dist/host/serve.js in its own process (hostProcess.ts), as `npm run serve`.
 * - The facilitator: the built renderer in its own Chromium; it creates the session, puts it live
 *   and watches "Alle huizen" (its app follows every board as it does today).
 * - `browsers` participants: the built renderer, each its own Chromium, joined through the QR link,
 *   writing with the keyboard (seat 1 of groups 1, 2, …).
 * - Everyone else: Node laptops (peerProcess.ts), one process per seat, one laptop per group in each.
 *
 * Measures and never asserts: the caller (npm run drill, the e2e test) decides what must hold.
 */

export interface DrillConfig {
  readonly groups: number;
  readonly perGroup: number;
  readonly seconds: number;
  /** Participants in real Chromium pages (besides the facilitator's page). */
  readonly browsers: number;
  readonly pace: Pace;
  /** How long every laptop may take to reach its group's WebRTC mesh and the relay. */
  readonly connectTimeoutMs: number;
  /** How long the copies may take to agree after the last edit. */
  readonly settleTimeoutMs: number;
  /** Where to save what the facilitator and the first participant page show at the end (PNG); none when absent. */
  readonly screenshotDir?: string;
  readonly log: (line: string) => void;
}

/** DRILL_GROUPS (12), DRILL_PER_GROUP (8), DRILL_SECONDS (180), DRILL_BROWSERS (2): the issue's room. */
export function drillConfigFromEnv(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): DrillConfig {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return value;
  };
  const groups = int('DRILL_GROUPS', 12, 1, 30);
  const perGroup = int('DRILL_PER_GROUP', 8, 2, 16);
  return {
    groups,
    perGroup,
    seconds: int('DRILL_SECONDS', 180, 5, 3600),
    browsers: int('DRILL_BROWSERS', Math.min(2, groups), 0, groups),
    pace: HUMAN_PACE,
    connectTimeoutMs: 60_000,
    settleTimeoutMs: 60_000,
    log,
  };
}

export interface Usage {
  /** Share of one core over the editing time (100 = one core busy). */
  readonly cpuPercent: number;
  /** Bytes: the highest sample and the last. */
  readonly memoryPeak: number;
  readonly memoryEnd: number;
}

export interface DrillResult {
  readonly config: Omit<DrillConfig, 'log'>;
  readonly chromium: string;
  readonly load: { readonly before: number; readonly during: number[]; readonly after: number };
  readonly connectMs: number;
  /** WebRTC connections of each Node laptop on its board, when editing began. */
  readonly webrtcAtStart: number[];
  readonly editSeconds: number;
  /**
   * Cores busy while everyone edited (of os.cpus().length): the whole machine, the drill's own
   * processes (host, laptops, Chromiums, this runner), and the rest (other work on the machine).
   */
  readonly machine: { readonly busy: number; readonly drill: number; readonly others: number };
  readonly edits: { readonly node: number; readonly pages: number };
  /** Note added → in the doc of another laptop of its group (ms), from Node laptops and from pages. */
  readonly latency: { readonly fromNode: number[]; readonly fromPages: number[]; readonly via: Record<Arrival['via'], number> };
  /** Largest |peer process clock − runner clock| seen, and its round-trip bound. */
  readonly clockSkewMs: number;
  readonly host: Usage & { readonly stderr: string[] };
  /** Per Node peer process: its laptops, memory (RSS) before joining and at the end, CPU. */
  readonly peerProcesses: { readonly laptops: number; readonly rssBefore: number; readonly usage: Usage; readonly loopDelay: ProcessReport['loopDelay'] }[];
  readonly facilitator: Usage & { readonly connections: { readonly atStart: PageConnections; readonly peak: PageConnections; readonly atEnd: PageConnections } };
  readonly participantPages: Usage[];
  /** Boards as the host stored them at the end. */
  readonly boards: { readonly group: string; readonly notes: number }[];
  /** Copies that still differed from the host's disk when settling ended ("Groep 3: laptop 3.4"). */
  readonly differing: string[];
  readonly settleMs: number;
  /** What someone wrote that the host's copy does not hold as they left it. */
  readonly missing: string[];
  readonly writtenNotes: number;
  /** The host's disk after it stopped (SIGTERM) holds the same boards as while live. */
  readonly sameAfterStop: boolean;
}

const TITLE = 'Drill: Zo thuis mogelijk!';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runDrill(config: DrillConfig): Promise<DrillResult> {
  const { log } = config;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bouwplaats-drill-'));
  let host: HostProcess | null = null;
  let facilitator: FacilitatorPage | null = null;
  const pages: ParticipantPage[] = [];
  const processes: PeerProcess[] = [];
  try {
    const loadBefore = os.loadavg()[0]!;
    host = await startHostProcess(dataDir);
    log(`host ${host.url} (pid ${host.pid})`);
    facilitator = await startFacilitator(host.url, TITLE, config.groups);
    const { sessionId, code } = facilitator;
    const groups = await storedGroups(dataDir, sessionId, config.groups);
    log(`session ${sessionId} live with code ${code}, ${groups.length} groups`);

    for (let g = 0; g < config.browsers; g++) {
      pages.push(await ParticipantPage.join(host.url, code, groups[g]!.name, groups[g]!.id, personName(g, 0), 7000 + g));
    }
    const seats = Array.from({ length: config.perGroup }, (_, seat) =>
      groups.flatMap((group, g): PeerSpec[] =>
        seat === 0 && g < config.browsers
          ? []
          : [{ key: `${g + 1}.${seat + 1}`, group: g, groupId: group.id, seat, name: personName(g, seat), domain: DOMAINS_AROUND[(g + seat) % DOMAINS_AROUND.length]!, seed: 1000 * g + seat }],
      ),
    ).filter((specs) => specs.length > 0);
    for (let i = 0; i < seats.length; i++) processes.push(startPeerProcess());
    await Promise.all(processes.map((p) => p.call({ type: 'now' })));
    const rssBefore = await Promise.all(processes.map((p) => rssOf(p.pid)));
    const clockSkewMs = await worstSkew(processes);
    const joinedAt = clock();
    await Promise.all(processes.map((p, i) => p.call({ type: 'join', hostUrl: host!.url, code, sessionId, peers: seats[i]! })));
    const webrtcAtStart = await waitConnected(processes, config);
    const connectMs = clock() - joinedAt;
    log(`${webrtcAtStart.length} Node laptops connected in ${(connectMs / 1000).toFixed(1)} s; WebRTC per laptop ${Math.min(...webrtcAtStart)}–${Math.max(...webrtcAtStart)}`);
    await sleep(2000);

    // ---- editing ----
    const atStart = await facilitator.connections();
    const fac = facilitator;
    const cpuFrom = await cpuNow(host, processes, fac, pages);
    const memory = sampler(
      async () => ({
        host: await rssOf(host!.pid),
        peers: await Promise.all(processes.map((p) => rssOf(p.pid))),
        facilitator: await pssOfGroup(fac.chromium.pid),
        pages: await Promise.all(pages.map((p) => pssOfGroup(p.chromium.pid))),
        connections: await fac.connections(),
        load: os.loadavg()[0]!,
      }),
      2000,
    );
    await Promise.all(processes.map((p) => p.call({ type: 'watch-loop' })));
    const began = clock();
    const until = began + config.seconds * 1000;
    log(`editing for ${config.seconds} s …`);
    await Promise.all([...processes.map((p) => p.call({ type: 'edit', until, pace: config.pace }, config.seconds * 1000 + 120_000)), ...pages.map((p) => p.run(until, config.pace))]);
    const editSeconds = (clock() - began) / 1000;
    const cpuTo = await cpuNow(host, processes, fac, pages);
    const samples = await memory.stop();
    const atEnd = await fac.connections();
    log(`editing done in ${editSeconds.toFixed(0)} s; load ${os.loadavg()[0]!.toFixed(2)}`);

    // ---- settling: every copy the same as the host's disk ----
    const settleFrom = clock();
    let differing: string[] = [];
    let stored: Map<string, Y.Doc> = new Map();
    for (;;) {
      ({ differing, stored } = await compareCopies(dataDir, sessionId, groups, processes, fac, pages));
      if (differing.length === 0 || clock() - settleFrom > config.settleTimeoutMs) break;
      await sleep(500);
    }
    const settleMs = clock() - settleFrom;
    log(differing.length === 0 ? `every copy the same after ${(settleMs / 1000).toFixed(1)} s` : `${differing.length} copies still differ after ${(settleMs / 1000).toFixed(0)} s`);

    if (config.screenshotDir) await screenshots(config.screenshotDir, fac, pages[0]);

    const reports = await Promise.all(processes.map((p) => p.call<ProcessReport>({ type: 'report' })));
    const laptops = reports.flatMap((r) => r.peers);
    const { missing, writtenNotes, pageAdded } = checkWritten(laptops, pages, groups, stored);
    const latency = latencies(laptops, pageAdded);

    const before = new Map([...stored].map(([groupId, doc]) => [groupId, fingerprint(doc)]));
    await host.stop();
    const after = await Promise.all(groups.map(async (g) => fingerprint((await readStoredDoc(dataDir, sessionId, boardDocName(sessionId, g.id))) ?? new Y.Doc())));
    const sameAfterStop = groups.every((g, i) => before.get(g.id) === after[i]);

    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    const total = (c: typeof cpuTo) => c.host + c.runner + c.facilitator + sum(c.peers) + sum(c.pages);
    const busy = (cpuTo.machine - cpuFrom.machine) / editSeconds;
    const drill = (total(cpuTo) - total(cpuFrom)) / editSeconds;
    const usage = (cpu: number, mem: number[]): Usage => ({ cpuPercent: (100 * cpu) / editSeconds, memoryPeak: Math.max(...mem.filter(Number.isFinite)), memoryEnd: mem.filter(Number.isFinite).at(-1) ?? NaN });
    const maxConnections = (key: keyof PageConnections) => Math.max(...samples.map((s) => s.connections[key]));
    return {
      chromium: fac.chromium.browser.version(),
      config: { groups: config.groups, perGroup: config.perGroup, seconds: config.seconds, browsers: config.browsers, pace: config.pace, connectTimeoutMs: config.connectTimeoutMs, settleTimeoutMs: config.settleTimeoutMs },
      load: { before: loadBefore, during: samples.map((s) => s.load), after: os.loadavg()[0]! },
      connectMs,
      webrtcAtStart,
      editSeconds,
      machine: { busy, drill, others: Math.max(0, busy - drill) },
      edits: { node: laptops.reduce((sum, l) => sum + l.edits, 0), pages: pages.reduce((sum, p) => sum + p.edits, 0) },
      latency,
      clockSkewMs,
      host: { ...usage(cpuTo.host - cpuFrom.host, samples.map((s) => s.host)), stderr: host.stderr },
      peerProcesses: processes.map((p, i) => ({
        laptops: seats[i]!.length,
        rssBefore: rssBefore[i]!,
        usage: usage(cpuTo.peers[i]! - cpuFrom.peers[i]!, samples.map((s) => s.peers[i]!)),
        loopDelay: reports[i]!.loopDelay,
      })),
      facilitator: {
        ...usage(cpuTo.facilitator - cpuFrom.facilitator, samples.map((s) => s.facilitator)),
        connections: { atStart, atEnd, peak: { relay: maxConnections('relay'), signaling: maxConnections('signaling'), webrtc: maxConnections('webrtc') } },
      },
      participantPages: pages.map((_, i) => usage(cpuTo.pages[i]! - cpuFrom.pages[i]!, samples.map((s) => s.pages[i]!))),
      boards: groups.map((g) => ({ group: g.name, notes: readNotes(stored.get(g.id) ?? new Y.Doc()).length })),
      differing,
      settleMs,
      missing,
      writtenNotes,
      sameAfterStop,
    };
  } finally {
    await Promise.all(processes.map((p) => p.end().catch(() => undefined)));
    await Promise.all([facilitator, ...pages].map((p) => p?.chromium.close().catch(() => undefined)));
    await host?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What the room looks like at the end: the facilitator's "Alle huizen", a participant's board. */
async function screenshots(dir: string, facilitator: FacilitatorPage, participant: ParticipantPage | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  const options = { animations: 'disabled', caret: 'hide' } as const;
  await facilitator.page.screenshot({ ...options, path: path.join(dir, 'drill-houses.png'), fullPage: true });
  await participant?.page.screenshot({ ...options, path: path.join(dir, 'drill-board.png') });
}

/** The session's groups, once the facilitator's app has synced the session doc to the host's disk. */
async function storedGroups(dataDir: string, sessionId: string, count: number): Promise<Group[]> {
  const deadline = clock() + 30_000;
  for (;;) {
    const doc = await readStoredDoc(dataDir, sessionId, sessionDocName(sessionId), { warn: () => {} });
    const groups = doc ? readGroups(doc) : [];
    if (groups.length >= count) return groups;
    if (clock() > deadline) throw new Error(`the host stored ${groups.length} of ${count} groups in 30 s`);
    await sleep(200);
  }
}

/** Waits until every Node laptop is synced with the relay on both docs and has WebRTC with its group. */
async function waitConnected(processes: readonly PeerProcess[], config: DrillConfig): Promise<number[]> {
  const deadline = clock() + config.connectTimeoutMs;
  for (;;) {
    const statuses = (await Promise.all(processes.map((p) => p.call<PeerStatus[]>({ type: 'status' })))).flat();
    const ready = statuses.every((s) => s.boardRelay && s.sessionRelay && s.webrtc >= config.perGroup - 1);
    if (ready || clock() > deadline) {
      if (!ready) {
        const late = statuses.filter((s) => !(s.boardRelay && s.sessionRelay && s.webrtc >= config.perGroup - 1));
        config.log(`not connected after ${config.connectTimeoutMs / 1000} s (measured anyway): ${late.map((s) => `${s.key} relay ${s.boardRelay ? 'ok' : 'no'}/${s.sessionRelay ? 'ok' : 'no'} WebRTC ${s.webrtc}`).join('; ')}`);
      }
      return statuses.map((s) => s.webrtc);
    }
    await sleep(500);
  }
}

/** Each peer process's clock against this one's, from the quickest of a few round trips. */
async function worstSkew(processes: readonly PeerProcess[]): Promise<number> {
  let worst = 0;
  for (const p of processes) {
    let best = { offset: 0, rtt: Infinity };
    for (let i = 0; i < 5; i++) {
      const sent = clock();
      const theirs = await p.call<number>({ type: 'now' });
      const back = clock();
      if (back - sent < best.rtt) best = { offset: theirs - (sent + back) / 2, rtt: back - sent };
    }
    worst = Math.max(worst, Math.abs(best.offset) + best.rtt / 2);
  }
  return worst;
}

async function cpuNow(host: HostProcess, processes: readonly PeerProcess[], facilitator: FacilitatorPage, pages: readonly ParticipantPage[]) {
  const runner = process.cpuUsage();
  return {
    machine: await machineBusy(),
    runner: (runner.user + runner.system) / 1e6,
    host: await cpuSecondsOf(host.pid),
    peers: await Promise.all(processes.map((p) => cpuSecondsOf(p.pid))),
    facilitator: await cpuSecondsOfGroup(facilitator.chromium.pid),
    pages: await Promise.all(pages.map((p) => cpuSecondsOfGroup(p.chromium.pid))),
  };
}

/** Compares every copy of every board with the host's disk; returns what differs and the host's docs. */
async function compareCopies(
  dataDir: string,
  sessionId: string,
  groups: readonly Group[],
  processes: readonly PeerProcess[],
  facilitator: FacilitatorPage,
  pages: readonly ParticipantPage[],
): Promise<{ differing: string[]; stored: Map<string, Y.Doc> }> {
  const stored = new Map<string, Y.Doc>();
  const onDisk = new Map<string, string>();
  for (const g of groups) {
    const doc = (await readStoredDoc(dataDir, sessionId, boardDocName(sessionId, g.id), { warn: () => {} })) ?? new Y.Doc();
    stored.set(g.id, doc);
    onDisk.set(g.id, fingerprint(doc));
  }
  const differing: string[] = [];
  const prints = (await Promise.all(processes.map((p) => p.call<{ key: string; fingerprint: string }[]>({ type: 'fingerprints' })))).flat();
  for (const { key, fingerprint: print } of prints) {
    const group = groups[Number(key.split('.')[0]) - 1]!;
    if (print !== onDisk.get(group.id)) differing.push(`${group.name}: laptop ${key}`);
  }
  for (const g of groups) if ((await facilitator.boardFingerprint(g.id)) !== onDisk.get(g.id)) differing.push(`${g.name}: the facilitator`);
  for (const p of pages) {
    const group = groups.find((g) => g.id === p.groupId)!;
    if ((await p.boardFingerprint(sessionId)) !== onDisk.get(group.id)) differing.push(`${group.name}: ${p.name}'s browser`);
  }
  return { differing, stored };
}
